"""
Do short final trainings cost test F1? The protocol trains the final tagger on train+devel for
the epoch count early stopping chose on devel, so a run whose devel F1 peaked early gets few
epochs. Each kept tagger of each `CORPUS=ROOT` (the `experiments.kept_roots` arguments; a
`:BASELINE_ROOT` is not read) is set against the other seeds of its row (its roots and variant,
rows of at least two seeds): its final epochs, test F1 and model-selection devel F1 minus the
row's means. Grouped by final epochs, a group that is low on test and as low on devel is a
weaker run, not one cut short; a group low on test alone ("devel minus test" above zero) is
what too short a final training would give.

    python -m experiments.final_epochs ncbi=results/table3_ncbi_heldout_lstms \\
        ncbi=results/table3_ncbi_heldout_matched
"""

import statistics
from collections import defaultdict
from typing import Dict, List, NamedTuple, Optional, Sequence, Tuple

from experiments.kept_roots import Entry, joined_roots, read_runs, runs_parser

BINS = ((1, 5), (6, 8), (9, 11), (12, None))  # final epochs, inclusive


class Deviation(NamedTuple):
    """One tagger against the mean of its row: its final epochs, and how far its final epochs
    (in epochs), test F1 and model-selection devel F1 (in F1 points) lie above the row's mean."""

    final_epochs: int
    more_epochs: float
    test: float
    devel: float

    @property
    def devel_minus_test(self) -> float:
        return self.devel - self.test


def deviations(entries: Sequence[Entry]) -> List[Deviation]:
    rows: Dict[Tuple[str, str], List[Tuple[int, float, float]]] = defaultdict(list)
    for entry in entries:
        for result in entry.results:
            rows[joined_roots(entry.roots), result["variant"]].append(
                (result["final_epochs"], 100 * result["test"]["f1"], 100 * result["devel_f1"])
            )
    found = []
    for runs in rows.values():
        if len(runs) < 2:
            continue
        epochs, test, devel = (statistics.mean(column) for column in zip(*runs))
        found += [Deviation(e, e - epochs, t - test, d - devel) for e, t, d in runs]
    if len(found) < 3:
        raise ValueError("fewer than 3 runs in rows of at least two seeds: nothing to compare")
    return found


def _bin(epochs: int) -> str:
    """The label of the `BINS` entry that holds `epochs`."""
    low, high = next((low, high) for low, high in BINS if high is None or epochs <= high)
    return f"{low}-{high}" if high else f"{low} or more"


def table(found: Sequence[Deviation]) -> List[str]:
    groups: Dict[str, List[Deviation]] = defaultdict(list)
    for deviation in found:
        groups[_bin(deviation.final_epochs)].append(deviation)
    lines = [
        "| final epochs | runs | test F1 | devel F1 (model selection) | devel minus test |",
        "|---|---|---|---|---|",
    ]
    for label in (_bin(low) for low, _ in BINS):
        group = groups.get(label)
        if group:
            means = [
                statistics.mean(getattr(deviation, name) for deviation in group)
                for name in ("test", "devel", "devel_minus_test")
            ]
            cells = [label, str(len(group)), *(f"{mean:+.2f}" for mean in means)]
            lines.append("| " + " | ".join(cells) + " |")
    return lines


def _correlation(xs: Sequence[float], ys: Sequence[float]) -> str:
    try:
        return f"{statistics.correlation(xs, ys):+.2f}"
    except statistics.StatisticsError:  # a constant column: every run at its row's mean
        return "undefined"


def correlations(found: Sequence[Deviation]) -> str:
    epochs = [d.more_epochs for d in found]
    r = {
        name: _correlation(epochs, [getattr(d, name) for d in found])
        for name in ("test", "devel", "devel_minus_test")
    }
    return (
        f"Correlation of final epochs with test F1 {r['test']}, with devel F1 "
        f"{r['devel']}, with devel minus test {r['devel_minus_test']} "
        f"({len(found)} runs, each against its row's mean)."
    )


def main(argv: Optional[Sequence[str]] = None) -> None:
    parser = runs_parser(__doc__)
    found = read_runs(parser, deviations, parser.parse_args(argv).runs)
    print("Each run minus the mean of its row (same roots and variant, other seeds), F1 points")
    print("\n".join(table(found)))
    print(correlations(found))


if __name__ == "__main__":
    main()
