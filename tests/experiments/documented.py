"""The commands a doc shows with their printed tables: rerun, they must print the same lines."""

import glob
import pathlib
import re
import shlex
import subprocess
import sys
from typing import Callable, List, Optional, Sequence, Tuple

import pytest

from tests.conftest import ROOT

# The lines of a command's output a doc shows: its tables and verdicts.
PRINTED = ("|", "target A - B")


def documented_commands(module: str, doc: str) -> List[Tuple[List[str], List[str]]]:
    """Each line of `doc` (under the repository's root) that is a command "`python -m MODULE
    ...`", as the command's arguments and the `PRINTED` lines that follow it up to the next
    command or heading."""
    lines = (ROOT / doc).read_text().splitlines()
    commands = []
    for i, line in enumerate(lines):
        if line.startswith(f"`python -m {module} "):
            printed = []
            for following in lines[i + 1 :]:
                if following.startswith(("`python -m", "#")):
                    break
                if following.startswith(PRINTED):
                    printed.append(following)
            commands.append((line.strip("`").split()[3:], printed))
    return commands


def check_documented(
    main: Callable[[Optional[Sequence[str]]], None],
    arguments: Sequence[str],
    printed: Sequence[str],
    monkeypatch,
    capsys,
) -> None:
    """Runs `main` on `arguments` (shell patterns expanded, from the repository's root) and
    compares its `PRINTED` lines with the doc's; skipped where a path it names, or one its
    printed lines name in backquotes (the files a table was read from), is not here (the corpora
    under ../shared/data outside this project)."""
    monkeypatch.chdir(ROOT)
    expanded = [
        path for argument in arguments for path in sorted(glob.glob(argument)) or [argument]
    ]
    named = [path for line in printed for path in re.findall(r"`([^`]*/[^`]*)`", line)]
    missing = [path for path in expanded + named if "/" in path and not pathlib.Path(path).exists()]
    if missing:
        pytest.skip(f"not here: {shlex.join(missing)}")
    main(expanded)
    output = capsys.readouterr().out.splitlines()
    assert [line for line in output if line.startswith(PRINTED)] == list(printed)


def printed_tables(
    main: Callable[[Optional[Sequence[str]]], None], arguments: Sequence[str], capsys
) -> List[str]:
    """The table lines `main(arguments)` prints. For the commands whose arguments are
    `CORPUS=ROOT` (not paths, so nothing is skipped: the kept results are tracked)."""
    main(arguments)
    return [line for line in capsys.readouterr().out.splitlines() if line.startswith("|")]


def usage_error(module: str, *arguments: str) -> str:
    """What `python -m MODULE ARGUMENTS` says on stderr; it must stop with a usage error."""
    result = subprocess.run(
        [sys.executable, "-m", module, *arguments],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    return result.stderr
