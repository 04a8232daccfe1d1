import concurrent.futures
import threading

import pytest

from bilm_tagging.coalescing import CoalescingTagger
from bilm_tagging.document_tagger import DocumentTagger
from bilm_tagging.formats.pubtator import read_pubtator
from tests.conftest import FIXTURES

DOCUMENTS = list(read_pubtator(str(FIXTURES / "data" / "documents" / "jnlpba6.pubtator")))


class SlowTagger:
    """Counts its passes; the first waits until released, so that other calls queue up."""

    def __init__(self, tagger):
        self.name, self.labels, self.card = tagger.name, tagger.labels, tagger.card
        self._tagger = tagger
        self.passes = []
        self.release = threading.Event()

    def tag(self, documents):
        self.passes.append(len(documents))
        self.release.wait(timeout=30)
        if any(d.id == "boom" for d in documents):
            raise RuntimeError("boom")
        return self._tagger.tag(documents)


@pytest.fixture(scope="module")
def tagger(models_dir):
    return DocumentTagger(str(models_dir / "toy_disease"))


def test_concurrent_calls_share_passes_and_get_their_own_results(tagger):
    slow = SlowTagger(tagger)
    shared = CoalescingTagger(slow)
    expected = tagger.tag(DOCUMENTS)
    with concurrent.futures.ThreadPoolExecutor(6) as pool:
        futures = [pool.submit(shared.tag, [document]) for document in DOCUMENTS]
        while sum(slow.passes) + shared._requests.qsize() < len(DOCUMENTS):
            pass  # every call is in a pass or waiting
        slow.release.set()
        results = [future.result()[0] for future in futures]
    assert results == expected
    assert len(slow.passes) < len(DOCUMENTS)  # calls that waited were tagged together


def test_an_error_reaches_only_the_callers_of_that_pass(tagger):
    slow = SlowTagger(tagger)
    slow.release.set()
    shared = CoalescingTagger(slow)
    with pytest.raises(RuntimeError, match="boom"):
        shared.tag([DOCUMENTS[0]._replace(id="boom")])
    assert shared.tag(DOCUMENTS[:1]) == tagger.tag(DOCUMENTS[:1])  # the thread goes on
