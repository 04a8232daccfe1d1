"""Finished Table 3 run folders for tests: `result.json` and the kept test predictions."""

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
