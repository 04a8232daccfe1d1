import json
import math

import pytest
import torch
from allennlp.common import Params
from allennlp.training.learning_rate_schedulers import LearningRateScheduler

from bilm_transfer.formats.columns import Sentence, write_column_file
from experiments import protocol
from tests.conftest import ROOT

# Devel F1 after each epoch: better, better, worse, equal, better, worse (by a hair), better.
SCORES = [0.70, 0.75, 0.74, 0.75, 0.80, 0.80001, 0.82]


def learning_rates(scheduler_params: dict, scores=None) -> list:
    """The learning rate of each epoch of SCORES under a scheduler stepped like the trainer."""
    optimizer = torch.optim.Adam([torch.nn.Parameter(torch.zeros(1))], lr=1e-3)
    scheduler = LearningRateScheduler.from_params(Params(scheduler_params), optimizer=optimizer)
    rates = []
    for score in SCORES:
        rates.append(optimizer.param_groups[0]["lr"])
        scheduler.step(score if scores else None)
    return rates


def test_replayed_halvings_are_the_epochs_halve_on_plateau_halves_after():
    halvings = protocol.replayed_halvings(SCORES)
    assert halvings == [3, 4, 6]
    on_plateau = learning_rates({"type": "halve_on_plateau", "factor": 0.5, "patience": 0}, SCORES)
    replayed = protocol.final_training_overrides(["t"], len(SCORES), halvings)
    multi_step = learning_rates(replayed["trainer.learning_rate_scheduler"])
    assert on_plateau == pytest.approx(multi_step)
    assert on_plateau[-1] == pytest.approx(1e-3 / 8)


def test_replayed_halvings_of_a_steady_climb_are_none():
    assert protocol.replayed_halvings([0.1, 0.2, 0.3]) == []
    assert protocol.replayed_halvings([math.nan]) == [1]  # no score is no improvement


def test_final_training_overrides_train_on_both_files_without_validation():
    overrides = protocol.final_training_overrides(["train.tsv", "devel.tsv"], 4, [2, 4, 5])
    assert overrides["train_data_path"] == "train.tsv,devel.tsv"
    assert overrides["validation_data_path"] is None
    assert overrides["trainer.num_epochs"] == 4
    assert overrides["trainer.patience"] is None
    # Halvings after the last epoch would never act.
    assert overrides["trainer.learning_rate_scheduler"]["milestones"] == [2]
    json.dumps(overrides)  # goes to `allennlp train -o`


def test_final_training_overrides_keep_the_rest_of_the_configs_trainer():
    # What `allennlp train -o` does with them: the optimizer, gradient clipping and callbacks
    # of the config stay (a nested `{"trainer": {...}}` would have replaced them all).
    config = Params.from_file(
        str(ROOT / "training_configs" / "ncbi_ner_no_pretraining.jsonnet"),
        params_overrides=json.dumps(protocol.final_training_overrides(["t.tsv"], 3, [1])),
    ).as_dict()
    trainer = config["trainer"]
    assert trainer["grad_norm"] == 1.0 and trainer["optimizer"] == {"type": "adam", "lr": 0.001}
    assert trainer["callbacks"] == [{"type": "rng_checkpoint"}]
    assert trainer["num_epochs"] == 3 and trainer["learning_rate_scheduler"]["milestones"] == [1]
    assert "validation_data_path" not in config or config["validation_data_path"] is None


def keep_epochs(folder, *epochs) -> None:
    for epoch, (duration, f1) in enumerate(epochs):
        metrics = {
            "epoch": epoch,
            "training_duration": duration,
            "validation_f1-measure-overall": f1,
        }
        (folder / f"metrics_epoch_{epoch}.json").write_text(json.dumps(metrics))


def test_epoch_history_reads_the_trainers_metrics(tmp_path):
    keep_epochs(tmp_path, ("0:01:00.5", 0.5), ("0:02:30", 0.6))
    history = protocol.epoch_history(tmp_path)
    assert [(e.epoch, e.elapsed_seconds, e.devel_f1) for e in history] == [
        (1, 60.5, 0.5),
        (2, 150.0, 0.6),
    ]


def test_epoch_history_goes_on_timing_after_a_recovery(tmp_path):
    # Recovered after epochs 1 and 3: AllenNLP's clock started again at zero each time (the
    # second epoch after the first recovery took longer than the whole run before it).
    keep_epochs(tmp_path, ("0:01:00", 0.5), ("0:01:40", 0.6), ("0:03:20", 0.7), ("0:00:50", 0.8))
    restarts = [{"epochs": 1, "seconds": 60.0}, {"epochs": 3, "seconds": 260.0}]
    (tmp_path / protocol.RESTARTS_FILE).write_text(json.dumps(restarts))
    history = protocol.epoch_history(tmp_path)
    assert [e.elapsed_seconds for e in history] == [60.0, 160.0, 260.0, 310.0]


def test_sample_sentences_keeps_order_and_is_seeded(tmp_path):
    sentences = [Sentence("f", i, [f"w{i}"], ["O"]) for i in range(100)]
    sample = protocol.sample_sentences(sentences, 0.25, seed=3)
    assert len(sample) == 25
    assert [s.line_number for s in sample] == sorted(s.line_number for s in sample)
    assert sample == protocol.sample_sentences(sentences, 0.25, seed=3)
    assert sample != protocol.sample_sentences(sentences, 0.25, seed=4)
    assert len(protocol.sample_sentences(sentences, 0.001, seed=3)) == 1
    with pytest.raises(ValueError, match="fraction"):
        protocol.sample_sentences(sentences, 0.0, seed=3)

    path = tmp_path / "subset.tsv"
    write_column_file(sample[:2], path)
    assert path.read_text() == f"w{sample[0].line_number}\tO\n\nw{sample[1].line_number}\tO\n\n"
