from bilm_transfer.predictors.ner_tagger import NerTaggerPredictor

__all__ = ["NerTaggerPredictor"]
