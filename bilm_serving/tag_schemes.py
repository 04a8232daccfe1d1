"""
Tag-scheme helpers: IOB / IOBES conversion and exact-match span extraction.

Two span readers live here on purpose:

* `lenient_spans` reads *gold* tags, tolerating sloppy IOB (an `I-X` that does not continue an
  `X` entity starts a new one, as CoNLL's evaluation script and seqeval's default mode do).
* `strict_iobes_spans` reads *predicted* IOBES tags the way seqeval's strict IOBES mode does:
  only `B-X I-X* E-X` and `S-X` are entities; any other run is dropped, never repaired.
"""

import re
from typing import Dict, List, NamedTuple, Sequence, Tuple

TAG_PATTERN = re.compile(r"^(?:O|[BIES]-\S+)$")


class Span(NamedTuple):
    """A labelled entity over tokens `start` (inclusive) to `end` (exclusive)."""

    label: str
    start: int
    end: int


def split_tag(tag: str) -> Tuple[str, str]:
    """`"B-Disease"` -> `("B", "Disease")`; `"O"` -> `("O", "")`."""
    if tag == "O":
        return "O", ""
    return tag[0], tag[2:]


def lenient_spans(tags: Sequence[str]) -> Tuple[List[Span], int]:
    """
    Entities of an IOB1, IOB2 or IOBES tag sequence, and the number of repairs made: an `I-`/`E-`
    tag that does not continue an entity of its own type starts a new entity (counted as a repair).
    """
    spans: List[Span] = []
    repairs = 0
    start, label = -1, ""
    for i, tag in enumerate(tags):
        prefix, tag_label = split_tag(tag)
        continues = start >= 0 and tag_label == label and prefix in ("I", "E")
        if start >= 0 and not continues:
            spans.append(Span(label, start, i))
            start = -1
        if prefix == "O":
            continue
        if start < 0:
            if prefix in ("I", "E"):
                repairs += 1
            start, label = i, tag_label
        if prefix in ("E", "S"):
            spans.append(Span(label, start, i + 1))
            start = -1
    if start >= 0:
        spans.append(Span(label, start, len(tags)))
    return spans, repairs


def spans_to_iobes(spans: Sequence[Span], length: int) -> List[str]:
    """Writes non-overlapping spans as an IOBES tag sequence of `length` tags."""
    tags = ["O"] * length
    for label, start, end in spans:
        if end - start == 1:
            tags[start] = f"S-{label}"
        else:
            tags[start] = f"B-{label}"
            tags[start + 1 : end - 1] = [f"I-{label}"] * (end - start - 2)
            tags[end - 1] = f"E-{label}"
    return tags


def to_iobes(tags: Sequence[str]) -> Tuple[List[str], int]:
    """IOB (or already IOBES) tags to IOBES, with the number of repairs (see `lenient_spans`)."""
    spans, repairs = lenient_spans(tags)
    return spans_to_iobes(spans, len(tags)), repairs


def strict_iobes_spans(tags: Sequence[str]) -> List[Span]:
    """
    Entities of an IOBES sequence under seqeval's strict IOBES rules: `S-X`, or `B-X` followed by
    `I-X`* and closed by `E-X`. A run that breaks these rules yields no entity.
    """
    spans: List[Span] = []
    start, label = -1, ""
    for i, tag in enumerate(tags):
        prefix, tag_label = split_tag(tag)
        if prefix == "S":
            spans.append(Span(tag_label, i, i + 1))
            start = -1
        elif prefix == "B":
            start, label = i, tag_label
        elif prefix == "I":
            if start >= 0 and tag_label != label:
                start = -1
        elif prefix == "E":
            if start >= 0 and tag_label == label:
                spans.append(Span(label, start, i + 1))
            start = -1
        else:
            start = -1
    return spans


def iobes_as_bioul(labels: Dict[int, str]) -> Dict[int, str]:
    """IOBES tags spelled the BIOUL way (E- as L-, S- as U-), as AllenNLP's `allowed_transitions`
    and allennlp-models' `crf_tagger` name them; the ids stay."""
    spelling = {"E": "L", "S": "U"}
    return {i: spelling.get(tag[0], tag[0]) + tag[1:] for i, tag in labels.items()}
