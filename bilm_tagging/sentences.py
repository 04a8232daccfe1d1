"""Raw text into sentences of tokens with character offsets: the one splitting that the
predictor (`bilm_transfer.data.sentence_splitter`) and `bilm-tag` share."""

from functools import lru_cache
from typing import Callable, List, Optional, Sequence, Tuple, TypeVar

from bilm_serving.output import OffsetToken
from bilm_serving.tokenization import token_spans

# Longer "sentences" (a table, a list without full stops) are cut into pieces of this many tokens:
# the tagger never sees such lengths in training, and one huge sentence would tag poorly.
MAX_SENTENCE_TOKENS = 200

TokenType = TypeVar("TokenType")


@lru_cache(maxsize=1)
def _sentencizer():
    import spacy  # imported on first use: keeps importing the formats quick

    nlp = spacy.blank("en")  # offline: no model download
    nlp.add_pipe("sentencizer")
    nlp.max_length = 10**9
    return nlp


def sentences_of(
    text: str,
    tokenize: Callable[[str, int], List[TokenType]],
    sections: Optional[Sequence[Tuple[int, int]]] = None,
) -> List[List[TokenType]]:
    """
    The sentences of `text` (spaCy's rule-based sentencizer), each as the tokens that
    `tokenize(sentence, start)` makes of it, `start` being the sentence's offset in `text`. A
    sentence has at least one token and at most `MAX_SENTENCE_TOKENS` (a longer one is cut).
    `sections`: character spans no sentence crosses (a title and its abstract); default: the
    whole text.
    """
    sentences: List[List[TokenType]] = []
    for first, last in sections or [(0, len(text))]:
        section = text[first:last]
        if not section.strip():
            continue
        for sentence in _sentencizer()(section).sents:
            tokens = tokenize(sentence.text, first + sentence.start_char)
            for start in range(0, len(tokens), MAX_SENTENCE_TOKENS):
                sentences.append(tokens[start : start + MAX_SENTENCE_TOKENS])
    return sentences


def offset_sentences(
    text: str, scheme: str = "alnum", sections: Optional[Sequence[Tuple[int, int]]] = None
) -> List[List[OffsetToken]]:
    """`sentences_of` with the corpus tokenizer of `scheme`: `(word, start, end)` triples, the
    offsets into `text`."""

    def tokenize(sentence: str, offset: int) -> List[OffsetToken]:
        return [
            (sentence[start:end], offset + start, offset + end)
            for start, end in token_spans(sentence, scheme)
        ]

    return sentences_of(text, tokenize, sections)
