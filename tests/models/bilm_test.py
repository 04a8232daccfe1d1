import torch
from allennlp.common.testing import ModelTestCase

from bilm_transfer.models import BidirectionalLm
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
