"""
Issue #15's Table 2: no pretraining against BiLM transfer, test P / R / F1 on every corpus beside
the paper's (Sachan et al. 2018, Table 3), and the issue's targets judged met or missed from the
kept Table 3 results (`experiments/table3.py --root ROOT`). Each `CORPUS=ROOT` adds that root's
rows; a corpus given none is listed as not run. The setup of each root is read from its BiLM's
saved config, its report is the `docs/results*.md` whose command names the root. A root of
transfer runs alone (an ablation) is judged against the no-pretraining runs of another,
`CORPUS=ROOT:BASELINE_ROOT`, seed by seed. Roots of one setup that hold different seeds (a seed
run later, with a BiLM trained again by the same recipe) make one row, `CORPUS=ROOT+ROOT`.

    python -m experiments.table2 ncbi=results/table3_ncbi_vectors bc5cdr=results/table3_bc5cdr
    python -m experiments.table2 ncbi=results/ablation:results/paper  # paper's none runs
    python -m experiments.table2 ncbi=results/seed13+results/seeds14_15:results/paper
    python -m experiments.table2 ... --update docs/results_table2.md  # between its markers
"""

import json
import pathlib
import re
import statistics
import sys
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

from experiments import plots, report
from experiments.kept_roots import (
    CORPUS_NAMES,
    ROOT,
    Entry,
    joined_roots,
    read_runs,
    row_name,
    runs_parser,
)
from experiments.records import TaggerResult
from experiments.table2_targets import PAPER, WITHIN_PAPER, targets

SCORES = ("precision", "recall", "f1")
BEGIN, END = "<!-- table2: begin -->", "<!-- table2: end -->"


def report_command(report_path: Optional[pathlib.Path]) -> str:
    """The command line a report records (`- Command: `...``), or nothing."""
    command = report_path and re.search(r"- Command: `([^`]*)`", report_path.read_text())
    return command.group(1) if command else ""


def setup(root: pathlib.Path, command: str) -> str:
    """`"vectors skipgram300_all.bin; BiLM: full softmax, lr 0.001, 10 epochs"` from the config
    of the root's BiLM, or of the one its report's `command` names with `--bilm-archive` (the
    harness gives the taggers the BiLM's word vectors). A root of no-pretraining runs alone has
    no BiLM: its vectors are the ones its command names."""
    archive = re.search(r"--bilm-archive (\S+)", command)
    bilm = pathlib.Path(archive.group(1)).parent if archive else root / "pretrained_bilm"
    config_file = ROOT / bilm / "config.json"
    if not config_file.exists() and re.search(r"--variants none(?:\s+--|\s*$)", command):
        vectors = re.search(r"--word-vectors (\S+)", command)
        words = f"vectors {pathlib.Path(vectors.group(1)).name}" if vectors else "random vectors"
        return f"{words}; no BiLM"
    if not config_file.exists():
        return "not recorded"
    config = json.loads(config_file.read_text())
    tokens = config["model"]["text_field_embedder"]["token_embedders"]["tokens"]
    vectors = tokens.get("pretrained_file")
    words = f"vectors {pathlib.Path(vectors).name}" if vectors else "random vectors"
    samples = config["model"].get("num_samples")
    softmax = f"sampled softmax of {samples}" if samples else "full softmax"
    metrics_file = config_file.parent / "metrics.json"
    epochs = json.loads(metrics_file.read_text())["epoch"] + 1 if metrics_file.exists() else "?"
    lr = config["trainer"]["optimizer"]["lr"]
    return f"{words}; BiLM: {softmax}, lr {lr:g}, {epochs} epochs"


def report_file(root: pathlib.Path, docs: pathlib.Path) -> Optional[pathlib.Path]:
    """The report in `docs` whose command trains into `root`."""
    pattern = re.compile(rf"--root {re.escape(str(root))}(?:\s|$)")
    for path in sorted(docs.glob("results*.md")):
        if pattern.search(report_command(path)):
            return path
    return None


def report_link(report_path: Optional[pathlib.Path]) -> str:
    """A root's report (`report_file`) as a link from its folder."""
    return f"[{report_path.name}]({report_path.name})" if report_path else ""


# Options of a report's command that make its taggers other than the paper's -> (the name its
# rows give it, whether it changes the transfer taggers only).
SETUP_OPTIONS = {
    "--transfer-head": ("transfer head", True),
    "--transfer-parts": ("transferred", True),
    "--bilm-word-dropout": ("BiLM word dropout", True),
    "--bilm-text": ("BiLM text", True),
    "--word-dropout": ("word dropout", False),
}


def setup_options(command: str, variant: str) -> str:
    """`"; transfer head: silent_fast"`, `"; transferred: lstms"` and the like where a root's
    report's `command` made its `variant` taggers other than the paper's, else nothing."""
    return "".join(
        f"; {name}: {found.group(1)}"
        for option, (name, transfer_only) in SETUP_OPTIONS.items()
        if variant != "none" or not transfer_only
        for found in [re.search(rf"{option} (\S+)", command)]
        if found
    )


def _scores(runs: Sequence[TaggerResult]) -> str:
    p, r, f = (report.mean_sd([run["test"][key] for run in runs]) for key in SCORES)
    return f"{p} / {r} / **{f}**"


def _rows(
    entries: Sequence[Entry],
) -> Iterator[Tuple[str, str, List[Tuple[Entry, List[TaggerResult]]]]]:
    """Per corpus and variant in the table's order, each entry with runs of that variant and its
    runs; roots judged against two baselines are one row."""
    for corpus in CORPUS_NAMES:
        for variant in ("none", "bilm"):
            rows, shown = [], set()
            for entry in entries:
                runs = [r for r in entry.results if r["variant"] == variant]
                if entry.corpus == corpus and runs and entry.roots not in shown:
                    rows.append((entry, runs))
                    shown.add(entry.roots)
            yield corpus, variant, rows


def table(entries: Sequence[Entry], docs: pathlib.Path) -> List[str]:
    lines = [
        "| corpus | variant | paper P / R / F1 | ours P / R / F1 | seeds | setup of ours "
        "| report |",
        "|---|---|---|---|---|---|---|",
    ]
    for corpus, variant, rows in _rows(entries):
        paper = " / ".join(f"{value:.2f}" for value in PAPER[corpus][variant])
        label = f"| {CORPUS_NAMES[corpus]} | {report.VARIANTS[variant]} | {paper} |"
        if not rows:
            lines.append(f"{label} not run | | | |")
        for entry, runs in rows:
            reports = [report_file(root, docs) for root in entry.roots]
            setups = {
                setup(root, command) + setup_options(command, variant)
                for root, command in zip(entry.roots, map(report_command, reports))
            }
            if len(setups) > 1:
                raise ValueError(f"{joined_roots(entry.roots)}: setups differ: {sorted(setups)}")
            links = ", ".join(filter(None, map(report_link, reports)))
            lines.append(
                f"{label} {_scores(runs)} | {report.seeds_column(runs)} | {setups.pop()} "
                f"| {links} |"
            )
    return lines


def gaps_to_paper(entries: Sequence[Entry]) -> Dict[str, Dict[str, List[float]]]:
    """Row name (`row_name`, or the corpus and "not run") -> variant -> test F1 of each of its
    seeds minus the paper's for that corpus and variant, in the table's order."""
    lines: Dict[str, Dict[str, List[float]]] = {}
    for corpus, variant, rows in _rows(entries):
        if not any(entry.corpus == corpus for entry in entries):
            lines.setdefault(f"{CORPUS_NAMES[corpus]}: not run", {})
        for entry, runs in rows:
            paper = PAPER[corpus][variant][2]
            gaps = [100 * run["test"]["f1"] - paper for run in runs]
            lines.setdefault(row_name(corpus, entry.roots), {})[variant] = gaps
    return lines


def plot(entries: Sequence[Entry], path: pathlib.Path) -> None:
    """`gaps_to_paper` drawn: a line per kept root (mean, bars: sd over seeds, a marker per
    variant), the corpora not run named; the band is the issue's "within 2 of the paper" for
    the BiLM rows."""
    lines = gaps_to_paper(entries)
    labels = dict(
        xlabel="test F1, ours minus the paper's (same corpus and variant)",
        title="Table 2 against the paper",
    )
    with plots.figure(path, (8, 1.5 + 0.4 * len(lines)), **labels) as axes:
        axes.axvspan(-WITHIN_PAPER, 0, color="tab:red", alpha=0.08, label="within 2 of the paper")
        axes.axvline(0, color="black", linewidth=1)
        for variant in ("none", "bilm"):
            points = [
                (y, statistics.mean(gaps), statistics.stdev(gaps) if len(gaps) > 1 else 0.0)
                for y, by_variant in enumerate(lines.values())
                for gaps in [by_variant.get(variant)]
                if gaps
            ]
            if points:
                y, mean, sd = zip(*points)
                axes.errorbar(
                    mean, y, xerr=sd, fmt="o" if variant == "none" else "D", capsize=3,
                    color=report.COLOURS[variant], label=report.VARIANTS[variant],
                )  # fmt: skip
        axes.set_yticks(range(len(lines)))
        axes.set_yticklabels(list(lines))
        axes.invert_yaxis()  # the table's order, top to bottom


def text(entries: Sequence[Entry], docs: pathlib.Path, command: str) -> str:
    lines = [
        BEGIN,
        f"Made by `{command}` from the kept results; mean ± sd over seeds.",
        "",
        *table(entries, docs),
        "",
        "Targets of issue #15 that these results judge:",
        "",
        *(line for entry in entries for line in targets(entry)),
        END,
    ]
    return "\n".join(lines)


def main() -> None:
    parser = runs_parser(__doc__)
    parser.add_argument(
        "--update",
        type=pathlib.Path,
        help=f"replace the part of this file between {BEGIN} and {END}",
    )
    parser.add_argument("--plot", type=pathlib.Path, help="draw the rows against the paper (PNG)")
    args = parser.parse_args()
    docs = args.update.parent if args.update else ROOT / "docs"
    command = f"python -m experiments.table2 {' '.join(sys.argv[1:])}"
    generated = read_runs(parser, lambda runs: text(runs, docs, command), args.runs)
    if args.plot:
        plot(args.runs, args.plot)
    if not args.update:
        print(generated)
        return
    document = args.update.read_text()
    if BEGIN not in document or END not in document:
        sys.exit(f"{args.update}: no {BEGIN} ... {END} part to replace")
    before, rest = document.split(BEGIN, 1)
    args.update.write_text(before + generated + rest.split(END, 1)[1])


if __name__ == "__main__":
    main()
