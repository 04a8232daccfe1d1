from typing import Optional, Tuple

import torch
from allennlp.modules.seq2seq_encoders import Seq2SeqEncoder
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from bilm_serving.model import reverse_padded
from bilm_transfer.modules.fast_dropout import FastDropout

# Run the LSTMs over the padding when real words fill at least this share of the padded batch
# (one fused kernel); below it, packing the sentences is faster.
DENSE_BATCH_SHARE = 0.75


@Seq2SeqEncoder.register("bilm_lstm")
class BiLmLstm(Seq2SeqEncoder):
    """
    A bidirectional LSTM kept as two separate LSTMs, `forward_lstm` (reads left to right) and
    `backward_lstm` (right to left), whose states are concatenated. Each direction only ever
    sees its own side of the sentence, also when stacked (a multi-layer `torch.nn.LSTM` with
    `bidirectional=True` feeds both directions to the next layer, so a language model on it
    would peek at the word it predicts). The tagger and the BiLM use this same module, so weight
    transfer is a plain copy of `forward_lstm.*` and `backward_lstm.*`.

    Input `(batch, timesteps, input_dim)`, mask `(batch, timesteps)`; output
    `(batch, timesteps, 2 * hidden_size)`, forward states first, zero at padding.

    `directions` (an attribute, not a parameter: the same encoder config serves the tagger and
    the LM) names the LSTMs run, both by default. The `bilm` model training one LM alone keeps
    only its direction; the other's states are then zeros, so its LSTM costs nothing and gets no
    gradient, and the output and the dropout's random draws are those of running both.

    Registered as a `Seq2SeqEncoder` with name "bilm_lstm".

    # Parameters

    input_dim : `int`
    hidden_size : `int`
        Per direction (the paper: 256).
    num_layers : `int`, optional (default = `1`)
    input_dropout : `float`, optional (default = `0.0`)
        Dropout on the inputs (the paper: 0.5 on the embeddings).
    output_dropout : `float`, optional (default = `0.0`)
        Dropout on the outputs (the paper: 0.5).
    """

    def __init__(
        self,
        input_dim: int,
        hidden_size: int,
        num_layers: int = 1,
        input_dropout: float = 0.0,
        output_dropout: float = 0.0,
    ) -> None:
        super().__init__()
        self._input_dim = input_dim
        self._hidden_size = hidden_size
        self.num_layers = num_layers
        self.forward_lstm = torch.nn.LSTM(input_dim, hidden_size, num_layers, batch_first=True)
        self.backward_lstm = torch.nn.LSTM(input_dim, hidden_size, num_layers, batch_first=True)
        self._input_dropout = FastDropout(input_dropout)
        self._output_dropout = FastDropout(output_dropout)
        self.directions: Tuple[str, ...] = ("forward", "backward")

    def get_input_dim(self) -> int:
        return self._input_dim

    def get_output_dim(self) -> int:
        return 2 * self._hidden_size

    def is_bidirectional(self) -> bool:
        return True

    @staticmethod
    def _run(lstm: torch.nn.LSTM, inputs: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        # Padding comes after each sentence (after its reversal too), so running over it leaves
        # the states of the real words as they are; that is faster (one fused LSTM kernel) unless
        # the batch is mostly padding, where packing skips it.
        if int(lengths.sum()) >= DENSE_BATCH_SHARE * lengths.numel() * inputs.size(1):
            # shape: (batch, timesteps, hidden_size)
            return lstm(inputs)[0]
        packed = pack_padded_sequence(
            inputs, lengths.clamp(min=1).cpu(), batch_first=True, enforce_sorted=False
        )
        # shape: (batch, timesteps, hidden_size)
        outputs, _ = pad_packed_sequence(
            lstm(packed)[0], batch_first=True, total_length=inputs.size(1)
        )
        return outputs

    def forward(
        self, inputs: torch.Tensor, mask: Optional[torch.BoolTensor] = None
    ) -> torch.Tensor:
        if mask is None:
            mask = inputs.new_ones(inputs.shape[:2], dtype=torch.bool)
        # shape: (batch,)
        lengths = mask.sum(dim=1)
        inputs = self._input_dropout(inputs)
        by_direction = {}
        if "forward" in self.directions:
            # shape: (batch, timesteps, hidden_size)
            by_direction["forward"] = self._run(self.forward_lstm, inputs, lengths)
        if "backward" in self.directions:
            # shape: (batch, timesteps, hidden_size)
            by_direction["backward"] = reverse_padded(
                self._run(self.backward_lstm, reverse_padded(inputs, lengths), lengths), lengths
            )
        # shape: (batch, timesteps, hidden_size), zeros for a direction not run
        run = next(iter(by_direction.values()))
        forward_states = by_direction.get("forward", torch.zeros_like(run))
        backward_states = by_direction.get("backward", torch.zeros_like(run))
        # shape: (batch, timesteps, 2 * hidden_size)
        states = torch.cat([forward_states, backward_states], dim=-1) * mask.unsqueeze(-1)
        return self._output_dropout(states)
