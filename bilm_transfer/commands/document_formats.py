"""Documents to tag in, tagged documents out: JSON lines, PubTator, brat and CoNLL."""

import json
import os
from typing import Iterator, List, TextIO

from bilm_transfer.data.errors import DataFormatError
from bilm_transfer.data.standoff import Document
from bilm_transfer.dataset_readers.brat import read_brat_folder
from bilm_transfer.dataset_readers.pubtator import read_pubtator

INPUT_FORMATS = ("jsonl", "pubtator", "brat")
OUTPUT_FORMATS = ("jsonl", "pubtator", "brat", "conll")


def read_documents(path: str, input_format: str) -> Iterator[Document]:
    """Documents to tag; their annotations, if any, are ignored."""
    if input_format == "pubtator":
        yield from read_pubtator(path)
    elif input_format == "brat":
        yield from read_brat_folder(path)
    else:
        with open(path, encoding="utf-8") as lines:
            for line_number, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                    text = record["text"]
                    assert isinstance(text, str)
                except (ValueError, KeyError, TypeError, AssertionError):
                    raise DataFormatError(
                        path, line_number, 'expected {"id": ..., "text": "..."}'
                    ) from None
                yield Document(str(record.get("id", line_number)), text, [])


def _pubtator(document: Document, result: dict, out: TextIO) -> None:
    sections = document.sections or [(0, len(document.text))]
    title_end = sections[0][1]
    out.write(f"{document.id}|t|{document.text[:title_end]}\n")
    out.write(f"{document.id}|a|{document.text[title_end + 1 :] if len(sections) > 1 else ''}\n")
    for entity in result["entities"]:
        out.write(
            f"{document.id}\t{entity['start']}\t{entity['end']}\t{entity['text']}\t{entity['label']}\t\n"
        )
    out.write("\n")


def _conll(document: Document, result: dict, out: TextIO) -> None:
    out.write(f"-DOCSTART-\t{document.id}\n\n")
    for sentence in result["sentences"]:
        for token, tag in zip(sentence["tokens"], sentence["tags"]):
            out.write(f"{token}\t{tag}\n")
        out.write("\n")


def _brat(document: Document, result: dict, folder: str) -> None:
    name = "".join(c if c.isalnum() or c in "-_." else "_" for c in document.id)
    with open(os.path.join(folder, f"{name}.txt"), "w", encoding="utf-8") as text_file:
        text_file.write(document.text)
    with open(os.path.join(folder, f"{name}.ann"), "w", encoding="utf-8") as annotations:
        for i, entity in enumerate(result["entities"], start=1):
            text = entity["text"].replace("\n", " ")
            annotations.write(
                f"T{i}\t{entity['label']} {entity['start']} {entity['end']}\t{text}\n"
            )


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
            _brat(document, result, self._path)
        elif self._format == "pubtator":
            _pubtator(document, result, self._out[0])
        elif self._format == "conll":
            _conll(document, result, self._out[0])
        else:
            self._out[0].write(json.dumps(result, ensure_ascii=False) + "\n")

    def close(self) -> None:
        for out in self._out:
            out.close()
