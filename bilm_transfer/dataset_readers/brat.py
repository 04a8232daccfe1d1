import os
from typing import Iterable, Iterator, List

from allennlp.data import DatasetReader

from bilm_transfer.data.column_files import read_lines, split_paths
from bilm_transfer.data.errors import DataFormatError
from bilm_transfer.data.standoff import Document, Mention
from bilm_transfer.dataset_readers.standoff_base import StandoffReader


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


@DatasetReader.register("brat")
class BratReader(StandoffReader):
    """
    Reads folders of brat standoff documents (`NAME.txt` + `NAME.ann`), splits them into
    sentences, tokenizes them with the reader's `tokenizer` and tags them in IOBES; see
    `StandoffReader` for the overlap and token rules. `file_path` may name several folders,
    comma-separated.

    Registered as a `DatasetReader` with name "brat".

    # Parameters

    exclude_documents : `str`, optional (default = `None`)
        A file listing document names (one per line) to leave out, e.g. the abstracts of a devel
        set that also appear in the training folder.
    **kwargs : as for `StandoffReader`
    """

    def __init__(self, exclude_documents: str = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self._excluded = set()
        if exclude_documents:
            with open(exclude_documents, encoding="utf-8") as names:
                self._excluded = {line.strip() for line in names if line.strip()}

    def _documents(self, file_path: str) -> Iterable[Document]:
        for folder in split_paths(file_path):
            for document in read_brat_folder(folder):
                if document.id not in self._excluded:
                    yield document
