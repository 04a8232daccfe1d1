"""Every shipped config builds: reader, vocabulary and model, on a few instances."""

import pathlib
import re
from typing import Any, Dict, List

import pytest
from allennlp.common import Params

from tests.conftest import CONFIGS, FIXTURES, NCBI_FIXTURES, ROOT, build_from_config

SHIPPED = sorted(CONFIGS.glob("*.jsonnet")) + sorted((FIXTURES / "configs").glob("*.jsonnet"))
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.mark.parametrize("config", SHIPPED, ids=lambda p: p.name)
def test_config_builds(config: pathlib.Path, bilm_archive, paper_size_bilm_archive, monkeypatch):
    monkeypatch.chdir(ROOT)  # the configs' default paths are relative to the repository
    paper_size = config.parent == CONFIGS
    archive = paper_size_bilm_archive if paper_size else bilm_archive
    for corpus in ("", "BC5CDR_", "BC2GM_", "JNLPBA_"):
        monkeypatch.setenv(f"{corpus}BILM_ARCHIVE", archive)
    if not config.name.startswith(("ncbi", "tiny")) and not SHARED_DATA.is_dir():
        pytest.skip("the other corpora are read from ../shared/data")
    params = Params.from_file(str(config))
    # The CPU unless CUDA_DEVICE says otherwise (distributed: CPU workers).
    if "distributed" in params:
        assert params["distributed"]["cuda_devices"] == [-1, -1]
    else:
        assert params["trainer"]["cuda_device"] == -1
    train = params["train_data_path"]
    if "ncbi" in config.name:
        assert train.startswith(str(NCBI_FIXTURES))
    instances, vocab, model = build_from_config(config, train)
    assert len(instances) == 8
    for instance in instances:
        instance.index_fields(vocab)
    # The transfer contract: every initializer regex (architecture.libsonnet's) names parameters
    # of this model; a rename on either side fails here, not only in AllenNLP's log.
    assert unused_initializer_regexes(params.as_dict()["model"], model) == []
    if paper_size:  # 300-d words + 1,100 CNN features, 2 x 256 states
        assert model._text_field_embedder.get_output_dim() == 300 + 1100
        assert model._encoder.get_output_dim() == 2 * 256


def unused_initializer_regexes(model_config: Dict[str, Any], model) -> List[str]:
    regexes = model_config.get("initializer", {}).get("regexes", [])
    names = [name for name, _ in model.named_parameters()]
    return [regex for regex, _ in regexes if not any(re.search(regex, name) for name in names)]


def test_an_initializer_regex_that_names_no_parameter_is_found():
    _, _, model = build_from_config(
        FIXTURES / "configs" / "tiny_ner_no_pretraining.jsonnet", str(NCBI_FIXTURES / "train.tsv")
    )
    config = {"initializer": {"regexes": [[".*_lstm\\..*", {}], ["^_encoder\\.lstm\\..*", {}]]}}
    assert unused_initializer_regexes(config, model) == ["^_encoder\\.lstm\\..*"]


def test_jnlpba_training_leaves_out_the_devel_abstracts(monkeypatch):
    if not SHARED_DATA.is_dir():
        pytest.skip("needs ../shared/data")
    monkeypatch.chdir(ROOT)
    params = Params.from_file(str(CONFIGS / "jnlpba_ner_no_pretraining.jsonnet"))
    assert params["dataset_reader"]["type"] == "brat"
    assert params["validation_dataset_reader"]["type"] == "iob_tagging"
    excluded = (ROOT / params["dataset_reader"]["exclude_documents"]).read_text().split()
    assert len(set(excluded)) == 200
    assert all(
        (SHARED_DATA / "JNLPBA-standoff" / "train" / f"{name}.txt").exists() for name in excluded
    )


def test_cuda_device_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("CUDA_DEVICE", "0")
    assert Params.from_file(str(CONFIGS / "ncbi_ner.jsonnet"))["trainer"]["cuda_device"] == 0


def test_transfer_from_a_bilm_of_another_size_names_the_parameter(bilm_archive, monkeypatch):
    from allennlp.common.checks import ConfigurationError

    monkeypatch.setenv("BILM_ARCHIVE", bilm_archive)  # a toy BiLM into the paper-size tagger
    with pytest.raises(ConfigurationError, match="has 50 dimensions in the tagger but 6"):
        build_from_config(CONFIGS / "ncbi_ner.jsonnet", str(NCBI_FIXTURES / "train.tsv"))


def test_a_run_started_before_a_change_can_still_recover():
    # `allennlp train --recover` refuses a config whose keys differ from the saved one: the
    # shipped BiLM config must keep every key a run of commit 26e3446 saved.
    saved = Params.from_file(str(FIXTURES / "configs" / "saved" / "ncbi_bilm_26e3446.json"))
    shipped = Params.from_file(str(CONFIGS / "ncbi_bilm.jsonnet"))
    assert set(shipped.as_flat_dict()) == set(saved.as_flat_dict())


def transfer_regex(config: pathlib.Path) -> str:
    return Params.from_file(str(config))["model"]["initializer"]["regexes"][0][0]


@pytest.mark.parametrize(
    "parts, config, regex",
    [
        ("", "ncbi_ner", r"^_text_field_embedder\..*|^_encoder\.(forward|backward)_lstm\..*"),
        ("", "ncbi_ner_forward_lm", r"^_text_field_embedder\..*|^_encoder\.forward_lstm\..*"),
        ("lstms", "ncbi_ner", r"^_encoder\.(forward|backward)_lstm\..*"),
        ("lstms", "ncbi_ner_backward_lm", r"^_encoder\.backward_lstm\..*"),
        ("embedder", "bc5cdr_ner", r"^_text_field_embedder\..*"),
        ("words", "ncbi_ner", r"^_text_field_embedder\.token_embedder_tokens\..*"),
        (
            "chars+lstms",
            "ncbi_ner",
            r"^_text_field_embedder\.token_embedder_token_characters\..*"
            r"|^_encoder\.(forward|backward)_lstm\..*",
        ),
    ],
)
def test_transfer_parts_choose_what_the_bilm_initializer_copies(parts, config, regex, monkeypatch):
    monkeypatch.setenv("TRANSFER_PARTS", parts)
    assert transfer_regex(CONFIGS / f"{config}.jsonnet") == regex


def test_transfer_parts_split_the_embedder_into_words_and_chars(monkeypatch):
    _, _, model = build_from_config(
        CONFIGS / "ncbi_ner_no_pretraining.jsonnet", str(NCBI_FIXTURES / "train.tsv")
    )
    names = [name for name, _ in model.named_parameters()]

    def copied(parts: str) -> set:
        monkeypatch.setenv("TRANSFER_PARTS", parts)
        regex = transfer_regex(CONFIGS / "ncbi_ner.jsonnet")
        return {name for name in names if re.match(regex, name)}

    words, chars = copied("words"), copied("chars")
    assert words == {"_text_field_embedder.token_embedder_tokens.weight"}
    assert "_text_field_embedder.token_embedder_token_characters._embedding._module.weight" in chars
    assert any("conv" in name for name in chars) and not words & chars
    assert words | chars == copied("embedder") and words | chars | copied("lstms") == copied("")


@pytest.mark.parametrize("parts", ["lstm", "words+lstm", "words+"])
def test_unknown_transfer_parts_are_refused(parts, monkeypatch):
    monkeypatch.setenv("TRANSFER_PARTS", parts)
    with pytest.raises(RuntimeError, match=f"TRANSFER_PARTS={re.escape(parts)}: expected"):
        Params.from_file(str(CONFIGS / "ncbi_ner.jsonnet"))


def test_an_unknown_transfer_head_is_refused(monkeypatch):
    monkeypatch.setenv("TRANSFER_HEAD", "silent-fast")
    with pytest.raises(RuntimeError, match="TRANSFER_HEAD=silent-fast: expected"):
        Params.from_file(str(CONFIGS / "ncbi_ner.jsonnet"))
