from allennlp.data.token_indexers import SingleIdTokenIndexer, TokenIndexer
from allennlp.data.tokenizers import Token

from bilm_serving.tokenization import normalize_word


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
