"""`CORPUS=ROOT` arguments read into entries: a seed counts once, a baseline lends only its
no-pretraining runs."""

import argparse

import pytest

from experiments import kept_roots
from tests.experiments.kept_runs import keep, tagger


@pytest.mark.parametrize(
    "argument, message",
    [("ncbi={b}+{b}", "two of the roots hold bilm seed 13"),
     ("ncbi={a}:{b}", "has no-pretraining runs of its own"), ("ncbi={b}:{b}", "no none/fraction1")],
)  # fmt: skip
def test_a_seed_counts_once_and_a_baseline_holds_the_only_none_runs(tmp_path, argument, message):
    a, b = tmp_path / "a", tmp_path / "b"
    keep(a, tagger("none", 13, 0.85, 0.75))
    keep(b, tagger("bilm", 13, 0.86, 0.78))
    with pytest.raises(argparse.ArgumentTypeError, match=message):
        kept_roots.read_entry(argument.format(a=a, b=b))


def test_roots_of_one_setup_join_and_a_baseline_lends_its_no_pretraining_runs(tmp_path):
    first, later, baseline = (tmp_path / name for name in ("table3_ncbi_wd", "seeds", "none"))
    keep(first, tagger("bilm", 13, 0.86, 0.80))
    keep(later, tagger("bilm", 14, 0.88, 0.81))
    keep(baseline, tagger("none", 13, 0.85, 0.75), tagger("bilm", 13, 0.80, 0.70))
    entry = kept_roots.read_entry(f"ncbi={first}+{later}:{baseline}")
    assert (entry.corpus, entry.roots, entry.baseline) == ("ncbi", (first, later), baseline)
    assert [(r["variant"], r["seed"]) for r in entry.results] == [("bilm", 13), ("bilm", 14)]
    assert [(r["variant"], r["seed"]) for r in entry.baseline_results] == [("none", 13)]
    assert kept_roots.joined_roots(entry.roots) == f"`{first}` + `{later}`"
    assert kept_roots.row_name("ncbi", entry.roots) == "NCBI-disease: wd+seeds"
