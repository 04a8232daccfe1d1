"""The checkout must travel to the lent GPU machine: the tracked files plus `.gpu/` (about 26 MB of
wheels written by ../shared/device/prepare.sh for training, 27 MB written by
benchmarks/gpu_bulk.sh for tagging) within the 64 MiB that machine takes."""

import subprocess

import pytest

from tests.conftest import ROOT

GPU_MACHINE_LIMIT = 64 * 2**20
# The larger `.gpu/`: `du -cb .gpu` after `benchmarks/gpu_bulk.sh prepare` (spaCy, Ray, abstracts),
# 27,065,680 bytes on 2026-11-28; prepare.sh's was about 26 MB on 2026-11-27.
PREPARED_WHEELS = 27_100_000
MARGIN = 2**20


def test_the_tracked_files_leave_room_for_the_gpu_wheels():
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=False)
    if listed.returncode != 0:
        pytest.skip("not a git checkout")
    paths = [ROOT / name for name in listed.stdout.decode().split("\0") if name]
    tracked = sum(path.stat().st_size for path in paths if path.is_file())
    budget = GPU_MACHINE_LIMIT - PREPARED_WHEELS - MARGIN
    assert tracked <= budget, (
        f"tracked files {tracked / 2**20:.1f} MiB: over the {budget / 2**20:.1f} MiB that leave "
        "room for .gpu/ on the GPU machine (keep large results compressed or out of git)"
    )
