"""Plain text documents: a file of abstracts separated by blank lines (one document per
paragraph), as one pastes them; offsets are into each document's text."""

import pathlib
from typing import Iterator, List

from bilm_tagging.formats.document import Document
from bilm_tagging.formats.lines import read_lines


def read_text_documents(path: str) -> Iterator[Document]:
    """Each paragraph of the file (lines up to a blank line, joined by newlines) is a document,
    with id `<file name without extension>-<n>` (n from 1)."""
    stem = pathlib.Path(path).name.split(".")[0]
    paragraph: List[str] = []
    number = 0
    for line in [*read_lines(path), ""]:
        if line.strip():
            paragraph.append(line)
        elif paragraph:
            number += 1
            yield Document(f"{stem}-{number}", "\n".join(paragraph), [])
            paragraph = []
