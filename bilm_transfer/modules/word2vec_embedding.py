from typing import Optional

from allennlp.common.checks import ConfigurationError
from allennlp.data import Vocabulary
from allennlp.modules.token_embedders import Embedding, TokenEmbedder

from bilm_transfer.formats.word2vec import embedding_matrix


@TokenEmbedder.register("word2vec_embedding")
class Word2VecEmbedding(Embedding):
    """
    A word `Embedding` initialized from word2vec vectors, text or binary (`.bin`) format
    (AllenNLP's `Embedding` reads only text and hdf5, and fills missing rows from a normal
    distribution). Words without a vector are drawn uniformly (see `embedding_matrix`). Without a
    file (and when an archive is loaded, where AllenNLP drops `pretrained_file`) it is a plain,
    Xavier-initialized embedding.

    Input `(batch, timesteps)` ids; output `(batch, timesteps, embedding_dim)`.

    Registered as a `TokenEmbedder` with name "word2vec_embedding".

    # Parameters

    embedding_dim : `int`
    pretrained_file : `str`, optional (default = `None`)
    vocab_namespace : `str`, optional (default = `"tokens"`)
    trainable : `bool`, optional (default = `True`)
    vocab : `Vocabulary`, passed in by AllenNLP
    """

    def __init__(
        self,
        embedding_dim: int,
        pretrained_file: Optional[str] = None,
        vocab_namespace: str = "tokens",
        trainable: bool = True,
        vocab: Optional[Vocabulary] = None,
    ) -> None:
        if vocab is None:
            raise ConfigurationError("word2vec_embedding needs the vocabulary")
        weight = None
        if pretrained_file:
            weight = embedding_matrix(pretrained_file, vocab, vocab_namespace, embedding_dim)
        super().__init__(
            embedding_dim=embedding_dim,
            num_embeddings=vocab.get_vocab_size(vocab_namespace),
            weight=weight,
            padding_index=0,
            trainable=trainable,
            vocab_namespace=vocab_namespace,
        )
