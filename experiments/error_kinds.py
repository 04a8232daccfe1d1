"""
Where a tagger's test errors come from. Exact-match F1 counts a predicted entity with the wrong
boundaries twice (a wrong prediction and a missed gold entity); sorting the errors into kinds says
how much of the gap to a perfect score is boundaries, and how much is entities never found or
found where there is none.
"""

import json
import lzma
import pathlib
from typing import Dict, List, Set, Tuple

from bilm_serving.tag_schemes import lenient_spans
from bilm_transfer.formats.columns import read_column_file
from experiments.curves import EntityKey

# Each wrong prediction is one of the first four kinds; each gold entity that no prediction
# overlaps is `missed`.
ERROR_KINDS = ("boundary", "type", "boundary and type", "spurious", "missed")
# A Table 3 run's test predictions, kept under results/ (where they are most of the committed
# results): per test sentence, a line with the entities `allennlp predict` found, each with only
# the keys below (the tokens, tags and mention texts are the test file's), xz-compressed.
PREDICTIONS_FILE = "test_predictions.jsonl.xz"
ENTITY_KEYS = ("start", "end", "label", "score")
XZ_PRESET = 9 | lzma.PRESET_EXTREME


def write_predictions(source: pathlib.Path, folder: pathlib.Path) -> pathlib.Path:
    """Keeps the entities of `allennlp predict`'s output `source` (`ENTITY_KEYS` of each) in
    `folder`'s `PREDICTIONS_FILE` (xz keeps no name or time, so the same predictions give the same
    bytes) and removes `source`."""
    target = folder / PREDICTIONS_FILE
    target.write_bytes(
        lzma.compress(entity_lines(source.read_text(encoding="utf-8")), preset=XZ_PRESET)
    )
    source.unlink()
    return target


def entity_lines(predictions: str) -> bytes:
    """The JSON lines `predictions` (`allennlp predict --predictor ner_tagger` output) with only
    the `ENTITY_KEYS` of each line's entities."""
    return "".join(
        json.dumps(
            {
                "entities": [
                    {key: e[key] for key in ENTITY_KEYS} for e in json.loads(line)["entities"]
                ]
            }
        )
        + "\n"
        for line in predictions.splitlines()
    ).encode("utf-8")


def finished_run(folder: pathlib.Path) -> Dict:
    """The `result.json` of a finished Table 3 run's folder that kept its test predictions
    (`PREDICTIONS_FILE`); a ValueError naming the folder otherwise."""
    result_file = folder / "result.json"
    if not result_file.is_file() or not (folder / PREDICTIONS_FILE).is_file():
        raise ValueError(f"{folder}: no result.json and {PREDICTIONS_FILE} (a run not finished?)")
    return json.loads(result_file.read_text())


def read_gold(test_file: str) -> Tuple[Set[EntityKey], int]:
    """The gold entities of tagged `test_file` and its number of sentences."""
    sentences = list(read_column_file(test_file))
    gold = {
        (i, span.label, span.start, span.end)
        for i, sentence in enumerate(sentences)
        for span in lenient_spans(sentence.tags or [])[0]
    }
    return gold, len(sentences)


def predicted_entities(
    predictions: pathlib.Path, sentences: int, test_file: str
) -> List[Tuple[EntityKey, float]]:
    """
    The entities with their scores in `predictions`, the `allennlp predict --predictor ner_tagger`
    output for the `sentences` sentences of `test_file` in order, one per line (xz-compressed if
    its name ends in `.xz`); a ValueError naming both files if the counts differ.
    """
    opener = lzma.open if predictions.suffix == ".xz" else open
    with opener(predictions, "rt", encoding="utf-8") as lines_file:
        lines = lines_file.read().splitlines()
    if len(lines) != sentences:
        raise ValueError(
            f"{predictions}: {len(lines)} predictions for the {sentences} sentences of {test_file}"
        )
    return [
        ((i, entity["label"], entity["start"], entity["end"]), entity["score"])
        for i, line in enumerate(lines)
        for entity in json.loads(line)["entities"]
    ]


def run_entities(
    folder: pathlib.Path, sentences: int, test_file: str
) -> Tuple[Dict, Set[EntityKey]]:
    """`finished_run` of a Table 3 run's folder and the entities it predicted for the
    `sentences` sentences of `test_file` (`predicted_entities`, scores dropped); a ValueError
    naming the folder or file otherwise."""
    result = finished_run(folder)
    predicted = predicted_entities(folder / PREDICTIONS_FILE, sentences, test_file)
    return result, {key for key, _ in predicted}


def read_entities(
    predictions: pathlib.Path, test_file: str
) -> Tuple[Set[EntityKey], List[Tuple[EntityKey, float]]]:
    """`read_gold` of `test_file` and `predicted_entities` of `predictions`, for one run;
    scripts that read many runs read the test file once and call the two."""
    gold, sentences = read_gold(test_file)
    return gold, predicted_entities(predictions, sentences, test_file)


def _by_sentence(entities: Set[EntityKey]) -> Dict[int, List[EntityKey]]:
    sentences: Dict[int, List[EntityKey]] = {}
    for entity in entities:
        sentences.setdefault(entity[0], []).append(entity)
    return sentences


def _overlap(a: EntityKey, b: EntityKey) -> bool:
    return a[0] == b[0] and a[2] < b[3] and b[2] < a[3]


def error_counts(predicted: Set[EntityKey], gold: Set[EntityKey]) -> Dict[str, int]:
    """
    `gold`, `predicted` and `correct` (exact matches) counts, and one count per `ERROR_KINDS`: a
    wrong prediction that overlaps a gold entity of its type is a `boundary` error, one with a
    gold entity's span but another type a `type` error, one that overlaps only gold entities of
    other types and spans `boundary and type`, one that overlaps none `spurious`; a gold entity
    that no prediction overlaps is `missed`.
    """
    gold_in, predicted_in = _by_sentence(gold), _by_sentence(predicted)
    counts = dict.fromkeys(("gold", "predicted", "correct") + ERROR_KINDS, 0)
    counts["gold"], counts["predicted"] = len(gold), len(predicted)
    counts["correct"] = len(predicted & gold)
    for entity in predicted - gold:
        overlapping = [g for g in gold_in.get(entity[0], []) if _overlap(entity, g)]
        if not overlapping:
            kind = "spurious"
        elif any(g[1] == entity[1] for g in overlapping):
            kind = "boundary"
        elif any(g[2:] == entity[2:] for g in overlapping):
            kind = "type"
        else:
            kind = "boundary and type"
        counts[kind] += 1
    for entity in gold - predicted:
        counts["missed"] += not any(_overlap(entity, p) for p in predicted_in.get(entity[0], []))
    return counts
