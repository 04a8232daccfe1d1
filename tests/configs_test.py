"""Every shipped config builds: reader, vocabulary and model, on a few instances."""

import pathlib

import pytest
from allennlp.common import Params

from tests.conftest import CONFIGS, FIXTURES, NCBI_FIXTURES, build_from_config

SHIPPED = sorted(CONFIGS.glob("*.jsonnet")) + sorted((FIXTURES / "configs").glob("*.jsonnet"))


@pytest.mark.parametrize("config", SHIPPED, ids=lambda p: p.name)
def test_config_builds(config: pathlib.Path, bilm_archive, paper_size_bilm_archive, monkeypatch):
    paper_size = config.parent == CONFIGS
    monkeypatch.setenv("BILM_ARCHIVE", paper_size_bilm_archive if paper_size else bilm_archive)
    params = Params.from_file(str(config))
    assert params["trainer"]["cuda_device"] == -1  # the CPU unless CUDA_DEVICE says otherwise
    train = params["train_data_path"]
    assert train.startswith(str(NCBI_FIXTURES))
    instances, vocab, model = build_from_config(config, train)
    assert len(instances) == 8
    for instance in instances:
        instance.index_fields(vocab)
    if paper_size:  # 300-d words + 1,100 CNN features, 2 x 256 states
        assert model._text_field_embedder.get_output_dim() == 300 + 1100
        assert model._encoder.get_output_dim() == 2 * 256


def test_cuda_device_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("CUDA_DEVICE", "0")
    assert Params.from_file(str(CONFIGS / "ncbi_ner.jsonnet"))["trainer"]["cuda_device"] == 0


def test_transfer_from_a_bilm_of_another_size_names_the_parameter(bilm_archive, monkeypatch):
    from allennlp.common.checks import ConfigurationError

    monkeypatch.setenv("BILM_ARCHIVE", bilm_archive)  # a toy BiLM into the paper-size tagger
    with pytest.raises(ConfigurationError, match="has 50 dimensions in the tagger but 6"):
        build_from_config(CONFIGS / "ncbi_ner.jsonnet", str(NCBI_FIXTURES / "train.tsv"))
