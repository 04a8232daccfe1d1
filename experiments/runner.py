"""Runs the real `allennlp` commands for the experiments, each logged to a file, and records
where they ran (machine, commit)."""

import datetime
import functools
import hashlib
import json
import os
import pathlib
import platform
import shutil
import subprocess
import sys
import time
from typing import Dict

from experiments import protocol

ROOT = pathlib.Path(__file__).resolve().parent.parent
ALLENNLP = str(pathlib.Path(sys.executable).parent / "allennlp")


def log(message: str) -> None:
    print(f"[{datetime.datetime.now():%H:%M:%S}] {message}", flush=True)


# The configs' variables (bilm_transfer.settings) an experiment sets: empty unless it names them.
EXPERIMENT_VARIABLES = (
    "WORD_VECTORS",
    "TRANSFER_HEAD",
    "TRANSFER_PARTS",
    "WORD_DROPOUT",
    "BILM_WORD_DROPOUT",
    "BILM_DIRECTIONS",
)


class Runner:
    """Runs `allennlp` commands with the experiment's environment, each logged to a file."""

    def __init__(self, cuda_device: int = -1, **variables: str) -> None:
        unknown = sorted(set(variables) - set(EXPERIMENT_VARIABLES))
        if unknown:
            raise ValueError(f"Runner: {unknown} are not among {EXPERIMENT_VARIABLES}")
        self.env = {**os.environ, "CUDA_DEVICE": str(cuda_device)}
        # Set here, never inherited: a result's command line says everything it was run with.
        self.env.update({name: variables.get(name, "") for name in EXPERIMENT_VARIABLES})

    def __call__(
        self, log_file: pathlib.Path, *command: str, append: bool = False, **env: str
    ) -> None:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        started = time.time()
        with open(log_file, "a" if append else "w") as output:
            result = subprocess.run(
                [ALLENNLP, *command, "--include-package", "bilm_transfer"],
                cwd=ROOT, env={**self.env, **env}, stdout=output, stderr=subprocess.STDOUT,
            )  # fmt: skip
        if result.returncode != 0:
            tail = log_file.read_text(errors="replace")[-3000:]
            sys.exit(f"{tail}\n`allennlp {command[0]}` failed; its whole log: {log_file}")
        log(f"  done in {time.time() - started:.0f} s (log: {log_file})")


def finished(directory: pathlib.Path) -> bool:
    """Whether `directory` holds a finished `allennlp train` run. A run stopped by SIGTERM or
    Ctrl-C archives its best weights too, but writes no metrics.json."""
    return (directory / "model.tar.gz").exists() and (directory / "metrics.json").exists()


def train(run: Runner, config: str, directory: pathlib.Path, overrides: Dict, **env: str) -> None:
    """`allennlp train` into `directory`, unless it holds a finished run. A run killed after an
    epoch's checkpoint (at the end of a session, say) goes on from there with `--recover`, and
    ends as the unbroken run would have (the configs' `rng_checkpoint`); one killed earlier
    starts again."""
    if finished(directory):
        return
    command = ["train", config, "-s", str(directory), "-o", json.dumps(overrides)]
    # `training_state_e{E}_b0.th`: the trainer's state after E epochs.
    done = [int(p.name.split("_")[2][1:]) for p in directory.glob("training_state_e*_b0.th")]
    recover = (directory / "config.json").exists() and bool(done)
    if recover:
        log(f"  recovering {directory} after epoch {max(done)}")
        command.append("--recover")
        (directory / "model.tar.gz").unlink(missing_ok=True)  # the interrupted run's, if any
        protocol.record_restart(directory, max(done))
    else:
        shutil.rmtree(directory, ignore_errors=True)
    run(directory.with_suffix(".log"), *command, append=recover, **env)


def commit() -> str:
    def git(*command: str) -> str:
        return subprocess.run(["git", *command], cwd=ROOT, capture_output=True, text=True).stdout

    # Changes to what trains and predicts; the report's own code does not change the numbers.
    changed = git("status", "--porcelain", "--", "bilm_transfer", "bilm_serving")
    dirty = " (with uncommitted changes)" if changed else ""
    return git("rev-parse", "--short", "HEAD").strip() + dirty


@functools.lru_cache(maxsize=None)
def fingerprint(path: str) -> str:
    """`"skipgram300_all.bin sha256:0123456789ab"`: the file's name and the start of its SHA-256,
    which tells two makings of a file by the same command apart (gensim's threads make the word
    vectors differ run to run)."""
    with open(path, "rb") as data:
        digest = hashlib.file_digest(data, "sha256")
    return f"{pathlib.Path(path).name} sha256:{digest.hexdigest()[:12]}"


def machine() -> str:
    """`"2 CPU cores (AMD EPYC)"`, from /proc/cpuinfo where there is one."""
    model = platform.processor() or platform.machine()
    cpuinfo = pathlib.Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [line for line in cpuinfo.read_text().splitlines() if line.startswith("model name")]
        model = names[0].split(":", 1)[1].strip() if names else model
    return f"{os.cpu_count()} CPU cores ({model})"
