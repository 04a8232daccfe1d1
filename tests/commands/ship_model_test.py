import json
import os

import pytest
import torch
from allennlp.common.checks import ConfigurationError

from bilm_transfer.commands.ship_model import ship_model
from tests.conftest import NCBI_FIXTURES


def test_card_has_the_test_scores_of_the_shipped_file(models_dir):
    folder = models_dir / "toy_disease"
    card = json.loads((folder / "card.json").read_text())
    shipped, full = card["test"], card["test_full_precision"]
    assert abs(shipped["f1-measure-overall"] - full["f1-measure-overall"]) <= 0.002
    assert card["labels"] == ["Disease"] and card["test_sentences"] > 0
    assert card["size_bytes"] >= os.path.getsize(folder / "model.pt")
    assert f"{100 * shipped['f1-measure-overall']:.2f}" in (folder / "README.md").read_text()
    # float16 weights (the toy's file is mostly TorchScript code, so its size tells little)
    parameters = torch.jit.load(str(folder / "model.pt")).state_dict()
    assert parameters["word_embedding.weight"].dtype == torch.float16
    assert parameters["transitions"].dtype == torch.float32  # the CRF's buffers stay float32


def test_a_larger_change_than_allowed_is_refused(eager_archive, tmp_path):
    with pytest.raises(ConfigurationError, match="differs from the archive's"):
        ship_model(eager_archive, str(tmp_path / "m"), str(NCBI_FIXTURES / "test.tsv"), {}, -1.0)
