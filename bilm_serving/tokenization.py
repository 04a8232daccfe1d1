"""
Offline tokenization the way the biomedical NER corpora are tokenized, with character offsets,
the number normalization of the word vocabulary and the cap on a word's characters. Pure
Python: shared by the AllenNLP components (`bilm_transfer.data`) and the standalone predictor.
"""

import re
from typing import List, Tuple

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


# A word's characters past this many are not read (one garbage 10,000-character token would blow
# up a padded batch); real words are far shorter (long IUPAC chemical names reach ~100).
MAX_CHARACTERS = 100

NUMBER_TOKEN = "<NUM>"
NUMBER_PATTERN = re.compile(r"[0-9]+(?:[.,][0-9]+)*")

SCHEMES = ("alnum", "genia")


def token_spans(text: str, scheme: str = "alnum") -> List[Tuple[int, int]]:
    """`(start, end)` character offsets of the tokens of `text` under `scheme` (see `SCHEMES`)."""
    if scheme == "alnum":
        return [match.span() for match in ALNUM_PATTERN.finditer(text)]
    if scheme == "genia":
        return [
            piece
            for match in GENIA_PATTERN.finditer(text)
            for piece in _genia_pieces(text, match.start(), match.end())
        ]
    raise ValueError(f"tokenizer scheme must be one of {SCHEMES}, not {scheme!r}")


def normalize_word(text: str) -> str:
    """Maps a number (`42`, `3.5`, `1,000`) to `NUMBER_TOKEN`; any other word is kept as it is."""
    return NUMBER_TOKEN if NUMBER_PATTERN.fullmatch(text) else text
