import pytest
from seqeval.metrics import classification_report
from seqeval.scheme import IOBES

from bilm_transfer.training import IobesSpanF1


def test_counts_per_type_and_overall():
    metric = IobesSpanF1(["Chem", "Disease"])
    assert metric.get_metric() == {}  # nothing scored yet
    gold = [["B-Disease", "E-Disease", "O", "S-Chem"], ["S-Disease", "O"]]
    predicted = [["B-Disease", "E-Disease", "O", "S-Disease"], ["B-Disease", "O"]]
    metric(predicted, gold)
    metrics = metric.get_metric(reset=True)
    report = classification_report(
        gold, predicted, mode="strict", scheme=IOBES, output_dict=True, zero_division=0
    )
    assert metrics["precision-Disease"] == pytest.approx(report["Disease"]["precision"]) == 0.5
    assert metrics["recall-Disease"] == pytest.approx(report["Disease"]["recall"]) == 0.5
    assert metrics["f1-measure-Chem"] == 0.0
    assert metrics["precision-overall"] == pytest.approx(report["micro avg"]["precision"])
    assert metrics["recall-overall"] == pytest.approx(1 / 3)
    assert metric.get_metric() == {}
