"""What the report of `experiments.table3` says about its LMs and what the taggers copy."""

import argparse

import pytest

from experiments import table3_report
from tests.conftest import ROOT


@pytest.mark.parametrize(
    "parts, lm_alone, copied",
    [
        (None, False, "the embeddings and that direction's LSTM come from this BiLM"),
        ("lstms", False, "that direction's LSTM comes from this BiLM"),
        ("chars+lstms", False, "the character embeddings and CNN and that direction's LSTM come"),
        ("words", False, "the word embeddings come from this BiLM (trained jointly"),
        (None, True, "the embeddings and the LSTM of a forward LM and of a backward LM"),
        ("lstms", True, "rows: the LSTM of a forward LM and of a backward LM"),
    ],
)
def test_the_report_says_which_parts_a_one_direction_row_copies(parts, lm_alone, copied, tmp_path):
    args = argparse.Namespace(transfer_parts=parts, lm_alone=lm_alone, root=tmp_path)
    note = table3_report.one_direction_note(args)
    assert copied in note
    rest = "; both LSTMs start random." if parts == "words" else "; the other LSTM starts random."
    assert rest in note


def test_the_report_says_how_an_lm_was_trained(tmp_path):
    # The committed config.json and metrics.json of a forward LM trained alone (10 epochs, 14 min).
    lm = ROOT / "results" / "table3_ncbi_heldout_lm_alone" / "pretrained_forward_lm"
    assert table3_report.lm_training(lm / "model.tar.gz") == (
        "full softmax, float32; 10 epochs, 14 min, devel perplexity 121.2, devel held out"
    )
    assert table3_report.lm_training(tmp_path / "made_elsewhere" / "model.tar.gz") == ""


@pytest.mark.parametrize(
    "train, read",
    [("d/train.tsv,d/devel.tsv", True), ("d/standoff/train", True), ("d/train.tsv", False)],
)
def test_the_report_says_whether_the_bilm_read_devel(train, read):
    config = {"train_data_path": train, "validation_data_path": "d/devel.tsv"}
    said = table3_report.bilm_devel(config)
    assert said == ("devel being part of its training text" if read else "devel held out")
