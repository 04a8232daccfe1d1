from typing import List, Optional, Sequence, Tuple

from allennlp.data import Token, Tokenizer

from bilm_tagging.sentences import sentences_of
from bilm_transfer.data.biomedical_tokenizer import BiomedicalTokenizer


def split_sentences(
    text: str,
    tokenizer: Optional[Tokenizer] = None,
    sections: Optional[Sequence[Tuple[int, int]]] = None,
) -> List[List[Token]]:
    """
    `bilm_tagging.sentences.sentences_of` with AllenNLP tokens: the sentences of `text`, each
    as its tokens under `tokenizer` (default `biomedical`) with character offsets into `text`
    (`idx`, `idx_end`).
    """
    tokenizer = tokenizer or BiomedicalTokenizer()

    def tokenize(sentence: str, offset: int) -> List[Token]:
        return [
            Token(token.text, idx=offset + token.idx, idx_end=offset + token.idx_end)
            for token in tokenizer.tokenize(sentence)
        ]

    return sentences_of(text, tokenize, sections)
