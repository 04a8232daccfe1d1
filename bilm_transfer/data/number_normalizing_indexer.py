import re

from allennlp.data.token_indexers import SingleIdTokenIndexer, TokenIndexer
from allennlp.data.tokenizers import Token

NUMBER_TOKEN = "<NUM>"
NUMBER_PATTERN = re.compile(r"[0-9]+(?:[.,][0-9]+)*")


def normalize_word(text: str) -> str:
    """Maps a number (`42`, `3.5`, `1,000`) to `NUMBER_TOKEN`; any other word is kept as it is."""
    return NUMBER_TOKEN if NUMBER_PATTERN.fullmatch(text) else text


@TokenIndexer.register("number_normalizing")
class NumberNormalizingIndexer(SingleIdTokenIndexer):
    """
    A `SingleIdTokenIndexer` that maps every number to one vocabulary entry, `<NUM>`, so that
    numbers share one word embedding (and one language-model class); the token's text itself is
    untouched, so a character indexer on the same field still sees the digits. Case is preserved
    unless `lowercase_tokens` is set.

    Registered as a `TokenIndexer` with name "number_normalizing".
    """

    def _get_feature_value(self, token: Token) -> str:
        return normalize_word(super()._get_feature_value(token))
