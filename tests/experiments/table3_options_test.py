"""Where `experiments.table3` keeps its runs and which LM each variant copies."""

import argparse

import pytest

from experiments import table3_options


@pytest.mark.parametrize("lm_alone", [False, True])
def test_each_variant_copies_its_lm(lm_alone, tmp_path):
    args = argparse.Namespace(lm_alone=lm_alone, root=tmp_path)
    bilm = tmp_path / "pretrained_bilm" / "model.tar.gz"
    variants = ("forward", "backward", "bilm")
    archives = {v: table3_options.lm_archive(args, bilm, v) for v in variants}
    assert archives["bilm"] == bilm
    for direction in ("forward", "backward"):
        own = tmp_path / f"pretrained_{direction}_lm" / "model.tar.gz"
        assert archives[direction] == (own if lm_alone else bilm)
