"""Two CPU workers (AllenNLP distributed training): the span F1 sums its counts across workers."""

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import FIXTURES, NCBI_FIXTURES, ROOT

ALLENNLP = os.path.join(os.path.dirname(sys.executable), "allennlp")


def run(*args, env):
    result = subprocess.run(
        [ALLENNLP, *args, "--include-package", "bilm_transfer"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]


def test_two_workers_score_like_one(tmp_path, bilm_archive):
    env = {**os.environ, "NCBI_DIR": str(NCBI_FIXTURES), "BILM_ARCHIVE": bilm_archive}
    env["OMP_NUM_THREADS"] = "1"
    # The fixture validates on the training sentences (see tiny_ner_distributed.jsonnet).
    run(
        "train",
        str(FIXTURES / "configs" / "tiny_ner_distributed.jsonnet"),
        "-s",
        str(tmp_path / "ddp"),
        env=env,
    )
    distributed = json.loads((tmp_path / "ddp" / "metrics.json").read_text())
    single = tmp_path / "single.json"
    archive = str(tmp_path / "ddp" / "model.tar.gz")
    run(
        "evaluate", archive, str(NCBI_FIXTURES / "train.tsv"), "--output-file", str(single), env=env
    )
    alone = json.loads(single.read_text())
    for key in ("precision-overall", "recall-overall", "f1-measure-overall"):
        assert distributed[f"best_validation_{key}"] == pytest.approx(alone[key]), key
    # Entities found, but not all: each worker's half alone would score differently.
    assert 0 < alone["f1-measure-overall"] < 1
