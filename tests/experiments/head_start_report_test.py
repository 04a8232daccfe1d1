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


def test_the_report_names_the_probes_machines_not_its_own(tmp_path):
    runs = [
        {"condition": "none", "seed": 1, "devel_f1": [0.7], "bilm_epoch": None, "machine": "B"},
        {"condition": "bilm", "seed": 1, "devel_f1": [0.8], "bilm_epoch": 3, "machine": "A"},
        {"condition": "bilm", "seed": 2, "devel_f1": [0.8], "bilm_epoch": 3, "machine": "A"},
    ]
    args = argparse.Namespace(bilm=tmp_path, epochs=1, held_out="h.tsv", word_vectors=None)
    first = head_start_report.report_text(runs, [], args).splitlines()[0]
    assert "; machine of the probes: A; B; commit " in first
    assert head_start_report.probe_machines([{"condition": "none"}]) == "not recorded"
