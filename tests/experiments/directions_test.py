import pytest

from experiments import directions, kept_roots
from tests.experiments.documented import documented_commands, printed_tables, usage_error
from tests.experiments.kept_runs import keep, tagger


def run(variant: str, seed: int, test_f1: float, devel_f1: float, first_f1: float) -> dict:
    return {**tagger(variant, seed, test_f1, first_f1), "devel_f1": devel_f1}


def two_roots(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    keep(first, run("bilm", 13, 0.86, 0.85, 0.78), run("forward", 13, 0.85, 0.86, 0.75),
         run("backward", 13, 0.84, 0.84, 0.79), run("none", 13, 0.80, 0.80, 0.70),
         run("bilm", 14, 0.85, 0.85, 0.78), run("forward", 14, 0.85, 0.85, 0.78))  # fmt: skip
    keep(second, run("bilm", 13, 0.83, 0.84, 0.77), run("forward", 13, 0.86, 0.85, 0.76),
         run("backward", 13, 0.85, 0.83, 0.74))  # fmt: skip
    return [kept_roots.read_entry(f"ncbi={root}") for root in (first, second)]


def test_seeds_that_ran_all_three_variants_are_pooled(tmp_path):
    found = directions.triples(two_roots(tmp_path))
    # Seed 14 of the first root has no backward run; "none" is not read.
    assert [(t.roots.split("/")[-1], t.seed) for t in found] == [("first`", 13), ("second`", 13)]
    assert found[0].test == pytest.approx([86.0, 85.0, 84.0])
    assert found[1].first_epoch == pytest.approx([77.0, 76.0, 74.0])
    rows = directions.per_seed_table(found)[2:]
    assert rows[0].endswith("| 13 | 86.00 | 85.00 | 84.00 | +1.00 | +2.00 | BiLM | forward |")
    assert rows[1].endswith("| 13 | 83.00 | 86.00 | 85.00 | -3.00 | -2.00 | forward | forward |")


def test_the_pooled_table_gives_each_direction_on_each_measure(tmp_path):
    found = directions.triples(two_roots(tmp_path))
    rows = directions.pooled_table(found)[2:]
    assert rows == [
        "| forward | test | 2 | -1.00 | 2.83 | -26.41 to +24.41 | 1 of 2 | 1.000 |",
        "| backward | test | 2 | +0.00 | 2.83 | -25.41 to +25.41 | 1 of 2 | 1.000 |",
        "| forward | devel (best) | 2 | -1.00 | 0.00 | -1.00 to -1.00 | 0 of 2 | 0.500 |",
        "| backward | devel (best) | 2 | +1.00 | 0.00 | +1.00 to +1.00 | 2 of 2 | 0.500 |",
        "| forward | devel, epoch 1 | 2 | +2.00 | 1.41 | -10.71 to +14.71 | 2 of 2 | 0.500 |",
        "| backward | devel, epoch 1 | 2 | +1.00 | 2.83 | -24.41 to +26.41 | 1 of 2 | 1.000 |",
    ]
    # Best of three: test on the first seed only; devel on neither (forward above on both);
    # epoch 1 on the second only (77 against 76 and 74; 78 < 79 on the first).
    assert directions.best_of_three_line(found).startswith(
        "BiLM best of the three on test in 1 of 2 (p = 0.556); on devel (best) in 0 of 2 "
        "(p = 1.000); on devel, epoch 1 in 1 of 2 (p = 0.556)"
    )


def test_fewer_than_two_seeds_with_all_three_variants_are_an_error(tmp_path):
    root = tmp_path / "ncbi"
    keep(root, run("bilm", 13, 0.86, 0.85, 0.78), run("forward", 13, 0.85, 0.86, 0.75),
         run("backward", 13, 0.84, 0.84, 0.79), run("bilm", 14, 0.85, 0.85, 0.78))  # fmt: skip
    assert "nothing to pool" in usage_error("experiments.directions", f"ncbi={root}")


DOCUMENTED = documented_commands("experiments.directions", "docs/results_table2.md")


def test_the_docs_hold_the_directions_tables():
    assert DOCUMENTED and all(printed for _, printed in DOCUMENTED)


@pytest.mark.parametrize("arguments, printed", DOCUMENTED)
def test_the_documented_tables_are_what_the_command_prints(arguments, printed, capsys):
    assert printed_tables(directions.main, arguments, capsys) == printed


def test_the_plot_is_drawn_from_the_command_line(tmp_path, capsys):
    first, second = (entry.roots[0] for entry in two_roots(tmp_path))
    path = tmp_path / "directions.png"
    directions.main([f"ncbi={first}", f"ncbi={second}", "--plot", str(path)])
    assert path.read_bytes().startswith(b"\x89PNG")
    assert "BiLM best of the three on test in 1 of 2" in capsys.readouterr().out
