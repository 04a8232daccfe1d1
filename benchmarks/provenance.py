"""The first lines of a benchmark's output: date, commit and machine; the exact command."""

import datetime
import os
import pathlib
import platform
import shlex
import subprocess
import sys

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


def command_line() -> str:
    """The command that runs this benchmark, with the interpreter as run (`.venv/bin/python` here,
    `python3` on a machine without the virtual environment)."""
    interpreter = pathlib.Path(sys.executable)
    if ROOT in interpreter.parents:
        interpreter = interpreter.relative_to(ROOT)
    else:
        interpreter = pathlib.Path(interpreter.name)
    return shlex.join([str(interpreter), *sys.argv])
