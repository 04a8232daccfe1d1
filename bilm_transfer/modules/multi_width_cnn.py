from typing import Optional, Sequence, Tuple

import torch
from allennlp.common.checks import ConfigurationError
from allennlp.modules.seq2vec_encoders import Seq2VecEncoder
from allennlp.nn import Activation

from bilm_serving.model import max_pooled_windows

# Activations f with max(f(x)) == f(max(x)), which may be applied after pooling.
NON_DECREASING = (
    torch.nn.Tanh,
    torch.nn.Sigmoid,
    torch.nn.ReLU,
    torch.nn.ReLU6,
    torch.nn.Hardtanh,
    torch.nn.ELU,
    torch.nn.SELU,
    torch.nn.Softplus,
    torch.nn.Softsign,
    torch.nn.LogSigmoid,
)


@Seq2VecEncoder.register("multi_width_cnn")
class MultiWidthCnnEncoder(Seq2VecEncoder):
    """
    The paper's character CNN: one convolution per filter width, each with its own number of
    filters (AllenNLP's `CnnEncoder` gives every width the same number), an activation, and
    max-pooling over the character positions; the pooled features are concatenated.

    Input: `(batch, num_characters, embedding_dim)` with a mask `(batch, num_characters)`;
    output: `(batch, sum of filter counts)`. Each word is read as its characters followed by
    zeros, and the max is taken over the windows that start inside the word, so a word's features
    do not depend on how far its batch is padded (AllenNLP's `CnnEncoder` pools over every window,
    so padding leaks into the features and a sentence tags differently in different batches).
    The activation must be non-decreasing (tanh, the paper's, and the other usual ones): the max
    is taken first and the activation applied to the pooled features only (the same values, with
    the activation and its gradient computed once per filter instead of once per window). The
    pooling is `bilm_serving.model.max_pooled_windows`, which the exported tagger runs too.

    Registered as a `Seq2VecEncoder` with name "multi_width_cnn".

    # Parameters

    embedding_dim : `int`
        Size of the character embeddings.
    filters : `List[Tuple[int, int]]`
        `(width, number of filters)` pairs; the paper uses `(w, min(200, 50 * w))` for w in 1..7.
    activation : `Activation`, optional (default = `tanh`)
        Non-decreasing (see `NON_DECREASING`); another one is a `ConfigurationError`.
    """

    def __init__(
        self,
        embedding_dim: int,
        filters: Sequence[Tuple[int, int]],
        activation: Optional[Activation] = None,
    ) -> None:
        super().__init__()
        if not filters or any(width < 1 or count < 1 for width, count in filters):
            raise ConfigurationError(
                f"multi_width_cnn.filters must be (width >= 1, count >= 1) pairs, got {filters}"
            )
        self._embedding_dim = embedding_dim
        self._output_dim = sum(count for _, count in filters)
        self._activation = activation or Activation.by_name("tanh")()
        if not isinstance(self._activation, NON_DECREASING):
            raise ConfigurationError(
                "multi_width_cnn.activation must be non-decreasing (tanh, relu, sigmoid, ...), "
                f"so that it may follow the max-pooling; got {self._activation}"
            )
        self.convolutions = torch.nn.ModuleList(
            torch.nn.Conv1d(embedding_dim, count, kernel_size=width) for width, count in filters
        )

    def get_input_dim(self) -> int:
        return self._embedding_dim

    def get_output_dim(self) -> int:
        return self._output_dim

    def forward(
        self, tokens: torch.Tensor, mask: Optional[torch.BoolTensor] = None
    ) -> torch.Tensor:
        if mask is None:
            mask = tokens.new_ones(tokens.shape[:2], dtype=torch.bool)
        mask = mask.bool()  # TokenCharactersEncoder passes a long mask
        # shape: (batch, output_dim)
        features = max_pooled_windows(
            tokens,
            mask,
            [convolution.weight for convolution in self.convolutions],
            [convolution.bias for convolution in self.convolutions],
            torch.finfo(tokens.dtype).min,
        )
        # An empty word (padding) gets zeros.
        return self._activation(features) * mask.any(dim=1, keepdim=True)
