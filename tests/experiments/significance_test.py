import subprocess
import sys

import numpy
import pytest

from experiments import significance
from tests.conftest import ROOT
from tests.experiments.documented import check_documented, documented_commands
from tests.experiments.kept_runs import write_finished_run

# Four test sentences, one gold mention each.
TEST = "".join(f"Gliomas{i}\tB-Disease\nin\tO\nmen\tO\n.\tO\n\n" for i in range(4))


def write_run(folder, seed, found):
    """A finished run whose predictions are the gold mention of the sentences in `found`, and a
    wrong one (the second word) in the others."""
    sentences = [[f"Gliomas{i}", "in", "men", "."] for i in range(4)]
    entities = [(i, "Disease", 0 if i in found else 1, 1 if i in found else 2) for i in range(4)]
    result = {"variant": "bilm", "fraction": 1.0, "seed": seed}
    return write_finished_run(folder, result, sentences, entities)


def test_sentence_counts_and_f1():
    gold = {(i, "Disease", 0, 1) for i in range(4)}
    found = {(0, "Disease", 0, 1), (1, "Disease", 1, 2), (2, "Disease", 0, 1), (3, "Disease", 1, 2)}
    counts = significance.sentence_counts(found, gold, 4)
    assert counts.tolist() == [[1, 0, 1, 0], [1, 1, 1, 1], [1, 1, 1, 1]]
    assert significance.f1(counts.sum(-1)) == pytest.approx(50.0)
    # Nothing predicted, or nothing gold: 0, not a division by zero.
    assert significance.f1(
        numpy.array([[0.0, 0.0, 0.0], [0.0, 2.0, 0.0], [3.0, 0.0, 0.0]])
    ).tolist() == [0.0, 0.0, 0.0]


def test_each_draw_takes_as_many_sentences_as_the_test_set_has():
    weights = significance.draw_weights(numpy.random.default_rng(0), 300, 7)
    assert weights.shape == (300, 7)
    assert (weights.sum(1) == 7).all()
    assert (weights > 0).mean() == pytest.approx(1 - (6 / 7) ** 7, abs=0.05)


def test_the_same_runs_never_differ_and_a_better_run_always_wins():
    rng = numpy.random.default_rng(1)
    counts = rng.integers(0, 3, size=(3, 50)).astype(float)
    same = significance.compare([counts], [counts], draws=200)
    assert same.difference == same.low == same.high == 0.0
    assert same.not_better == 1.0

    perfect = counts.copy()
    perfect[significance.CORRECT] = perfect[significance.PREDICTED] = perfect[significance.GOLD]
    empty = perfect.copy()
    empty[significance.CORRECT] = empty[significance.PREDICTED] = 0
    won = significance.compare([perfect, perfect], [empty], draws=200)
    assert (won.f1_a, won.f1_b, won.difference, won.low, won.high) == (100, 0, 100, 100, 100)
    assert won.not_better == 0.0

    with pytest.raises(ValueError, match="not the same test set"):
        significance.compare([counts], [counts[:, :10]])


def test_the_interval_holds_the_difference_and_narrows_with_more_sentences():
    rng = numpy.random.default_rng(2)

    def runs(sentences, hit_rate):
        gold = numpy.ones(sentences)
        correct = (rng.random(sentences) < hit_rate).astype(float)
        return numpy.stack([correct, gold, gold])

    small = significance.compare([runs(100, 0.8)], [runs(100, 0.7)], draws=2_000)
    large = significance.compare([runs(10_000, 0.8)], [runs(10_000, 0.7)], draws=2_000)
    for comparison in (small, large):
        assert comparison.low < comparison.difference < comparison.high
    assert large.high - large.low < (small.high - small.low) / 5
    assert large.not_better == 0.0


def test_the_script_prints_each_shared_seed_and_the_mean(tmp_path):
    test = tmp_path / "test.tsv"
    test.write_text(TEST)
    a = [write_run(tmp_path / "a" / f"seed{seed}", seed, {0, 1, 2}) for seed in (13, 14)]
    b = [write_run(tmp_path / "b" / "seed13", 13, {0})]
    command = [sys.executable, "-m", "experiments.significance", "--test", str(test)]
    arguments = ["--a", *map(str, a), "--b", *map(str, b), "--draws", "500", "--target", "150"]
    result = subprocess.run(
        command + arguments, capture_output=True, text=True, timeout=300, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.splitlines()
    assert lines[0] == "paired bootstrap over test sentences, 500 draws (seed 0)"
    # A finds 3 of 4 (F1 75), B 1 of 4 (F1 25).
    assert lines[3].startswith("| 13 | 75.00 | 25.00 | +50.00 | ")
    assert lines[4].startswith("| mean of A (13, 14) and B (13) | 75.00 | 25.00 | +50.00 | ")
    assert lines[5] == "target A - B = +150.00: above the interval: the test set rules it out"

    unfinished = tmp_path / "unfinished"
    unfinished.mkdir()
    refused = subprocess.run(
        command + ["--a", str(unfinished), "--b", str(b[0])],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert refused.returncode != 0
    assert f"{unfinished}: no result.json" in refused.stderr


COMPARISONS = documented_commands("experiments.significance", "docs/results_table2.md")


@pytest.mark.parametrize("arguments, printed", COMPARISONS)
def test_the_documented_comparisons_print_what_the_docs_show(
    arguments, printed, monkeypatch, capsys
):
    check_documented(significance.main, arguments, printed, monkeypatch, capsys)


def test_the_docs_hold_the_comparisons():
    assert len(COMPARISONS) >= 5
    assert all(printed[0].startswith("| seeds | F1 of A |") for _, printed in COMPARISONS)
