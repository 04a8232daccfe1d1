import argparse
import pathlib
import re

import pytest
from allennlp.common import Params

from experiments import head_start
from tests.conftest import CONFIGS, FIXTURES, NCBI_FIXTURES, build_from_config


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
    lstms = head_start.initializer_regexes(config, archive, "lstms", [])
    assert lstms[0][0] == r"^_encoder\.(forward|backward)_lstm\..*" and lstms[1:] == shipped


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
    assert "| bilm | 10 | 75.00 | 75.00 | +5.00 (+5.00) | +5.00 (+5.00) | 10.0 |" in text
    # Against none under the same change, and against the plain none a shipped change meets.
    assert "| bilm+zero_decoder | 10 | 80.00 | 80.00 | +8.00 (+8.00) | +10.00 (+10.00) |" in text
    assert "| none+zero_decoder |  | 72.00 | 72.00 |  | +2.00 (+2.00) | 10.0 |" in text
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


def test_learning_rate_factors_are_parameter_groups():
    config = str(CONFIGS / "ncbi_ner.jsonnet")
    assert head_start.parse_condition("bilm+lstmlr0.1") == ("bilm", None, ["lstmlr0.1"])
    assert head_start.parameter_groups(config, ["zero_decoder"]) is None
    groups = head_start.parameter_groups(config, ["lstmlr0.1"])
    assert groups == [[[head_start.LSTMS], {"lr": pytest.approx(0.0001)}]]
    groups = head_start.parameter_groups(config, ["headlr10", "lstmlr3"])
    assert groups == [
        [[head_start.LSTMS], {"lr": pytest.approx(0.003)}],
        [[head_start.HEAD], {"lr": pytest.approx(0.01)}],
    ]


def test_the_head_group_names_the_taggers_decoder_and_crf():
    config = FIXTURES / "configs" / "tiny_ner_no_pretraining.jsonnet"
    _, _, model = build_from_config(config, str(NCBI_FIXTURES / "train.tsv"))
    head = [name for name, _ in model.named_parameters() if re.match(head_start.HEAD, name)]
    assert head and all(name.startswith(("tag_projection_layer.", "crf.")) for name in head)
    assert any(name.startswith("crf.") for name in head)


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


def test_the_silent_fast_head_probe_is_the_configs_transfer_head(monkeypatch):
    # `bilm+zero_decoder+headlr10` probes what TRANSFER_HEAD=silent_fast ships.
    archive = pathlib.Path("/some/bilm")
    config = str(CONFIGS / "ncbi_ner.jsonnet")
    modifiers = ["zero_decoder", "headlr10"]
    probed_regexes = head_start.initializer_regexes(config, archive, "bilm", modifiers)
    probed_groups = head_start.parameter_groups(config, modifiers)
    monkeypatch.setenv("TRANSFER_HEAD", "silent_fast")
    shipped = Params.from_file(config, ext_vars={"BILM_ARCHIVE": str(archive)}).as_dict()
    assert shipped["model"]["initializer"]["regexes"] == probed_regexes
    assert shipped["trainer"]["optimizer"]["parameter_groups"] == probed_groups
