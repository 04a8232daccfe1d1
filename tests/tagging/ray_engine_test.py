import sys
import types

import pytest

from bilm_tagging.bulk import Shard
from bilm_tagging.ray_engine import QUEUED_PER_ACTOR, tag_shards_with_ray


class _FakeRay(types.ModuleType):
    """Records what `tag_shards_with_ray` asks of Ray instead of starting a cluster: the actors'
    resources, and the most shards ever handed to the pool and not yet returned."""

    def __init__(self) -> None:
        super().__init__("ray")
        self.requests = []
        self.actors = 0
        self.most_queued = 0
        fake = self

        class ActorPool:
            def __init__(self, actors) -> None:
                fake.actors = len(actors)
                self._results = []

            def submit(self, fn, value) -> None:
                self._results.append(fn(fake, value))
                fake.most_queued = max(fake.most_queued, len(self._results))

            def has_next(self) -> bool:
                return bool(self._results)

            def get_next_unordered(self):
                return self._results.pop(0)

        self.util = types.ModuleType("ray.util")
        self.util.actor_pool = types.ModuleType("ray.util.actor_pool")
        self.util.actor_pool.ActorPool = ActorPool
        # The fake stands for each actor handle too: `handle.tag.remote(shard)`.
        self.tag = types.SimpleNamespace(remote=lambda shard: len(shard.documents))

    def is_initialized(self) -> bool:
        return True  # a cluster the caller started: left running

    def remote(self, actor_class):
        fake = self

        class ActorClass:
            def options(self, **resources):
                fake.requests.append(resources)
                return types.SimpleNamespace(remote=lambda *arguments: fake)

        return ActorClass()


@pytest.fixture
def fake_ray(monkeypatch):
    fake = _FakeRay()
    monkeypatch.setitem(sys.modules, "ray", fake)
    monkeypatch.setitem(sys.modules, "ray.util", fake.util)
    monkeypatch.setitem(sys.modules, "ray.util.actor_pool", fake.util.actor_pool)
    return fake


@pytest.mark.parametrize(
    "device, gpus_per_actor, expected_gpus",
    [("cuda", 0.125, 0.125), ("cuda", 1.0, 1.0), ("cpu", 0.5, 0)],
)
def test_actors_ask_for_their_share_of_a_gpu_only_on_a_gpu(
    fake_ray, device, gpus_per_actor, expected_gpus
):
    done = []
    shards = iter([Shard(0, ("a",)), Shard(1, ("b", "c"))])
    run = {"device": device}
    tag_shards_with_ray(
        shards, run, 8, done.append, threads_per_actor=2, gpus_per_actor=gpus_per_actor
    )
    assert done == [1, 2]
    [request] = fake_ray.requests
    assert request == {"num_cpus": 2, "num_gpus": expected_gpus}
    assert fake_ray.actors == 8


def test_the_pool_holds_a_bounded_number_of_shards(fake_ray):
    done = []
    shards = (Shard(index, ("document",)) for index in range(100))
    tag_shards_with_ray(shards, {"device": "cpu"}, 3, done.append)
    assert done == [1] * 100
    assert fake_ray.most_queued == 3 * (1 + QUEUED_PER_ACTOR)
