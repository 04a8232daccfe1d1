"""
Does a Ray worker process tag more slowly than a plain process? One worker alone on the machine,
each in a fresh process: the CPU seconds its imports take, then the same 200 abstracts tagged 3
times after a warm-up (int8, 1 thread), first in a plain Python process, then in a remote task of
a local Ray cluster (the kind of process Ray's actors run in). Prints a Markdown table.

    .venv/bin/python benchmarks/ray_worker.py [--abstracts 200]
"""

import argparse
import subprocess
import sys
import time
from typing import Dict

from bulk import JNLPBA
from provenance import ROOT, command_line, provenance


def work(abstracts: int) -> Dict[str, list]:
    """CPU seconds of the imports, then for each of 3 passes over the abstracts its wall seconds
    and the CPU seconds of the whole process (all its threads: Ray's own ones too)."""
    started = time.process_time()
    import torch

    import bilm_tagging.cli  # noqa: F401  (what a worker imports to tag)
    from bilm_tagging.formats.document import Document
    from bilm_tagging.shipped import load_taggers

    imports = time.process_time() - started
    torch.set_num_threads(1)
    paths = sorted(JNLPBA.glob("*.txt"))[:abstracts]
    documents = [Document(p.stem, p.read_text(encoding="utf-8").strip(), []) for p in paths]
    tagger = load_taggers(("ncbi_disease",), "best", "int8", "cpu")
    tagger.tag(documents[:5])  # warm-up
    passes = []
    for _ in range(3):
        started, cpu = time.perf_counter(), time.process_time()
        tagger.tag(documents)
        passes += [time.perf_counter() - started, time.process_time() - cpu]
    return {"imports": [imports], "passes": passes}


def in_ray_worker(abstracts: int) -> Dict[str, list]:
    import ray

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        remote = ray.remote(num_cpus=1)(work)
        return ray.get(remote.remote(abstracts))
    finally:
        ray.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--abstracts", type=int, default=200)
    parser.add_argument("--worker", choices=("plain", "ray"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        result = (work if args.worker == "plain" else in_ray_worker)(args.abstracts)
        print(result["imports"][0], *result["passes"])
        return
    print(provenance())
    print(f"`{command_line()}`: {args.abstracts} JNLPBA abstracts, int8, 1 thread\n")
    passes = " | ".join(f"pass {i}, s (CPU s)" for i in (1, 2, 3))
    print(f"| worker | imports, CPU seconds | {passes} |")
    print("|---|---|---|---|---|")
    for worker in ("plain", "ray"):
        run = subprocess.run(
            [sys.executable, __file__, "--worker", worker, "--abstracts", str(args.abstracts)],
            cwd=ROOT, capture_output=True, text=True, check=True,
        )  # fmt: skip
        imports, *passes = (float(value) for value in run.stdout.split()[-7:])
        label = "plain process" if worker == "plain" else "Ray worker (a remote task, num_cpus=1)"
        cells = [f"{wall:.2f} ({cpu:.2f})" for wall, cpu in zip(passes[::2], passes[1::2])]
        print(f"| {label} | {imports:.1f} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
