import pytest

from bilm_tagging.multi_tagger import merge_entities


def entity(start, end, label, score, model):
    return {"start": start, "end": end, "label": label, "text": "", "score": score, "model": model}


DISEASE = [entity(0, 10, "Disease", 0.9, "disease"), entity(20, 30, "Disease", 0.4, "disease")]
CHEMICAL = [entity(5, 12, "Chemical", 0.8, "chemical"), entity(22, 28, "Chemical", 0.7, "chemical"),
            entity(40, 45, "Chemical", 0.2, "chemical")]  # fmt: skip


def test_best_keeps_the_higher_score_of_overlapping_entities():
    merged = merge_entities([DISEASE, CHEMICAL], "best")
    assert [(e["start"], e["model"]) for e in merged] == [
        (0, "disease"),
        (22, "chemical"),
        (40, "chemical"),
    ]


def test_a_tie_goes_to_the_model_given_first():
    same = [entity(0, 10, "Disease", 0.5, "b")]
    assert merge_entities([[entity(0, 10, "Disease", 0.5, "a")], same])[0]["model"] == "a"
    assert merge_entities([same, [entity(0, 10, "Disease", 0.5, "a")]])[0]["model"] == "b"


def test_all_keeps_everything_in_text_order():
    merged = merge_entities([DISEASE, CHEMICAL], "all")
    assert [e["start"] for e in merged] == [0, 5, 20, 22, 40]


def test_unknown_policy_is_refused():
    with pytest.raises(ValueError, match="overlaps: one of"):
        merge_entities([DISEASE], "first")
