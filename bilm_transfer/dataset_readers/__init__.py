from bilm_transfer.dataset_readers.iob_tagging import IobTaggingReader
from bilm_transfer.dataset_readers.lm_sentences import LmSentencesReader

__all__ = ["IobTaggingReader", "LmSentencesReader"]
