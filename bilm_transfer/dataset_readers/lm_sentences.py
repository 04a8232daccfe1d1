import logging
import os
from typing import Dict, Iterable, List, Optional, Union

from allennlp.common.checks import ConfigurationError
from allennlp.data import DatasetReader, Instance, Token, TokenIndexer, Tokenizer
from allennlp.data.fields import TextField

from bilm_transfer.data.biomedical_tokenizer import BiomedicalTokenizer
from bilm_transfer.data.default_indexers import default_token_indexers
from bilm_transfer.data.number_normalizing_indexer import NumberNormalizingIndexer
from bilm_transfer.data.sentence_splitter import split_sentences
from bilm_transfer.formats.columns import read_column_file, read_text_file, split_paths

logger = logging.getLogger(__name__)

START_OF_SENTENCE = "<S>"
END_OF_SENTENCE = "</S>"


@DatasetReader.register("lm_sentences")
class LmSentencesReader(DatasetReader):
    """
    Unlabeled sentences for the bidirectional language model, from `token<TAB>tag` files (tags
    ignored), plain text (one sentence per line, whitespace-separated tokens), or folders of raw
    documents (every `.txt` file, e.g. brat abstracts: split into sentences and tokenized with
    `tokenizer`).

    Each instance has `tokens`, the model's input (exactly what the tagger reads), and
    `lm_targets`, the same words framed by `<S>` and `</S>` and indexed into the output
    vocabulary: the forward LM at position t predicts `lm_targets[t + 2]` (`</S>` after the last
    word), the backward LM predicts `lm_targets[t]` (`<S>` before the first).

    Registered as a `DatasetReader` with name "lm_sentences".

    # Parameters

    token_indexers : `Dict[str, TokenIndexer]`, optional (default = `default_token_indexers()`)
    target_namespace : `str`, optional (default = `"lm_targets"`)
        The output vocabulary; cap it with the vocabulary's `min_count` / `max_vocab_size`.
    file_format : `str`, optional (default = `"auto"`)
        `"columns"`, `"text"`, or `"auto"`: `.txt` files are text, anything else columns.
    max_sentence_length : `int`, optional (default = `None`)
        Longer sentences are cut into pieces of at most this many tokens.
    tokenizer : `Tokenizer`, optional (default = `biomedical`, scheme `"alnum"`)
        For folders of raw documents: the corpus's tokenization.
    """

    def __init__(
        self,
        token_indexers: Optional[Dict[str, TokenIndexer]] = None,
        target_namespace: str = "lm_targets",
        file_format: str = "auto",
        max_sentence_length: Optional[int] = None,
        tokenizer: Optional[Tokenizer] = None,
        **kwargs,
    ) -> None:
        super().__init__(
            manual_distributed_sharding=True, manual_multiprocess_sharding=True, **kwargs
        )
        if file_format not in ("auto", "columns", "text"):
            raise ConfigurationError(
                f"file_format must be 'auto', 'columns' or 'text', not {file_format!r}"
            )
        self._token_indexers = token_indexers or default_token_indexers()
        self._target_indexers = {"tokens": NumberNormalizingIndexer(namespace=target_namespace)}
        self._file_format = file_format
        self._max_sentence_length = max_sentence_length
        self.tokenizer = tokenizer or BiomedicalTokenizer()

    def _raw_documents(self, folder: str) -> Iterable[List[str]]:
        for name in sorted(os.listdir(folder)):
            if name.endswith(".txt"):
                with open(os.path.join(folder, name), encoding="utf-8") as text_file:
                    text = text_file.read()
                for tokens in split_sentences(text, self.tokenizer):
                    yield [token.text for token in tokens]

    def sentences(self, path: str) -> Iterable[List[str]]:
        """The token lists of one file or folder, as the language model reads them."""
        if os.path.isdir(path):
            yield from self._raw_documents(path)
            return
        is_text = self._file_format == "text" or (
            self._file_format == "auto" and path.endswith(".txt")
        )
        sentences = read_text_file(path) if is_text else read_column_file(path, with_tags=False)
        for sentence in sentences:
            size = self._max_sentence_length or len(sentence.tokens)
            for start in range(0, len(sentence.tokens), size):
                yield sentence.tokens[start : start + size]

    def _read(self, file_path: str) -> Iterable[Instance]:
        for path in split_paths(file_path):
            logger.info("Reading language-model sentences from %s", path)
            yield from (self.text_to_instance(s) for s in self.shard_iterable(self.sentences(path)))

    def text_to_instance(self, tokens: List[Union[str, Token]]) -> Instance:  # type: ignore
        words = [token if isinstance(token, Token) else Token(token) for token in tokens]
        targets = [Token(START_OF_SENTENCE), *words, Token(END_OF_SENTENCE)]
        return Instance({"tokens": TextField(words), "lm_targets": TextField(targets)})

    def apply_token_indexers(self, instance: Instance) -> None:
        instance.fields["tokens"].token_indexers = self._token_indexers  # type: ignore
        instance.fields["lm_targets"].token_indexers = self._target_indexers  # type: ignore
