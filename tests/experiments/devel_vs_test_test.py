import pytest

from experiments import devel_vs_test, kept_roots
from tests.experiments.documented import usage_error
from tests.experiments.kept_runs import keep, tagger


def selected(result: dict, devel_f1: float) -> dict:
    return {**result, "devel_f1": devel_f1}


def test_devel_and_test_gains_are_set_side_by_side(tmp_path):
    root = tmp_path / "bc5cdr"
    keep(root, selected(tagger("none", 13, 0.87, 0.77), 0.85),
         selected(tagger("none", 14, 0.86, 0.76), 0.84),
         selected(tagger("bilm", 13, 0.87, 0.81), 0.87),
         selected(tagger("bilm", 14, 0.87, 0.80), 0.85),
         selected(tagger("bilm", 15, 0.90, 0.80), 0.90))  # fmt: skip
    [row] = devel_vs_test.table([kept_roots.read_entry(f"bc5cdr={root}")])[2:]
    # Seed 15 has no no-pretraining run: left out. Devel +2, +1; test 0, +1.
    assert row == f"| BC5CDR | `{root}` | 13, 14 | +4.00 | +1.50 | +0.50 | +1.00 | 1 of 2 |"


def test_a_root_without_a_matched_pair_is_named(tmp_path):
    root = tmp_path / "ncbi"
    keep(root, tagger("bilm", 13, 0.86, 0.8), tagger("none", 14, 0.85, 0.75))
    stderr = usage_error("experiments.devel_vs_test", f"ncbi={root}")
    assert f"{root}`: no seed with both" in stderr


def test_the_plot_draws_each_row_from_its_devel_to_its_test_lead(tmp_path):
    root = tmp_path / "table3_bc5cdr_wd"
    keep(root, selected(tagger("none", 13, 0.87, 0.77), 0.85),
         selected(tagger("bilm", 13, 0.87, 0.81), 0.87))  # fmt: skip
    entry = kept_roots.read_entry(f"bc5cdr={root}")
    assert devel_vs_test.leads(entry).devel_minus_test() == {13: pytest.approx(0.02)}
    path = tmp_path / "devel_vs_test.png"
    devel_vs_test.plot([entry], path)
    assert path.read_bytes().startswith(b"\x89PNG")
