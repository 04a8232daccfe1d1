"""
Shards tagged by Ray actors: Ray Data `map_batches` over shards with a callable class, so each
actor loads the models once and tags shard after shard; actors write their shard files
themselves (on a cluster, `output_dir` must be a filesystem every node sees, e.g. NFS).

Locally `ray.init()` starts a cluster of this machine's cores; for a real cluster start Ray on the
nodes (`ray start --head` on one, `ray start --address HEAD:6379` on the others, bilm_transfer
and the models installed on all) and pass `--ray-address auto` (on a node) or
`ray://HEAD:10001`. With `device="cuda"` each actor asks Ray for `gpus_per_actor` GPUs: a
share (`0.125`) puts several actors on one GPU, whose work one actor's Python side (splitting,
tokenizing) cannot keep up with (docs/benchmarks.md).
"""

import pickle
from typing import Any, Callable, Dict, Iterator, List, Optional

from bilm_transfer.tagging.bulk import Shard, write_shard

# Shards handed to Ray per dataset: bounded, so that the driver's memory stays flat (64 shards of
# 1,000 abstracts are about 100 MB per actor), and large, because each dataset starts its actors
# anew (tens of seconds on a small machine: Ray's workers, then the models).
SHARDS_PER_WINDOW_PER_ACTOR = 64


class ShardTagger:
    """A Ray actor's work: tags the pickled shards of a batch and writes their files; returns
    each shard's index and document count."""

    def __init__(self, run: Dict[str, Any], threads: int) -> None:
        import torch

        from bilm_transfer.tagging.shipped import load_taggers

        torch.set_num_threads(threads)
        self._run = run
        self._tagger = load_taggers(run["models"], run["overlaps"], run["precision"], run["device"])

    def __call__(self, batch: Dict[str, Any]) -> Dict[str, List[int]]:
        counts = []
        for payload in batch["shard"]:
            shard: Shard = pickle.loads(payload)
            counts.append(
                write_shard(
                    self._tagger, shard, self._run["output_dir"], self._run["output_format"]
                )
            )
        return {"documents": counts}


def _windows(shards: Iterator[Shard], size: int) -> Iterator[List[Shard]]:
    window: List[Shard] = []
    for shard in shards:
        window.append(shard)
        if len(window) == size:
            yield window
            window = []
    if window:
        yield window


def tag_shards_with_ray(
    shards: Iterator[Shard],
    run: Dict[str, Any],
    actors: int,
    on_done: Callable[[int], None],
    address: Optional[str] = None,
    threads_per_actor: int = 1,
    gpus_per_actor: float = 1.0,
) -> None:
    """Tags `shards` with `actors` Ray actors of `threads_per_actor` CPUs each (and
    `gpus_per_actor` GPUs each where `run["device"]` is a CUDA GPU)."""
    import ray

    started_here = not ray.is_initialized()
    if started_here:
        ray.init(address=address, include_dashboard=False, log_to_driver=False)
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    try:
        for window in _windows(shards, SHARDS_PER_WINDOW_PER_ACTOR * actors):
            dataset = ray.data.from_items([{"shard": pickle.dumps(shard)} for shard in window])
            tagged = dataset.map_batches(
                ShardTagger,
                fn_constructor_args=(run, threads_per_actor),
                batch_size=1,
                concurrency=actors,
                num_cpus=threads_per_actor,
                num_gpus=gpus_per_actor if run["device"].startswith("cuda") else 0,
            )
            for row in tagged.iter_rows():
                on_done(int(row["documents"]))
    finally:
        if started_here:
            ray.shutdown()
