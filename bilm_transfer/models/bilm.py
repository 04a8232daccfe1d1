import logging
from typing import Dict, Optional

import torch
from allennlp.common.checks import ConfigurationError
from allennlp.data import TextFieldTensors, Vocabulary
from allennlp.models import Model
from allennlp.modules import Seq2SeqEncoder, TextFieldEmbedder
from allennlp.modules.sampled_softmax_loss import SampledSoftmaxLoss
from allennlp.modules.softmax_loss import SoftmaxLoss
from allennlp.nn import InitializerApplicator
from allennlp.training.metrics import Perplexity

from bilm_transfer.models.trunk import TrunkModel
from bilm_transfer.modules.bilm_lstm import BiLmLstm

logger = logging.getLogger(__name__)

# `directions` -> the LMs trained.
DIRECTIONS = {
    "both": ("forward", "backward"),
    "forward": ("forward",),
    "backward": ("backward",),
}


def native_bfloat16(device_type: str) -> bool:
    """Whether `device_type` computes in bfloat16 natively: a GPU that supports it, or a CPU with
    AVX512-BF16 or AMX. Elsewhere oneDNN has no bfloat16 LSTM (PyTorch raises "could not create a
    primitive descriptor") and emulated bfloat16 matrix products are slower than float32 ones."""
    if device_type == "cuda":
        return torch.cuda.is_bf16_supported()
    if device_type == "cpu":
        # Private, but the only probe PyTorch has; a PyTorch without it reads as "no".
        probes = ("_is_avx512_bf16_supported", "_is_amx_tile_supported")
        return any(getattr(torch.cpu, probe, lambda: False)() for probe in probes)
    return False


@Model.register("bilm")
class BidirectionalLm(TrunkModel):
    """
    The paper's bidirectional language model: the tagger's embedder and BiLSTM, trained as a
    forward LM (state at t predicts word t+1, `</S>` at the end) and a backward LM (state at t
    predicts word t-1, `<S>` at the start) through one softmax shared by both directions.

    Written here rather than using allennlp-models' `language_model` because that model feeds the
    boundary tokens as inputs (which the tagger never sees), ties the output vocabulary to the
    input one (no cap) and reports only a joint perplexity.

    Input `tokens` `(batch, timesteps)`, and `lm_targets` `(batch, timesteps + 2)` from the
    `lm_sentences` reader. Loss: mean of the forward and backward per-token cross-entropies.
    Metrics: `forward_ppl`, `backward_ppl` and `perplexity` (of the mean loss); with one of
    `directions`, that direction's perplexity and `perplexity`, the same number.

    Registered as a `Model` with name "bilm".

    # Parameters

    vocab : `Vocabulary`
    text_field_embedder : `TextFieldEmbedder`
    encoder : `Seq2SeqEncoder`
        Bidirectional, forward states in the first half, and it must not peek (use `bilm_lstm`).
    target_namespace : `str`, optional (default = `"lm_targets"`)
        The output vocabulary, capped by the vocabulary's `min_count` / `max_vocab_size`;
        words outside it are predicted as one unknown class.
    num_samples : `int`, optional (default = `None`)
        Use a sampled softmax with this many samples during training (full softmax when `None`,
        or when the output vocabulary is not larger than this).
    bfloat16 : `bool`, optional (default = `False`)
        Mixed precision: run the embedder, the LSTMs and the softmax under `torch.autocast` with
        bfloat16 (parameters, optimizer state, losses and perplexities stay float32). About 1.4x
        faster training on CPUs with native bfloat16 (AVX512-BF16, AMX) and on GPUs. Where the
        device has no native bfloat16 (`native_bfloat16`), the model warns once and computes in
        float32. Transfer copies the float32 parameters as usual.
    word_dropout : `float`, optional (default = `0.0`, the paper)
        In training, the probability that a word is read as the unknown word (`TrunkModel`).
    directions : `str`, optional (default = `"both"`, the BiLM)
        `"forward"` or `"backward"`: train that direction's LM alone, for the paper's forward-LM
        and backward-LM rows (Table 3); the other LSTM learns nothing and is not transferred (a
        `bilm_lstm` encoder does not run it). The parameters and their names are those of the
        BiLM.
    initializer : `InitializerApplicator`, optional
    """

    def __init__(
        self,
        vocab: Vocabulary,
        text_field_embedder: TextFieldEmbedder,
        encoder: Seq2SeqEncoder,
        target_namespace: str = "lm_targets",
        num_samples: Optional[int] = None,
        bfloat16: bool = False,
        directions: str = "both",
        initializer: Optional[InitializerApplicator] = None,
        **kwargs,
    ) -> None:
        super().__init__(vocab, text_field_embedder, encoder, **kwargs)
        if not encoder.is_bidirectional():
            raise ConfigurationError("bilm.encoder must be bidirectional (use 'bilm_lstm')")
        if directions not in DIRECTIONS:
            raise ConfigurationError(
                f"bilm.directions: {directions!r} is not one of {sorted(DIRECTIONS)}"
            )
        self._directions = DIRECTIONS[directions]
        if isinstance(encoder, BiLmLstm):
            encoder.directions = self._directions
        self._target_namespace = target_namespace
        self._bfloat16 = bfloat16
        self._warned_no_bfloat16 = False
        # The padding id 0 is not a class: class = target id - 1.
        num_classes = vocab.get_vocab_size(target_namespace) - 1
        direction_dim = encoder.get_output_dim() // 2
        if num_samples and num_samples >= num_classes:
            logger.warning(
                "bilm.num_samples (%d) is not below the output vocabulary (%d words): "
                "using the full softmax, which is exact and no dearer",
                num_samples,
                num_classes,
            )
            num_samples = None
        if num_samples:
            self._softmax_loss = SampledSoftmaxLoss(num_classes, direction_dim, num_samples)
        else:
            self._softmax_loss = SoftmaxLoss(num_classes, direction_dim)
        self._direction_ppl = {direction: Perplexity() for direction in self._directions}
        self._ppl = Perplexity()
        if initializer is not None:
            initializer(self)

    def _use_bfloat16(self, device_type: str) -> bool:
        if not self._bfloat16:
            return False
        if native_bfloat16(device_type):
            return True
        if not self._warned_no_bfloat16:
            logger.warning(
                "bilm.bfloat16 is set but this %s has no native bfloat16 (AVX512-BF16 or AMX on a "
                "CPU): computing in float32 instead",
                device_type.upper(),
            )
            self._warned_no_bfloat16 = True
        return False

    def _direction_loss(
        self, states: torch.Tensor, targets: torch.Tensor, mask: torch.BoolTensor
    ) -> torch.Tensor:
        # shape: (num_tokens, direction_dim), (num_tokens,)
        selected_states = states[mask]
        selected_targets = targets[mask] - 1
        return self._softmax_loss(selected_states, selected_targets) / mask.sum()

    def forward(  # type: ignore
        self, tokens: TextFieldTensors, lm_targets: Optional[TextFieldTensors] = None
    ) -> Dict[str, torch.Tensor]:
        """
        # Parameters

        tokens : `TextFieldTensors`
        lm_targets : `TextFieldTensors`, optional
            `<S> w1 ... wn </S>` in the output vocabulary.

        # Returns

        `loss`, `forward_loss`, `backward_loss` (per token, when targets are given), `mask`, and
        `lm_embeddings` `(batch, timesteps, 2 * hidden)`, the encoder's states.
        """
        device_type = next(self.parameters()).device.type
        with torch.autocast(
            device_type, dtype=torch.bfloat16, enabled=self._use_bfloat16(device_type)
        ):
            # shape: (batch, timesteps, 2 * direction_dim), (batch, timesteps)
            states, mask = self._encode(tokens)
            output: Dict[str, torch.Tensor] = {"lm_embeddings": states.float(), "mask": mask}
            if lm_targets is None:
                return output
            # shape: (batch, timesteps + 2)
            target_ids = lm_targets["tokens"]["tokens"]
            forward_states, backward_states = states.chunk(2, dim=-1)
            # The forward state at t predicts word t+1, the backward state word t-1.
            lms = {
                "forward": (forward_states, target_ids[:, 2:]),
                "backward": (backward_states, target_ids[:, :-2]),
            }
            losses = {
                f"{direction}_loss": self._direction_loss(*lms[direction], mask).float()
                for direction in self._directions
            }
        loss = sum(losses.values()) / len(losses)
        for direction in self._directions:
            self._direction_ppl[direction](losses[f"{direction}_loss"])
        self._ppl(loss)
        output.update(loss=loss, **losses)
        return output

    def get_metrics(self, reset: bool = False) -> Dict[str, float]:
        return {
            **{
                f"{direction}_ppl": self._direction_ppl[direction].get_metric(reset)
                for direction in self._directions
            },
            "perplexity": self._ppl.get_metric(reset),
        }
