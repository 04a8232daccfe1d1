"""A document with character-offset mentions: what every document format reads and writes."""

from typing import Any, List, NamedTuple, Optional, Tuple


class Mention(NamedTuple):
    start: int  # character offsets into the document text, end exclusive
    end: int
    label: str


class Document(NamedTuple):
    id: str
    text: str
    mentions: List[Mention]
    # Character spans no sentence crosses (a PubTator title and its abstract, BioC passages);
    # default: the text.
    sections: Optional[List[Tuple[int, int]]] = None
    # The document as read, where a writer keeps what `text` does not hold (a BioC document's
    # infons, passages and annotations).
    source: Any = None
