import logging
from typing import Dict, Iterable, List, Optional, Union

from allennlp.data import DatasetReader, Instance, Token, TokenIndexer, Tokenizer
from allennlp.data.fields import MetadataField, SequenceLabelField, TextField

from bilm_serving.tag_schemes import to_iobes
from bilm_transfer.data.biomedical_tokenizer import BiomedicalTokenizer
from bilm_transfer.data.default_indexers import default_token_indexers
from bilm_transfer.formats.columns import read_column_file, split_paths

logger = logging.getLogger(__name__)


@DatasetReader.register("iob_tagging")
class IobTaggingReader(DatasetReader):
    """
    Reads `token<TAB>tag` files (a blank line between sentences, `-DOCSTART-` lines skipped) and
    yields one instance per sentence with its tags converted to IOBES.

    IOB1, IOB2 and IOBES input are all accepted. An `I-X` that does not continue an `X` entity
    (after `O`, or after another type) is read as the start of a new entity, as CoNLL's scorer does;
    such repairs are counted and logged per file.

    `file_path` may name several files separated by commas (`train.tsv,devel.tsv`): they are read
    as one dataset, in order.

    Instances have fields `tokens` (`TextField`), `tags` (`SequenceLabelField`, when the data has
    tags) and `metadata` (`{"words": [...]}`).

    Registered as a `DatasetReader` with name "iob_tagging".

    # Parameters

    token_indexers : `Dict[str, TokenIndexer]`, optional (default = `default_token_indexers()`)
        Words (numbers normalized) and characters, as the paper's model reads them.
    label_namespace : `str`, optional (default = `"labels"`)
    tokenizer : `Tokenizer`, optional (default = `biomedical` with scheme `"alnum"`)
        How the corpus was tokenized. The files are read as they are; this tokenizer splits raw
        text at prediction time, and being part of the config it travels in the model archive, so
        a model tokenizes new text the way its training data was tokenized.
    """

    def __init__(
        self,
        token_indexers: Optional[Dict[str, TokenIndexer]] = None,
        label_namespace: str = "labels",
        tokenizer: Optional[Tokenizer] = None,
        **kwargs,
    ) -> None:
        super().__init__(
            manual_distributed_sharding=True, manual_multiprocess_sharding=True, **kwargs
        )
        self._token_indexers = token_indexers or default_token_indexers()
        self._label_namespace = label_namespace
        self.tokenizer = tokenizer or BiomedicalTokenizer()

    def _read(self, file_path: str) -> Iterable[Instance]:
        for path in split_paths(file_path):
            logger.info("Reading tagged sentences from %s", path)
            repairs = 0
            for sentence in self.shard_iterable(read_column_file(path)):
                tags, sentence_repairs = to_iobes(sentence.tags)
                repairs += sentence_repairs
                yield self.text_to_instance(sentence.tokens, tags)
            if repairs:
                logger.warning(
                    "%s: %d I- tag(s) did not continue an entity of their type; "
                    "each was read as the start of a new entity",
                    path,
                    repairs,
                )

    def text_to_instance(  # type: ignore
        self, tokens: List[Union[str, Token]], tags: Optional[List[str]] = None
    ) -> Instance:
        words = [token if isinstance(token, Token) else Token(token) for token in tokens]
        text_field = TextField(words)
        fields = {
            "tokens": text_field,
            "metadata": MetadataField({"words": [word.text for word in words]}),
        }
        if tags is not None:
            fields["tags"] = SequenceLabelField(tags, text_field, self._label_namespace)
        return Instance(fields)

    def apply_token_indexers(self, instance: Instance) -> None:
        instance.fields["tokens"].token_indexers = self._token_indexers  # type: ignore
