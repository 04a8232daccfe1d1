import pytest
import torch

from bilm_serving.spelling_cache import SpellingCache
from bilm_serving.tagger import StandaloneTagger
from tests.serving.tagger_test import NCBI_MODEL, _sentences


def test_keeps_the_first_spellings_up_to_its_capacity():
    cache = SpellingCache(capacity=2, dim=3, device=torch.device("cpu"))
    assert "" in cache and cache.features([""]).tolist() == [[0.0, 0.0, 0.0]]
    cache.add(["a", "b", "c"], torch.arange(9.0).view(3, 3))
    assert "a" in cache and "b" in cache and "c" not in cache
    assert cache.features(["b", "a"]).tolist() == [[3.0, 4.0, 5.0], [0.0, 1.0, 2.0]]
    cache.add(["d"], torch.ones(1, 3))
    assert "d" not in cache


@pytest.mark.parametrize("precision", ["float32", "int8"])
@pytest.mark.parametrize("capacity", [60, 20000])
def test_cached_features_tag_as_computed_ones(precision, capacity):
    sentences = _sentences()
    computed = StandaloneTagger(str(NCBI_MODEL), precision, cached_spellings=0).tag(sentences)
    cached = StandaloneTagger(str(NCBI_MODEL), precision, cached_spellings=capacity)
    for _ in range(2):  # the second pass finds (all, or the first 60) spellings in the cache
        got = cached.tag(sentences)
        assert [tags for tags, _ in got] == [tags for tags, _ in computed]
        for (_, probabilities), (_, reference) in zip(got, computed):
            assert probabilities == pytest.approx(reference, abs=1e-5)
