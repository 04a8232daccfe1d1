from typing import Dict

from allennlp.data import TokenIndexer

from bilm_transfer.data.capped_characters_indexer import CappedCharactersIndexer
from bilm_transfer.data.number_normalizing_indexer import NumberNormalizingIndexer

WIDEST_CHAR_FILTER = 7


def default_token_indexers() -> Dict[str, TokenIndexer]:
    """The paper's inputs: case-preserving words with numbers normalized, and characters."""
    return {
        "tokens": NumberNormalizingIndexer(namespace="tokens"),
        "token_characters": CappedCharactersIndexer(
            namespace="token_characters", min_padding_length=WIDEST_CHAR_FILTER
        ),
    }
