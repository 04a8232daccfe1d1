from typing import Dict

from allennlp.data import TokenIndexer

from bilm_transfer.data.capped_characters_indexer import CappedCharactersIndexer
from bilm_transfer.data.number_normalizing_indexer import NumberNormalizingIndexer

# The paper's widest character filter (`char_filters` in training_configs/common/
# architecture.libsonnet). `multi_width_cnn` pads words itself; AllenNLP's characters indexer
# warns unless a minimum padding is given.
WIDEST_CHAR_FILTER = 7


def default_token_indexers() -> Dict[str, TokenIndexer]:
    """The paper's inputs: case-preserving words with numbers normalized, and characters."""
    return {
        "tokens": NumberNormalizingIndexer(namespace="tokens"),
        "token_characters": CappedCharactersIndexer(
            namespace="token_characters", min_padding_length=WIDEST_CHAR_FILTER
        ),
    }
