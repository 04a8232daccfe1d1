"""
Where a command's CPU time goes: runs the command, reads /proc twice a second for it and every
process it starts (children, their children: Ray's GCS, raylet and workers, multiprocessing
workers), and prints a Markdown table of CPU seconds by process name. Linux only.

    .venv/bin/python benchmarks/cpu_by_process.py -- \\
        .venv/bin/python -m bilm_tagging.cli collection.jsonl --output-dir out \\
        --processes 2 --engine ray --precision int8

A process's name is its title where it set one (Ray's `ray::IDLE`, `ray::MapWorker(...)`; the
last one read), else its program (a Python script or `-m` module in place of `python`); the
command itself is "(the command)", and workers forked from it, which share its command line,
"(forked worker)". Processes that live less than half a second may be missed.
CPU time is user + system as last read before the process ended (at most half a second short).
"""

import argparse
import os
import pathlib
import subprocess
import sys
import time
from collections import defaultdict
from typing import Dict, Optional, Tuple

from provenance import command_line, provenance

TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> Optional[Tuple[int, float]]:
    """The parent pid and user + system CPU seconds of `pid`; None once it has gone."""
    try:
        text = pathlib.Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The name (field 2) is in parentheses and may hold spaces: split after its closing one.
    fields = text[text.rindex(")") + 2 :].split()
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICKS


def _name(pid: int, root_command: bytes) -> str:
    try:
        raw = pathlib.Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return "?"
    if raw == root_command:
        return "(forked worker)"
    argv = [part for part in raw.decode(errors="replace").split("\0") if part]
    if not argv:
        return "?"
    if argv[0].startswith("ray::"):
        return argv[0].split()[0]
    program = os.path.basename(argv[0])
    if not program.startswith("python"):
        return program
    rest = argv[1:]
    while rest and rest[0].startswith("-") and rest[0] not in ("-m", "-c"):
        rest = rest[1:]  # the interpreter's own options (-u, -O, ...)
    if rest[:1] == ["-m"] and len(rest) > 1:
        return rest[1]
    if rest[:1] == ["-c"]:
        return "python -c"
    return os.path.basename(rest[0]) if rest else program


def watch(
    command: list, interval: float = 0.5
) -> Tuple[int, float, Dict[int, Tuple[str, float]]]:
    """Runs `command`; returns its exit status, its wall seconds and, for each process of its
    tree, the name and the CPU seconds last read."""
    started = time.perf_counter()
    root = subprocess.Popen(command)
    root_command = pathlib.Path(f"/proc/{root.pid}/cmdline").read_bytes()
    seen: Dict[int, Tuple[str, float]] = {}
    while True:
        finished = root.poll() is not None
        parents = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                stat = _stat(int(entry))
                if stat is not None:
                    parents[int(entry)] = stat
        # Add the descendants of known processes until no new one appears.
        tree = {root.pid} | set(seen)
        grown = True
        while grown:
            new = {pid for pid, (parent, _) in parents.items() if parent in tree} - tree
            tree |= new
            grown = bool(new)
        for pid in tree:
            if pid in parents:
                # Read each time: a process may retitle itself after it started (Ray's workers).
                name = "(the command)" if pid == root.pid else _name(pid, root_command)
                seen[pid] = (seen[pid][0] if name == "?" and pid in seen else name, parents[pid][1])
        if finished:
            return root.returncode, time.perf_counter() - started, seen
        time.sleep(interval)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", nargs=argparse.REMAINDER, help="after --")
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the command to watch after --")
    code, seconds, processes = watch(command)
    by_name: Dict[str, list] = defaultdict(lambda: [0, 0.0])
    for name, cpu in processes.values():
        by_name[name][0] += 1
        by_name[name][1] += cpu
    total = sum(cpu for _, cpu in by_name.values())
    cores = os.cpu_count() or 1
    print(provenance())
    print(f"`{command_line()}`: {seconds:.0f} s wall, {total:.0f} CPU seconds "
          f"({total / (seconds * cores):.0%} of {cores} cores)\n")  # fmt: skip
    print("| process | processes | CPU seconds | share of the CPU seconds |")
    print("|---|---|---|---|")
    for name, (count, cpu) in sorted(by_name.items(), key=lambda item: -item[1][1]):
        print(f"| `{name}` | {count} | {cpu:.1f} | {cpu / total:.1%} |")
    if code:
        sys.exit(f"the command ended with exit status {code}")


if __name__ == "__main__":
    main()
