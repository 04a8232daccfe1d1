"""
The paper's protocol for one tagger: train on train, choose the number of epochs on devel (early
stopping), then train again on train+devel for that many epochs, replaying the learning-rate
halvings of the first run, and evaluate on test once.
"""

import json
import math
import pathlib
import random
from dataclasses import dataclass
from typing import Any, Dict, List, Sequence

from bilm_transfer.formats.columns import Sentence


@dataclass(frozen=True)
class EpochRecord:
    epoch: int  # 1-based
    elapsed_seconds: float  # wall-clock training time from the start of the run to this epoch's end
    devel_f1: float


def seconds(duration: str) -> float:
    """AllenNLP's `"H:MM:SS.ffffff"` (`training_duration`) in seconds."""
    hours, minutes, rest = duration.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(rest)


# In a serialization folder, written by experiments/runner.py at each `allennlp train --recover`:
# the epochs finished and the seconds trained before it. AllenNLP's clock starts again at zero
# on recovery; these carry the time on.
RESTARTS_FILE = "restarts.json"


def _restarts(serialization_dir: pathlib.Path) -> List[Dict[str, Any]]:
    path = serialization_dir / RESTARTS_FILE
    return json.loads(path.read_text()) if path.exists() else []


def seconds_before(serialization_dir: pathlib.Path, epoch: int) -> float:
    """Training seconds before AllenNLP's clock last started for `epoch` (0-based): 0 in a run
    never recovered, the time up to the latest recovery at or before that epoch otherwise."""
    restarts = _restarts(serialization_dir)
    return max((r["seconds"] for r in restarts if r["epochs"] <= epoch), default=0.0)


def record_restart(serialization_dir: pathlib.Path, epochs: int) -> None:
    """Notes a recovery of the run after `epochs` finished epochs, with the time they took
    (AllenNLP writes an epoch's metrics before its checkpoint, so they are there)."""
    trained = epoch_history(serialization_dir)[epochs - 1].elapsed_seconds
    restarts = _restarts(serialization_dir) + [{"epochs": epochs, "seconds": trained}]
    (serialization_dir / RESTARTS_FILE).write_text(json.dumps(restarts))


def epoch_history(serialization_dir: pathlib.Path) -> List[EpochRecord]:
    """The devel F1 and elapsed time after each epoch of a finished `allennlp train` run, the
    time carried on across recoveries (the part of an epoch that a kill cut short is not
    counted)."""
    files = sorted(
        serialization_dir.glob("metrics_epoch_*.json"), key=lambda p: int(p.stem.split("_")[-1])
    )
    history = []
    for path in files:
        metrics = json.loads(path.read_text())
        history.append(
            EpochRecord(
                epoch=metrics["epoch"] + 1,
                elapsed_seconds=seconds_before(serialization_dir, metrics["epoch"])
                + seconds(metrics["training_duration"]),
                devel_f1=metrics.get("validation_f1-measure-overall", float("nan")),
            )
        )
    return history


def replayed_halvings(scores: Sequence[float], threshold: float = 1e-4) -> List[int]:
    """
    The epochs (1-based) after which `halve_on_plateau` (PyTorch's `ReduceLROnPlateau`, mode
    "max", patience 0, relative threshold 1e-4) halved the learning rate, given the validation
    scores in epoch order: every epoch that does not beat the best so far. These are exactly the
    `milestones` of a `multi_step` schedule that repeats the run without validation data.
    """
    best = -math.inf
    halvings = []
    for epoch, score in enumerate(scores, start=1):
        if score > best * (1 + threshold):
            best = score
        else:
            halvings.append(epoch)
    return halvings


def final_training_overrides(
    train_files: Sequence[str], num_epochs: int, halvings: Sequence[int]
) -> Dict[str, Any]:
    """
    `allennlp train -o` overrides for the final run: train+devel as training data, no validation
    data (so no early stopping and the last epoch's weights are archived), `num_epochs` epochs and
    the learning rate halved after the same epochs as in the model-selection run.
    """
    return {
        "train_data_path": ",".join(train_files),
        "validation_data_path": None,
        # Dotted keys: AllenNLP 2.10 replaces a nested dict of `-o` whole, so `{"trainer": {...}}`
        # would drop the optimizer, gradient clipping and callbacks of the config.
        "trainer.num_epochs": num_epochs,
        "trainer.patience": None,
        "trainer.learning_rate_scheduler": {
            "type": "multi_step",
            "milestones": [epoch for epoch in halvings if epoch < num_epochs],
            "gamma": 0.5,
        },
    }


def sample_sentences(sentences: Sequence[Sentence], fraction: float, seed: int) -> List[Sentence]:
    """A random `fraction` of the sentences (at least one), in their original order."""
    if not 0.0 < fraction <= 1.0:
        raise ValueError(f"fraction must be in (0, 1], got {fraction}")
    count = max(1, round(fraction * len(sentences)))
    chosen = sorted(random.Random(seed).sample(range(len(sentences)), count))
    return [sentences[i] for i in chosen]
