import json

import pytest
from allennlp.models.archival import load_archive
from allennlp.predictors import Predictor

from bilm_tagging.formats.brat import read_brat_folder
from bilm_tagging.formats.pubtator import read_pubtator
from bilm_transfer.commands.tag_documents import tag_documents

PUBTATOR = """\
1|t|Hereditary breast cancer without a full stop
1|a|Mutations in BRCA1 cause breast and ovarian cancer. Ataxia-telangiectasia is rare.
1\t11\t24\tbreast cancer\tDisease\tD001943

22|t|APC deficiency.
22|a|
"""


@pytest.fixture(scope="module")
def predictor(tagger_archive):
    predictor = Predictor.from_archive(load_archive(tagger_archive), "ner_tagger")
    outside = predictor._model.vocab.get_token_index("O", "labels")
    predictor._model.tag_projection_layer._module.bias.data[outside] -= 20  # predict entities
    return predictor


def test_pubtator_round_trip_keeps_every_document_and_offset(tmp_path, predictor):
    source = tmp_path / "in.pubtator"
    source.write_text(PUBTATOR)
    output = tmp_path / "out.pubtator"
    assert tag_documents(predictor, str(source), str(output), "pubtator", "pubtator") == 2
    before, after = (
        list(read_pubtator(str(source))),
        list(read_pubtator(str(output))),
    )  # validates offsets
    assert [(d.id, d.text) for d in after] == [(d.id, d.text) for d in before]
    assert after[0].mentions  # the eager tagger found entities, and each slices the text


def test_title_and_abstract_never_share_a_sentence(tmp_path, predictor):
    source = tmp_path / "in.pubtator"
    source.write_text(PUBTATOR)
    output = tmp_path / "out.jsonl"
    tag_documents(predictor, str(source), str(output), "pubtator", "jsonl")
    first = json.loads(output.read_text().splitlines()[0])
    title_end = len("Hereditary breast cancer without a full stop")
    assert first["sentences"][0]["end"] == title_end
    assert first["sentences"][1]["start"] == title_end + 1


def test_brat_and_conll_output(tmp_path, predictor):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a/b", "text": "BRCA1 and APC. Breast cancer."}) + "\n")
    tag_documents(predictor, str(source), str(tmp_path / "brat"), "jsonl", "brat")
    [document] = list(read_brat_folder(str(tmp_path / "brat")))  # reading validates the offsets
    assert (
        document.id == "a_b"
        and document.text == "BRCA1 and APC. Breast cancer."
        and document.mentions
    )
    tag_documents(predictor, str(source), str(tmp_path / "out.conll"), "jsonl", "conll")
    lines = (tmp_path / "out.conll").read_text().splitlines()
    assert lines[0] == "-DOCSTART-\ta/b" and lines[2].startswith("BRCA1\t")
    assert sum(1 for line in lines if not line) == 3  # after DOCSTART and after each sentence


def test_bad_jsonl_names_the_line(tmp_path, predictor):
    from bilm_tagging.formats.errors import DataFormatError

    source = tmp_path / "in.jsonl"
    source.write_text('{"id": 1, "text": "ok"}\n{"id": 2}\n')
    with pytest.raises(DataFormatError, match=r"in\.jsonl, line 2"):
        tag_documents(predictor, str(source), str(tmp_path / "out.jsonl"))


def test_bioc_in_and_out(tmp_path, predictor):
    import bioc

    from tests.conftest import FIXTURES

    source = FIXTURES / "data" / "documents" / "jnlpba6.bioc.xml"
    output = tmp_path / "out.xml"
    assert tag_documents(predictor, str(source), str(output), "bioc-xml", "bioc-xml") == 6
    with open(output, encoding="utf-8") as written:
        collection = bioc.load(written)
    added = [
        (passage, annotation)
        for document in collection.documents
        for passage in document.passages
        for annotation in passage.annotations
        if "confidence" in annotation.infons
    ]
    assert added
    for passage, annotation in added:
        start = annotation.locations[0].offset - passage.offset
        assert passage.text[start : start + annotation.locations[0].length] == annotation.text
