import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from seqeval.metrics import f1_score
from seqeval.scheme import IOBES

from bilm_serving.tag_schemes import Span, lenient_spans, strict_iobes_spans, to_iobes


def test_iob2_to_iobes():
    tags = ["O", "B-Disease", "I-Disease", "I-Disease", "O", "B-Disease", "B-Chem", "I-Chem"]
    assert to_iobes(tags) == (
        ["O", "B-Disease", "I-Disease", "E-Disease", "O", "S-Disease", "B-Chem", "E-Chem"],
        0,
    )


def test_iob1_and_stray_inside_tags_are_repaired_and_counted():
    # I- after O, and I- of another type, each start a new entity.
    tags, repairs = to_iobes(["I-Disease", "I-Disease", "O", "I-Chem", "I-Disease"])
    assert tags == ["B-Disease", "E-Disease", "O", "S-Chem", "S-Disease"]
    assert repairs == 3


def test_iobes_input_is_kept():
    tags = ["S-A", "B-A", "I-A", "E-A", "O"]
    assert to_iobes(tags) == (tags, 0)


def test_strict_spans_drop_broken_runs():
    assert strict_iobes_spans(["B-A", "I-A", "O", "S-A", "B-A", "E-B", "I-A", "E-A"]) == [
        Span("A", 3, 4)
    ]
    assert lenient_spans(["B-A", "I-A", "O"])[0] == [Span("A", 0, 2)]


LABELS = ["O", "B-A", "I-A", "E-A", "S-A", "B-B", "I-B", "E-B", "S-B"]
sequences = st.lists(st.sampled_from(LABELS), min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(sequences, sequences), min_size=1, max_size=6))
def test_strict_spans_give_seqeval_strict_f1(pairs):
    """Any predicted sequences, valid or not: our span reading scores exactly as seqeval's."""
    gold = [to_iobes(g)[0] for g, _ in pairs]
    predicted = [
        p[: len(g)] + ["O"] * (len(g) - len(p)) for g, p in zip(gold, (p for _, p in pairs))
    ]
    gold_spans = [set(lenient_spans(g)[0]) for g in gold]
    predicted_spans = [set(strict_iobes_spans(p)) for p in predicted]
    tp = sum(len(g & p) for g, p in zip(gold_spans, predicted_spans))
    n_pred = sum(len(p) for p in predicted_spans)
    n_gold = sum(len(g) for g in gold_spans)
    ours = 2 * tp / (n_pred + n_gold) if n_pred + n_gold else 0.0
    theirs = f1_score(gold, predicted, mode="strict", scheme=IOBES, zero_division=0)
    assert ours == pytest.approx(theirs)
