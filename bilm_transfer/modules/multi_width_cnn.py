from typing import List, Optional, Sequence, Tuple

import torch
from allennlp.common.checks import ConfigurationError
from allennlp.modules.seq2vec_encoders import Seq2VecEncoder
from allennlp.nn import Activation

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
    With a non-decreasing activation (tanh, the paper's, and the other usual ones), the max is
    taken first and the activation applied to the pooled features only: the same values, with
    the activation and its gradient computed once per filter instead of once per window.

    Registered as a `Seq2VecEncoder` with name "multi_width_cnn".

    # Parameters

    embedding_dim : `int`
        Size of the character embeddings.
    filters : `List[Tuple[int, int]]`
        `(width, number of filters)` pairs; the paper uses `(w, min(200, 50 * w))` for w in 1..7.
    activation : `Activation`, optional (default = `tanh`)
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
        self._widest = max(width for width, _ in filters)
        self._output_dim = sum(count for _, count in filters)
        self._activation = activation or Activation.by_name("tanh")()
        self._pool_first = isinstance(self._activation, NON_DECREASING)
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
        tokens = tokens * mask.unsqueeze(-1)
        num_characters = tokens.size(1)
        # shape: (batch, embedding_dim, num_characters + widest - 1)
        characters = torch.nn.functional.pad(tokens.transpose(1, 2), (0, self._widest - 1))
        # A window counts if it starts on a character of the word: 0 is added to its features,
        # the lowest float to the others (an addition is cheaper than masked_fill, both ways).
        # shape: (batch, 1, num_characters)
        floor = tokens.new_zeros(mask.shape).masked_fill(~mask, torch.finfo(tokens.dtype).min)
        floor = floor.unsqueeze(1)
        pooled: List[torch.Tensor] = []
        for convolution in self.convolutions:
            # Only the windows that start on one of the num_characters positions.
            # shape: (batch, count, num_characters)
            width = convolution.kernel_size[0]
            features = convolution(characters[:, :, : num_characters + width - 1])
            if not self._pool_first:
                features = self._activation(features)
            # shape: (batch, count)
            pooled.append((features + floor).max(dim=2).values)
        # shape: (batch, output_dim)
        features = torch.cat(pooled, dim=1)
        if self._pool_first:
            features = self._activation(features)
        # An empty word (padding) gets zeros.
        return features * mask.any(dim=1, keepdim=True)
