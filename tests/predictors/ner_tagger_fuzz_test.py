"""Property tests: whatever the text, offsets slice it to the entity text; tags are valid IOBES."""

import pytest
import torch
from allennlp.models.archival import load_archive
from allennlp.predictors import Predictor
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def eager_predictor(tmp_path_factory, bilm_archive):
    """A toy tagger whose decoder is scrambled so that it predicts entities everywhere."""
    from allennlp.commands.train import train_model_from_file

    directory = tmp_path_factory.mktemp("fuzz_ner")
    config = FIXTURES / "configs" / "tiny_ner_no_pretraining.jsonnet"
    train_model_from_file(str(config), str(directory), overrides='{"trainer": {"num_epochs": 1}}')
    predictor = Predictor.from_archive(load_archive(str(directory / "model.tar.gz")), "ner_tagger")
    torch.manual_seed(0)
    with torch.no_grad():
        for parameter in predictor._model.tag_projection_layer.parameters():
            parameter.normal_(0, 10)
        predictor._model.crf.transitions.normal_(0, 1)
        outside = predictor._model.vocab.get_token_index("O", "labels")
        predictor._model.tag_projection_layer._module.bias[outside] = -20.0
    return predictor


def valid_iobes(tags):
    for previous, tag in zip(["O"] + tags, tags + ["O"]):
        if previous[0] in "BI" and (tag[0] not in "IE" or tag[2:] != previous[2:]):
            return False
        if previous[0] in "OES" and tag[0] in "IE":
            return False
    return True


texts = st.text(
    st.characters(blacklist_categories=("Cs",)) | st.sampled_from("ABC-(). \\n"), max_size=300
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(texts)
def test_text_offsets_and_tags(eager_predictor, text):
    result = eager_predictor.predict_json({"text": text})
    for sentence in result["sentences"]:
        assert valid_iobes(sentence["tags"])
        assert len(sentence["tags"]) == len(sentence["tokens"])
    for entity in result["entities"]:
        assert text[entity["start"] : entity["end"]] == entity["text"]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(texts)
def test_sentence_offsets(eager_predictor, text):
    result = eager_predictor.predict_json({"sentence": text})
    assert valid_iobes(result["tags"])
    for entity in result["entities"]:
        assert text[entity["char_start"] : entity["char_end"]] == entity["text"]


def test_the_scrambled_tagger_does_predict_entities(eager_predictor):
    result = eager_predictor.predict_json({"text": "Breast cancer and APC. " * 5})
    assert result["entities"]


def test_entity_scores_are_probabilities(eager_predictor):
    for key in ("text", "sentence"):
        result = eager_predictor.predict_json({key: "Breast cancer and APC deficiency in mice."})
        assert result["entities"]
        assert all(0.0 < entity["score"] <= 1.0 for entity in result["entities"])
