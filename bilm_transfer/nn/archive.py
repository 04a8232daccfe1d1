"""Safe reading of a model archive's weights and vocabulary, without building the model."""

import json
import os
import pickle
import tarfile
import tempfile
from typing import Any, Dict, NamedTuple

import torch
from allennlp.common.checks import ConfigurationError
from allennlp.common.file_utils import cached_path
from allennlp.data import Vocabulary


class ArchiveContents(NamedTuple):
    config: Dict[str, Any]
    vocab: Vocabulary
    state_dict: Dict[str, torch.Tensor]


def _check_members(archive: tarfile.TarFile, path: str, target: str) -> None:
    root = os.path.realpath(target)
    for member in archive.getmembers():
        destination = os.path.realpath(os.path.join(target, member.name))
        if os.path.commonpath([root, destination]) != root:
            raise ConfigurationError(f"{path}: archive member {member.name!r} escapes the archive")
        if member.issym() or member.islnk() or member.isdev():
            raise ConfigurationError(f"{path}: archive member {member.name!r} is a link or device")


def read_archive(archive_file: str) -> ArchiveContents:
    """
    Reads `config.json`, `vocabulary/` and `weights.th` of an AllenNLP `model.tar.gz` (or of an
    already extracted archive folder). Members that would land outside the extraction folder are
    refused, and the weights are loaded with `weights_only=True` (tensors only, no code).
    """
    try:
        path = cached_path(archive_file)
    except (FileNotFoundError, ValueError) as error:
        raise ConfigurationError(f"model archive {archive_file!r} not found") from error
    with tempfile.TemporaryDirectory() as extracted:
        if os.path.isdir(path):
            folder = path
        else:
            try:
                with tarfile.open(path) as archive:
                    _check_members(archive, archive_file, extracted)
                    archive.extractall(extracted)
            except tarfile.TarError as error:
                raise ConfigurationError(
                    f"{archive_file}: not a model archive ({error})"
                ) from error
            folder = extracted
        missing = [
            name
            for name in ("config.json", "vocabulary", "weights.th")
            if not os.path.exists(os.path.join(folder, name))
        ]
        if missing:
            raise ConfigurationError(
                f"{archive_file}: not a model archive, no {', '.join(missing)}"
            )
        with open(os.path.join(folder, "config.json")) as config_file:
            config = json.load(config_file)
        vocab = Vocabulary.from_files(os.path.join(folder, "vocabulary"))
        try:
            state_dict = torch.load(
                os.path.join(folder, "weights.th"), map_location="cpu", weights_only=True
            )
        except pickle.UnpicklingError as error:
            raise ConfigurationError(
                f"{archive_file}: weights.th holds more than tensors; refused ({error})"
            ) from None
    return ArchiveContents(config, vocab, state_dict)
