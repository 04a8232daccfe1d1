"""The head-start probes' plumbing: the BiLM's checkpoints by epoch, and the early batch losses
read back from `allennlp train`'s progress bar."""

import pytest

from experiments import head_start


def test_checkpoints_by_epoch_and_an_archive_folder_of_one(tmp_path):
    bilm = tmp_path / "bilm"
    (bilm / "vocabulary").mkdir(parents=True)
    (bilm / "vocabulary" / "tokens.txt").write_text("the\n")
    (bilm / "config.json").write_text("{}")
    for epoch in (10, 2, 1):
        (bilm / f"model_state_e{epoch}_b0.th").write_text(f"weights {epoch}")
    (bilm / "training_state_e2_b0.th").write_text("not weights")
    assert list(head_start.checkpoints(bilm)) == [1, 2, 10]

    folder = head_start.checkpoint_archive(bilm, 2, tmp_path / "work")
    assert (folder / "weights.th").read_text() == "weights 2"
    assert (folder / "vocabulary" / "tokens.txt").read_text() == "the\n"
    assert (folder / "config.json").read_text() == "{}"
    with pytest.raises(KeyError):
        head_start.checkpoint_archive(bilm, 3, tmp_path / "work")


def test_batch_losses_skip_the_empty_bar_and_stop_at_the_count(tmp_path):
    bar = "f1-measure-overall: 0.0000, batch_loss: {}, loss: 9.0 ||: {}/40 [00:01<00:30]"
    log_file = tmp_path / "train.log"
    log_file.write_text(
        "loading\n"
        + "\r".join(bar.format(loss, step) for loss, step in ((0.0, 0), (12.5, 1), (8.25, 2)))
        + "\n"
        + "\r".join(bar.format(float(step), step) for step in range(3, 30))
        + "\n"
    )
    assert head_start.batch_losses(log_file, count=3) == [12.5, 8.25, 3.0]
    assert len(head_start.batch_losses(log_file)) == 20
