"""`experiments.runner`: the variables a `Runner` sets; a run killed after a checkpoint goes on
where it stopped."""

import json
import shutil

import pytest

from experiments import protocol
from experiments.runner import EXPERIMENT_VARIABLES, Runner, fingerprint, train
from tests.conftest import FIXTURES

CONFIG = str(FIXTURES / "configs" / "tiny_ner_no_pretraining.jsonnet")  # 2 epochs


def devel_f1(directory, epoch: int) -> float:
    return json.loads((directory / f"metrics_epoch_{epoch}.json").read_text())[
        "validation_f1-measure-overall"
    ]


@pytest.mark.slow
def test_a_run_killed_after_an_epoch_recovers_and_ends_as_the_unbroken_run(tmp_path):
    run, directory = Runner(), tmp_path / "select"
    train(run, CONFIG, directory, {}, SEED="1")
    unbroken = devel_f1(directory, 1)
    first_epoch = (directory / "metrics_epoch_0.json").stat().st_mtime_ns
    # What SIGTERM during the second epoch leaves: the first epoch's checkpoint, metrics and best
    # weights, nothing of the second, and an archive of the best weights (AllenNLP makes one
    # when interrupted) but no metrics.json.
    for name in ("metrics.json", "metrics_epoch_1.json", "model_state_e2_b0.th",
                 "training_state_e2_b0.th"):  # fmt: skip
        (directory / name).unlink()
    (directory / "best.th").unlink()  # AllenNLP links it to the best epoch's state
    shutil.copy(directory / "model_state_e1_b0.th", directory / "best.th")

    train(run, CONFIG, directory, {}, SEED="1")
    assert (directory / "model.tar.gz").exists()
    first, second = protocol.epoch_history(directory)
    assert 0 < first.elapsed_seconds < second.elapsed_seconds
    restarts = json.loads((directory / protocol.RESTARTS_FILE).read_text())
    assert restarts == [{"epochs": 1, "seconds": first.elapsed_seconds}]
    assert devel_f1(directory, 1) == unbroken
    # The first epoch was not trained again.
    assert (directory / "metrics_epoch_0.json").stat().st_mtime_ns == first_epoch
    log = directory.with_suffix(".log").read_text()
    assert log.count("Beginning training.") == 2 and "Recovering from prior training" in log


@pytest.mark.slow
def test_a_run_killed_before_its_first_checkpoint_starts_again(tmp_path):
    directory = tmp_path / "select"
    directory.mkdir()
    (directory / "config.json").write_text("{}")
    (directory / "metrics_epoch_0.json").write_text("{}")  # from no run of this config
    train(Runner(), CONFIG, directory, {}, SEED="1")
    assert (directory / "model.tar.gz").exists()
    assert not (directory / protocol.RESTARTS_FILE).exists()
    assert "validation_f1-measure-overall" in (directory / "metrics_epoch_0.json").read_text()


def test_the_runner_sets_the_experiment_variables_it_is_given_and_empties_the_rest(monkeypatch):
    monkeypatch.setenv("TRANSFER_PARTS", "lstms")  # from the shell: not inherited
    env = Runner(0, WORD_DROPOUT="0.1").env
    assert env["CUDA_DEVICE"] == "0" and env["WORD_DROPOUT"] == "0.1"
    assert all(env[name] == "" for name in EXPERIMENT_VARIABLES if name != "WORD_DROPOUT")
    with pytest.raises(ValueError, match="WORD_DROPUOT"):
        Runner(WORD_DROPUOT="0.1")


def test_a_fingerprint_tells_two_makings_of_a_file_apart(tmp_path):
    first, second, same = (tmp_path / name for name in ("a", "b", "c"))
    first.write_bytes(b"vectors" * 300_000)  # 2.1 MB, read in several chunks
    second.write_bytes(b"vectors" * 299_999 + b"Vectors")
    same.write_bytes(first.read_bytes())
    prints = [fingerprint(str(path)) for path in (first, second, same)]
    assert prints[0].startswith("a sha256:") and len(prints[0].split(":")[1]) == 12
    assert prints[0] != prints[1].replace("b ", "a ", 1)
    assert prints[0].split()[1] == prints[2].split()[1]
