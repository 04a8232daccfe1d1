import os
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
NCBI_FIXTURES = FIXTURES / "data" / "ncbi"
CONFIGS = ROOT / "training_configs"

# The shipped configs read their data through std.extVar: point them at the fixtures.
os.environ["NCBI_DIR"] = str(NCBI_FIXTURES)
os.environ["NUM_EPOCHS"] = ""

import bilm_transfer  # noqa: E402,F401  (registers everything)


def build_from_config(config: pathlib.Path, data_path: str, max_instances: int = 8):
    """Reader, instances, vocabulary and model of a config, on a few instances, untrained."""
    from allennlp.common import Params
    from allennlp.data import DatasetReader, Vocabulary
    from allennlp.models import Model

    params = Params.from_file(str(config))
    reader = DatasetReader.from_params(params.pop("dataset_reader"), max_instances=max_instances)
    instances = list(reader.read(data_path))
    vocab = Vocabulary.from_instances(instances)
    return instances, vocab, Model.from_params(vocab=vocab, params=params.pop("model"))


@pytest.fixture(scope="session")
def paper_size_bilm_archive(tmp_path_factory) -> str:
    """An untrained BiLM of the paper's size (training_configs/ncbi_bilm.jsonnet), archived."""
    import torch
    from allennlp.common import Params
    from allennlp.models.archival import archive_model

    config = CONFIGS / "ncbi_bilm.jsonnet"
    _, vocab, model = build_from_config(config, str(NCBI_FIXTURES / "devel.tsv"))
    directory = tmp_path_factory.mktemp("paper_bilm")
    Params.from_file(str(config)).to_file(str(directory / "config.json"))
    vocab.save_to_files(str(directory / "vocabulary"))
    torch.save(model.state_dict(), directory / "weights.th")
    archive_model(str(directory), weights="weights.th")
    return str(directory / "model.tar.gz")


@pytest.fixture(scope="session")
def bilm_archive(tmp_path_factory) -> str:
    """A toy BiLM trained on the fixtures; its archive is what the tagger configs transfer from."""
    from allennlp.commands.train import train_model_from_file

    directory = tmp_path_factory.mktemp("bilm")
    train_model_from_file(str(FIXTURES / "configs" / "tiny_bilm.jsonnet"), str(directory))
    archive = str(directory / "model.tar.gz")
    os.environ["BILM_ARCHIVE"] = archive
    return archive


@pytest.fixture(scope="session")
def tagger_archive(tmp_path_factory, bilm_archive) -> str:
    """A toy tagger (BiLM transfer) trained on the fixtures."""
    from allennlp.commands.train import train_model_from_file

    directory = tmp_path_factory.mktemp("ner")
    train_model_from_file(str(FIXTURES / "configs" / "tiny_ner.jsonnet"), str(directory))
    return str(directory / "model.tar.gz")
