import argparse
import pathlib

import pytest

from experiments import head_start
from tests.conftest import CONFIGS


def test_conditions_name_a_transfer_an_epoch_and_modifiers():
    assert head_start.parse_condition("bilm") == ("bilm", None, [])
    assert head_start.parse_condition("forward@3+zero_decoder") == ("forward", 3, ["zero_decoder"])
    for bad in ("bilm@x", "everything", "bilm+warmup"):
        with pytest.raises(argparse.ArgumentTypeError, match=bad.split("@")[0].split("+")[0]):
            head_start.parse_condition(bad)


def test_initializers_are_the_shipped_configs_changed_only_as_named():
    archive = pathlib.Path("/some/bilm")
    config = str(CONFIGS / "ncbi_ner_no_pretraining.jsonnet")
    shipped = head_start.initializer_regexes(config, archive, "none", [])
    regexes = head_start.initializer_regexes(config, archive, "embedder", ["zero_decoder"])
    assert regexes[0] == [r"^tag_projection_layer\..*", {"type": "zero"}]
    assert regexes[1][0] == r"^_text_field_embedder\..*"
    assert regexes[1][1] == {
        "type": "bilm_transfer",
        "archive_file": str(archive),
        "directions": "both",
    }
    assert regexes[2:] == shipped and not any("bilm_transfer" in str(r) for r in shipped)


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
    text = head_start.report_text(results, [], args)
    assert "| bilm | 10 | 75.00 | 75.00 | +5.00 (+5.00) | 10.0 |" in text
    assert "| bilm+zero_decoder | 10 | 80.00 | 80.00 | +8.00 (+8.00) | 10.0 |" in text
    assert "word vectors: v.bin." in text


def test_a_warmup_freezes_what_the_condition_transfers():
    archive = pathlib.Path("/some/bilm")
    config = str(CONFIGS / "ncbi_ner_no_pretraining.jsonnet")
    assert head_start.parse_condition("bilm+warmup40") == ("bilm", None, ["warmup40"])
    regexes = head_start.initializer_regexes(config, archive, "embedder", ["warmup40"])
    assert head_start.warmup_callbacks(regexes, []) is None
    callbacks = head_start.warmup_callbacks(regexes, ["warmup40"])
    assert callbacks == [
        {"type": "rng_checkpoint"},
        {"type": "head_warmup", "parameter_regex": r"^_text_field_embedder\..*", "num_batches": 40},
    ]


def test_a_lower_lstm_learning_rate_is_a_parameter_group():
    config = str(CONFIGS / "ncbi_ner.jsonnet")
    assert head_start.parse_condition("bilm+lstmlr0.1") == ("bilm", None, ["lstmlr0.1"])
    assert head_start.lstm_learning_rate(config, ["zero_decoder"]) is None
    groups = head_start.lstm_learning_rate(config, ["lstmlr0.1"])
    assert groups == [[[head_start.LSTMS], {"lr": pytest.approx(0.0001)}]]


def test_a_scaled_decoder_is_xavier_with_that_gain_before_the_shipped_initializers():
    archive = pathlib.Path("/some/bilm")
    config = str(CONFIGS / "ncbi_ner_no_pretraining.jsonnet")
    assert head_start.parse_condition("bilm+decoder0.015") == ("bilm", None, ["decoder0.015"])
    shipped = head_start.initializer_regexes(config, archive, "none", [])
    regexes = head_start.initializer_regexes(config, archive, "none", ["decoder0.015"])
    assert regexes == [
        [r"^tag_projection_layer\..*weight$", {"type": "xavier_uniform", "gain": 0.015}],
        *shipped,
    ]
