from typing import Iterable

from allennlp.data import DatasetReader

from bilm_tagging.formats.brat import read_brat_folder
from bilm_tagging.formats.document import Document
from bilm_transfer.dataset_readers.standoff_base import StandoffReader
from bilm_transfer.formats.columns import split_paths


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
