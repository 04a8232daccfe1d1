import torch
from allennlp.common.checks import ConfigurationError
from allennlp.modules.seq2vec_encoders import Seq2VecEncoder
from allennlp.modules.token_embedders import Embedding, TokenCharactersEncoder, TokenEmbedder

from bilm_serving.batching import SPELLING_GROUPS


@TokenEmbedder.register("unique_character_encoding")
class UniqueCharactersEncoder(TokenCharactersEncoder):
    """
    AllenNLP's `character_encoding` (embed each word's characters, encode them into one vector,
    dropout), computed once per distinct word of the batch instead of once per token, with the
    distinct words sorted by length and encoded in `num_buckets` groups, each padded only to its
    own longest word. A batch of 500 running-text tokens holds about half as many distinct
    words, and its longest word is two to three times its median one, so the character CNN,
    the largest cost of the paper's model, does several times less work. The output is the same
    (the encoder must give a word the same vector however far it is padded, as
    `multi_width_cnn` does); the parameters keep `character_encoding`'s names, so archives and
    transfer between the two work.

    Input: character ids `(batch, timesteps, num_characters)`, 0 for padding;
    output: `(batch, timesteps, encoder output dim)`.

    Registered as a `TokenEmbedder` with name "unique_character_encoding".

    # Parameters

    embedding : `Embedding`
        The character embeddings.
    encoder : `Seq2VecEncoder`
        Characters of one word -> one vector; independent of the padding.
    dropout : `float`, optional (default = `0.0`)
        Applied to each token's vector (after it is copied to every occurrence).
    num_buckets : `int`, optional (default = `bilm_serving.batching.SPELLING_GROUPS`, 4)
        Length groups the distinct words are encoded in.
    """

    def __init__(
        self,
        embedding: Embedding,
        encoder: Seq2VecEncoder,
        dropout: float = 0.0,
        num_buckets: int = SPELLING_GROUPS,
    ) -> None:
        super().__init__(embedding, encoder, dropout)
        if num_buckets < 1:
            raise ConfigurationError(
                f"unique_character_encoding.num_buckets must be >= 1, got {num_buckets}"
            )
        self._num_buckets = num_buckets

    def forward(self, token_characters: torch.Tensor) -> torch.Tensor:
        batch_size, timesteps, num_characters = token_characters.shape
        # shape: (num_words, num_characters), (batch * timesteps,)
        words, occurrence = torch.unique(
            token_characters.reshape(-1, num_characters), dim=0, return_inverse=True
        )
        # shape: (num_words,)
        lengths = (words != 0).sum(dim=1)
        by_length = lengths.argsort()
        encoded = []
        for bucket in by_length.chunk(self._num_buckets):
            width = max(int(lengths[bucket[-1]]), 1)
            # shape: (bucket_size, width)
            characters = words[bucket, :width]
            # shape: (bucket_size, width, embedding_dim)
            embedded = self._embedding._module(characters)
            # shape: (bucket_size, output_dim)
            encoded.append(self._encoder._module(embedded, characters != 0))
        # The row of each distinct word in `encoded`, which is in length order.
        # shape: (num_words,)
        position = torch.empty_like(by_length)
        position[by_length] = torch.arange(len(by_length), device=by_length.device)
        # shape: (batch * timesteps, output_dim)
        per_token = torch.cat(encoded)[position[occurrence]]
        return self._dropout(per_token.view(batch_size, timesteps, -1))
