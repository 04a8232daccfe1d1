"""Column files (`token<TAB>tag`, a blank line after each sentence; CoNLL-style) and one-
sentence-per-line text: reading, with errors naming the file and line, and writing (tagged
documents: `bilm_tagging.formats.conll`)."""

import logging
import pathlib
from typing import Iterator, List, NamedTuple, Optional, Sequence, Tuple

from allennlp.common.file_utils import cached_path

from bilm_serving.tag_schemes import TAG_PATTERN
from bilm_tagging.formats import lines
from bilm_tagging.formats.errors import DataFormatError

logger = logging.getLogger(__name__)

DOCSTART = "-DOCSTART-"


class Sentence(NamedTuple):
    path: str
    line_number: int  # of the sentence's first token
    tokens: List[str]
    tags: Optional[List[str]]


def split_paths(file_path: str) -> List[str]:
    """`"a.tsv,b.tsv"` -> both paths, so that several files read as one dataset (train+devel)."""
    paths = [path.strip() for path in str(file_path).split(",") if path.strip()]
    if not paths:
        raise DataFormatError(str(file_path), 0, "no data file given")
    return paths


def read_lines(path: str) -> Iterator[str]:
    """`bilm_tagging.formats.lines.read_lines` for anything AllenNLP's `cached_path` reads (a
    local file, a URL)."""
    return lines.read_lines(path, cached_path(path))


def read_column_file(path: str, with_tags: bool = True) -> Iterator[Sentence]:
    """
    Sentences of a `token<TAB>tag` file: one token per line, a blank line between sentences,
    `-DOCSTART-` lines skipped. A line that is not `token<TAB>tag`, or a tag that is neither `O`
    nor `B-`/`I-`/`E-`/`S-` plus a type, raises `DataFormatError` naming file and line.
    """
    tokens: List[str] = []
    tags: List[str] = []
    first_line = 0
    empty = True
    for line_number, line in enumerate(read_lines(path), start=1):
        if not line.strip() or line.split("\t", 1)[0] == DOCSTART:
            if tokens:
                yield Sentence(path, first_line, tokens, tags if with_tags else None)
                tokens, tags = [], []
            continue
        columns = line.split("\t")
        if len(columns) != 2 or not columns[0]:
            raise DataFormatError(
                path,
                line_number,
                f"expected 'token<TAB>tag', found {len(columns)} column(s): {line[:80]!r}",
            )
        token, tag = columns[0], columns[1].strip()
        if with_tags and not TAG_PATTERN.match(tag):
            raise DataFormatError(
                path, line_number, f"tag {tag!r} is not O or B-/I-/E-/S- followed by a type"
            )
        if not tokens:
            first_line = line_number
        tokens.append(token)
        tags.append(tag)
        empty = False
    if tokens:
        yield Sentence(path, first_line, tokens, tags if with_tags else None)
    if empty:
        raise DataFormatError(path, 0, "contains no sentence")


def read_tokens_and_tags(path: str) -> Tuple[List[List[str]], List[List[str]]]:
    """Every sentence's tokens and every sentence's gold tags of a `token<TAB>tag` file, for
    scoring a tagger on it (`read_column_file`'s errors)."""
    sentences = list(read_column_file(path))
    return [sentence.tokens for sentence in sentences], [
        sentence.tags or [] for sentence in sentences
    ]


def read_text_file(path: str) -> Iterator[Sentence]:
    """Sentences of a plain-text file: one sentence per line, tokens separated by whitespace."""
    empty = True
    for line_number, line in enumerate(read_lines(path), start=1):
        tokens = line.split()
        if tokens:
            empty = False
            yield Sentence(path, line_number, tokens, None)
    if empty:
        raise DataFormatError(path, 0, "contains no sentence")


def write_column_file(sentences: Sequence[Sentence], path: pathlib.Path) -> None:
    """token<TAB>tag lines, a blank line after each sentence."""
    with open(path, "w", encoding="utf-8") as output:
        for sentence in sentences:
            for token, tag in zip(sentence.tokens, sentence.tags or []):
                output.write(f"{token}\t{tag}\n")
            output.write("\n")
