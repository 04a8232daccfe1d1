"""PubTator: `PMID|t|title`, `PMID|a|abstract`, tab-separated mentions, a blank line after each
document; mention offsets are into `title + " " + abstract`."""

from typing import Any, Dict, Iterator, List, NamedTuple, Optional, TextIO

from bilm_tagging.formats.document import Document, Mention
from bilm_tagging.formats.errors import DataFormatError
from bilm_tagging.formats.lines import read_lines


class _MentionLine(NamedTuple):
    line_number: int
    start: int
    end: int
    text: str
    label: str


class _Block(NamedTuple):
    """The lines of one document, as read."""

    pmid: str
    title: Optional[str]
    abstract: Optional[str]
    mentions: List[_MentionLine]


def _document(path: str, block: _Block) -> Document:
    """The document of a block, its mentions checked against its text."""
    title = block.title or ""
    text = title if block.abstract is None else f"{title} {block.abstract}"
    mentions = []
    for line in block.mentions:
        if line.end > len(text) or text[line.start : line.end] != line.text:
            raise DataFormatError(
                path,
                line.line_number,
                f"mention {line.text!r} does not match the text at {line.start}-{line.end}",
            )
        mentions.append(Mention(line.start, line.end, line.label))
    sections = [(0, len(title))] + ([(len(title) + 1, len(text))] if block.abstract else [])
    return Document(block.pmid, text, mentions, sections)


def _blocks(path: str) -> Iterator[_Block]:
    """The documents' lines: a block ends at a blank line or where another PMID begins."""
    block: Optional[_Block] = None
    for line_number, line in enumerate(read_lines(path), start=1):
        if not line.strip():
            if block is not None:
                yield block
            block = None
            continue
        if "|" in line.split("\t", 1)[0]:
            parts = line.split("|", 2)
            if len(parts) != 3 or parts[1] not in ("t", "a"):
                raise DataFormatError(
                    path, line_number, "expected 'PMID|t|title' or 'PMID|a|abstract'"
                )
            pmid, kind, text = parts
            if block is not None and block.pmid != pmid:
                yield block
                block = None
            block = block or _Block(pmid, None, None, [])
            block = block._replace(**{"title" if kind == "t" else "abstract": text})
            continue
        columns = line.split("\t")
        if len(columns) >= 2 and columns[1] == "CID":  # a relation, not a mention
            continue
        if len(columns) < 5 or not columns[1].isdigit() or not columns[2].isdigit():
            raise DataFormatError(
                path, line_number, "expected 'PMID<TAB>start<TAB>end<TAB>text<TAB>type'"
            )
        if block is None or columns[0] != block.pmid:
            pmid = block.pmid if block else None
            raise DataFormatError(
                path, line_number, f"mention of {columns[0]} inside document {pmid}"
            )
        mention = _MentionLine(line_number, int(columns[1]), int(columns[2]), *columns[3:5])
        block.mentions.append(mention)
    if block is not None:
        yield block


def read_pubtator(path: str) -> Iterator[Document]:
    """
    Documents of a PubTator file: `PMID|t|title`, `PMID|a|abstract`, then one mention per line,
    `PMID<TAB>start<TAB>end<TAB>text<TAB>type[<TAB>id...]`, offsets into `title + " " + abstract`;
    relation lines (`PMID<TAB>CID<TAB>...`) are skipped; a blank line ends a document. A title
    and its abstract are the document's two `sections`.
    """
    for block in _blocks(path):
        yield _document(path, block)


def write_pubtator_document(
    document: Document, entities: List[Dict[str, Any]], out: TextIO
) -> None:
    """Title, abstract (the document's first section and the rest) and a line per entity, its
    concept id `-` (none; an empty last column would be stripped and the line misread by other
    readers). Line breaks in the text become spaces (same length: the offsets stay right)."""
    sections = document.sections or [(0, len(document.text))]
    title_end = sections[0][1]
    text = document.text.replace("\r", " ").replace("\n", " ")
    out.write(f"{document.id}|t|{text[:title_end]}\n")
    out.write(f"{document.id}|a|{text[title_end + 1 :] if len(sections) > 1 else ''}\n")
    for entity in entities:
        out.write(
            f"{document.id}\t{entity['start']}\t{entity['end']}\t{entity['text']}"
            f"\t{entity['label']}\t-\n"
        )
    out.write("\n")
