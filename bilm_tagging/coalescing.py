import concurrent.futures
import queue
import threading
from typing import Any, Dict, List, Sequence, Tuple

from bilm_tagging.document_tagger import DocumentTagger
from bilm_tagging.formats.document import Document

_Request = Tuple[Sequence[Document], concurrent.futures.Future]


class CoalescingTagger:
    """
    A `DocumentTagger` shared by concurrent callers (the web server's request threads): one
    thread runs the model, and the documents of every call that arrives while it is busy are
    tagged together in the next batch, so that 8 clients cost about one batched pass, not 8
    passes one after another. A call alone is tagged at once (no waiting for company). Same
    interface as `DocumentTagger` (`name`, `labels`, `card`, `tag`).

    # Parameters

    tagger : `DocumentTagger`
    max_documents : `int`, optional (default = `64`)
        A batch takes further calls only while it has fewer documents than this.
    """

    def __init__(self, tagger: DocumentTagger, max_documents: int = 64) -> None:
        self._tagger = tagger
        self._max_documents = max_documents
        self._requests: "queue.Queue[_Request]" = queue.Queue()
        self.batches = 0  # model passes so far
        threading.Thread(target=self._serve, name=f"tagger-{tagger.name}", daemon=True).start()

    @property
    def name(self) -> str:
        return self._tagger.name

    @property
    def labels(self) -> List[str]:
        return self._tagger.labels

    @property
    def card(self) -> Dict[str, Any]:
        return self._tagger.card

    def tag(self, documents: Sequence[Document]) -> List[Dict[str, Any]]:
        future: concurrent.futures.Future = concurrent.futures.Future()
        self._requests.put((documents, future))
        return future.result()

    def _serve(self) -> None:
        while True:
            batch = [self._requests.get()]
            count = len(batch[0][0])
            while count < self._max_documents:
                try:
                    batch.append(self._requests.get_nowait())
                except queue.Empty:
                    break
                count += len(batch[-1][0])
            documents = [document for request, _ in batch for document in request]
            try:
                results = self._tagger.tag(documents)
            except Exception as error:  # each caller gets the error, the thread goes on
                for _, future in batch:
                    future.set_exception(error)
                continue
            self.batches += 1
            first = 0
            for request, future in batch:
                future.set_result(results[first : first + len(request)])
                first += len(request)
