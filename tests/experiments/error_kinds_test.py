import json
import lzma
import subprocess
import sys

import pytest

from bilm_serving.tag_schemes import lenient_spans
from bilm_transfer.formats.columns import read_column_file
from experiments import error_kinds
from tests.conftest import NCBI_FIXTURES, ROOT

GOLD = {
    (0, "Disease", 0, 3),
    (0, "Disease", 5, 6),
    (1, "Chemical", 2, 4),
    (2, "Disease", 0, 2),
    (3, "Disease", 4, 5),
}


def test_error_counts_sort_every_wrong_prediction_and_missed_entity_into_one_kind():
    predicted = {
        (0, "Disease", 0, 3),  # correct
        (0, "Disease", 5, 7),  # boundary: the gold entity 5..6 widened
        (1, "Disease", 2, 4),  # type: the gold span, another type
        (2, "Chemical", 1, 3),  # boundary and type
        (4, "Disease", 0, 1),  # spurious: a sentence without gold entities
        (3, "Disease", 0, 2),  # spurious: no overlap with the gold entity 4..5
    }
    counts = error_kinds.error_counts(predicted, GOLD)
    assert counts == {
        "gold": 5,
        "predicted": 6,
        "correct": 1,
        "boundary": 1,
        "type": 1,
        "boundary and type": 1,
        "spurious": 2,
        "missed": 1,  # (3, 4..5): the only gold entity that no prediction overlaps
    }
    # Every wrong prediction has exactly one kind.
    wrong = sum(counts[kind] for kind in error_kinds.ERROR_KINDS if kind != "missed")
    assert wrong == counts["predicted"] - counts["correct"]


def test_error_counts_of_a_perfect_tagger_and_of_a_silent_one():
    assert error_kinds.error_counts(GOLD, GOLD)["correct"] == 5
    assert all(error_kinds.error_counts(GOLD, GOLD)[kind] == 0 for kind in error_kinds.ERROR_KINDS)
    silent = error_kinds.error_counts(set(), GOLD)
    assert silent["missed"] == 5 and silent["predicted"] == 0


def gold_predictions():
    """`allennlp predict`-style lines that predict exactly the gold entities of the fixture."""
    test = NCBI_FIXTURES / "test.tsv"
    lines = []
    for sentence in read_column_file(str(test)):
        spans = lenient_spans(sentence.tags or [])[0]
        entities = [
            {"label": s.label, "start": s.start, "end": s.end, "score": 0.9} for s in spans
        ]
        lines.append(json.dumps({"tokens": sentence.tokens, "entities": entities}))
    return test, lines


def test_read_entities_reads_gold_and_predictions_and_refuses_a_mismatch(tmp_path):
    test, lines = gold_predictions()
    predictions = tmp_path / "test_predictions.jsonl"
    predictions.write_text("\n".join(lines) + "\n")
    gold, predicted = error_kinds.read_entities(predictions, str(test))
    assert len(gold) > 10
    assert {key for key, _ in predicted} == gold
    assert {score for _, score in predicted} == {0.9}

    predictions.write_text("\n".join(lines[:-1]) + "\n")
    with pytest.raises(ValueError, match=f"{len(lines) - 1} predictions for the {len(lines)}"):
        error_kinds.read_entities(predictions, str(test))


def test_kept_predictions_are_compressed_reproducibly_and_read_alike(tmp_path):
    test, lines = gold_predictions()
    plain = tmp_path / "test_predictions.jsonl"
    plain.write_text("\n".join(lines) + "\n")
    expected = error_kinds.read_entities(plain, str(test))
    kept = []
    for folder in (tmp_path / "a", tmp_path / "b"):
        folder.mkdir()
        source = folder / "output.jsonl"
        source.write_bytes(plain.read_bytes())
        kept.append(error_kinds.write_predictions(source, folder))
        assert not source.exists()
    assert kept[0].name == error_kinds.PREDICTIONS_FILE
    assert kept[0].read_bytes() == kept[1].read_bytes()  # no time stamp in the xz stream
    assert error_kinds.read_entities(kept[0], str(test)) == expected
    # Only the entities' keys are kept; the tokens, tags and texts are the test file's.
    with lzma.open(kept[0], "rt") as lines:
        first = json.loads(lines.readline())
    assert list(first) == ["entities"] and first["entities"]
    assert all(list(entity) == list(error_kinds.ENTITY_KEYS) for entity in first["entities"])


def test_error_analysis_script_prints_a_row_per_run_and_a_sum_per_variant(tmp_path):
    test, lines = gold_predictions()
    # Seed 1 predicts the gold entities; seed 2 drops the first sentence's entities.
    first = json.loads(lines[0])
    assert first["entities"]
    dropped = len(first["entities"])
    for seed, output in ((1, lines), (2, [json.dumps({**first, "entities": []})] + lines[1:])):
        run = tmp_path / "bilm" / "fraction1" / f"seed{seed}"
        run.mkdir(parents=True)
        plain = run / "predict_output.jsonl"
        plain.write_text("\n".join(output) + "\n")
        error_kinds.write_predictions(plain, run)
        (run / "result.json").write_text(
            json.dumps({"variant": "bilm", "fraction": 1.0, "seed": seed})
        )
    command = [sys.executable, "-m", "experiments.error_analysis", "--test", str(test)]
    runs = sorted(str(path) for path in tmp_path.glob("bilm/fraction1/seed*"))
    result = subprocess.run(
        command + runs, capture_output=True, text=True, timeout=300, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr[-3000:]
    table = result.stdout.splitlines()
    assert table[0].startswith("| run | gold | predicted | correct | boundary | type |")
    gold = sum(len(json.loads(line)["entities"]) for line in lines)
    counts = f"{gold} | {gold} | {gold} | 0 | 0 | 0 | 0 | 0"
    assert table[2] == f"| BiLM pretraining, seed 1 | {counts} | 100.00 |"
    kept = gold - dropped
    assert table[3].startswith(
        f"| BiLM pretraining, seed 2 | {gold} | {kept} | {kept} | 0 | 0 | 0 | 0 | {dropped} |"
    )
    assert table[4].startswith(
        f"| **BiLM pretraining, 2 runs summed** | {2 * gold} | {gold + kept} | {gold + kept} |"
    )

    missing = subprocess.run(
        command + [str(tmp_path)], capture_output=True, text=True, cwd=ROOT
    )
    assert missing.returncode == 2 and f"no {error_kinds.PREDICTIONS_FILE}" in missing.stderr


def test_a_finished_run_has_its_result_and_predictions(tmp_path):
    with pytest.raises(ValueError, match=f"{tmp_path}: no result.json and test_predictions"):
        error_kinds.finished_run(tmp_path)
    (tmp_path / "result.json").write_text('{"seed": 13}')
    with pytest.raises(ValueError, match="a run not finished"):
        error_kinds.finished_run(tmp_path)
    (tmp_path / error_kinds.PREDICTIONS_FILE).write_bytes(b"")
    assert error_kinds.finished_run(tmp_path) == {"seed": 13}


def test_run_entities_gives_a_finished_runs_result_and_predicted_keys(tmp_path):
    test, lines = gold_predictions()
    with pytest.raises(ValueError, match="a run not finished"):
        error_kinds.run_entities(tmp_path, len(lines), str(test))
    (tmp_path / "result.json").write_text('{"seed": 14, "variant": "bilm"}')
    with lzma.open(tmp_path / error_kinds.PREDICTIONS_FILE, "wt") as predictions:
        predictions.write("\n".join(lines) + "\n")
    gold, sentences = error_kinds.read_gold(str(test))
    result, predicted = error_kinds.run_entities(tmp_path, sentences, str(test))
    assert result == {"seed": 14, "variant": "bilm"}
    assert predicted == gold
    with pytest.raises(ValueError, match=f"for the {sentences + 1} sentences"):
        error_kinds.run_entities(tmp_path, sentences + 1, str(test))
