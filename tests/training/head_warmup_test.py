import pytest
import torch
from allennlp.common.checks import ConfigurationError
from allennlp.data.data_loaders import SimpleDataLoader
from allennlp.training import GradientDescentTrainer

from bilm_transfer.training import HeadWarmup
from tests.conftest import FIXTURES, NCBI_FIXTURES, build_from_config

EMBEDDER = r"^_text_field_embedder\."


def train(tmp_path, num_batches: int, epochs: int = 1):
    """The tiny tagger trained `epochs` epoch(s) of 4 batches, its embedder warmed up: the
    parameters before and after, and the callback."""
    config = FIXTURES / "configs" / "tiny_ner_no_pretraining.jsonnet"
    instances, vocab, model = build_from_config(config, str(NCBI_FIXTURES / "train.tsv"))
    loader = SimpleDataLoader(instances, batch_size=2, shuffle=False, vocab=vocab)
    warmup = HeadWarmup(str(tmp_path), EMBEDDER, num_batches)
    before = {name: p.detach().clone() for name, p in model.named_parameters()}
    trainer = GradientDescentTrainer(
        model, torch.optim.Adam(model.parameters(), lr=0.01), loader,
        num_epochs=epochs, callbacks=[warmup], serialization_dir=str(tmp_path),
    )  # fmt: skip
    trainer.train()
    after = dict(model.named_parameters())
    return before, after, warmup


def changed(before, after, embedder: bool):
    return [
        name
        for name in before
        if name.startswith("_text_field_embedder.") == embedder
        and after[name].requires_grad
        and not torch.equal(before[name], after[name].detach())
    ]


def test_the_matched_parameters_stay_frozen_during_the_warmup_and_are_released_after(tmp_path):
    before, after, warmup = train(tmp_path, num_batches=10)  # longer than the 4 batches
    assert changed(before, after, embedder=False)  # the rest trained
    assert not changed(before, after, embedder=True)
    # Released at the end of training (the CRF's constraint mask is never trained).
    assert [name for name, p in after.items() if not p.requires_grad] == ["crf._constraint_mask"]
    assert warmup.state_dict() == {"batches_done": 4}


def test_after_the_warmup_everything_trains(tmp_path):
    before, after, _ = train(tmp_path, num_batches=2)
    assert changed(before, after, embedder=True) and changed(before, after, embedder=False)


def test_a_recovered_run_continues_the_count(tmp_path):
    warmup = HeadWarmup(str(tmp_path), EMBEDDER, 3)
    warmup.load_state_dict({"batches_done": 3})
    config = FIXTURES / "configs" / "tiny_ner_no_pretraining.jsonnet"
    _, _, model = build_from_config(config, str(NCBI_FIXTURES / "train.tsv"))
    warmup.on_start(type("Trainer", (), {"model": model})())
    assert all(p.requires_grad for name, p in model.named_parameters() if "crf" not in name)


def test_a_regex_matching_nothing_is_refused_by_name(tmp_path):
    with pytest.raises(
        ConfigurationError, match="parameter_regex '\\^_no_such' matches no parameter"
    ):
        HeadWarmup(str(tmp_path), "^_no_such", 1).on_start(
            type("Trainer", (), {"model": torch.nn.Linear(2, 2)})()
        )
    with pytest.raises(ConfigurationError, match="num_batches"):
        HeadWarmup(str(tmp_path), EMBEDDER, -1)
