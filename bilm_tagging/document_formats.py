"""Documents to tag in, tagged documents out, in the formats of `bilm_transfer.formats`: JSON
lines, plain text, PubTator, BioC XML and JSON, PubMed XML, brat and CoNLL."""

import json
import os
from typing import Any, Callable, Dict, Iterator, List, Optional, TextIO

from bilm_tagging.formats.bioc import BioCJsonWriter, BioCXmlWriter, read_bioc_json, read_bioc_xml
from bilm_tagging.formats.brat import read_brat_folder, write_brat_document
from bilm_tagging.formats.conll import write_conll_document
from bilm_tagging.formats.document import Document
from bilm_tagging.formats.errors import DataFormatError
from bilm_tagging.formats.jsonl import read_jsonl_documents
from bilm_tagging.formats.pubmed import read_pubmed_xml
from bilm_tagging.formats.pubtator import read_pubtator, write_pubtator_document
from bilm_tagging.formats.text import read_text_documents

_READERS: Dict[str, Callable[[str], Iterator[Document]]] = {
    "jsonl": read_jsonl_documents,
    "text": read_text_documents,
    "pubtator": read_pubtator,
    "bioc-xml": read_bioc_xml,
    "bioc-json": read_bioc_json,
    "pubmed-xml": read_pubmed_xml,
    "brat": read_brat_folder,
}
INPUT_FORMATS = tuple(_READERS)
OUTPUT_FORMATS = ("jsonl", "pubtator", "bioc-xml", "bioc-json", "brat", "conll")

# By file name ending; `.xml` is told apart by its root element, a folder is brat.
_EXTENSIONS = {
    ".jsonl": "jsonl",
    ".txt": "text",
    ".pubtator": "pubtator",
    ".json": "bioc-json",
    ".bioc": "bioc-xml",
}


def guess_format(path: str) -> str:
    """The input format of `path` from its name (and for XML its root element)."""
    if os.path.isdir(path):
        return "brat"
    name = path.lower().removesuffix(".gz")
    if name.endswith(".xml"):
        with open(path, "rb") as source:
            head = source.read(4096).decode("utf-8", errors="replace")
        return "pubmed-xml" if "<PubmedArticleSet" in head else "bioc-xml"
    for extension, input_format in _EXTENSIONS.items():
        if name.endswith(extension):
            return input_format
    raise DataFormatError(
        path, None, f"cannot tell the format from the name; give one of {', '.join(INPUT_FORMATS)}"
    )


def read_documents(path: str, input_format: str = "auto") -> Iterator[Document]:
    """Documents to tag, read one at a time; their annotations, if any, are ignored."""
    if not os.path.exists(path):
        raise DataFormatError(path, None, "no such file or folder")
    if input_format == "auto":
        input_format = guess_format(path)
    if input_format not in _READERS:
        raise DataFormatError(path, None, f"unknown input format {input_format!r}")
    return _READERS[input_format](path)


def default_output_format(input_format: str) -> str:
    """The output format for an input format: the same where it can be written, else JSON lines."""
    return input_format if input_format in OUTPUT_FORMATS else "jsonl"


class DocumentWriter:
    """Writes tagged documents to `path` (a file, or for brat a folder) in `output_format`, each
    as it comes; `out`, if given, is written to instead of `path` and left open."""

    def __init__(self, path: str, output_format: str, out: Optional[TextIO] = None) -> None:
        if output_format not in OUTPUT_FORMATS:
            raise ValueError(f"output format {output_format!r}: one of {OUTPUT_FORMATS}")
        self._format = output_format
        self._path = path
        self._out: Optional[TextIO] = out
        self._owns_out = out is None
        self._bioc: Any = None
        if output_format == "brat":
            os.makedirs(path, exist_ok=True)
        elif output_format == "bioc-xml":
            self._bioc = BioCXmlWriter(path if out is None else out.buffer)
        else:
            self._out = out or open(path, "w", encoding="utf-8")
            if output_format == "bioc-json":
                self._bioc = BioCJsonWriter(self._out)

    def write(self, document: Document, result: Dict[str, Any]) -> None:
        entities: List[Dict[str, Any]] = result["entities"]
        if self._bioc is not None:
            self._bioc.write(document, entities)
        elif self._format == "brat":
            write_brat_document(document, entities, self._path)
        elif self._format == "pubtator":
            write_pubtator_document(document, entities, self._out)
        elif self._format == "conll":
            write_conll_document(document.id, result["sentences"], self._out)
        else:
            self._out.write(json.dumps(result, ensure_ascii=False) + "\n")

    def close(self) -> None:
        if self._bioc is not None:
            self._bioc.close()
        if self._out is not None:
            self._out.flush()
            if self._owns_out:
                self._out.close()
