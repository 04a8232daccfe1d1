"""The shipped models: one folder per model under `models/` at the top of the repository
(`BILM_MODELS_DIR` names another place), each written by `allennlp ship-model`."""

import functools
import os
import pathlib
from typing import List, Sequence

from bilm_serving.tagger import bundle_network_file
from bilm_tagging.document_tagger import DocumentTagger
from bilm_tagging.multi_tagger import MultiTagger


class ModelNotFound(ValueError):
    """A model name that is neither a shipped model nor a folder of an exported tagger."""


def models_dir() -> pathlib.Path:
    default = pathlib.Path(__file__).resolve().parents[1] / "models"
    return pathlib.Path(os.environ.get("BILM_MODELS_DIR", default))


def available_models() -> List[str]:
    """Names of the shipped models."""
    folder = models_dir()
    if not folder.is_dir():
        return []
    return sorted(entry.name for entry in folder.iterdir() if bundle_network_file(str(entry)))


def model_path(name: str) -> str:
    """The folder of a shipped model's `name`, or `name` itself if it is a model's folder."""
    for candidate in (pathlib.Path(name), models_dir() / name):
        if bundle_network_file(str(candidate)):
            return str(candidate)
    shipped = ", ".join(available_models()) or "none"
    raise ModelNotFound(
        f"no model {name!r}: the shipped models are {shipped} (in {models_dir()}); or give the "
        "folder of a tagger exported with `allennlp export-tagger`"
    )


@functools.lru_cache(maxsize=None)
def load_tagger(name: str, precision: str = "float32", device: str = "cpu") -> DocumentTagger:
    """The model `name`, loaded once per process, precision and device."""
    path = model_path(name)
    return DocumentTagger(path, os.path.basename(os.path.normpath(path)), precision, device)


def load_taggers(
    names: Sequence[str], overlaps: str = "best", precision: str = "float32", device: str = "cpu"
) -> MultiTagger:
    """A `MultiTagger` of the models `names` (each loaded once per process); no names: every
    shipped model. `precision` (`"float32"`, `"int8"`) and `device`: see `StandaloneTagger`."""
    names = list(names) or available_models()
    if not names:
        raise ModelNotFound(f"no shipped model in {models_dir()}: give a model's folder")
    return MultiTagger([load_tagger(name, precision, device) for name in names], overlaps)
