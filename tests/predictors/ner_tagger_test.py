import pytest
from allennlp.common.checks import ConfigurationError
from allennlp.common.testing import AllenNlpTestCase
from allennlp.models.archival import load_archive
from allennlp.predictors import Predictor

from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def predictor(tmp_path_factory, bilm_archive):
    from allennlp.commands.train import train_model_from_file

    directory = tmp_path_factory.mktemp("ner")
    train_model_from_file(str(FIXTURES / "configs" / "tiny_ner.jsonnet"), str(directory))
    return Predictor.from_archive(load_archive(str(directory / "model.tar.gz")), "ner_tagger")


def test_sentence_input_gives_offsets_into_the_sentence(predictor):
    sentence = "Familial  breast cancer\tand ataxia-telangiectasia (A-T) in BRCA1 carriers."
    result = predictor.predict_json({"id": "s1", "sentence": sentence})
    assert result["id"] == "s1"
    assert result["tokens"][4:7] == ["ataxia", "-", "telangiectasia"]
    assert len(result["tags"]) == len(result["tokens"])
    for entity in result["entities"]:
        assert sentence[entity["char_start"] : entity["char_end"]] == entity["text"]


def test_batches_mix_token_and_sentence_input(predictor):
    inputs = [
        {"tokens": ["Hereditary", "breast", "cancer"]},
        {"sentence": ""},
        {"sentence": "APC ."},
    ]
    results = predictor.predict_batch_json(inputs)
    assert [len(r["tags"]) for r in results] == [3, 0, 2]
    assert results[1]["entities"] == []
    # The same sentence alone and in a batch gets the same tags.
    assert predictor.predict_json(inputs[0])["tags"] == results[0]["tags"]


def test_bad_input(predictor):
    with pytest.raises(ConfigurationError, match="'tokens' or 'sentence'"):
        predictor.predict_json({"text": "x"})
    with pytest.raises(ConfigurationError, match="list of non-empty strings"):
        predictor.predict_json({"tokens": "not a list"})


class TestPredictorIsDefault(AllenNlpTestCase):
    def test_model_names_its_predictor(self):
        from bilm_transfer.models import NerTagger

        assert NerTagger.default_predictor == "ner_tagger"
