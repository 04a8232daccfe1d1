import logging
from typing import Any, Iterable, Optional

from allennlp.data import Instance, Vocabulary

from bilm_transfer.formats.word2vec import word2vec_words

logger = logging.getLogger(__name__)


@Vocabulary.register("with_word_vectors", constructor="from_instances_and_word_vectors")
class WordVectorsVocabulary(Vocabulary):
    """
    AllenNLP's `from_instances` vocabulary, plus the most frequent words of a word2vec file in
    the word namespace: a word the training data lacks but the vectors know (a test-time disease
    name) keeps its pretrained vector instead of becoming `@@UNKNOWN@@`. Only the file's words
    are read, never another split's text. The words are added as the file spells them (numbers
    normalized to `<NUM>` by `train-word-vectors`, as the word indexer does).

    Registered as a `Vocabulary` with name "with_word_vectors".

    # Parameters

    instances : `Iterable[Instance]`, passed in by AllenNLP (the `datasets_for_vocab_creation`)
    word_vectors : `str`, optional (default = `None`)
        A word2vec file, text or binary (`.bin`); without one, this is `from_instances`.
    max_vector_words : `int`, optional (default = `50000`)
        At most this many of the file's words (word2vec writes the most frequent first); each
        costs a row of the word embedding.
    namespace : `str`, optional (default = `"tokens"`)
    **kwargs : passed to `Vocabulary.from_instances` (`min_count`, `max_vocab_size`, ...)
    """

    @classmethod
    def from_instances_and_word_vectors(
        cls,
        instances: Iterable[Instance],
        word_vectors: Optional[str] = None,
        max_vector_words: int = 50000,
        namespace: str = "tokens",
        **kwargs: Any,
    ) -> Vocabulary:
        vocab = Vocabulary.from_instances(instances, **kwargs)
        if word_vectors:
            before = vocab.get_vocab_size(namespace)
            vocab.add_tokens_to_namespace(word2vec_words(word_vectors, max_vector_words), namespace)
            logger.info(
                "%s: %d words of %s added to the %d from the training data",
                namespace,
                vocab.get_vocab_size(namespace) - before,
                word_vectors,
                before,
            )
        return vocab
