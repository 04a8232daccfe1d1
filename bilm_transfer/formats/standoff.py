"""
Documents with character-offset annotations (brat, PubTator) turned into tagged sentences.

Overlap rule: annotations may overlap or nest, IOBES cannot. Mentions are taken longest first
(the earlier on a tie); a mention overlapping one already taken is dropped and counted. Token
rule: a mention covers every token that overlaps it, so a mention boundary inside a token (rare
with the corpus's own tokenizer) widens it to the token's edges; those are counted too.
"""

from typing import Iterator, List, NamedTuple, Tuple

from allennlp.data import Token, Tokenizer

from bilm_serving.tag_schemes import Span, spans_to_iobes
from bilm_tagging.formats.document import Document, Mention
from bilm_transfer.data.sentence_splitter import split_sentences


class Counts(NamedTuple):
    dropped_overlaps: int
    widened_to_tokens: int


def resolve_overlaps(mentions: List[Mention]) -> Tuple[List[Mention], int]:
    """Non-overlapping mentions, longest first; and how many were dropped."""
    kept: List[Mention] = []
    for mention in sorted(mentions, key=lambda m: (m.start - m.end, m.start)):
        if all(mention.end <= other.start or other.end <= mention.start for other in kept):
            kept.append(mention)
    return sorted(kept), len(mentions) - len(kept)


def tagged_sentences(
    document: Document, tokenizer: Tokenizer
) -> Iterator[Tuple[List[Token], List[str], Counts]]:
    """Each sentence's tokens (offsets into the document) and IOBES tags, with the rules' counts."""
    mentions, dropped = resolve_overlaps(document.mentions)
    for tokens in split_sentences(document.text, tokenizer, document.sections):
        sentence_start, sentence_end = tokens[0].idx, tokens[-1].idx_end
        spans: List[Span] = []
        widened = 0
        for mention in mentions:
            if mention.end <= sentence_start or mention.start >= sentence_end:
                continue
            covered = [
                i for i, t in enumerate(tokens) if t.idx < mention.end and t.idx_end > mention.start
            ]
            if not covered:
                continue
            first, last = tokens[covered[0]], tokens[covered[-1]]
            widened += (first.idx, last.idx_end) != (mention.start, mention.end)
            if not spans or spans[-1].end <= covered[0]:  # widening may make two touch one token
                spans.append(Span(mention.label, covered[0], covered[-1] + 1))
        yield tokens, spans_to_iobes(spans, len(tokens)), Counts(dropped, widened)
        dropped = 0  # count a document's dropped mentions once
