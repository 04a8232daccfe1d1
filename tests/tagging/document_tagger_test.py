import pytest
from allennlp.models.archival import load_archive
from allennlp.predictors import Predictor

from bilm_tagging import DocumentTagger
from bilm_tagging.formats.pubtator import read_pubtator
from bilm_tagging.formats.text import read_text_documents
from bilm_transfer.commands.export_tagger import export_tagger
from tests.conftest import FIXTURES

DOCUMENTS = FIXTURES / "data" / "documents"


@pytest.fixture(scope="module")
def full_precision_bundle(tmp_path_factory, eager_archive) -> str:
    directory = tmp_path_factory.mktemp("bundle") / "eager"
    export_tagger(eager_archive, str(directory))
    return str(directory)


def test_entities_equal_allennlp_predict_on_the_same_documents(
    full_precision_bundle, eager_archive
):
    documents = list(read_pubtator(str(DOCUMENTS / "jnlpba6.pubtator")))
    documents += list(read_text_documents(str(DOCUMENTS / "jnlpba6.txt")))
    predictor = Predictor.from_archive(load_archive(eager_archive), "ner_tagger")
    expected = predictor.predict_batch_json(
        [{"id": d.id, "text": d.text, "sections": d.sections} for d in documents]
    )
    results = DocumentTagger(full_precision_bundle).tag(documents)
    assert sum(len(r["entities"]) for r in expected) > 100
    for got, want in zip(results, expected):
        assert got["sentences"] == want["sentences"]
        assert [{k: v for k, v in e.items() if k != "model"} for e in got["entities"]] == [
            {**e, "score": pytest.approx(e["score"], abs=1e-5)} for e in want["entities"]
        ]
        assert all(e["model"] == "eager" for e in got["entities"])


def test_shipped_half_precision_model_tags_like_the_full_one(full_precision_bundle, models_dir):
    documents = list(read_pubtator(str(DOCUMENTS / "jnlpba6.pubtator")))
    full = DocumentTagger(full_precision_bundle).tag(documents)
    half = DocumentTagger(str(models_dir / "toy_disease")).tag(documents)
    full_spans, half_spans = _spans(full), _spans(half)
    agreement = len(set(full_spans) & set(half_spans)) / max(len(full_spans), 1)
    assert agreement > 0.95 and len(full_spans) > 100
    for result, document in zip(half, documents):
        assert all(document.text[e["start"] : e["end"]] == e["text"] for e in result["entities"])


def _spans(results):
    return [(e["start"], e["end"], e["label"]) for r in results for e in r["entities"]]
