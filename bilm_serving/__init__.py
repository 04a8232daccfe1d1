"""
The shared core of bilm_transfer: everything that needs neither AllenNLP nor spaCy, used both by
the AllenNLP plugin (`bilm_transfer`: its modules, metric, predictor and export command import
it) and by the standalone runtime of exported taggers (`python -m bilm_serving`).

- `tokenization`: corpus-style tokenization with offsets, number normalization, character cap;
- `tag_schemes`: IOB/IOBES/BIOUL tags and spans;
- `crf`, `model`: the network's TorchScript-able pieces (CRF decoding, character CNN pooling,
  padded reversal) and `ScriptableTagger`, the exported tagger;
- `batching`: input checks, length batching and error lines of both predictors;
- `output`, `tagger`: the JSON of a tagged sentence and `StandaloneTagger`.
"""

from bilm_serving.tagger import BundleError, StandaloneTagger

__all__ = ["BundleError", "StandaloneTagger"]
