"""
Precision-recall curves from entity confidence (the paper's Figure 6): rank the predicted entities
by their score, and after each one count exact-match precision and recall against the gold
entities. The end of a curve is the tagger's own precision and recall.
"""

from typing import Iterable, List, NamedTuple, Sequence, Set, Tuple

# (sentence index, label, start token, end token exclusive)
EntityKey = Tuple[int, str, int, int]


class CurvePoint(NamedTuple):
    threshold: float  # entities scored at least this much are kept
    precision: float
    recall: float


def precision_recall_curve(
    predicted: Iterable[Tuple[EntityKey, float]], gold: Set[EntityKey]
) -> List[CurvePoint]:
    """One point per predicted entity, from the most to the least confident."""
    ranked = sorted(predicted, key=lambda entity: -entity[1])
    points = []
    correct = 0
    for kept, (key, score) in enumerate(ranked, start=1):
        correct += key in gold
        points.append(CurvePoint(score, correct / kept, correct / len(gold) if gold else 0.0))
    return points


def smoothed(points: Sequence[CurvePoint]) -> List[CurvePoint]:
    """
    Interpolated precision: at each recall, the best precision reachable at that recall or higher
    (the usual smoothing of precision-recall curves; it removes the saw-tooth, not the trend).
    """
    best = 0.0
    result = []
    for point in reversed(points):
        best = max(best, point.precision)
        result.append(point._replace(precision=best))
    return result[::-1]
