from typing import Iterable

from allennlp.data import DatasetReader

from bilm_transfer.dataset_readers.standoff_base import StandoffReader
from bilm_transfer.formats.columns import split_paths
from bilm_transfer.formats.pubtator import read_pubtator
from bilm_transfer.formats.standoff import Document


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
