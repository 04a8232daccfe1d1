from typing import Iterable

from allennlp.common.file_utils import cached_path
from allennlp.data import DatasetReader

from bilm_tagging.formats.document import Document
from bilm_tagging.formats.pubtator import read_pubtator
from bilm_transfer.dataset_readers.standoff_base import StandoffReader
from bilm_transfer.formats.columns import split_paths


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
            yield from read_pubtator(cached_path(path))  # a local file or a URL
