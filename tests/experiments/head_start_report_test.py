"""The head-start report: each condition against no transfer, seed by seed."""

import argparse

from experiments import head_start_report


def test_the_report_compares_with_no_transfer_under_the_same_modifiers(tmp_path):
    def result(condition, seed, f1):
        epoch = None if condition.startswith("none") else 10
        return {"condition": condition, "seed": seed, "devel_f1": [f1], "bilm_epoch": epoch,
                "batch_losses": [10.0] * 5}  # fmt: skip

    results = [
        result("none", 1, 0.70), result("bilm", 1, 0.75),
        result("none+zero_decoder", 1, 0.72), result("bilm+zero_decoder", 1, 0.80),
    ]  # fmt: skip
    args = argparse.Namespace(
        bilm=tmp_path, epochs=1, held_out="held-out.tsv", word_vectors="v.bin"
    )
    text = head_start_report.report_text(results, [], args)
    assert "| bilm | 10 | 75.00 | 75.00 | +5.00 (+5.00) | +5.00 (+5.00) | 10.0 |" in text
    # Against none under the same change, and against the plain none a shipped change meets.
    assert "| bilm+zero_decoder | 10 | 80.00 | 80.00 | +8.00 (+8.00) | +10.00 (+10.00) |" in text
    assert "| none+zero_decoder |  | 72.00 | 72.00 |  | +2.00 (+2.00) | 10.0 |" in text
    assert "word vectors: v.bin." in text
