"""
Bulk tagging speed, end to end from raw text: `bilm-tag --output-dir` with 1 and 2 worker
processes and with 2 Ray actors (a local Ray cluster), in float32 and int8 (`--precision`),
against allennlp-models' `crf_tagger` and flair's `SequenceTagger` at the same size on the same
abstracts. Prints a Markdown table.

    .venv/bin/python benchmarks/bulk.py [--abstracts 10000] [--model ncbi_disease]

Abstracts: the 2,000 JNLPBA training abstracts of ../shared/data (title and abstract; `--texts`
names another folder of `.txt` files), repeated to `--abstracts` documents with distinct ids.
Each configuration is one fresh command, timed wall-clock from start to exit (start-up, reading,
sentence splitting, tokenization, tagging and writing the shards all included). `crf_tagger`
(untrained, our size; speed does not depend on the weights) gets the same sentences and tokens
(our splitter and tokenizer, timed) and tags them with `forward_on_instances` in batches of at
most 4,000 tokens, as our predictor batches. `flair` (benchmarks/flair_peer.py, in its own
environment `.venv-flair`: `scripts/install_flair_peer.sh`; left out when that is missing)
splits, tokenizes and tags the raw abstracts its own way. A configuration that fails gets its
error in the table and the others still run. The GPU configurations (`cuda*`) and those that
need more cores than this machine has run only when named: `benchmarks/gpu_bulk.sh` runs them
on a lent GPU machine.
"""

import argparse
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import time
from typing import Optional

from provenance import command_line, provenance

ROOT = pathlib.Path(__file__).resolve().parent.parent
JNLPBA = ROOT.parent / "shared" / "data" / "JNLPBA-standoff" / "train"
FLAIR_PYTHON = ROOT / ".venv-flair" / "bin" / "python"
ALL_PEERS = ("crf_tagger", "flair")
PEERS = ["crf_tagger", *(["flair"] if FLAIR_PYTHON.exists() else [])]


# Key: (processes or Ray actors, PyTorch threads each, precision, engine, device).
CONFIGURATIONS = {
    "1x1": (1, 1, "float32", "processes", "cpu"),
    "1x2": (1, 2, "float32", "processes", "cpu"),
    "2x1": (2, 1, "float32", "processes", "cpu"),
    "ray": (2, 1, "float32", "ray", "cpu"),
    "int8-1x1": (1, 1, "int8", "processes", "cpu"),
    "int8-2x1": (2, 1, "int8", "processes", "cpu"),
    "int8-ray": (2, 1, "int8", "ray", "cpu"),
    "cuda": (1, 2, "float32", "processes", "cuda"),
    "cuda-4x2": (4, 2, "float32", "processes", "cuda"),
    "cuda-8x2": (8, 2, "float32", "processes", "cuda"),
    "cuda-16x1": (16, 1, "float32", "processes", "cuda"),
    "cuda-ray-8x2": (8, 2, "float32", "ray", "cuda"),  # 8 actors sharing one GPU
    "int8-8x2": (8, 2, "int8", "processes", "cpu"),
    "int8-16x1": (16, 1, "int8", "processes", "cpu"),
}
# Run when named: on a GPU, or needing more cores than this 2-core machine.
DEFAULT = [key for key, (n, threads, _, _, device) in CONFIGURATIONS.items()
           if device == "cpu" and n * threads <= 2]  # fmt: skip


def _label(processes: int, threads: int, precision: str, engine: str, device: str) -> str:
    workers = (
        f"Ray: local cluster, {processes} actors"
        if engine == "ray"
        else f"{processes} process{'es' if processes > 1 else ''}"
    )
    threads_each = f"{threads} thread{'s' if threads > 1 else ''} each"
    on_gpu = ", on the GPU" if device != "cpu" else ""
    return f"bilm-tag {precision}, {workers} ({threads_each}{on_gpu})"


def write_collection(path: pathlib.Path, count: int, source: pathlib.Path) -> None:
    texts = [p.read_text(encoding="utf-8").strip() for p in sorted(source.glob("*.txt"))]
    if not texts:
        sys.exit(f"--texts: no .txt abstracts in {source}")
    with open(path, "w", encoding="utf-8") as out:
        for i in range(count):
            out.write(json.dumps({"id": f"a{i}", "text": texts[i % len(texts)]}) + "\n")


def timed(command) -> tuple:
    """Wall-clock seconds of `command` and the peak resident memory (MB) of its largest process
    (itself or a worker it started; Ray's actors are the raylet's, not counted). A command that
    fails raises `RuntimeError` with the last line it wrote to stderr."""
    measure = (
        "import resource, subprocess, sys; code = subprocess.run(sys.argv[1:], "
        "stdout=subprocess.DEVNULL).returncode; "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(code)"
    )
    started = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-c", measure, *command], cwd=ROOT, capture_output=True, text=True
    )
    seconds = time.perf_counter() - started
    if run.returncode != 0:
        lines = [line for line in run.stderr.splitlines() if line.strip()]
        raise RuntimeError(lines[-1] if lines else f"exit status {run.returncode}")
    return seconds, int(run.stdout.split()[-1]) / 1024


def steady_rate(shards: pathlib.Path) -> Optional[float]:
    """Documents/s once work is under way: those in the shards written after the first one, over
    the time from the first shard file to the last (start-up, model loading and the first shard
    left out). None without at least two shard files."""
    files = sorted(shards.glob("part-*.jsonl"), key=lambda path: path.stat().st_mtime)
    if len(files) < 2:
        return None
    seconds = files[-1].stat().st_mtime - files[0].stat().st_mtime
    documents = sum(len(path.read_text(encoding="utf-8").splitlines()) for path in files[1:])
    return documents / seconds if seconds > 0 else None


def peer_worker(collection: str) -> None:
    """allennlp-models' `crf_tagger` on the collection; prints the number of sentences."""
    import torch
    from allennlp.data import Instance
    from allennlp.data.fields import TextField
    from allennlp.data.token_indexers import SingleIdTokenIndexer, TokenCharactersIndexer
    from speed import DATA, setup, their_tagger

    from bilm_serving.batching import length_batches
    from bilm_transfer.data.biomedical_tokenizer import BiomedicalTokenizer
    from bilm_transfer.data.sentence_splitter import split_sentences

    _, vocab, _, _ = setup(4000, os.path.join(DATA, "train.tsv"))
    model = their_tagger(vocab).eval()
    indexers = {
        "tokens": SingleIdTokenIndexer(),
        "token_characters": TokenCharactersIndexer(min_padding_length=7),
    }
    tokenizer = BiomedicalTokenizer()
    sentences = 0
    with open(collection, encoding="utf-8") as lines, torch.inference_mode():
        chunk = []
        for line in [*lines, None]:
            if line is not None:
                chunk.extend(split_sentences(json.loads(line)["text"], tokenizer))
            if chunk and (line is None or len(chunk) >= 512):
                instances = [Instance({"tokens": TextField(tokens, indexers)}) for tokens in chunk]
                for instance in instances:
                    instance.index_fields(model.vocab)
                for batch in length_batches([len(tokens) for tokens in chunk]):
                    model.forward_on_instances([instances[i] for i in batch])
                sentences += len(chunk)
                chunk = []
    print(sentences)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--abstracts", type=int, default=10000)
    parser.add_argument("--model", default="ncbi_disease")
    parser.add_argument("--shard-size", type=int, default=500)
    parser.add_argument(
        "--texts", type=pathlib.Path, default=JNLPBA, help="a folder of .txt abstracts"
    )
    parser.add_argument(
        "--configurations",
        default=",".join([*DEFAULT, *PEERS]),
        help=f"comma-separated, of {', '.join([*CONFIGURATIONS, *ALL_PEERS])}",
    )
    parser.add_argument("--peer-worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.peer_worker:
        peer_worker(args.peer_worker)
        return
    keys = args.configurations.split(",")
    unknown = [key for key in keys if key not in [*CONFIGURATIONS, *ALL_PEERS]]
    if unknown:
        parser.error(f"--configurations: unknown {unknown}")
    if "flair" in keys and not FLAIR_PYTHON.exists():
        parser.error(f"--configurations flair: {FLAIR_PYTHON} is missing; "
                     "run scripts/install_flair_peer.sh")  # fmt: skip
    folder = pathlib.Path(tempfile.mkdtemp(prefix="bulk_bench_"))
    collection = folder / "collection.jsonl"
    write_collection(collection, args.abstracts, args.texts)
    # `bilm-tag`, run as a module: the same program where the package is not installed.
    tag = [sys.executable, "-m", "bilm_tagging.cli", str(collection),
           "--model", args.model, "--quiet", "--shard-size", str(args.shard_size)]  # fmt: skip
    commands = {
        key: (
            _label(processes, threads, precision, engine, device),
            [*tag, "--output-dir", str(folder / key), "--processes", str(processes),
             "--threads", str(threads), "--precision", precision, "--engine", engine,
             "--device", device,
             *(["--gpus-per-actor", str(1 / processes)] if engine == "ray" and device != "cpu"
               else [])],
        )  # fmt: skip
        for key, (processes, threads, precision, engine, device) in CONFIGURATIONS.items()
    }
    commands["crf_tagger"] = (
        "allennlp-models crf_tagger, same size (1 process, 2 threads)",
        [sys.executable, __file__, "--peer-worker", str(collection)],
    )
    commands["flair"] = (
        "flair SequenceTagger, same size (1 process, 2 threads)",
        [str(FLAIR_PYTHON), str(ROOT / "benchmarks" / "flair_peer.py"), str(collection)],
    )
    results, failures = {}, {}
    for key in keys:
        try:
            results[key] = timed(commands[key][1])
        except RuntimeError as error:
            failures[key] = str(error)
    tokens = sum(
        len(sentence["tokens"])
        for shard in sorted(next(folder.glob("*/part-000000.jsonl")).parent.glob("part-*.jsonl"))
        for line in shard.read_text(encoding="utf-8").splitlines()
        for sentence in json.loads(line)["sentences"]
    ) if list(folder.glob("*/part-000000.jsonl")) else 0  # fmt: skip
    print(provenance())
    if any(CONFIGURATIONS.get(key, ("cpu",))[-1] == "cuda" for key in keys):
        import torch

        if torch.cuda.is_available():
            print(f"GPU: {torch.cuda.get_device_name(0)}, PyTorch {torch.__version__}")
    print(f"`{command_line()}`: {args.abstracts} abstracts, "
          f"{tokens} tokens; model {args.model}; shards of {args.shard_size}\n")  # fmt: skip
    print("| configuration | seconds | abstracts/s | tokens/s | abstracts/s after the first shard "
          "| peak memory of a process, MB |\n|---|---|---|---|---|---|")  # fmt: skip
    for key, (seconds, memory) in results.items():
        rate, steady = args.abstracts / seconds, steady_rate(folder / key)
        print(f"| {commands[key][0]} | {seconds:.0f} | {rate:.1f} | {tokens / seconds:,.0f} | "
              f"{f'{steady:.1f}' if steady else '-'} | {memory:.0f} |")  # fmt: skip
    for key, error in failures.items():
        print(f"| {commands[key][0]} | failed: {error} | | | | |")
    for precision in ("", "int8-"):
        one, two = (results.get(precision + key) for key in ("1x1", "2x1"))
        if one and two:
            print(f"\n{precision.rstrip('-') or 'float32'}: scaling efficiency 1 -> 2 processes "
                  f"of 1 thread: {one[0] / two[0] / 2:.2f}", end="")  # fmt: skip
    # Ray against plain processes doing the same work: (plain, Ray) configurations.
    for plain, ray in (("2x1", "ray"), ("int8-2x1", "int8-ray"), ("cuda-8x2", "cuda-ray-8x2")):
        if plain in results and ray in results:
            overhead = results[ray][0] / results[plain][0] - 1
            print(f"\n{commands[ray][0]}: Ray's overhead against {CONFIGURATIONS[plain][0]} "
                  f"plain processes: {overhead:+.1%}", end="")  # fmt: skip
            steady = [steady_rate(folder / key) for key in (plain, ray)]
            if all(steady):
                print(f" (after the first shard: {steady[0] / steady[1] - 1:+.1%})", end="")
    for key in ("1x1", "2x1"):
        if key in results and "int8-" + key in results:
            speedup = results[key][0] / results["int8-" + key][0]
            print(f"\nint8 / float32, {key}: {speedup:.2f}x", end="")
    for peer in ALL_PEERS:
        if "1x2" in results and peer in results:
            ratio = results[peer][0] / results["1x2"][0]
            print(f"\nbilm-tag (1 process, 2 threads) / {peer}: {ratio:.2f}x", end="")
    print()


if __name__ == "__main__":
    main()
