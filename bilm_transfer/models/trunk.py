from typing import Tuple

import torch
from allennlp.common.checks import ConfigurationError, check_dimensions_match
from allennlp.data import TextFieldTensors, Vocabulary
from allennlp.models import Model
from allennlp.modules import Seq2SeqEncoder, TextFieldEmbedder
from allennlp.nn.util import get_text_field_mask


def check_word_dropout(word_dropout: float) -> float:
    """`word_dropout`, if it is a probability a word can be dropped with (all words never are)."""
    if not 0.0 <= word_dropout < 1.0:
        raise ConfigurationError(f"word_dropout must be in [0, 1), not {word_dropout}")
    return word_dropout


class TrunkModel(Model):
    """
    The part the BiLM and the tagger share: words and characters -> `_text_field_embedder` ->
    `_encoder`. Both models keep these attribute names, so their parameters have the same names
    and transfer is a copy. Not registered; subclasses add a head.

    # Parameters

    vocab : `Vocabulary`
    text_field_embedder : `TextFieldEmbedder`
    encoder : `Seq2SeqEncoder`
    word_dropout : `float`, optional (default = `0.0`, the paper)
        In training, the probability that a word's id (indexer `"tokens"`) becomes the unknown
        word's, so that the model learns to read a word it has no vector for from its characters
        and context (Lample et al. 2016 do this for words seen once). No parameters of its own:
        parameter names stay as without it.
    """

    def __init__(
        self,
        vocab: Vocabulary,
        text_field_embedder: TextFieldEmbedder,
        encoder: Seq2SeqEncoder,
        word_dropout: float = 0.0,
        **kwargs,
    ) -> None:
        super().__init__(vocab, **kwargs)
        self._word_dropout = check_word_dropout(word_dropout)
        self._unknown_word = vocab.get_token_index(vocab._oov_token, "tokens")
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
        if self.training and self._word_dropout > 0.0:
            tokens = self._drop_words(tokens, mask)
        # shape: (batch, timesteps, embedding_dim)
        embedded = self._text_field_embedder(tokens)
        # shape: (batch, timesteps, encoder_dim)
        return self._encoder(embedded, mask), mask

    def _drop_words(self, tokens: TextFieldTensors, mask: torch.BoolTensor) -> TextFieldTensors:
        """`tokens` with each word's id replaced by the unknown word's with `word_dropout`."""
        # shape: (batch, timesteps)
        words = tokens["tokens"]["tokens"]
        dropped = mask & (torch.rand(words.shape, device=words.device) < self._word_dropout)
        return {
            **tokens,
            "tokens": {
                **tokens["tokens"],
                "tokens": words.masked_fill(dropped, self._unknown_word),
            },
        }
