import re
from typing import List

from allennlp.data.tokenizers import Token, Tokenizer

# The tokenization of the NCBI-disease, BC5CDR and BC2GM files of MTL-Bioinformatics-2016: every
# maximal run of ASCII letters and digits is a token, every other non-space character is one token.
# Re-tokenizing the corpora's raw texts this way reproduces their test files exactly.
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9]+|[^A-Za-z0-9\s]")


@Tokenizer.register("biomedical")
class BiomedicalTokenizer(Tokenizer):
    """
    Splits text the way the biomedical NER corpora are split (hyphens, slashes, brackets and all
    other punctuation become tokens of their own), offline, keeping character offsets:
    `text[token.idx:token.idx_end] == token.text` for every token.

    Registered as a `Tokenizer` with name "biomedical".
    """

    def tokenize(self, text: str) -> List[Token]:
        return [
            Token(match.group(), idx=match.start(), idx_end=match.end())
            for match in TOKEN_PATTERN.finditer(text)
        ]
