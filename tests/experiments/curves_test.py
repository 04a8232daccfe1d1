import pytest

from experiments.curves import CurvePoint, precision_recall_curve, smoothed


def test_precision_recall_curve_ranks_by_confidence():
    gold = {(0, "D", 0, 1), (0, "D", 3, 5), (1, "C", 2, 3), (2, "D", 0, 2)}
    predicted = [
        ((0, "D", 3, 5), 0.6),  # right
        ((0, "D", 0, 1), 0.99),  # right
        ((1, "D", 2, 3), 0.9),  # wrong label
        ((2, "D", 0, 1), 0.5),  # wrong boundary
    ]
    curve = precision_recall_curve(predicted, gold)
    assert [p.threshold for p in curve] == [0.99, 0.9, 0.6, 0.5]
    assert [p.precision for p in curve] == pytest.approx([1.0, 0.5, 2 / 3, 0.5])
    assert [p.recall for p in curve] == pytest.approx([0.25, 0.25, 0.5, 0.5])
    # Smoothed: the best precision at this recall or beyond; the end point is the tagger's own.
    assert [p.precision for p in smoothed(curve)] == pytest.approx([1.0, 2 / 3, 2 / 3, 0.5])
    assert smoothed(curve)[-1] == curve[-1]


def test_no_gold_and_no_predictions():
    assert precision_recall_curve([], {(0, "D", 0, 1)}) == []
    assert precision_recall_curve([((0, "D", 0, 1), 0.5)], set()) == [CurvePoint(0.5, 0.0, 0.0)]
