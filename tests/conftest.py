import logging
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


@pytest.fixture(autouse=True)
def _no_training_log_files_left():
    """
    AllenNLP's training puts a `FileHandler` writing `out.log` in its serialization directory on
    the root logger (and on its tqdm logger) and never takes it off. Once a test's temporary
    directory is gone, the next record logged anywhere (httpx logs each request) fails with
    FileNotFoundError. Take those handlers off after each test.
    """
    yield
    from allennlp.common.tqdm import logger as tqdm_logger

    for logger in (logging.getLogger(), tqdm_logger):
        for handler in list(logger.handlers):
            if type(handler) is logging.FileHandler:  # pytest's own log file is a subclass
                logger.removeHandler(handler)
                handler.close()


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


@pytest.fixture(scope="session")
def eager_archive(tmp_path_factory, tagger_archive) -> str:
    """The toy tagger with a scrambled decoder, so that it predicts many entities."""
    import tarfile

    import torch

    directory = tmp_path_factory.mktemp("eager")
    with tarfile.open(tagger_archive) as archive:
        archive.extractall(directory)
    weights = torch.load(directory / "weights.th")
    generator = torch.Generator().manual_seed(0)
    for name in ("tag_projection_layer._module.weight", "crf.transitions"):
        weights[name] = torch.randn(weights[name].shape, generator=generator) * 3
    torch.save(weights, directory / "weights.th")
    eager = directory / "eager.tar.gz"
    with tarfile.open(eager, "w:gz") as archive:
        for name in ("config.json", "weights.th", "vocabulary"):
            archive.add(directory / name, arcname=name)
    return str(eager)


@pytest.fixture(scope="session")
def models_dir(tmp_path_factory, eager_archive) -> pathlib.Path:
    """A models folder holding the eager toy tagger shipped as `toy_disease` (float16)."""
    from bilm_transfer.commands.ship_model import ship_model

    folder = tmp_path_factory.mktemp("models")
    description = {"corpus": "fixtures", "licence": "", "bilm": "toy", "word_vectors": ""}
    ship_model(
        eager_archive, str(folder / "toy_disease"), str(NCBI_FIXTURES / "test.tsv"), description
    )
    return folder


@pytest.fixture
def shipped(models_dir, monkeypatch) -> pathlib.Path:
    """`models_dir` as the shipped models' folder."""
    from bilm_tagging import shipped as shipped_module

    monkeypatch.setenv("BILM_MODELS_DIR", str(models_dir))
    shipped_module.load_tagger.cache_clear()
    return models_dir
