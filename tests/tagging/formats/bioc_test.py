import json

import bioc
import pytest
from bioc import biocjson

from bilm_tagging.formats.bioc import BioCJsonWriter, BioCXmlWriter, read_bioc_json, read_bioc_xml
from bilm_tagging.formats.errors import DataFormatError
from bilm_tagging.formats.pubtator import read_pubtator
from tests.conftest import FIXTURES

DOCUMENTS = FIXTURES / "data" / "documents"


def _entities(document):
    """The document's own mentions as a tagger's entities."""
    return [
        {"start": m.start, "end": m.end, "label": m.label, "text": document.text[m.start : m.end],
         "score": 0.5, "model": "gold"}
        for m in document.mentions
    ]  # fmt: skip


def test_bioc_xml_json_and_pubtator3_read_as_the_pubtator_they_came_from():
    expected = [
        (d.id, d.text, d.sections) for d in read_pubtator(str(DOCUMENTS / "jnlpba6.pubtator"))
    ]
    for documents in (
        read_bioc_xml(str(DOCUMENTS / "jnlpba6.bioc.xml")),
        read_bioc_json(str(DOCUMENTS / "jnlpba6.bioc.json")),
        read_bioc_json(str(DOCUMENTS / "jnlpba6.pubtator3.json")),
    ):
        documents = list(documents)
        assert [(d.id, d.text, d.sections) for d in documents] == expected
        mentions = [m for d in documents for m in d.mentions]
        assert len(mentions) > 50 and all(m.label for m in mentions)


@pytest.mark.parametrize("kind", ["xml", "json"])
def test_round_trip_keeps_text_and_offsets_agree_with_it(tmp_path, kind):
    source = DOCUMENTS / f"jnlpba6.bioc.{kind}"
    read = read_bioc_xml if kind == "xml" else read_bioc_json
    documents = list(read(str(source)))
    path = tmp_path / f"out.{kind}"
    if kind == "xml":
        writer = BioCXmlWriter(str(path))
    else:
        writer = BioCJsonWriter(open(path, "w", encoding="utf-8"))
    for document in documents:
        writer.write(document, _entities(document))
    writer.close()
    if kind == "json":
        writer._out.close()
    with open(path, encoding="utf-8") as written:
        collection = bioc.load(written) if kind == "xml" else biocjson.load(written)
    with open(source, encoding="utf-8") as original_file:
        original = bioc.load(original_file) if kind == "xml" else biocjson.load(original_file)
    assert len(collection.documents) == len(original.documents) == 6
    for got, want in zip(collection.documents, original.documents):
        assert [(p.offset, p.text) for p in got.passages] == [
            (p.offset, p.text) for p in want.passages
        ]
        for passage, original_passage in zip(got.passages, want.passages):
            added = passage.annotations[len(original_passage.annotations) :]
            # the file's own annotations are kept, the new ones follow with type/confidence/model
            assert [a.id for a in passage.annotations[: len(added)]] == [
                a.id for a in original_passage.annotations
            ]
            assert len(added) == len(original_passage.annotations)
            for annotation in added:
                location = annotation.locations[0]
                start = location.offset - passage.offset
                assert passage.text[start : start + location.length] == annotation.text
                assert set(annotation.infons) == {"type", "confidence", "model"}
        ids = [a.id for p in got.passages for a in p.annotations]
        assert len(ids) == len(set(ids)) > 0


def test_documents_from_other_formats_become_title_and_abstract_passages(tmp_path):
    documents = list(read_pubtator(str(DOCUMENTS / "jnlpba6.pubtator")))
    path = tmp_path / "out.xml"
    writer = BioCXmlWriter(str(path))
    for document in documents:
        writer.write(document, _entities(document))
    writer.close()
    with open(path, encoding="utf-8") as written:
        collection = bioc.load(written)
    for document, converted in zip(documents, collection.documents):
        assert [p.infons["type"] for p in converted.passages] == ["title", "abstract"]
        assert " ".join(p.text for p in converted.passages) == document.text
        assert sum(len(p.annotations) for p in converted.passages) == len(document.mentions)


def test_bad_bioc_input_names_the_file_and_problem(tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_text("<collection><document><id>1</id>\n<passage>")
    with pytest.raises(DataFormatError, match="broken.xml.*not BioC XML"):
        list(read_bioc_xml(str(broken)))
    not_bioc = tmp_path / "other.json"
    not_bioc.write_text(json.dumps({"hello": 1}))
    with pytest.raises(DataFormatError, match="other.json.*expected a BioC JSON collection"):
        list(read_bioc_json(str(not_bioc)))
    overlapping = tmp_path / "overlap.json"
    passages = [{"offset": 0, "text": "abc"}, {"offset": 2, "text": "def"}]
    overlapping.write_text(json.dumps({"documents": [{"id": "d1", "passages": passages}]}))
    with pytest.raises(DataFormatError, match="document d1: passage at offset 2 overlaps"):
        list(read_bioc_json(str(overlapping)))
    lines = tmp_path / "lines.json"
    document = {"id": "a", "passages": [{"offset": 0, "text": "x"}]}
    lines.write_text(json.dumps(document) + "\n" + json.dumps(document) + "\n{oops\n")
    with pytest.raises(DataFormatError, match="lines.json, line 3: not JSON"):
        list(read_bioc_json(str(lines)))
