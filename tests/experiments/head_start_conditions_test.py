"""The head-start probes' conditions: what each changes in the shipped tagger config."""

import argparse
import pathlib
import re

import pytest
from allennlp.common import Params

from experiments import head_start_conditions as conditions
from tests.conftest import CONFIGS, FIXTURES, NCBI_FIXTURES, build_from_config


def test_conditions_name_a_transfer_an_epoch_and_modifiers():
    assert conditions.parse_condition("bilm") == ("bilm", None, [])
    assert conditions.parse_condition("forward@3+zero_decoder") == ("forward", 3, ["zero_decoder"])
    for bad in ("bilm@x", "everything", "bilm+warmup"):
        with pytest.raises(argparse.ArgumentTypeError, match=bad.split("@")[0].split("+")[0]):
            conditions.parse_condition(bad)


def test_initializers_are_the_shipped_configs_changed_only_as_named():
    archive = pathlib.Path("/some/bilm")
    config = str(CONFIGS / "ncbi_ner_no_pretraining.jsonnet")
    shipped = conditions.initializer_regexes(config, archive, "none", [])
    regexes = conditions.initializer_regexes(config, archive, "embedder", ["zero_decoder"])
    assert regexes[0] == [r"^tag_projection_layer\..*", {"type": "zero"}]
    assert regexes[1][0] == r"^_text_field_embedder\..*"
    assert regexes[1][1] == {
        "type": "bilm_transfer",
        "archive_file": str(archive),
        "directions": "both",
    }
    assert regexes[2:] == shipped and not any("bilm_transfer" in str(r) for r in shipped)
    lstms = conditions.initializer_regexes(config, archive, "lstms", [])
    assert lstms[0][0] == r"^_encoder\.(forward|backward)_lstm\..*" and lstms[1:] == shipped


def test_a_warmup_freezes_what_the_condition_transfers():
    archive = pathlib.Path("/some/bilm")
    config = str(CONFIGS / "ncbi_ner_no_pretraining.jsonnet")
    assert conditions.parse_condition("bilm+warmup40") == ("bilm", None, ["warmup40"])
    regexes = conditions.initializer_regexes(config, archive, "embedder", ["warmup40"])
    assert conditions.warmup_callbacks(regexes, []) is None
    callbacks = conditions.warmup_callbacks(regexes, ["warmup40"])
    assert callbacks == [
        {"type": "rng_checkpoint"},
        {"type": "head_warmup", "parameter_regex": r"^_text_field_embedder\..*", "num_batches": 40},
    ]


def test_learning_rate_factors_are_parameter_groups():
    config = str(CONFIGS / "ncbi_ner.jsonnet")
    assert conditions.parse_condition("bilm+lstmlr0.1") == ("bilm", None, ["lstmlr0.1"])
    assert conditions.parameter_groups(config, ["zero_decoder"]) is None
    groups = conditions.parameter_groups(config, ["lstmlr0.1"])
    assert groups == [[[conditions.LSTMS], {"lr": pytest.approx(0.0001)}]]
    groups = conditions.parameter_groups(config, ["headlr10", "lstmlr3"])
    assert groups == [
        [[conditions.LSTMS], {"lr": pytest.approx(0.003)}],
        [[conditions.HEAD], {"lr": pytest.approx(0.01)}],
    ]


def test_the_head_group_names_the_taggers_decoder_and_crf():
    config = FIXTURES / "configs" / "tiny_ner_no_pretraining.jsonnet"
    _, _, model = build_from_config(config, str(NCBI_FIXTURES / "train.tsv"))
    head = [name for name, _ in model.named_parameters() if re.match(conditions.HEAD, name)]
    assert head and all(name.startswith(("tag_projection_layer.", "crf.")) for name in head)
    assert any(name.startswith("crf.") for name in head)


def test_a_scaled_decoder_is_xavier_with_that_gain_before_the_shipped_initializers():
    archive = pathlib.Path("/some/bilm")
    config = str(CONFIGS / "ncbi_ner_no_pretraining.jsonnet")
    assert conditions.parse_condition("bilm+decoder0.015") == ("bilm", None, ["decoder0.015"])
    shipped = conditions.initializer_regexes(config, archive, "none", [])
    regexes = conditions.initializer_regexes(config, archive, "none", ["decoder0.015"])
    assert regexes == [
        [r"^tag_projection_layer\..*weight$", {"type": "xavier_uniform", "gain": 0.015}],
        *shipped,
    ]


def test_the_silent_fast_head_probe_is_the_configs_transfer_head(monkeypatch):
    # `bilm+zero_decoder+headlr10` probes what TRANSFER_HEAD=silent_fast ships.
    archive = pathlib.Path("/some/bilm")
    config = str(CONFIGS / "ncbi_ner.jsonnet")
    modifiers = ["zero_decoder", "headlr10"]
    probed_regexes = conditions.initializer_regexes(config, archive, "bilm", modifiers)
    probed_groups = conditions.parameter_groups(config, modifiers)
    monkeypatch.setenv("TRANSFER_HEAD", "silent_fast")
    shipped = Params.from_file(config, ext_vars={"BILM_ARCHIVE": str(archive)}).as_dict()
    assert shipped["model"]["initializer"]["regexes"] == probed_regexes
    assert shipped["trainer"]["optimizer"]["parameter_groups"] == probed_groups
