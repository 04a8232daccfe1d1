from typing import List, Optional, Sequence, Tuple

import torch
from allennlp.common.checks import ConfigurationError
from allennlp.modules.seq2vec_encoders import Seq2VecEncoder
from allennlp.nn import Activation


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
        # A window counts if it starts on a character of the word.
        # shape: (batch, 1, num_characters)
        starts = mask.unsqueeze(1)
        floor = torch.finfo(tokens.dtype).min
        pooled: List[torch.Tensor] = []
        for convolution in self.convolutions:
            # shape: (batch, count, num_characters)
            features = self._activation(convolution(characters)[:, :, :num_characters])
            # shape: (batch, count)
            pooled.append(features.masked_fill(~starts, floor).max(dim=2).values)
        # shape: (batch, output_dim); an empty word (padding) gets zeros
        return torch.cat(pooled, dim=1) * mask.any(dim=1, keepdim=True)
