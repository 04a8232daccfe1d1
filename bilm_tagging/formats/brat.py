"""brat standoff: folders of `NAME.txt` + `NAME.ann` (text-bound annotations)."""

import os
from typing import Any, Dict, Iterator, List

from bilm_tagging.formats.document import Document, Mention
from bilm_tagging.formats.errors import DataFormatError
from bilm_tagging.formats.lines import read_lines


def read_brat_document(text_path: str) -> Document:
    """
    A brat document: `NAME.txt` and its `NAME.ann`, whose text-bound lines
    `T1<TAB>Type start end<TAB>text` are the mentions (other annotation lines are skipped). A
    discontinuous mention (`start end;start end`) is read as its whole extent.
    """
    with open(text_path, encoding="utf-8") as text_file:
        text = text_file.read()
    annotation_path = text_path[: -len(".txt")] + ".ann"
    mentions: List[Mention] = []
    if os.path.exists(annotation_path):
        for line_number, line in enumerate(read_lines(annotation_path), start=1):
            if not line.startswith("T"):
                continue
            columns = line.split("\t")
            fields = columns[1].replace(";", " ").split() if len(columns) >= 2 else []
            if len(fields) < 3 or not all(f.isdigit() for f in fields[1:]):
                raise DataFormatError(
                    annotation_path, line_number, "expected 'T<id><TAB>Type start end<TAB>text'"
                )
            offsets = [int(f) for f in fields[1:]]
            start, end = min(offsets), max(offsets)
            if end > len(text) or (
                ";" not in columns[1] and len(columns) > 2 and text[start:end] != columns[2]
            ):
                raise DataFormatError(
                    annotation_path,
                    line_number,
                    f"mention {columns[2:3]} does not match the text at {start}-{end}",
                )
            mentions.append(Mention(start, end, fields[0]))
    name = os.path.basename(text_path)[: -len(".txt")]
    return Document(name, text, mentions)


def read_brat_folder(folder: str) -> Iterator[Document]:
    if not os.path.isdir(folder):
        raise DataFormatError(folder, 0, "is not a folder of brat .txt/.ann files")
    names = sorted(name for name in os.listdir(folder) if name.endswith(".txt"))
    if not names:
        raise DataFormatError(folder, 0, "holds no .txt file")
    for name in names:
        yield read_brat_document(os.path.join(folder, name))


def write_brat_document(document: Document, entities: List[Dict[str, Any]], folder: str) -> None:
    """`NAME.txt` (the text) and `NAME.ann` (a text-bound line per entity, `start`/`end`
    character offsets into the text) in `folder`; NAME is the document id made file-safe."""
    name = "".join(c if c.isalnum() or c in "-_." else "_" for c in document.id)
    with open(os.path.join(folder, f"{name}.txt"), "w", encoding="utf-8") as text_file:
        text_file.write(document.text)
    with open(os.path.join(folder, f"{name}.ann"), "w", encoding="utf-8") as annotations:
        for i, entity in enumerate(entities, start=1):
            text = entity["text"].replace("\n", " ")
            annotations.write(
                f"T{i}\t{entity['label']} {entity['start']} {entity['end']}\t{text}\n"
            )
