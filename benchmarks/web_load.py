"""
A bounded load test of `bilm-serve` on localhost, against `allennlp predict` on the same
abstracts. Prints a Markdown table.

    .venv/bin/python benchmarks/web_load.py [--model ncbi_disease] [--clients 8] [--requests 200]

The server runs as its own process (`bilm-serve`, one process, as a user starts it); each of
`--clients` concurrent clients (httpx, one connection each) sends `--requests` requests
`POST /tag {"text": abstract}` in turn, cycling through real abstracts (JNLPBA training
abstracts from ../shared/data, else the six of fixtures/data/documents). Latency is measured per
request at the client. `allennlp predict` tags the same abstracts (`{"text": ...}` lines) with the
full-precision archive the shipped model came from (its card's `archive`, or `--archive`); its
rate excludes start-up (a run on one abstract is subtracted).
"""

import argparse
import asyncio
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time
from typing import List

import httpx
from provenance import command_line, provenance

ROOT = pathlib.Path(__file__).resolve().parent.parent
BIN = pathlib.Path(sys.executable).parent
JNLPBA = ROOT.parent / "shared" / "data" / "JNLPBA-standoff" / "train"


def abstracts(limit: int) -> List[str]:
    if JNLPBA.is_dir():
        paths = sorted(JNLPBA.glob("*.txt"))[:limit]
        return [p.read_text(encoding="utf-8").strip().replace("\n", " ") for p in paths]
    text = (ROOT / "fixtures" / "data" / "documents" / "jnlpba6.txt").read_text(encoding="utf-8")
    return [paragraph for paragraph in text.split("\n\n") if paragraph.strip()]


def start_server(model: str, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [str(BIN / "bilm-serve"), "--model", model, "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT,
    )  # fmt: skip
    deadline = time.time() + 180
    while time.time() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health").status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.5)
    server.kill()
    sys.exit(f"bilm-serve did not start: {server.stderr.read().decode()[-2000:]}")


async def load(url: str, texts: List[str], clients: int, requests: int):
    latencies: List[float] = []
    errors = 0

    async def client(number: int) -> None:
        nonlocal errors
        async with httpx.AsyncClient(timeout=120) as session:
            for i in range(requests):
                text = texts[(number * requests + i) % len(texts)]
                started = time.perf_counter()
                response = await session.post(url + "/tag", json={"text": text})
                latencies.append(time.perf_counter() - started)
                errors += response.status_code != 200 or "documents" not in response.json()

    started = time.perf_counter()
    await asyncio.gather(*(client(number) for number in range(clients)))
    return latencies, errors, time.perf_counter() - started


def peak_memory_mb(pid: int) -> float:
    for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def allennlp_predict_rate(archive: str, texts: List[str]) -> float:
    """Abstracts per second of `allennlp predict`, start-up excluded."""
    with tempfile.TemporaryDirectory() as folder:
        times = []
        for count in (1, len(texts)):
            inputs = pathlib.Path(folder, f"in{count}.jsonl")
            inputs.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts[:count]))
            started = time.perf_counter()
            subprocess.run(
                [str(BIN / "allennlp"), "predict", archive, str(inputs), "--predictor",
                 "ner_tagger", "--include-package", "bilm_transfer", "--silent",
                 "--batch-size", "16", "--output-file", str(pathlib.Path(folder, "out.jsonl"))],
                check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            times.append(time.perf_counter() - started)
    return (len(texts) - 1) / (times[1] - times[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="ncbi_disease")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=200, help="per client")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--archive", help="full-precision archive for allennlp predict")
    parser.add_argument("--predict-abstracts", type=int, default=1000)
    args = parser.parse_args()

    texts = abstracts(2000)
    server = start_server(args.model, args.port)
    try:
        latencies, errors, seconds = asyncio.run(
            load(f"http://127.0.0.1:{args.port}", texts, args.clients, args.requests)
        )
        memory = peak_memory_mb(server.pid)
    finally:
        server.terminate()
        server.wait()
    from bilm_tagging.shipped import model_path

    card = json.loads(pathlib.Path(model_path(args.model), "card.json").read_text())
    archive = args.archive or card.get("archive", "")
    predict_rate = (
        allennlp_predict_rate(archive, texts[: args.predict_abstracts])
        if os.path.isfile(archive)
        else float("nan")
    )
    count = len(latencies)
    quantiles = statistics.quantiles(latencies, n=100)
    words = sum(len(texts[i % len(texts)].split()) for i in range(count)) / count
    print(provenance())
    print(f"`{command_line()}`; model {args.model}; requests cycle")
    print(f"through {len(texts)} abstracts, {words:.0f} words a request on average\n")
    print("| server | clients x requests | errors | p50 ms | p90 ms | p99 ms | requests/s | "
          "peak memory MB |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|")
    print(
        f"| bilm-serve (1 process) | {args.clients} x {args.requests} | {errors} | "
        f"{1000 * quantiles[49]:.0f} | {1000 * quantiles[89]:.0f} | {1000 * quantiles[98]:.0f} | "
        f"{count / seconds:.1f} | {memory:.0f} |"
    )
    print(
        f"\n`allennlp predict` (full-precision archive, batches of 16, start-up excluded) on "
        f"{args.predict_abstracts} of the same abstracts: {predict_rate:.1f} abstracts/s; "
        f"bilm-serve / allennlp predict: {count / seconds / predict_rate:.2f}x"
    )


if __name__ == "__main__":
    main()
