import pytest

from bilm_serving.batching import (
    InputError,
    checked_string,
    checked_tokens,
    error_result,
    length_batches,
)


def test_batches_hold_similar_lengths_within_the_token_budget():
    lengths = [5, 0, 3, 9, 3, 12, 1]
    batches = list(length_batches(lengths, max_tokens=12))
    # Shortest first; an empty sentence is in no batch; every other one in exactly one.
    assert sorted(i for batch in batches for i in batch) == [0, 2, 3, 4, 5, 6]
    assert [[lengths[i] for i in batch] for batch in batches] == [[1, 3, 3], [5], [9], [12]]
    assert all(max(lengths[i] for i in b) * len(b) <= 12 for b in batches)


def test_a_sentence_longer_than_the_budget_is_a_batch_of_its_own():
    assert list(length_batches([50, 2], max_tokens=10)) == [[1], [0]]


@pytest.mark.parametrize("tokens", ["a string", ["ok", ""], ["ok", 3], None])
def test_tokens_must_be_a_list_of_non_empty_strings(tokens):
    with pytest.raises(InputError, match="'tokens' must be a list of non-empty strings"):
        checked_tokens({"tokens": tokens})


def test_checked_inputs_and_error_lines():
    assert checked_tokens({"tokens": ["BRCA1", "."]}) == ["BRCA1", "."]
    assert checked_string({"text": "abc"}, "text") == "abc"
    with pytest.raises(InputError, match="'sentence' must be a string"):
        checked_string({"sentence": ["a"]}, "sentence")
    assert error_result({"id": 7, "text": "x"}, "bad") == {"id": 7, "error": "bad"}
    assert error_result({}, "bad") == {"error": "bad"}
