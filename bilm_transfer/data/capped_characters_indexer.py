from typing import Dict, List

from allennlp.data import Vocabulary
from allennlp.data.token_indexers import TokenCharactersIndexer, TokenIndexer
from allennlp.data.tokenizers import Token

from bilm_serving.tokenization import MAX_CHARACTERS


@TokenIndexer.register("capped_characters")
class CappedCharactersIndexer(TokenCharactersIndexer):
    """
    AllenNLP's `TokenCharactersIndexer` reading at most the first `max_characters` characters of
    a token. A batch pads every word to its longest word, so one 10,000-character token (a
    sequence, a garbled line) would otherwise make a 1,000-word batch's character tensor ~2 GB and
    the CNN's output ~40 GB. Real words are far shorter (the longest NCBI-disease token has 26
    characters; long IUPAC chemical names reach ~100).

    Registered as a `TokenIndexer` with name "capped_characters".

    # Parameters

    max_characters : `int`, optional (default = `bilm_serving.tokenization.MAX_CHARACTERS`, 100)
    **kwargs : passed to `TokenCharactersIndexer` (`namespace`, `min_padding_length`, ...)
    """

    def __init__(self, max_characters: int = MAX_CHARACTERS, **kwargs) -> None:
        super().__init__(**kwargs)
        self._max_characters = max_characters

    def _capped(self, token: Token) -> Token:
        text = token.text or ""
        return token if len(text) <= self._max_characters else Token(text[: self._max_characters])

    def count_vocab_items(self, token: Token, counter: Dict[str, Dict[str, int]]) -> None:
        super().count_vocab_items(self._capped(token), counter)

    def tokens_to_indices(
        self, tokens: List[Token], vocabulary: Vocabulary
    ) -> Dict[str, List[List[int]]]:
        return super().tokens_to_indices([self._capped(token) for token in tokens], vocabulary)
