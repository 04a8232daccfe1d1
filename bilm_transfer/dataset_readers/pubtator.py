from typing import Iterable, Iterator, List, Optional

from allennlp.data import DatasetReader

from bilm_transfer.data.column_files import read_lines, split_paths
from bilm_transfer.data.errors import DataFormatError
from bilm_transfer.data.standoff import Document, Mention
from bilm_transfer.dataset_readers.standoff_base import StandoffReader


def read_pubtator(path: str) -> Iterator[Document]:
    """
    Documents of a PubTator file: `PMID|t|title`, `PMID|a|abstract`, then one mention per line,
    `PMID<TAB>start<TAB>end<TAB>text<TAB>type[<TAB>id...]`, offsets into `title + " " + abstract`;
    relation lines (`PMID<TAB>CID<TAB>...`) are skipped; a blank line ends a document.
    """
    pmid: Optional[str] = None
    title = abstract = None
    mentions: List[Mention] = []
    pending: List[tuple] = []

    def finish() -> Optional[Document]:
        if pmid is None:
            return None
        text = (title or "") if abstract is None else f"{title or ''} {abstract}"
        for line_number, start, end, mention_text, label in pending:
            if end > len(text) or text[start:end] != mention_text:
                raise DataFormatError(
                    path,
                    line_number,
                    f"mention {mention_text!r} does not match the text at {start}-{end}",
                )
            mentions.append(Mention(start, end, label))
        sections = [(0, len(title or ""))] + (
            [(len(title or "") + 1, len(text))] if abstract else []
        )
        return Document(pmid, text, list(mentions), sections)

    for line_number, line in enumerate(read_lines(path), start=1):
        if not line.strip():
            document = finish()
            if document:
                yield document
            pmid, title, abstract, mentions, pending = None, None, None, [], []
            continue
        if "|" in line.split("\t", 1)[0]:
            parts = line.split("|", 2)
            if len(parts) != 3 or parts[1] not in ("t", "a"):
                raise DataFormatError(
                    path, line_number, "expected 'PMID|t|title' or 'PMID|a|abstract'"
                )
            if pmid is not None and parts[0] != pmid:
                document = finish()
                if document:
                    yield document
                title, abstract, mentions, pending = None, None, [], []
            pmid = parts[0]
            if parts[1] == "t":
                title = parts[2]
            else:
                abstract = parts[2]
            continue
        columns = line.split("\t")
        if len(columns) >= 2 and columns[1] == "CID":
            continue
        if len(columns) < 5 or not columns[1].isdigit() or not columns[2].isdigit():
            raise DataFormatError(
                path, line_number, "expected 'PMID<TAB>start<TAB>end<TAB>text<TAB>type'"
            )
        if columns[0] != pmid:
            raise DataFormatError(
                path, line_number, f"mention of {columns[0]} inside document {pmid}"
            )
        pending.append((line_number, int(columns[1]), int(columns[2]), columns[3], columns[4]))
    document = finish()
    if document:
        yield document


@DatasetReader.register("pubtator")
class PubTatorReader(StandoffReader):
    """
    Reads PubTator files (`PMID|t|...`, `PMID|a|...`, tab-separated mentions), splits the documents
    into sentences, tokenizes them with the reader's `tokenizer` and tags them in IOBES; see
    `StandoffReader` for the overlap and token rules. `file_path` may name several files,
    comma-separated.

    Registered as a `DatasetReader` with name "pubtator".
    """

    def _documents(self, file_path: str) -> Iterable[Document]:
        for path in split_paths(file_path):
            yield from read_pubtator(path)
