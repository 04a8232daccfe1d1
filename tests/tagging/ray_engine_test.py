import sys
import types

import pytest

from bilm_transfer.tagging.bulk import Shard
from bilm_transfer.tagging.ray_engine import tag_shards_with_ray


class _FakeRay(types.ModuleType):
    """Records what `tag_shards_with_ray` asks of Ray instead of starting a cluster."""

    def __init__(self) -> None:
        super().__init__("ray")
        self.requests = []
        self.data = types.SimpleNamespace(
            DataContext=types.SimpleNamespace(
                get_current=lambda: types.SimpleNamespace(enable_progress_bars=True)
            ),
            from_items=self._from_items,
        )

    def is_initialized(self) -> bool:
        return True  # a cluster the caller started: left running

    def _from_items(self, items):
        fake = self

        class Dataset:
            def map_batches(self, actor, **resources):
                fake.requests.append(resources)
                return types.SimpleNamespace(iter_rows=lambda: [{"documents": 1}] * len(items))

        return Dataset()


@pytest.fixture
def fake_ray(monkeypatch):
    fake = _FakeRay()
    monkeypatch.setitem(sys.modules, "ray", fake)
    return fake


@pytest.mark.parametrize(
    "device, gpus_per_actor, expected_gpus",
    [("cuda", 0.125, 0.125), ("cuda", 1.0, 1.0), ("cpu", 0.5, 0)],
)
def test_actors_ask_for_their_share_of_a_gpu_only_on_a_gpu(
    fake_ray, device, gpus_per_actor, expected_gpus
):
    done = []
    shards = iter([Shard(0, ()), Shard(1, ())])
    run = {"device": device}
    tag_shards_with_ray(
        shards, run, 8, done.append, threads_per_actor=2, gpus_per_actor=gpus_per_actor
    )
    assert done == [1, 1]
    [request] = fake_ray.requests
    assert request["num_gpus"] == expected_gpus
    assert request["num_cpus"] == 2
    assert request["concurrency"] == 8
