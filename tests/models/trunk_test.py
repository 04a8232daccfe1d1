import pytest
import torch
from allennlp.common import Params
from allennlp.common.checks import ConfigurationError
from allennlp.data import Batch

from tests.conftest import CONFIGS, FIXTURES, NCBI_FIXTURES, build_from_config

TINY = FIXTURES / "configs" / "tiny_ner_no_pretraining.jsonnet"


def embedded_words(model, batch) -> torch.Tensor:
    """The word ids the model's embedder receives in one forward pass."""
    seen = []
    hook = model._text_field_embedder.register_forward_pre_hook(
        lambda module, inputs: seen.append(inputs[0]["tokens"]["tokens"].clone())
    )
    model(**batch)
    hook.remove()
    return seen[0]


def test_word_dropout_reads_words_as_unknown_in_training_only(monkeypatch):
    monkeypatch.setenv("WORD_DROPOUT", "0.5")
    instances, vocab, model = build_from_config(TINY, str(NCBI_FIXTURES / "train.tsv"), 64)
    batch = Batch(instances)
    batch.index_instances(vocab)
    tensors = batch.as_tensor_dict()
    words = tensors["tokens"]["tokens"]["tokens"]
    unknown = vocab.get_token_index(vocab._oov_token, "tokens")

    torch.manual_seed(0)
    read = embedded_words(model.train(), tensors)
    changed = read != words
    assert (read[changed] == unknown).all() and (read[words == 0] == 0).all()
    share = changed.sum().item() / (words != 0).sum().item()
    assert 0.4 < share < 0.6  # the words already unknown are not counted as changed
    assert torch.equal(embedded_words(model.eval(), tensors), words)


def test_word_dropout_is_absent_from_configs_without_it_and_adds_no_parameters(monkeypatch):
    for variable, config in (("WORD_DROPOUT", "ncbi_ner"), ("BILM_WORD_DROPOUT", "ncbi_bilm")):
        assert "word_dropout" not in Params.from_file(str(CONFIGS / f"{config}.jsonnet"))["model"]
        monkeypatch.setenv(variable, "0.1")
        assert Params.from_file(str(CONFIGS / f"{config}.jsonnet"))["model"]["word_dropout"] == 0.1
    monkeypatch.setenv("WORD_DROPOUT", "")
    _, _, plain = build_from_config(TINY, str(NCBI_FIXTURES / "train.tsv"))
    monkeypatch.setenv("WORD_DROPOUT", "0.3")
    _, _, dropping = build_from_config(TINY, str(NCBI_FIXTURES / "train.tsv"))
    assert dropping._word_dropout == 0.3 and plain._word_dropout == 0.0
    assert [n for n, _ in dropping.named_parameters()] == [n for n, _ in plain.named_parameters()]


def test_a_word_dropout_outside_0_1_is_refused(monkeypatch):
    monkeypatch.setenv("WORD_DROPOUT", "1")
    with pytest.raises(ConfigurationError, match="word_dropout must be in \\[0, 1\\), not 1"):
        build_from_config(TINY, str(NCBI_FIXTURES / "train.tsv"))
