from bilm_transfer.models.bilm import BidirectionalLm
from bilm_transfer.models.ner_tagger import NerTagger

__all__ = ["BidirectionalLm", "NerTagger"]
