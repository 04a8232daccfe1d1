from typing import List, Tuple

from allennlp.common.checks import ConfigurationError
from allennlp.data.tokenizers import Token, Tokenizer

from bilm_serving.tokenization import SCHEMES, token_spans


@Tokenizer.register("biomedical")
class BiomedicalTokenizer(Tokenizer):
    """
    Splits text the way a biomedical NER corpus was split, offline, keeping character offsets:
    `text[token.idx:token.idx_end] == token.text` for every token, and only whitespace is lost.

    Registered as a `Tokenizer` with name "biomedical".

    # Parameters

    scheme : `str`, optional (default = `"alnum"`)
        `"alnum"`: NCBI-disease, BC5CDR, BC2GM (punctuation, hyphens, slashes, brackets split).
        `"genia"`: JNLPBA (hyphenated and dotted words kept whole); reproduces 99.25% of the
        JNLPBA devel tokens (`scripts/tokenizer_agreement.py`).
    """

    def __init__(self, scheme: str = "alnum") -> None:
        if scheme not in SCHEMES:
            raise ConfigurationError(
                f"biomedical tokenizer: scheme must be 'alnum' or 'genia', not {scheme!r}"
            )
        self.scheme = scheme

    def spans(self, text: str) -> List[Tuple[int, int]]:
        """`(start, end)` character offsets of the tokens of `text`."""
        return token_spans(text, self.scheme)

    def tokenize(self, text: str) -> List[Token]:
        return [Token(text[start:end], idx=start, idx_end=end) for start, end in self.spans(text)]
