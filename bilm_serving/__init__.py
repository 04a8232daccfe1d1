"""
The parts of bilm_transfer that need neither AllenNLP nor spaCy: corpus-style tokenization, tag
schemes, CRF decoding, and a standalone predictor for taggers exported with
`allennlp export-tagger` (TorchScript). `python -m bilm_serving --help`.
"""

from bilm_serving.tagger import BundleError, StandaloneTagger

__all__ = ["BundleError", "StandaloneTagger"]
