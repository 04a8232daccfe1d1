from functools import lru_cache
from typing import List, Optional, Tuple

from allennlp.data import Tokenizer

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


def split_sentences(text: str, tokenizer: Optional[Tokenizer] = None) -> List[Tuple[int, int]]:
    """
    `(start, end)` character spans of the sentences of `text` (spaCy's rule-based sentencizer),
    each holding at least one token of `tokenizer` (default `biomedical`) and at most
    `MAX_SENTENCE_TOKENS`; whitespace between sentences belongs to none.
    """
    if not text.strip():
        return []
    tokenizer = tokenizer or BiomedicalTokenizer()
    spans: List[Tuple[int, int]] = []
    for sentence in _sentencizer()(text).sents:
        tokens = tokenizer.tokenize(sentence.text)
        for first in range(0, len(tokens), MAX_SENTENCE_TOKENS):
            piece = tokens[first : first + MAX_SENTENCE_TOKENS]
            spans.append(
                (sentence.start_char + piece[0].idx, sentence.start_char + piece[-1].idx_end)
            )
    return spans
