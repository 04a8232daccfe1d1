from functools import lru_cache
from typing import List, Optional, Sequence, Tuple

from allennlp.data import Token, Tokenizer

from bilm_transfer.data.biomedical_tokenizer import BiomedicalTokenizer

# Longer "sentences" (a table, a list without full stops) are cut into pieces of this many tokens:
# the tagger never sees such lengths in training, and one huge sentence would tag poorly.
MAX_SENTENCE_TOKENS = 200


@lru_cache(maxsize=1)
def _sentencizer():
    import spacy  # imported on first use: keeps `import bilm_transfer` quick

    nlp = spacy.blank("en")  # offline: no model download
    nlp.add_pipe("sentencizer")
    nlp.max_length = 10**9
    return nlp


def split_sentences(
    text: str,
    tokenizer: Optional[Tokenizer] = None,
    sections: Optional[Sequence[Tuple[int, int]]] = None,
) -> List[List[Token]]:
    """
    The sentences of `text` (spaCy's rule-based sentencizer), each as its tokens under
    `tokenizer` (default `biomedical`) with character offsets into `text` (`idx`, `idx_end`).
    A sentence has at least one token and at most `MAX_SENTENCE_TOKENS` (a longer one is cut).
    `sections`: character spans no sentence crosses (a title and its abstract); default: the
    whole text.
    """
    tokenizer = tokenizer or BiomedicalTokenizer()
    sentences: List[List[Token]] = []
    for first, last in sections or [(0, len(text))]:
        section = text[first:last]
        if not section.strip():
            continue
        for sentence in _sentencizer()(section).sents:
            offset = first + sentence.start_char
            tokens = [
                Token(token.text, idx=offset + token.idx, idx_end=offset + token.idx_end)
                for token in tokenizer.tokenize(sentence.text)
            ]
            for start in range(0, len(tokens), MAX_SENTENCE_TOKENS):
                sentences.append(tokens[start : start + MAX_SENTENCE_TOKENS])
    return sentences
