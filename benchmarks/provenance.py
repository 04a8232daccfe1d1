"""The first line of a benchmark's output: date, commit and machine."""

import datetime
import os
import pathlib
import platform
import subprocess

ROOT = pathlib.Path(__file__).resolve().parent.parent


def provenance() -> str:
    """`"2026-11-26, commit abc1234, 2 CPU cores (Intel(R) Xeon(R) ...)"`."""
    commit = os.environ.get("BILM_COMMIT", "")  # a copy whose .git is absent or stale
    if not commit:
        try:
            commit = subprocess.run(
                ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
            ).stdout.strip() or "unknown"  # not a git checkout
        except OSError:  # no git
            commit = "unknown"
    cpu = next(
        (line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if "model name" in line),
        platform.processor(),
    )
    return f"{datetime.date.today()}, commit {commit}, {os.cpu_count()} CPU cores ({cpu})"
