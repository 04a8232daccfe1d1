"""
Tagging without training, and without AllenNLP: the shipped models (`models/<name>/`), documents
tagged with one or several of them on PyTorch alone (`DocumentTagger`, `MultiTagger`), the
document formats (`formats`), sentence splitting (`sentences`), bulk tagging in shards by
processes or Ray actors (`bulk`, `ray_engine`), and the user-facing commands `bilm-tag` (files in,
files out) and `bilm-serve` (web page and JSON API).

Nothing here imports AllenNLP (a test checks): a worker process or Ray actor starts in seconds
instead of importing the training stack, and `bilm_transfer` (the AllenNLP plugin) builds its
predictor and readers on the same formats and splitting.
"""

from bilm_tagging.document_tagger import DocumentTagger
from bilm_tagging.multi_tagger import OVERLAP_POLICIES, MultiTagger
from bilm_tagging.shipped import ModelNotFound, available_models, load_taggers

__all__ = [
    "DocumentTagger",
    "ModelNotFound",
    "MultiTagger",
    "OVERLAP_POLICIES",
    "available_models",
    "load_taggers",
]
