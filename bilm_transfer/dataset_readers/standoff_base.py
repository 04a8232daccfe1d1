import logging
from typing import Iterable, List, Optional

from allennlp.data import Instance

from bilm_tagging.formats.document import Document
from bilm_transfer.dataset_readers.iob_tagging import IobTaggingReader
from bilm_transfer.formats.standoff import tagged_sentences

logger = logging.getLogger(__name__)


class StandoffReader(IobTaggingReader):
    """
    Shared by the readers of character-offset formats (brat, PubTator): documents are split into
    sentences and tokenized with the reader's `tokenizer` (the corpus's scheme), and mentions
    become IOBES tags by the rules of `bilm_transfer.formats.standoff`. Not registered.

    # Parameters

    entity_types : `List[str]`, optional (default = all)
        Keep only mentions of these types.
    **kwargs : as for `iob_tagging` (`token_indexers`, `label_namespace`, `tokenizer`)
    """

    def __init__(self, entity_types: Optional[List[str]] = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self._entity_types = set(entity_types) if entity_types else None

    def _documents(self, file_path: str) -> Iterable[Document]:
        raise NotImplementedError

    def _read(self, file_path: str) -> Iterable[Instance]:
        dropped = widened = 0
        for document in self.shard_iterable(self._documents(file_path)):
            if self._entity_types is not None:
                kept = [m for m in document.mentions if m.label in self._entity_types]
                document = document._replace(mentions=kept)
            for tokens, tags, counts in tagged_sentences(document, self.tokenizer):
                dropped += counts.dropped_overlaps
                widened += counts.widened_to_tokens
                yield self.text_to_instance(tokens, tags)
        if dropped or widened:
            logger.warning(
                "%s: %d overlapping mention(s) dropped (longest kept); %d widened to token edges",
                file_path,
                dropped,
                widened,
            )
