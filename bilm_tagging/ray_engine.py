"""
Shards tagged by Ray actors: a pool of actors (Ray Core's `ActorPool`), each loading the models
once and tagging shard after shard for the whole run; actors write their shard files themselves
(on a cluster, `output_dir` must be a filesystem every node sees, e.g. NFS), so only shards go
to them and document counts come back.

Locally `ray.init()` starts a cluster of this machine's cores; for a real cluster start Ray on the
nodes (`ray start --head` on one, `ray start --address HEAD:6379` on the others, bilm_transfer
and the models installed on all) and pass `--ray-address auto` (on a node) or
`ray://HEAD:10001`. With `device="cuda"` each actor asks Ray for `gpus_per_actor` GPUs: a
share (`0.125`) puts several actors on one GPU, whose work one actor's Python side (splitting,
tokenizing) cannot keep up with (docs/benchmarks.md).
"""

from typing import Any, Callable, Dict, Iterator, Optional

from bilm_tagging.bulk import Shard, write_shard

# Shards handed to the pool beyond those being tagged: one waiting behind each actor keeps every
# actor busy, and bounds the driver's memory.
QUEUED_PER_ACTOR = 1


class ShardTagger:
    """A Ray actor's work: tags shards and writes their files."""

    def __init__(self, run: Dict[str, Any], threads: int) -> None:
        import torch

        from bilm_tagging.shipped import load_taggers

        torch.set_num_threads(threads)
        self._run = run
        self._tagger = load_taggers(run["models"], run["overlaps"], run["precision"], run["device"])

    def tag(self, shard: Shard) -> int:
        """Writes `shard`'s file; returns its document count."""
        return write_shard(self._tagger, shard, self._run["output_dir"], self._run["output_format"])


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
    from ray.util.actor_pool import ActorPool

    started_here = not ray.is_initialized()
    if started_here:
        ray.init(address=address, include_dashboard=False, log_to_driver=False)
    try:
        actor = ray.remote(ShardTagger).options(
            num_cpus=threads_per_actor,
            num_gpus=gpus_per_actor if run["device"].startswith("cuda") else 0,
        )
        pool = ActorPool([actor.remote(run, threads_per_actor) for _ in range(actors)])
        queued = 0
        for shard in shards:
            if queued == actors * (1 + QUEUED_PER_ACTOR):
                on_done(pool.get_next_unordered())
                queued -= 1
            pool.submit(lambda tagger, value: tagger.tag.remote(value), shard)
            queued += 1
        while pool.has_next():
            on_done(pool.get_next_unordered())
    finally:
        if started_here:
            ray.shutdown()
