from bilm_transfer.dataset_readers.brat import BratReader
from bilm_transfer.dataset_readers.iob_tagging import IobTaggingReader
from bilm_transfer.dataset_readers.lm_sentences import LmSentencesReader
from bilm_transfer.dataset_readers.pubtator import PubTatorReader

__all__ = ["BratReader", "IobTaggingReader", "LmSentencesReader", "PubTatorReader"]
