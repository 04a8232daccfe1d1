"""
The outcome of one experiment run as it is kept in `results/**/result.json`: the schema the
Table 3 harness writes and the reports read. `TypedDict`s, so the JSON files load as they are.
"""

import json
import pathlib
from typing import List, NotRequired, Optional, TypedDict


class Scores(TypedDict):
    precision: float
    recall: float
    f1: float


class Epoch(TypedDict):
    """`protocol.EpochRecord` as JSON."""

    epoch: int  # 1-based
    elapsed_seconds: float
    devel_f1: float


class TaggerResult(TypedDict):
    """One tagger of the Table 3 protocol: model selection on devel, final training, test."""

    variant: str  # none, forward, backward, bilm
    fraction: float  # share of the labeled sentences trained on
    seed: int
    final_epochs: int  # chosen on devel
    halvings: List[int]  # epochs after which the learning rate was halved
    devel_f1: float  # best devel F1 of model selection
    training_seconds: float  # model selection + final training
    history: List[Epoch]  # model selection, epoch by epoch
    test: Scores
    precision_recall: List[List[float]]  # (threshold, precision, recall), smoothed
    # Recorded since 2026-11-25; older results lack them.
    machine: NotRequired[str]
    threads: NotRequired[int]
    bilm_devel_perplexity: NotRequired[Optional[float]]
    # Since 2026-11-29: `runner.fingerprint` of the word-vectors file, None for random vectors.
    word_vectors: NotRequired[Optional[str]]


def load_result(path: pathlib.Path) -> TaggerResult:
    """A kept result; a file that lacks a required key is an error naming the file and key."""
    result = json.loads(path.read_text())
    missing = sorted(TaggerResult.__required_keys__ - set(result))
    if missing:
        raise ValueError(f"{path}: not a tagger result, no {', '.join(missing)}")
    return result
