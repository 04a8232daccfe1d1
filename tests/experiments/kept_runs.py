"""Finished Table 3 run folders for tests: `result.json` (`tagger`, `keep`) and the kept test
predictions (`write_finished_run`)."""

import json
import pathlib
from typing import Dict, Iterable, List

from experiments import error_kinds
from experiments.curves import EntityKey


def write_finished_run(
    folder: pathlib.Path, result: Dict, sentences: List[List[str]], found: Iterable[EntityKey]
) -> pathlib.Path:
    """`folder` (created) as a finished run with `result` and, as its test predictions, the
    entities `found` in `sentences` (each scored 0.9)."""
    folder.mkdir(parents=True)
    found = list(found)
    lines = []
    for i, tokens in enumerate(sentences):
        entities = [
            {"label": label, "start": start, "end": end, "score": 0.9}
            for sentence, label, start, end in found
            if sentence == i
        ]
        lines.append(json.dumps({"tokens": tokens, "entities": entities}))
    plain = folder / "predictions.jsonl"
    plain.write_text("\n".join(lines) + "\n")
    error_kinds.write_predictions(plain, folder)
    (folder / "result.json").write_text(json.dumps(result))
    return folder


def tagger(variant: str, seed: int, test_f1: float, first_epoch_f1: float) -> dict:
    return {
        "variant": variant, "fraction": 1.0, "seed": seed, "final_epochs": 3, "halvings": [],
        "devel_f1": 0.8, "training_seconds": 60.0,
        "history": [{"epoch": 1, "elapsed_seconds": 20.0, "devel_f1": first_epoch_f1}],
        "test": {"precision": test_f1, "recall": test_f1, "f1": test_f1},
        "precision_recall": [],
    }  # fmt: skip


def keep(root, *results: dict) -> None:
    for result in results:
        folder = root / result["variant"] / "fraction1" / f"seed{result['seed']}"
        folder.mkdir(parents=True)
        (folder / "result.json").write_text(json.dumps(result))
