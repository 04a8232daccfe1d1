from typing import Tuple

import torch
from allennlp.common.checks import check_dimensions_match
from allennlp.data import TextFieldTensors, Vocabulary
from allennlp.models import Model
from allennlp.modules import Seq2SeqEncoder, TextFieldEmbedder
from allennlp.nn.util import get_text_field_mask


class TrunkModel(Model):
    """
    The part the BiLM and the tagger share: words and characters -> `_text_field_embedder` ->
    `_encoder`. Both models keep these attribute names, so their parameters have the same names
    and transfer is a copy. Not registered; subclasses add a head.
    """

    def __init__(
        self,
        vocab: Vocabulary,
        text_field_embedder: TextFieldEmbedder,
        encoder: Seq2SeqEncoder,
        **kwargs,
    ) -> None:
        super().__init__(vocab, **kwargs)
        check_dimensions_match(
            text_field_embedder.get_output_dim(),
            encoder.get_input_dim(),
            "text field embedding dim",
            "encoder input dim",
        )
        self._text_field_embedder = text_field_embedder
        self._encoder = encoder

    def _encode(self, tokens: TextFieldTensors) -> Tuple[torch.Tensor, torch.BoolTensor]:
        """Encoder states `(batch, timesteps, encoder_dim)` and mask `(batch, timesteps)`."""
        # shape: (batch, timesteps)
        mask = get_text_field_mask(tokens)
        # shape: (batch, timesteps, embedding_dim)
        embedded = self._text_field_embedder(tokens)
        # shape: (batch, timesteps, encoder_dim)
        return self._encoder(embedded, mask), mask
