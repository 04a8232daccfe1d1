import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest

from bilm_tagging.bulk import tag_collection
from tests.conftest import FIXTURES

DOCUMENTS = FIXTURES / "data" / "documents"


@pytest.fixture(scope="module")
def collection(tmp_path_factory):
    """240 documents (the six abstracts, cut into sentences-sized pieces so tagging is quick)."""
    texts = [
        json.loads(line)["text"] for line in (DOCUMENTS / "jnlpba6.jsonl").read_text().splitlines()
    ]
    pieces = [piece for text in texts for piece in text.split(". ") if piece]
    path = tmp_path_factory.mktemp("collection") / "collection.jsonl"
    with open(path, "w") as out:
        for i in range(240):
            out.write(json.dumps({"id": f"doc{i}", "text": pieces[i % len(pieces)]}) + "\n")
    return path


def _ids(folder):
    return [
        json.loads(line)["id"]
        for shard in sorted(folder.glob("part-*.jsonl"))
        for line in shard.read_text().splitlines()
    ]


def _contents(folder):
    return [shard.read_text() for shard in sorted(folder.glob("part-*.jsonl"))]


def test_resume_after_sigkill_tags_every_document_exactly_once(shipped, collection, tmp_path):
    output = tmp_path / "tagged"
    command = [
        sys.executable, "-m", "bilm_tagging.cli", str(collection), "--output-dir",
        str(output), "--shard-size", "10", "--quiet",
    ]  # fmt: skip
    environment = {**os.environ, "BILM_MODELS_DIR": str(shipped)}
    run = subprocess.Popen(command, env=environment, stderr=subprocess.PIPE)
    # A random point of the run, counted in shards written (of 24), not in seconds: on an idle
    # machine the run writes its last 22 shards in well under a second.
    shards, deadline = random.randint(2, 12), time.time() + 300
    while len(list(output.glob("part-*.jsonl"))) < shards and time.time() < deadline:
        time.sleep(0.005)
    run.send_signal(signal.SIGKILL)
    run.wait()
    written = len(_ids(output))
    assert 0 < written < 240, "the kill came too late to test a resume"
    resumed = subprocess.run(command, env=environment, capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert f"({written} done by an earlier run)" in resumed.stderr
    assert _ids(output) == [f"doc{i}" for i in range(240)]  # no loss, no duplicate, in order
    assert not list(output.glob("*.tmp"))


def test_processes_and_ray_write_what_one_process_writes(shipped, collection, tmp_path):
    one = tag_collection(str(collection), str(tmp_path / "one"), [], shard_size=40, progress=False)
    assert one == (240, 0, 6)
    again = tag_collection(
        str(collection), str(tmp_path / "one"), [], shard_size=40, progress=False
    )
    assert again == (0, 240, 0)  # all done already
    two = tag_collection(
        str(collection), str(tmp_path / "two"), [], shard_size=40, processes=2, progress=False
    )
    assert two == (240, 0, 6)
    assert _contents(tmp_path / "two") == _contents(tmp_path / "one")


@pytest.mark.slow
def test_a_local_ray_cluster_of_two_actors_writes_what_one_process_writes(
    shipped, collection, tmp_path
):
    one = tag_collection(str(collection), str(tmp_path / "one"), [], shard_size=40, progress=False)
    ray = tag_collection(
        str(collection), str(tmp_path / "ray"), [], shard_size=40, processes=2, engine="ray",
        progress=False,
    )  # fmt: skip
    assert one == ray == (240, 0, 6)
    assert _contents(tmp_path / "ray") == _contents(tmp_path / "one")


def test_a_device_that_workers_cannot_use_is_named_in_the_error(shipped, collection, tmp_path):
    with pytest.raises(ValueError, match="device 'gpu0'"):
        tag_collection(
            str(collection), str(tmp_path / "out"), [], shard_size=40, processes=2,
            device="gpu0", progress=False,
        )  # fmt: skip
    assert not list((tmp_path / "out").glob("part-*"))


def test_a_folder_of_another_run_is_refused(shipped, collection, tmp_path):
    tag_collection(str(collection), str(tmp_path / "out"), [], shard_size=100, progress=False)
    with pytest.raises(ValueError, match="other settings \\(shard_size"):
        tag_collection(str(collection), str(tmp_path / "out"), [], shard_size=50, progress=False)


def test_int8_runs_in_processes_and_a_float32_folder_is_not_resumed_in_int8(
    shipped, collection, tmp_path
):
    out = tmp_path / "out"
    tag_collection(str(collection), str(out), [], shard_size=120, progress=False)
    with pytest.raises(ValueError, match="other settings \\(precision"):
        tag_collection(str(collection), str(out), [], shard_size=120, precision="int8")
    int8 = tag_collection(
        str(collection), str(tmp_path / "int8"), [], shard_size=120, processes=2, threads=1,
        precision="int8", progress=False,
    )  # fmt: skip
    assert int8 == (240, 0, 2)
    assert _ids(tmp_path / "int8") == _ids(out)


@pytest.mark.parametrize("gpus_per_actor", [0, -1, 1.5])
def test_a_share_of_a_gpu_that_ray_cannot_give_is_refused_before_anything_is_written(
    tmp_path, gpus_per_actor
):
    with pytest.raises(ValueError, match="gpus_per_actor"):
        tag_collection(
            str(tmp_path / "in.jsonl"), str(tmp_path / "out"), [], engine="ray", device="cuda",
            gpus_per_actor=gpus_per_actor, progress=False,
        )  # fmt: skip
    assert not (tmp_path / "out").exists()
