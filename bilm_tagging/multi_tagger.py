from typing import Any, Dict, List, Sequence

from bilm_tagging.document_tagger import DocumentTagger
from bilm_tagging.formats.document import Document

# How entities of different models that overlap are resolved (`MultiTagger`).
OVERLAP_POLICIES = ("best", "all")


def _overlap(a: Dict[str, Any], b: Dict[str, Any]) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def merge_entities(
    entities_by_model: Sequence[List[Dict[str, Any]]], overlaps: str = "best"
) -> List[Dict[str, Any]]:
    """
    One document's entities from several models, in text order. `overlaps="best"`: where
    entities of different models overlap (the same span included), only the one with the
    highest score is kept (on a tie, the model given first); `"all"`: every entity is kept.
    """
    if overlaps not in OVERLAP_POLICIES:
        raise ValueError(f"overlaps: one of {OVERLAP_POLICIES}, not {overlaps!r}")
    ranked = [
        (-entity["score"], order, entity)
        for order, entities in enumerate(entities_by_model)
        for entity in entities
    ]
    kept: List[Dict[str, Any]] = []
    for _, _, entity in sorted(ranked, key=lambda item: item[:2]):
        if overlaps == "all" or not any(_overlap(entity, other) for other in kept):
            kept.append(entity)
    return sorted(kept, key=lambda entity: (entity["start"], entity["end"]))


class MultiTagger:
    """
    Tags documents with several models at once (a disease and a chemical model, say) and merges
    their entities by an overlap policy (`merge_entities`): `"best"` keeps, of entities of
    different models that overlap, the one with the highest score; `"all"` keeps all of them
    (BioC, PubTator, brat and JSON can hold overlapping entities, CoNLL cannot). Each entity
    names its `model`. With one model a result is that model's, `sentences` included; with
    several, `sentences` are left out (their tags would be one model's only).

    # Parameters

    taggers : `Sequence[DocumentTagger]`
    overlaps : `str`, optional (default = `"best"`)
    """

    def __init__(self, taggers: Sequence[DocumentTagger], overlaps: str = "best") -> None:
        if not taggers:
            raise ValueError("MultiTagger needs at least one model")
        if overlaps not in OVERLAP_POLICIES:
            raise ValueError(f"overlaps: one of {OVERLAP_POLICIES}, not {overlaps!r}")
        self.taggers = list(taggers)
        self.overlaps = overlaps

    @property
    def names(self) -> List[str]:
        return [tagger.name for tagger in self.taggers]

    def tag(self, documents: Sequence[Document]) -> List[Dict[str, Any]]:
        by_model = [tagger.tag(documents) for tagger in self.taggers]
        if len(by_model) == 1:
            return by_model[0]
        return [
            {
                "id": results[0]["id"],
                "entities": merge_entities([r["entities"] for r in results], self.overlaps),
            }
            for results in zip(*by_model)
        ]
