"""A bounded load test on localhost: 8 concurrent clients x 200 requests of real abstracts against
the app in uvicorn; no request may fail. (The timed benchmark with a shipped model is
`benchmarks/web_load.py`.)"""

import asyncio
import statistics
import time

import httpx
import pytest

from bilm_tagging.formats.text import read_text_documents
from tests.conftest import FIXTURES

ABSTRACTS = [
    d.text for d in read_text_documents(str(FIXTURES / "data" / "documents" / "jnlpba6.txt"))
]


@pytest.mark.slow
def test_eight_clients_times_200_requests_without_an_error(shipped):
    from bilm_tagging.web.app import create_app
    from bilm_tagging.web.serve import serve_in_thread

    async def client(url, number, latencies, failures):
        async with httpx.AsyncClient(timeout=120) as session:
            for i in range(200):
                text = ABSTRACTS[(number + i) % len(ABSTRACTS)]
                started = time.perf_counter()
                response = await session.post(url + "/tag", json={"text": text})
                latencies.append(time.perf_counter() - started)
                document = response.json()["documents"][0] if response.status_code == 200 else {}
                entities = document.get("entities", [])
                if (
                    response.status_code != 200
                    or document.get("text") != text
                    or any(text[e["start"] : e["end"]] != e["text"] for e in entities)
                ):
                    failures.append(response.text[:200])

    async def load(url):
        latencies, failures = [], []
        await asyncio.gather(*(client(url, n, latencies, failures) for n in range(8)))
        return latencies, failures

    with serve_in_thread(create_app([])) as url:
        latencies, failures = asyncio.run(load(url))
    assert not failures and len(latencies) == 1600
    quantiles = statistics.quantiles(latencies, n=100)
    print(f"p50 {1000 * quantiles[49]:.0f} ms, p99 {1000 * quantiles[98]:.0f} ms")
