import copy
import logging

import pytest
import torch
from allennlp.common.testing import ModelTestCase

from bilm_transfer.models import BidirectionalLm
from bilm_transfer.models import bilm as bilm_module
from tests.conftest import FIXTURES, NCBI_FIXTURES


class TestBidirectionalLm(ModelTestCase):
    def setup_method(self):
        super().setup_method()
        self.set_up_model(FIXTURES / "configs" / "tiny_bilm.jsonnet", NCBI_FIXTURES / "devel.tsv")

    def test_trains_saves_loads_and_predicts_consistently(self):
        self.ensure_model_can_train_save_and_load(self.param_file)

    def test_forward_predicts_next_and_backward_previous_word(self):
        model: BidirectionalLm = self.model.eval()
        batch = self.dataset.as_tensor_dict()
        output = model(**batch)
        # Recompute both losses by hand from the targets' layout <S> w1 .. wn </S>.
        ids = batch["lm_targets"]["tokens"]["tokens"]
        mask = output["mask"]
        forward_states, backward_states = output["lm_embeddings"].chunk(2, dim=-1)
        weights, bias = model._softmax_loss.softmax_w, model._softmax_loss.softmax_b
        losses = []
        for states, targets in ((forward_states, ids[:, 2:]), (backward_states, ids[:, :-2])):
            log_probs = torch.log_softmax(states[mask] @ weights + bias, dim=-1)
            losses.append(-log_probs.gather(1, (targets[mask] - 1).unsqueeze(1)).mean())
        assert torch.allclose(output["forward_loss"], losses[0], atol=1e-5)
        assert torch.allclose(output["backward_loss"], losses[1], atol=1e-5)
        first = ids[:, 0]
        assert torch.all(first == first[0])  # <S> frames every sentence
        metrics = model.get_metrics(reset=True)
        assert set(metrics) == {"forward_ppl", "backward_ppl", "perplexity"}


def test_output_vocabulary_can_be_capped():
    from allennlp.common import Params
    from allennlp.data import Batch, Vocabulary
    from allennlp.models import Model

    from tests.conftest import build_from_config

    config = FIXTURES / "configs" / "tiny_bilm.jsonnet"
    instances, full, _ = build_from_config(config, str(NCBI_FIXTURES / "devel.tsv"), 25)
    capped = Vocabulary.from_instances(instances, min_count={"lm_targets": 3})
    assert capped.get_vocab_size("lm_targets") < full.get_vocab_size("lm_targets") / 2
    assert capped.get_vocab_size("tokens") == full.get_vocab_size("tokens")  # inputs untouched
    model = Model.from_params(vocab=capped, params=Params.from_file(str(config)).pop("model"))
    assert model._softmax_loss.softmax_w.shape[1] == capped.get_vocab_size("lm_targets") - 1
    batch = Batch(instances)
    batch.index_instances(capped)
    tensors = batch.as_tensor_dict()
    rare = tensors["lm_targets"]["tokens"]["tokens"] == capped.get_token_index(
        "@@UNKNOWN@@", "lm_targets"
    )
    assert rare.any()  # rare words are one unknown class
    assert torch.isfinite(model(**tensors)["loss"])


def float32_and_bfloat16_models():
    """A tiny BiLM, a copy of it with `bfloat16` set, and a batch."""
    from allennlp.common import Params
    from allennlp.data import Batch
    from allennlp.models import Model

    from tests.conftest import build_from_config

    config = FIXTURES / "configs" / "tiny_bilm.jsonnet"
    instances, vocab, _ = build_from_config(config, str(NCBI_FIXTURES / "devel.tsv"), 25)
    torch.manual_seed(0)
    full = Model.from_params(vocab=vocab, params=Params.from_file(str(config)).pop("model"))
    # The paper's LSTM initialization (uniform +-0.005) gives near-zero states, whose rounding
    # would not show in the losses: larger weights make the comparison meaningful.
    for name, parameter in full.named_parameters():
        if "_lstm." in name:
            torch.nn.init.uniform_(parameter, -0.3, 0.3)
    mixed = copy.deepcopy(full)
    mixed._bfloat16 = True
    batch = Batch(instances)
    batch.index_instances(vocab)
    return full, mixed, batch.as_tensor_dict()


@pytest.mark.skipif(
    not bilm_module.native_bfloat16("cpu"), reason="this CPU has no native bfloat16"
)
def test_bfloat16_keeps_float32_parameters_and_outputs_and_close_losses():
    full, mixed, tensors = float32_and_bfloat16_models()
    full.eval()
    mixed.eval()
    expected, output = full(**tensors), mixed(**tensors)
    assert output["lm_embeddings"].dtype == torch.float32
    assert output["loss"].dtype == torch.float32
    # bfloat16 keeps 8 significant bits: states differ, by at most a few hundredths.
    difference = (output["lm_embeddings"] - expected["lm_embeddings"]).abs().max()
    assert 0 < difference < 0.05
    for key in ("forward_loss", "backward_loss"):
        assert torch.allclose(output[key], expected[key], rtol=1e-2), key
    mixed.train()
    mixed(**tensors)["loss"].backward()
    for name, parameter in mixed.named_parameters():
        assert parameter.dtype == torch.float32, name
        if parameter.grad is not None:
            assert parameter.grad.dtype == torch.float32, name
            assert torch.isfinite(parameter.grad).all(), name
    assert mixed._encoder.forward_lstm.weight_ih_l0.grad.abs().sum() > 0


def test_bfloat16_without_native_support_warns_once_and_computes_in_float32(monkeypatch, caplog):
    # On a CPU without AVX512-BF16 or AMX, oneDNN has no bfloat16 LSTM: autocast would fail.
    monkeypatch.setattr(bilm_module, "native_bfloat16", lambda device_type: False)
    full, mixed, tensors = float32_and_bfloat16_models()
    full.eval()
    mixed.eval()
    with caplog.at_level(logging.WARNING, logger=bilm_module.__name__):
        outputs = [mixed(**tensors) for _ in range(2)]
    expected = full(**tensors)
    for output in outputs:
        for key in ("lm_embeddings", "forward_loss", "backward_loss"):
            assert torch.equal(output[key], expected[key]), key
    warnings = [r.message for r in caplog.records if "no native bfloat16" in r.message]
    assert warnings == [
        "bilm.bfloat16 is set but this CPU has no native bfloat16 (AVX512-BF16 "
        "or AMX on a CPU): computing in float32 instead"
    ]


def test_fast_bilm_config_has_the_parameters_of_the_paper_bilm(monkeypatch):
    """Transfer reads parameters by name and shape: the fast BiLM must be a drop-in."""
    from allennlp.common import Params
    from allennlp.data import DatasetReader, Vocabulary
    from allennlp.models import Model

    from tests.conftest import CONFIGS, ROOT

    monkeypatch.chdir(ROOT)
    models = {}
    for name in ("ncbi_bilm", "ncbi_bilm_fast"):
        params = Params.from_file(str(CONFIGS / f"{name}.jsonnet"))
        assert params["trainer"]["cuda_device"] == -1
        reader = DatasetReader.from_params(params.pop("dataset_reader"), max_instances=8)
        vocab = Vocabulary.from_instances(reader.read(str(NCBI_FIXTURES / "train.tsv")))
        models[name] = Model.from_params(vocab=vocab, params=params.pop("model"))
    paper, fast = models["ncbi_bilm"], models["ncbi_bilm_fast"]
    assert fast._bfloat16 and not paper._bfloat16
    assert {k: v.shape for k, v in fast.state_dict().items()} == {
        k: v.shape for k, v in paper.state_dict().items()
    }


def test_more_softmax_samples_than_words_falls_back_to_the_full_softmax(caplog):
    from allennlp.common import Params
    from allennlp.models import Model
    from allennlp.modules.sampled_softmax_loss import SampledSoftmaxLoss
    from allennlp.modules.softmax_loss import SoftmaxLoss

    from tests.conftest import build_from_config

    config = FIXTURES / "configs" / "tiny_bilm.jsonnet"
    _, vocab, _ = build_from_config(config, str(NCBI_FIXTURES / "devel.tsv"), 25)
    words = vocab.get_vocab_size("lm_targets") - 1
    for samples, loss in ((words - 1, SampledSoftmaxLoss), (words, SoftmaxLoss)):
        params = Params.from_file(str(config)).pop("model")
        params["num_samples"] = samples
        model = Model.from_params(vocab=vocab, params=params)
        assert type(model._softmax_loss) is loss
    assert f"bilm.num_samples ({words}) is not below the output vocabulary" in caplog.text


def test_an_encoder_that_is_not_bidirectional_is_refused():
    from allennlp.common.checks import ConfigurationError
    from allennlp.modules.seq2seq_encoders import LstmSeq2SeqEncoder

    model = TestBidirectionalLm()
    model.setup_method()
    embedder = model.model._text_field_embedder
    one_way = LstmSeq2SeqEncoder(embedder.get_output_dim(), 4)
    with pytest.raises(ConfigurationError, match="must be bidirectional"):
        BidirectionalLm(model.model.vocab, embedder, one_way)


@pytest.mark.parametrize("directions", ["forward", "backward"])
def test_one_direction_trains_that_lm_alone(directions):
    case = TestBidirectionalLm()
    case.setup_method()
    both = case.model
    one_way = BidirectionalLm(
        both.vocab, both._text_field_embedder, both._encoder, directions=directions
    )
    # The same parameters under the same names: the tagger's transfer reads them as a BiLM's.
    assert [name for name, _ in one_way.named_parameters()] == [
        name for name, _ in both.named_parameters()
    ]
    batch = case.dataset.as_tensor_dict()
    # The other LSTM is not run, which changes nothing in this LM's loss (dropouts drawn alike).
    torch.manual_seed(2)
    output = one_way(**batch)
    one_way._encoder.directions = ("forward", "backward")
    torch.manual_seed(2)
    assert torch.equal(one_way(**batch)[f"{directions}_loss"], output[f"{directions}_loss"])
    other = {"forward": "backward", "backward": "forward"}[directions]
    assert torch.equal(output["loss"], output[f"{directions}_loss"])
    assert f"{other}_loss" not in output
    output["loss"].backward()
    # The other direction's LSTM learns nothing; this one's and the embeddings do.
    gradients = {
        name: parameter.grad for name, parameter in one_way.named_parameters() if "_encoder" in name
    }
    assert all(grad is None for name, grad in gradients.items() if f"{other}_" in name)
    assert any(
        grad is not None and grad.any() for name, grad in gradients.items() if directions in name
    )
    assert set(one_way.get_metrics(reset=True)) == {f"{directions}_ppl", "perplexity"}


@pytest.mark.parametrize("directions", ["forward", "backward"])
def test_one_direction_trains_to_the_lm_that_running_both_lstms_gave(directions):
    from allennlp.common import Params
    from allennlp.data import Batch
    from allennlp.models import Model

    from tests.conftest import build_from_config

    config = FIXTURES / "configs" / "tiny_bilm.jsonnet"
    instances, vocab, _ = build_from_config(config, str(NCBI_FIXTURES / "devel.tsv"), 25)
    params = Params.from_file(str(config), params_overrides={"model.directions": directions})
    torch.manual_seed(0)
    skipping = Model.from_params(vocab=vocab, params=params.pop("model"))
    running_both = copy.deepcopy(skipping)
    running_both._encoder.directions = ("forward", "backward")  # as before the other was skipped
    batch = Batch(instances)
    batch.index_instances(vocab)
    tensors = batch.as_tensor_dict()
    for model in (skipping, running_both):
        optimizer = torch.optim.Adam(model.parameters(), lr=0.01)  # the configs' Adam: no decay
        torch.manual_seed(1)
        for _ in range(3):  # training mode: the dropouts draw
            optimizer.zero_grad()
            model(**tensors)["loss"].backward()
            optimizer.step()
    for (name, trained), (_, reference) in zip(
        skipping.named_parameters(), running_both.named_parameters()
    ):
        assert torch.equal(trained, reference), name


def test_unknown_directions_are_refused():
    from allennlp.common.checks import ConfigurationError

    case = TestBidirectionalLm()
    case.setup_method()
    with pytest.raises(ConfigurationError, match="bilm.directions: 'left' is not one of"):
        BidirectionalLm(
            case.model.vocab,
            case.model._text_field_embedder,
            case.model._encoder,
            directions="left",
        )


def test_bilm_directions_reaches_every_bilm_config(monkeypatch):
    from allennlp.common import Params

    configs = sorted((FIXTURES.parent / "training_configs").glob("*_bilm*.jsonnet"))
    assert len(configs) == 8
    for config in configs:
        assert "directions" not in Params.from_file(str(config))["model"]  # the paper's BiLM
    monkeypatch.setenv("BILM_DIRECTIONS", "backward")
    for config in configs:
        assert Params.from_file(str(config))["model"]["directions"] == "backward"
