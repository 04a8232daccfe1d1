import pytest

from experiments import convergence, kept_roots
from tests.experiments.documented import documented_commands, printed_tables, usage_error
from tests.experiments.kept_runs import keep, tagger


def run(variant: str, seed: int, *devel_f1: float) -> dict:
    history = [
        {"epoch": epoch, "elapsed_seconds": 10.0 * epoch, "devel_f1": f1 / 100}
        for epoch, f1 in enumerate(devel_f1, start=1)
    ]
    return {**tagger(variant, seed, 0.85, devel_f1[0] / 100), "history": history}


def test_each_bilm_run_meets_the_no_pretraining_run_of_its_seed(tmp_path):
    own, ablation, baseline = tmp_path / "own", tmp_path / "ablation", tmp_path / "baseline"
    keep(own, run("bilm", 13, 80, 84, 85, 84), run("none", 13, 75, 80, 84, 85),
         run("bilm", 14, 70), run("forward", 13, 90))  # fmt: skip
    keep(ablation, run("bilm", 15, 81, 82))
    keep(baseline, run("none", 15, 79, 83), run("none", 16, 70))
    entries = [
        kept_roots.read_entry(f"ncbi={own}"),
        kept_roots.read_entry(f"bc5cdr={ablation}:{baseline}"),
    ]
    found = convergence.pairs(entries)
    # Seed 14 has no "none", seed 16 no BiLM; forward is not read.
    assert [(pair.corpus, pair.seed) for pair in found] == [("ncbi", 13), ("bc5cdr", 15)]
    assert found[0].bilm == pytest.approx([80, 84, 85, 84])
    assert found[1].none == pytest.approx([79, 83])


def test_epochs_are_counted_from_one_and_a_level_never_reached_is_none():
    curve = [80.0, 84.0, 85.0, 85.0, 84.0]
    assert convergence.best_epoch(curve) == 3  # the first of equal bests, as model selection
    assert convergence.epochs_to(curve, 84.0) == 2
    assert convergence.epochs_to(curve, 86.0) is None


def two_pairs(tmp_path):
    root = tmp_path / "ncbi"
    keep(root, run("bilm", 13, 80, 84, 85, 84), run("none", 13, 75, 80, 84, 85, 83),
         run("bilm", 14, 78, 83, 84), run("none", 14, 77, 82, 82))  # fmt: skip
    return convergence.pairs([kept_roots.read_entry(f"ncbi={root}")])


def test_the_per_seed_table_reads_both_curves(tmp_path):
    rows = convergence.per_seed_table(two_pairs(tmp_path))[2:]
    # Seed 13: common level min(85, 85) - 1 = 84, reached at epoch 2 by BiLM, 3 by none.
    assert rows[0].endswith("13 | 4 / 5 | 80.00 / 75.00 | 85.00 / 85.00 | 3 / 4 | 2 / 3 (84.00) |")
    assert rows[1].endswith("14 | 3 / 3 | 78.00 / 77.00 | 84.00 / 82.00 | 3 / 2 | 2 / 2 (81.00) |")


def test_the_pooled_table_counts_fewer_epochs_as_better(tmp_path):
    rows = convergence.pooled_table(two_pairs(tmp_path))[2:]
    by_name = {row.split(" | ")[1]: row.split(" | ")[2:] for row in rows}
    assert by_name["devel F1, epoch 1"][:2] == ["2", "+3.00"]  # +5 and +1
    # Epoch 5: only seed 13's none ran it, so no pair has it and there is no row.
    assert "devel F1, epoch 5" not in by_name
    assert by_name["epochs to the best"][:2] == ["2", "+0.00"]  # -1 and +1
    assert by_name["epochs to the best"][4] == "1 of 2"
    # To within 1 of its own best: BiLM 2 and 2, none 3 and 2.
    assert by_name["epochs to within 1 of its best"][1] == "-0.50"
    assert by_name["epochs to the common level"][4] == "1 of 2"


def test_the_mean_gap_by_epoch_keeps_epochs_two_pairs_reached(tmp_path):
    points = convergence.mean_gap_by_epoch(two_pairs(tmp_path))
    assert [epoch for epoch, *_ in points] == [1, 2, 3]
    assert points[0][1] == pytest.approx(3.0)


def test_fewer_than_two_pairs_are_an_error(tmp_path):
    root = tmp_path / "ncbi"
    keep(root, run("bilm", 13, 80), run("none", 13, 75), run("bilm", 14, 80))
    assert "fewer than 2 seeds" in usage_error("experiments.convergence", f"ncbi={root}")


DOCUMENTED = documented_commands("experiments.convergence", "docs/results_table2.md")


def test_the_docs_hold_the_convergence_tables():
    assert DOCUMENTED and all(printed for _, printed in DOCUMENTED)


@pytest.mark.parametrize("arguments, printed", DOCUMENTED)
def test_the_documented_tables_are_what_the_command_prints(arguments, printed, capsys):
    assert printed_tables(convergence.main, arguments, capsys) == printed
