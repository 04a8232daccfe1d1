import pytest

from experiments import final_epochs, kept_roots
from tests.experiments.documented import documented_commands, printed_tables, usage_error
from tests.experiments.kept_runs import keep, tagger


def run(variant: str, seed: int, epochs: int, test_f1: float, devel_f1: float) -> dict:
    return {**tagger(variant, seed, test_f1, 0.7), "final_epochs": epochs, "devel_f1": devel_f1}


def test_each_run_is_set_against_the_other_seeds_of_its_row(tmp_path):
    root = tmp_path / "ncbi"
    keep(root, run("bilm", 13, 4, 0.83, 0.85), run("bilm", 14, 10, 0.87, 0.85),
         run("none", 13, 7, 0.85, 0.84), run("none", 14, 7, 0.86, 0.86),
         run("forward", 13, 3, 0.80, 0.80))  # fmt: skip
    found = final_epochs.deviations([kept_roots.read_entry(f"ncbi={root}")])
    # forward has one seed: no row to compare with. BiLM: mean 7 epochs, test 85, devel 85.
    assert sorted(found) == [
        final_epochs.Deviation(4, -3.0, pytest.approx(-2.0), pytest.approx(0.0)),
        final_epochs.Deviation(7, 0.0, pytest.approx(-0.5), pytest.approx(-1.0)),
        final_epochs.Deviation(7, 0.0, pytest.approx(0.5), pytest.approx(1.0)),
        final_epochs.Deviation(10, 3.0, pytest.approx(2.0), pytest.approx(0.0)),
    ]
    lines = final_epochs.table(found)
    # The short BiLM run lost 2 on test and nothing on devel: devel minus test +2.
    assert lines[2:] == [
        "| 1-5 | 1 | -2.00 | +0.00 | +2.00 |",
        "| 6-8 | 2 | +0.00 | +0.00 | +0.00 |",
        "| 9-11 | 1 | +2.00 | +0.00 | -2.00 |",
    ]
    assert final_epochs.correlations(found).startswith(
        "Correlation of final epochs with test F1 +0.97, with devel F1 +0.00, "
        "with devel minus test -0.97 (4 runs"
    )


def test_roots_without_two_seeds_of_a_row_are_an_error(tmp_path):
    root = tmp_path / "ncbi"
    keep(root, run("bilm", 13, 4, 0.83, 0.85), run("none", 14, 7, 0.85, 0.84))
    assert "nothing to compare" in usage_error("experiments.final_epochs", f"ncbi={root}")


DOCUMENTED = documented_commands("experiments.final_epochs", "docs/results_table2.md")


def test_the_docs_hold_the_final_epochs_table():
    assert DOCUMENTED and all(printed for _, printed in DOCUMENTED)


@pytest.mark.parametrize("arguments, printed", DOCUMENTED)
def test_the_documented_table_is_what_the_command_prints(arguments, printed, capsys):
    assert printed_tables(final_epochs.main, arguments, capsys) == printed


def test_rows_whose_runs_all_trained_as_long_have_no_correlation(tmp_path):
    root = tmp_path / "ncbi"
    keep(root, *(run("none", seed, 7, f, f) for seed, f in ((13, 0.84), (14, 0.85), (15, 0.86))))
    found = final_epochs.deviations([kept_roots.read_entry(f"ncbi={root}")])
    assert final_epochs.correlations(found).startswith(
        "Correlation of final epochs with test F1 undefined, with devel F1 undefined"
    )
