"""
BioC XML and BioC JSON through the `bioc` package, PubTator3's BioC JSON variant (the documents
under a `PubTator3` key) included. A document's passages are its sections; its text puts each
passage's text at the passage's offset (gaps are spaces), so entity offsets are BioC's document
offsets. Tagged documents are written back with their infons, passages and annotations kept and
the tagger's entities added as passage annotations (infons `type`, `confidence`, `model`).
"""

import copy
import datetime
import json
from typing import Any, Dict, Iterator, List, Optional, TextIO

import bioc
from bioc import biocjson, biocxml
from lxml import etree

from bilm_tagging.formats.document import Document, Mention
from bilm_tagging.formats.errors import DataFormatError

# Infons of passages made from a title and its abstract (PubTator, PubMed, JSON lines input).
_SECTION_TYPES = ("title", "abstract")


def document_from_bioc(path: str, document: bioc.BioCDocument) -> Document:
    """The document to tag: passage texts at their offsets, each passage a section; the BioC
    document's own annotations become its mentions."""
    parts: List[str] = []
    sections = []
    end = 0
    for passage in document.passages:
        text = passage.text or ""
        if passage.offset < end:
            raise DataFormatError(
                path, None, f"document {document.id}: passage at offset {passage.offset} "
                f"overlaps the previous one (which ends at {end})"
            )  # fmt: skip
        parts.extend([" " * (passage.offset - end), text])
        sections.append((passage.offset, passage.offset + len(text)))
        end = passage.offset + len(text)
    mentions = [
        Mention(
            location.offset, location.offset + location.length, annotation.infons.get("type", "")
        )
        for passage in document.passages
        for annotation in passage.annotations
        for location in annotation.locations[:1]
    ]
    return Document(document.id, "".join(parts), mentions, sections, source=document)


def _xml_documents(path: str) -> Iterator[bioc.BioCDocument]:
    try:
        yield from biocxml.BioCXMLDocumentReader(path)
    except etree.XMLSyntaxError as error:
        raise DataFormatError(path, error.lineno, f"not BioC XML: {error.msg}") from None


def read_bioc_xml(path: str) -> Iterator[Document]:
    """Documents of a BioC XML collection, read one at a time."""
    for document in _xml_documents(path):
        yield document_from_bioc(path, document)


def _with_defaults(document: Dict[str, Any]) -> Dict[str, Any]:
    """A BioC JSON document with the lists and infons that PubTator3 and other writers leave
    out, which `bioc`'s decoder requires."""
    document = {"infons": {}, "relations": [], **document, "id": str(document.get("id", ""))}
    document["passages"] = [
        {"infons": {}, "sentences": [], "annotations": [], "relations": [], **passage}
        for passage in document.get("passages", [])
    ]
    for holder in [document, *document["passages"]]:
        holder["annotations"] = [
            {"id": "", "infons": {}, "text": "", "locations": [], **annotation}
            for annotation in holder.get("annotations", [])
        ]
    return document


def _json_documents(path: str, data: Any) -> List[Dict[str, Any]]:
    if isinstance(data, dict) and isinstance(data.get("PubTator3"), list):
        return data["PubTator3"]
    if isinstance(data, dict) and isinstance(data.get("documents"), list):
        return data["documents"]
    if isinstance(data, dict) and "passages" in data:
        return [data]
    if isinstance(data, list):
        return data
    raise DataFormatError(
        path, None, "expected a BioC JSON collection ('documents'), PubTator3's BioC JSON "
        "('PubTator3') or a list of BioC documents"
    )  # fmt: skip


def read_bioc_json(path: str) -> Iterator[Document]:
    """Documents of a BioC JSON collection, of PubTator3's BioC JSON, or of BioC JSON lines
    (one document per line)."""
    with open(path, encoding="utf-8") as source:
        content = source.read()
    try:
        records = _json_documents(path, json.loads(content))
        lines: List[Optional[int]] = [None] * len(records)
    except json.JSONDecodeError as error:
        if not error.msg.startswith("Extra data"):
            raise DataFormatError(path, error.lineno, f"not JSON: {error.msg}") from None
        records, lines = [], []
        for line_number, line in enumerate(content.splitlines(), start=1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as line_error:
                    raise DataFormatError(
                        path, line_number, f"not JSON: {line_error.msg}"
                    ) from None
                lines.append(line_number)
    for record, line_number in zip(records, lines):
        try:
            document = biocjson.fromJSON(_with_defaults(record), "BioCDocument")
        except (KeyError, TypeError, AttributeError) as error:
            where = record.get("id") if isinstance(record, dict) else record
            raise DataFormatError(
                path, line_number, f"document {where!r} is not a BioC document ({error!r})"
            ) from None
        yield document_from_bioc(path, document)


def bioc_document(document: Document, entities: List[Dict[str, Any]]) -> bioc.BioCDocument:
    """`document` as BioC (a copy of the BioC document it was read from, else one passage per
    section) with the entities added as annotations of the passages that contain them."""
    if isinstance(document.source, bioc.BioCDocument):
        result = copy.deepcopy(document.source)
    else:
        result = bioc.BioCDocument()
        result.id = document.id
        sections = document.sections or [(0, len(document.text))]
        for i, (start, end) in enumerate(sections):
            passage = bioc.BioCPassage()
            passage.offset = start
            passage.text = document.text[start:end]
            passage.infons["type"] = _SECTION_TYPES[i] if len(sections) == 2 else "paragraph"
            result.add_passage(passage)
    taken = {a.id for p in result.passages for a in p.annotations}
    number = 0
    for entity in entities:
        passage = next(
            p
            for p in result.passages
            if p.offset <= entity["start"] and entity["end"] <= p.offset + len(p.text or "")
        )
        number += 1
        while f"T{number}" in taken:
            number += 1
        annotation = bioc.BioCAnnotation()
        annotation.id = f"T{number}"
        annotation.text = entity["text"]
        annotation.infons["type"] = entity["label"]
        annotation.infons["confidence"] = f"{entity['score']:.4f}"
        if "model" in entity:
            annotation.infons["model"] = entity["model"]
        annotation.add_location(bioc.BioCLocation(entity["start"], entity["end"] - entity["start"]))
        passage.add_annotation(annotation)
    return result


def _collection_info() -> bioc.BioCCollection:
    collection = bioc.BioCCollection()
    collection.source = "bilm_transfer"
    collection.date = datetime.date.today().strftime("%Y%m%d")
    collection.key = "bioc.key"
    return collection


class BioCXmlWriter:
    """Writes tagged documents as one BioC XML collection, a document at a time."""

    def __init__(self, path: str) -> None:
        self._writer = biocxml.BioCXMLDocumentWriter(path)
        self._writer.write_collection_info(_collection_info())

    def write(self, document: Document, entities: List[Dict[str, Any]]) -> None:
        self._writer.write_document(bioc_document(document, entities))

    def close(self) -> None:
        self._writer.close()


class BioCJsonWriter:
    """Writes tagged documents as one BioC JSON collection, a document at a time, to `out`
    (which its owner closes)."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        header = biocjson.toJSON(_collection_info())
        header.pop("documents", None)
        self._out.write(json.dumps(header, ensure_ascii=False)[:-1] + ', "documents": [\n')
        self._first = True

    def write(self, document: Document, entities: List[Dict[str, Any]]) -> None:
        if not self._first:
            self._out.write(",\n")
        self._first = False
        encoded = biocjson.toJSON(bioc_document(document, entities))
        self._out.write(json.dumps(encoded, ensure_ascii=False))

    def close(self) -> None:
        self._out.write("\n]}\n")
