import pytest
from allennlp.common.checks import ConfigurationError
from allennlp.common.testing import AllenNlpTestCase
from allennlp.models.archival import load_archive
from allennlp.predictors import Predictor


@pytest.fixture(scope="module")
def predictor(tagger_archive):
    return Predictor.from_archive(load_archive(tagger_archive), "ner_tagger")


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


def test_a_bad_line_does_not_lose_the_others(predictor):
    lines = [
        '{"id": 1, "sentence": "APC ."}',
        "{not json",
        '{"id": 3, "tokens": "x"}',
        "[1, 2]",
        '{"id": 5, "words": []}',
        '{"id": 6, "text": 7}',
        '{"id": 7, "sentence": "BRCA1"}',
    ]
    results = predictor.predict_batch_json([predictor.load_line(line) for line in lines])
    assert len(results) == len(lines)
    assert results[0]["tokens"] == ["APC", "."] and results[6]["tokens"] == ["BRCA1"]
    assert "not JSON" in results[1]["error"]
    assert results[2] == {"id": 3, "error": "'tokens' must be a list of non-empty strings"}
    assert "not a JSON object" in results[3]["error"]
    assert "needs 'tokens', 'sentence' or 'text'" in results[4]["error"]
    assert results[5]["error"] == "'text' must be a string"
    with pytest.raises(ConfigurationError, match="list of non-empty strings"):
        predictor.predict_instance(predictor._json_to_instance({"tokens": "not a list"}))


def test_text_is_split_into_sentences_with_offsets_into_the_text(predictor):
    text = "Hereditary breast cancer (HBC).  It is caused by\nBRCA1 mutations! Rare\u00a0cases: 5%."
    result = predictor.predict_json({"id": "d1", "text": text})
    assert result["id"] == "d1" and "text" not in result
    assert [text[s["start"] : s["end"]] for s in result["sentences"]] == [
        "Hereditary breast cancer (HBC).",
        "It is caused by\nBRCA1 mutations!",
        "Rare\u00a0cases: 5%.",
    ]
    assert result["sentences"][1]["tokens"] == [
        "It",
        "is",
        "caused",
        "by",
        "BRCA1",
        "mutations",
        "!",
    ]
    for entity in result["entities"]:
        assert text[entity["start"] : entity["end"]] == entity["text"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "\x00\x07 ctrl\x1b[0m chars",
        "Мутации BRCA1 и 乳腺癌 mixed scripts",
        "zzqx qqwv xkcdz-7 unseenword",
        "no full stop " * 500,
    ],
)
def test_odd_text(predictor, text):
    result = predictor.predict_json({"text": text})
    assert all(text[s["start"] : s["end"]].strip() for s in result["sentences"])
    assert all(len(s["tokens"]) <= 200 for s in result["sentences"])
    assert sum(len(s["tokens"]) for s in result["sentences"]) == len(
        predictor._tokenizer.tokenize(text)
    )


@pytest.mark.slow
def test_a_one_megabyte_document(predictor):
    sentence = "Familial adenomatous polyposis is caused by mutations in the APC gene. "
    text = sentence * (1_000_000 // len(sentence))
    result = predictor.predict_json({"text": text})
    assert len(result["sentences"]) == 1_000_000 // len(sentence)


class TestPredictorIsDefault(AllenNlpTestCase):
    def test_model_names_its_predictor(self):
        from bilm_transfer.models import NerTagger

        assert NerTagger.default_predictor == "ner_tagger"
