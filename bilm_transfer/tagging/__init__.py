"""
Tagging without training: the shipped models (`models/<name>/`), documents tagged with one or
several of them on PyTorch alone (`DocumentTagger`, `MultiTagger`), and the user-facing commands
`bilm-tag` (files in, files out) and `bilm-serve` (web page and JSON API).
"""

from bilm_transfer.tagging.document_tagger import DocumentTagger
from bilm_transfer.tagging.multi_tagger import OVERLAP_POLICIES, MultiTagger
from bilm_transfer.tagging.shipped import ModelNotFound, available_models, load_taggers

__all__ = [
    "DocumentTagger",
    "ModelNotFound",
    "MultiTagger",
    "OVERLAP_POLICIES",
    "available_models",
    "load_taggers",
]
