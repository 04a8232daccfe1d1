"""
Tagging collections too large for one file or one run (PubMed: ~36 million abstracts): documents
are read as a stream and cut into shards of `shard_size` in input order; each shard is tagged and
written to `part-NNNNNN.<ext>` in the output folder, first under a temporary name, then renamed,
so a shard file is either complete or absent. A run that is killed (SIGKILL included) and started
again skips the shards already written and redoes the one it was in: every document ends up in
exactly one shard. `manifest.json` records what the folder holds (input, format, models, shard
size); a resumed run must match it.

Shards are tagged in this process, by N worker processes on this machine (each with its own
copy of the models and its share of the cores), or by Ray actors (`tagging.ray_engine`). Memory
stays flat: at most a few shards per worker are in flight.
"""

import concurrent.futures
import json
import multiprocessing
import os
import pathlib
from typing import Any, Callable, Dict, Iterable, Iterator, List, NamedTuple, Optional, Set, Tuple

from bilm_tagging.document_formats import (
    DocumentWriter,
    default_output_format,
    guess_format,
    read_documents,
)
from bilm_tagging.formats.document import Document

MANIFEST = "manifest.json"
EXTENSIONS = {"jsonl": "jsonl", "pubtator": "pubtator", "bioc-xml": "xml", "bioc-json": "json",
              "conll": "conll"}  # fmt: skip


class Shard(NamedTuple):
    index: int
    documents: List[Document]


class BulkSummary(NamedTuple):
    documents: int  # tagged in this run
    skipped: int  # in shards a previous run had written
    shards: int  # written in this run


def shard_path(output_dir: str, index: int, output_format: str) -> pathlib.Path:
    return pathlib.Path(output_dir, f"part-{index:06d}.{EXTENSIONS[output_format]}")


def write_shard(tagger, shard: Shard, output_dir: str, output_format: str) -> int:
    """Tags a shard's documents with `tagger` (a `MultiTagger`) and writes its file atomically;
    returns the number of documents."""
    final = shard_path(output_dir, shard.index, output_format)
    temporary = final.with_name(final.name + ".tmp")
    writer = DocumentWriter(str(temporary), output_format)
    try:
        for document, result in zip(shard.documents, tagger.tag(shard.documents)):
            writer.write(document, result)
    finally:
        writer.close()
    os.replace(temporary, final)
    return len(shard.documents)


def shards(documents: Iterable[Document], shard_size: int) -> Iterator[Shard]:
    batch: List[Document] = []
    index = 0
    for document in documents:
        batch.append(document)
        if len(batch) == shard_size:
            yield Shard(index, batch)
            index, batch = index + 1, []
    if batch:
        yield Shard(index, batch)


def _prepare(output_dir: str, manifest: Dict[str, Any]) -> Set[int]:
    """Creates or checks the output folder; returns the indices of the shards already written
    (and removes what an interrupted run left half-written)."""
    folder = pathlib.Path(output_dir)
    folder.mkdir(parents=True, exist_ok=True)
    manifest_path = folder / MANIFEST
    if manifest_path.exists():
        previous = json.loads(manifest_path.read_text())
        previous.setdefault("precision", "float32")  # runs from before int8 was offered
        changed = {key for key in manifest if previous.get(key) != manifest[key]}
        if changed:
            raise ValueError(
                f"{output_dir} holds a run with other settings ({', '.join(sorted(changed))}: "
                f"{ {key: previous.get(key) for key in sorted(changed)} }); use a new folder"
            )
    else:
        manifest_path.write_text(json.dumps(manifest, indent=2))
    for leftover in folder.glob("part-*.tmp"):
        leftover.unlink()
    extension = EXTENSIONS[manifest["output_format"]]
    return {int(path.name[5:11]) for path in folder.glob(f"part-*.{extension}")}


# A process's taggers, loaded once by `_start_worker`, or why they could not be.
_worker_tagger = None
_worker_error: Optional[Exception] = None


def _start_worker(
    models: Tuple[str, ...], overlaps: str, precision: str, device: str, threads: int
) -> None:
    global _worker_tagger, _worker_error
    import torch

    from bilm_tagging.shipped import load_taggers

    torch.set_num_threads(threads)
    try:
        _worker_tagger = load_taggers(models, overlaps, precision, device)
    except Exception as error:  # noqa: BLE001
        # Raised with the first shard instead: a failing initializer only says "pool broken".
        _worker_error = error


def _worker_write(shard: Shard, output_dir: str, output_format: str) -> int:
    if _worker_error is not None:
        raise _worker_error
    return write_shard(_worker_tagger, shard, output_dir, output_format)


def _in_processes(
    todo: Iterator[Shard],
    run: Dict[str, Any],
    processes: int,
    threads: int,
    on_done: Callable[[int], None],
) -> None:
    initargs = (run["models"], run["overlaps"], run["precision"], run["device"], threads)
    # CUDA cannot start in a forked child once the parent has touched it: GPU workers are spawned.
    context = multiprocessing.get_context("spawn" if run["device"] != "cpu" else None)
    with concurrent.futures.ProcessPoolExecutor(
        processes, mp_context=context, initializer=_start_worker, initargs=initargs
    ) as pool:
        pending: Set[concurrent.futures.Future] = set()
        for shard in todo:
            pending.add(pool.submit(_worker_write, shard, run["output_dir"], run["output_format"]))
            if len(pending) >= 2 * processes:  # bounded: memory stays flat
                done, pending = concurrent.futures.wait(
                    pending, return_when=concurrent.futures.FIRST_COMPLETED
                )
                for future in done:
                    on_done(future.result())
        for future in concurrent.futures.as_completed(pending):
            on_done(future.result())


def tag_collection(
    input_path: str,
    output_dir: str,
    models: List[str],
    input_format: str = "auto",
    output_format: Optional[str] = None,
    shard_size: int = 1000,
    processes: int = 1,
    overlaps: str = "best",
    engine: str = "processes",
    ray_address: Optional[str] = None,
    progress: bool = True,
    precision: str = "float32",
    threads: Optional[int] = None,
    device: str = "cpu",
    gpus_per_actor: float = 1.0,
) -> BulkSummary:
    """
    Tags every document of `input_path` into shards in `output_dir`, resuming a previous run
    there. `engine`: `"processes"` (`processes` workers on this machine; 1: this process) or
    `"ray"` (`processes` Ray actors, on the cluster at `ray_address`, default a local one).
    `threads`: PyTorch threads per process or actor (default: this machine's cores shared out;
    1 per Ray actor). `precision` (`"float32"`, `"int8"`) and `device` (`"cuda"`: each worker
    and Ray actor uses a GPU): see `StandaloneTagger`. `gpus_per_actor`: the share of a GPU that
    Ray reserves for each actor when `device` is a GPU (`0.125`: 8 actors on one GPU).
    """
    from tqdm import tqdm

    from bilm_tagging.shipped import available_models, model_path

    if not (gpus_per_actor > 0 and (gpus_per_actor <= 1 or float(gpus_per_actor).is_integer())):
        # Ray's rule: a share of one GPU, or whole GPUs.
        raise ValueError(f"gpus_per_actor: a share up to 1 or whole GPUs, not {gpus_per_actor}")
    if input_format == "auto":
        input_format = guess_format(input_path)
    output_format = output_format or default_output_format(input_format)
    if output_format not in EXTENSIONS:
        raise ValueError(f"sharded output: one of {sorted(EXTENSIONS)}, not {output_format!r}")
    names = tuple(models) or tuple(available_models())
    manifest = {
        "input": os.path.abspath(input_path),
        "input_format": input_format,
        "output_format": output_format,
        "shard_size": shard_size,
        "models": [os.path.abspath(model_path(name)) for name in names],
        "overlaps": overlaps,
        "precision": precision,
    }
    written = _prepare(output_dir, manifest)
    run = {**manifest, "models": names, "output_dir": output_dir, "device": device}
    counts = {"documents": 0, "skipped": 0, "shards": 0}
    default_threads = max(1, (os.cpu_count() or 1) // processes)
    bar = tqdm(desc="tagging", unit=" documents", disable=not progress, smoothing=0.1)

    def done(count: int) -> None:
        counts["documents"] += count
        counts["shards"] += 1
        bar.update(count)

    def todo() -> Iterator[Shard]:
        for shard in shards(read_documents(input_path, input_format), shard_size):
            if shard.index in written:
                counts["skipped"] += len(shard.documents)
                bar.set_postfix(skipped=counts["skipped"])
            else:
                yield shard

    try:
        if engine == "ray":
            from bilm_tagging.ray_engine import tag_shards_with_ray

            tag_shards_with_ray(
                todo(), run, processes, done, ray_address, threads or 1, gpus_per_actor
            )
        elif processes > 1:
            _in_processes(todo(), run, processes, threads or default_threads, done)
        else:
            import torch

            from bilm_tagging.shipped import load_taggers

            torch.set_num_threads(threads or default_threads)
            tagger = load_taggers(names, overlaps, precision, device)
            for shard in todo():
                done(write_shard(tagger, shard, output_dir, output_format))
    finally:
        bar.close()
    return BulkSummary(counts["documents"], counts["skipped"], counts["shards"])
