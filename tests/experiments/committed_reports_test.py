"""The committed results rebuild the committed reports: restructuring the code must not change a
number (the date, command and image lines aside)."""

import re
import shlex
import subprocess
import sys

import pytest

from tests.conftest import ROOT

REPORTS = [
    "results.md",
    "results_bc5cdr.md",
    "results_bc5cdr_vectors.md",
    "results_ncbi_skipgram.md",
    "results_ncbi_vectors.md",
    "results_ncbi_silent_fast_head.md",
    "results_ncbi_silent_lstms.md",
    "results_ncbi_silent_embedder.md",
    "results_ncbi_silent_chars_lstms.md",
    "results_ncbi_rebuilt_chars_lstms.md",
    "results_ncbi_rebuilt_word_dropout.md",
    "results_ncbi_wd_seeds.md",
    "results_ncbi_none_word_dropout.md",
    "results_bc2gm_vectors.md",
    "results_jnlpba_vectors.md",
    "results_bc5cdr_wd.md",
    "results_bc5cdr_heldout.md",
    "results_bc5cdr_heldout_matched.md",
    "results_ncbi_heldout_matched.md",
    "results_ncbi_heldout_lm_alone.md",
    "results_ncbi_heldout_lstms.md",
    "results_ncbi_heldout_bilm20.md",
    "results_ncbi_curve.md",
]


def comparable(report: str) -> list:
    return [
        line
        for line in report.splitlines()
        if not line.startswith(("- Date", "- Command", "![")) and line.strip()
    ]


@pytest.mark.parametrize("name", REPORTS)
def test_report_only_rebuilds_the_committed_report(name, tmp_path):
    committed = (ROOT / "docs" / name).read_text()
    command = re.search(r"- Command: `(?:python|\S*python\S*) (?:-m \S+|\S+) (.*)`", committed)
    arguments = [
        argument
        for argument in shlex.split(command.group(1))
        if argument not in ("--report-only",)
    ]
    # The report and plots go to tmp_path; everything else as committed.
    for option in ("--report", "--plots-dir"):
        if option in arguments:
            del arguments[arguments.index(option) : arguments.index(option) + 2]
    rebuilt = tmp_path / name
    subprocess.run(
        [sys.executable, "-m", "experiments.table3", *arguments, "--report-only",
         "--report", str(rebuilt), "--plots-dir", str(tmp_path)],
        cwd=ROOT, check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    assert comparable(rebuilt.read_text()) == comparable(committed)


def test_table2_rebuilds_the_committed_table():
    committed = (ROOT / "docs" / "results_table2.md").read_text()
    made = re.search(
        r"Made by `python -m experiments.table2 (.*) --update \S+(?: --plot \S+)?`", committed
    )
    rebuilt = subprocess.run(
        [sys.executable, "-m", "experiments.table2", *shlex.split(made.group(1))],
        cwd=ROOT, check=True, capture_output=True, text=True, timeout=120,
    ).stdout  # fmt: skip
    block = committed[committed.index("<!-- table2: begin -->") :].split("<!-- table2: end -->")[0]
    assert comparable(rebuilt)[2:-1] == comparable(block)[2:]
    assert len(comparable(block)) > 10


UNSEEN_SECTIONS = re.findall(
    r"`python -m experiments.unseen_mentions ([^`]*)`\n\n((?:\|.*\n)+)",
    (ROOT / "docs" / "unseen_mentions.md").read_text(),
)


def test_every_unseen_mention_table_is_checked():
    assert len(UNSEEN_SECTIONS) == 14


@pytest.mark.parametrize("arguments, table", UNSEEN_SECTIONS)
def test_the_unseen_mention_tables_are_what_their_commands_print(arguments, table):
    expanded = []  # the shell's globbing, from the repository root
    for argument in shlex.split(arguments):
        if any(character in argument for character in "*?["):
            expanded += sorted(str(path.relative_to(ROOT)) for path in ROOT.glob(argument))
        else:
            expanded.append(argument)
    # Gold files beside the repository (../shared/data) are there in CI, not in every clone.
    absent = [a for a in expanded if a.startswith("../") and not (ROOT / a).exists()]
    if absent:
        pytest.skip(f"{absent[0]} is not beside this clone")
    printed = subprocess.run(
        [sys.executable, "-m", "experiments.unseen_mentions", *expanded],
        cwd=ROOT, check=True, capture_output=True, text=True, timeout=300,
    ).stdout  # fmt: skip
    assert printed == table


def test_the_devel_against_test_table_is_what_its_command_prints():
    committed = (ROOT / "docs" / "results_table2.md").read_text()
    [(arguments, table)] = re.findall(
        r"`python -m experiments.devel_vs_test ([^`]*)`\n\n((?:\|.*\n)+)", committed
    )
    printed = subprocess.run(
        [sys.executable, "-m", "experiments.devel_vs_test", *shlex.split(arguments)],
        cwd=ROOT, check=True, capture_output=True, text=True, timeout=120,
    ).stdout  # fmt: skip
    assert printed.splitlines()[1:] == table.splitlines()


def test_head_start_rebuilds_the_committed_report(tmp_path):
    # The last head-start report's command, as docs/head_start.md gives it.
    findings = (ROOT / "docs" / "head_start.md").read_text()
    made = re.search(
        r"`python -m experiments\.head_start (.*) --report docs/head_start_vectors2\.md`", findings
    )
    rebuilt = tmp_path / "head_start_vectors2.md"
    subprocess.run(
        [sys.executable, "-m", "experiments.head_start", *shlex.split(made.group(1)),
         "--report-only", "--report", str(rebuilt)],
        cwd=ROOT, check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    committed = (ROOT / "docs" / "head_start_vectors2.md").read_text()
    assert comparable(rebuilt.read_text()) == comparable(committed)
    assert len(comparable(committed)) > 10
