"""Documents to tag in, tagged documents out, in the formats of `bilm_transfer.formats`: JSON
lines, PubTator, brat and CoNLL."""

import json
import os
from typing import Iterator, List, TextIO

from bilm_transfer.formats.brat import read_brat_folder, write_brat_document
from bilm_transfer.formats.columns import write_conll_document
from bilm_transfer.formats.jsonl import read_jsonl_documents
from bilm_transfer.formats.pubtator import read_pubtator, write_pubtator_document
from bilm_transfer.formats.standoff import Document

INPUT_FORMATS = ("jsonl", "pubtator", "brat")
OUTPUT_FORMATS = ("jsonl", "pubtator", "brat", "conll")


def read_documents(path: str, input_format: str) -> Iterator[Document]:
    """Documents to tag; their annotations, if any, are ignored."""
    readers = {"pubtator": read_pubtator, "brat": read_brat_folder, "jsonl": read_jsonl_documents}
    return readers[input_format](path)


class DocumentWriter:
    """Writes tagged documents to `path` (a file, or for brat a folder) in `output_format`."""

    def __init__(self, path: str, output_format: str) -> None:
        self._format = output_format
        self._path = path
        self._out: List[TextIO] = []
        if output_format == "brat":
            os.makedirs(path, exist_ok=True)
        else:
            self._out.append(open(path, "w", encoding="utf-8"))

    def write(self, document: Document, result: dict) -> None:
        if self._format == "brat":
            write_brat_document(document, result["entities"], self._path)
        elif self._format == "pubtator":
            write_pubtator_document(document, result["entities"], self._out[0])
        elif self._format == "conll":
            write_conll_document(document.id, result["sentences"], self._out[0])
        else:
            self._out[0].write(json.dumps(result, ensure_ascii=False) + "\n")

    def close(self) -> None:
        for out in self._out:
            out.close()
