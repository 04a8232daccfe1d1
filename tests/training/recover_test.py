"""A run killed mid-epoch and resumed with `allennlp train --recover` ends like an unbroken one."""

import json
import os
import subprocess
import sys

import pytest
from allennlp.common import Params

from tests.conftest import FIXTURES, NCBI_FIXTURES, ROOT

ALLENNLP = os.path.join(os.path.dirname(sys.executable), "allennlp")
CONFIG = FIXTURES / "configs" / "tiny_ner_no_pretraining.jsonnet"
# The shipped callbacks plus one that kills the process when CRASH_AT is set.
CALLBACKS = Params.from_file(str(CONFIG)).as_dict()["trainer"]["callbacks"] + [
    {"type": "crash_for_test"}
]
OVERRIDES = json.dumps({"trainer": {"num_epochs": 3, "callbacks": CALLBACKS}})


def train(directory, *extra, crash_at=""):
    env = {**os.environ, "NCBI_DIR": str(NCBI_FIXTURES), "CRASH_AT": crash_at}
    command = [
        ALLENNLP, "train", str(CONFIG),
        "-s", str(directory), "-o", OVERRIDES, *extra,
        "--include-package", "bilm_transfer", "--include-package", "tests.helpers.crash_callback",
    ]  # fmt: skip
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def test_recover_after_a_kill_ends_with_the_same_metrics(tmp_path):
    unbroken = train(tmp_path / "unbroken")
    assert unbroken.returncode == 0, unbroken.stderr[-2000:]

    killed = train(tmp_path / "broken", crash_at="1,2")  # second epoch, second batch
    assert killed.returncode == 137
    assert not (tmp_path / "broken" / "model.tar.gz").exists()
    recovered = train(tmp_path / "broken", "--recover")
    assert recovered.returncode == 0, recovered.stderr[-2000:]

    expected = json.loads((tmp_path / "unbroken" / "metrics.json").read_text())
    actual = json.loads((tmp_path / "broken" / "metrics.json").read_text())
    # The same predictions, so the same span F1; the losses agree to float rounding (the fused
    # oneDNN LSTM's sums may differ in the last bits between processes), far below what a
    # different dropout mask or data order would change (the first or second digit).
    assert (
        actual["best_validation_f1-measure-overall"]
        == expected["best_validation_f1-measure-overall"]
    )
    for key in ("validation_loss", "training_loss"):
        assert actual[key] == pytest.approx(expected[key], rel=1e-6), key
