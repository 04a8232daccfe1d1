import json
import os

import pytest
import torch
from allennlp.common.checks import ConfigurationError

from bilm_transfer.commands.ship_model import model_card, ship_model
from tests.conftest import NCBI_FIXTURES, ROOT


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


def test_a_cut_vocabulary_is_on_the_card(eager_archive, models_dir, tmp_path):
    full = json.loads((models_dir / "toy_disease" / "card.json").read_text())["words"]
    assert full["kept"] == full["vocabulary"]
    assert "- Vocabulary:" not in (models_dir / "toy_disease" / "README.md").read_text()
    test_file = str(NCBI_FIXTURES / "test.tsv")
    card = ship_model(eager_archive, str(tmp_path / "m"), test_file, {}, 1.0, max_words=10)
    assert card["words"] == {"kept": 10, "vocabulary": full["vocabulary"]}
    assert (
        f"the first 10 of the archive's {full['vocabulary']:,} words"
        in (tmp_path / "m" / "README.md").read_text()
    )


@pytest.mark.parametrize("name", ["ncbi_disease", "bc5cdr"])
def test_the_shipped_cards_are_what_model_card_writes(name):
    folder = ROOT / "models" / name
    card = json.loads((folder / "card.json").read_text())
    assert model_card(card) == (folder / "README.md").read_text()


def test_a_training_without_devel_says_so_on_the_card():
    card = json.loads((ROOT / "models" / "bc5cdr" / "card.json").read_text())
    # The shipped model is a final training on train+devel: AllenNLP recorded no validation.
    epochs = card["training"]["epoch"] + 1
    text = model_card(card)
    assert "no devel F1" in text and f"best epoch {epochs} of {epochs}" in text
    card["training"] = {
        "best_epoch": 1,
        "epoch": 2,
        "best_validation_f1-measure-overall": 0.8,
        "devel_f1_by_epoch": [0.7, 0.8, 0.75],
    }
    text = model_card(card)
    assert "devel F1 after each epoch: 70.00, 80.00, 75.00" in text and "best epoch 2 of 3" in text
