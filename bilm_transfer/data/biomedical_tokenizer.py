import re
from typing import List, Tuple

from allennlp.common.checks import ConfigurationError
from allennlp.data.tokenizers import Token, Tokenizer

# NCBI-disease, BC5CDR and BC2GM (MTL-Bioinformatics-2016): every maximal run of ASCII letters and
# digits is a token, every other non-space character is one token. Re-tokenizing the corpora's raw
# texts this way reproduces their test files exactly.
ALNUM_PATTERN = re.compile(r"[A-Za-z0-9]+|[^A-Za-z0-9\s]")

# JNLPBA (GENIA): words keep their hyphens, slashes, dots, plus signs and leading hyphens
# (`IL-2`, `NF-kappaB`, `C/EBP`, `PU.1`, `CD4+`, `+/-`, `-induced`); brackets, quotes and
# , ; : = < > & ? ! % * are tokens of their own; a word's final period and quotes, and a
# possessive 's, are split off, except in abbreviations (`e.g.`, `et al.`, `U.S.`).
_GENIA_SEPARATE = r"(){}\[\],;:=<>&?!\"%*"
GENIA_PATTERN = re.compile(rf"[{re.escape(_GENIA_SEPARATE)}]|[^\s{re.escape(_GENIA_SEPARATE)}]+")
GENIA_ABBREVIATIONS = {"e.g.", "i.e.", "al.", "vs.", "Fig.", "Dr.", "approx.", "ca.", "cf.", "etc."}
INITIALS = re.compile(r"(?:[A-Za-z]\.)+")


def _genia_pieces(text: str, start: int, end: int) -> List[Tuple[int, int]]:
    """Splits one GENIA word `text[start:end]` into its final `(start, end)` pieces."""
    word = text[start:end]
    tail: List[Tuple[int, int]] = []
    while (
        len(word) > 1
        and word[-1] in ".'"
        and word not in GENIA_ABBREVIATIONS
        and not INITIALS.fullmatch(word)
    ):
        tail.insert(0, (end - 1, end))
        end -= 1
        word = word[:-1]
    head: List[Tuple[int, int]] = []
    while len(word) > 1 and word[0] == "'":
        head.append((start, start + 1))
        start += 1
        word = word[1:]
    if len(word) > 2 and word.endswith("'s"):
        return head + [(start, end - 2), (end - 2, end)] + tail
    return head + [(start, end)] + tail


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
        if scheme not in ("alnum", "genia"):
            raise ConfigurationError(
                f"biomedical tokenizer: scheme must be 'alnum' or 'genia', not {scheme!r}"
            )
        self.scheme = scheme

    def spans(self, text: str) -> List[Tuple[int, int]]:
        """`(start, end)` character offsets of the tokens of `text`."""
        if self.scheme == "alnum":
            return [match.span() for match in ALNUM_PATTERN.finditer(text)]
        return [
            piece
            for match in GENIA_PATTERN.finditer(text)
            for piece in _genia_pieces(text, match.start(), match.end())
        ]

    def tokenize(self, text: str) -> List[Token]:
        return [Token(text[start:end], idx=start, idx_end=end) for start, end in self.spans(text)]
