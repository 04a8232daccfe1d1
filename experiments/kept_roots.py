"""
Kept Table 3 roots as the analyses over them take them on their command line: `CORPUS=ROOT`,
`CORPUS=ROOT+ROOT` (roots of one setup and different seeds, one row) and `CORPUS=ROOT:BASELINE`
(transfer runs alone, judged against another root's no-pretraining runs), read into `Entry`s.
Used by `experiments.table2`, `devel_vs_test`, `final_epochs`, `directions` and `convergence`.
"""

import argparse
import pathlib
import re
from typing import Callable, List, NamedTuple, Optional, Sequence, Tuple, TypeVar

from experiments.records import TaggerResult, load_result

# The checkout (not `experiments.runner.ROOT`: these analyses import nothing of AllenNLP).
ROOT = pathlib.Path(__file__).resolve().parent.parent

CORPUS_NAMES = {"ncbi": "NCBI-disease", "bc5cdr": "BC5CDR", "bc2gm": "BC2GM", "jnlpba": "JNLPBA"}


class Entry(NamedTuple):
    corpus: str
    roots: Tuple[pathlib.Path, ...]  # one or more, of one setup and different seeds
    results: List[TaggerResult]  # on all the training sentences
    baseline: Optional[pathlib.Path] = None  # the root whose no-pretraining runs judge these
    baseline_results: Sequence[TaggerResult] = ()  # its no-pretraining runs


def kept_results(argument: str, root: str, variant: str = "*") -> List[TaggerResult]:
    """The results of `variant`'s (every variant's) taggers kept under `root`."""
    pattern = f"{variant}/fraction1/seed*/result.json"
    files = sorted((ROOT / root).glob(pattern))
    if not files:
        raise argparse.ArgumentTypeError(f"{argument!r}: no {pattern} in {root}")
    return [load_result(file) for file in files]


def read_entry(argument: str) -> Entry:
    """`CORPUS=ROOT[+ROOT...][:BASELINE_ROOT]` as an `Entry` of the kept results on all of train; an
    `argparse.ArgumentTypeError` naming the argument for an unknown corpus, a root without
    results, a seed two roots hold, or a baseline beside no-pretraining runs of their own."""
    corpus, _, joined = argument.partition("=")
    joined, _, baseline = joined.partition(":")
    roots = joined.split("+")
    if corpus not in CORPUS_NAMES or not all(roots):
        raise argparse.ArgumentTypeError(
            f"{argument!r}: expected CORPUS=ROOT, CORPUS=ROOT+ROOT... or ...:BASELINE_ROOT, "
            f"CORPUS one of {', '.join(CORPUS_NAMES)}"
        )
    results = [result for root in roots for result in kept_results(argument, root)]
    runs = [(result["variant"], result["seed"]) for result in results]
    twice = sorted({run for run in runs if runs.count(run) > 1})
    if twice:
        variant, seed = twice[0]
        raise argparse.ArgumentTypeError(
            f"{argument!r}: two of the roots hold {variant} seed {seed}; a seed counts once"
        )
    entry = Entry(corpus, tuple(pathlib.Path(root) for root in roots), results)
    if not baseline:
        return entry
    if "none" in (variant for variant, _ in runs):
        raise argparse.ArgumentTypeError(
            f"{argument!r}: {joined} has no-pretraining runs of its own; drop :{baseline}"
        )
    none = kept_results(argument, baseline, "none")
    return entry._replace(baseline=pathlib.Path(baseline), baseline_results=none)


Read = TypeVar("Read")


def runs_parser(description: str) -> argparse.ArgumentParser:
    """A command line of `CORPUS=ROOT` arguments (`runs`), for the analyses over kept roots."""
    parser = argparse.ArgumentParser(
        description=description, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("runs", nargs="+", type=read_entry, metavar="CORPUS=ROOT")
    return parser


def read_runs(
    parser: argparse.ArgumentParser, read: Callable[[Sequence[Entry]], Read], runs: Sequence[Entry]
) -> Read:
    """`read(runs)`, its `ValueError` a usage error of `parser` naming why."""
    try:
        return read(runs)
    except ValueError as error:
        parser.error(str(error))


def joined_roots(roots: Sequence[pathlib.Path]) -> str:
    return " + ".join(f"`{root}`" for root in roots)


def row_name(corpus: str, roots: Sequence[pathlib.Path]) -> str:
    """A row's name in the plot: its roots' folder names less `table3_CORPUS_`."""
    names = (re.sub(rf"^table3_{corpus}_?", "", root.name) or root.name for root in roots)
    return f"{CORPUS_NAMES[corpus]}: {'+'.join(names)}"
