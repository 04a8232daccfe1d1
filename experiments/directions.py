"""
Do both directions beat one? The paper (Table 3) ranks BiLM transfer above transfer of the
forward or the backward LM alone, and issue #15 judges that on each root's three-seed test mean,
which the seeds' luck alone moves by about half a point. This pools every seed of every
`CORPUS=ROOT` (the `experiments.kept_roots` arguments; a `:BASELINE_ROOT` is not read) that ran all
three variants: per seed, the three taggers' test F1; over all of them, on test, on the best
devel F1 of model selection and on devel after its first epoch (the paper's head start), BiLM
minus each direction (mean, sd, t interval, how often above, two-sided sign test) and how often
BiLM is the best of the three (one time in three if the three were alike).

    python -m experiments.directions ncbi=results/table3_ncbi_heldout_lstms \\
        ncbi=results/table3_ncbi_heldout_matched
"""

import pathlib
import statistics
from typing import List, NamedTuple, Optional, Sequence

from scipy import stats

from experiments import paired, plots, report
from experiments.kept_roots import Entry, joined_roots, read_runs, runs_parser

DIRECTIONS = ("forward", "backward")
# The `Triple` fields compared, as the tables name them.
MEASURES = {"test": "test", "devel": "devel (best)", "first_epoch": "devel, epoch 1"}


class Triple(NamedTuple):
    """The BiLM, forward-LM and backward-LM taggers of one seed of one root, F1 in points."""

    roots: str
    seed: int
    test: Sequence[float]  # BiLM, forward, backward
    devel: Sequence[float]  # model selection's best, in the same order
    first_epoch: Sequence[float]  # devel after model selection's first epoch, the same order


def triples(entries: Sequence[Entry]) -> List[Triple]:
    found = []
    for entry in entries:
        by_run = {(result["variant"], result["seed"]): result for result in entry.results}
        for seed in sorted({seed for _, seed in by_run}):
            runs = [by_run.get((variant, seed)) for variant in ("bilm", *DIRECTIONS)]
            if all(runs):
                test = [100 * run["test"]["f1"] for run in runs]
                devel = [100 * run["devel_f1"] for run in runs]
                first = [100 * run["history"][0]["devel_f1"] for run in runs]
                found.append(Triple(joined_roots(entry.roots), seed, test, devel, first))
    if len(found) < 2:
        raise ValueError("fewer than 2 seeds ran BiLM, forward and backward: nothing to pool")
    return found


def best_of_three(found: Sequence[Triple], measure: str) -> int:
    """How many triples have BiLM strictly above both directions on `measure`."""
    return sum(
        scores[0] > max(scores[1:]) for scores in (getattr(triple, measure) for triple in found)
    )


def _best(scores: Sequence[float]) -> str:
    """The variant of the highest of BiLM, forward, backward `scores`."""
    return ("BiLM", *DIRECTIONS)[max(range(len(scores)), key=scores.__getitem__)]


def per_seed_table(found: Sequence[Triple]) -> List[str]:
    lines = [
        "| roots | seed | BiLM | forward | backward | BiLM - forward | BiLM - backward "
        "| best on test | best on devel |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for triple in found:
        bilm, *one_direction = triple.test
        cells = [triple.roots, str(triple.seed), *(f"{f1:.2f}" for f1 in triple.test),
                 *(f"{bilm - f1:+.2f}" for f1 in one_direction), _best(triple.test),
                 _best(triple.devel)]  # fmt: skip
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _differences(found: Sequence[Triple], measure: str, direction: str) -> List[float]:
    """BiLM minus `direction` on `measure`, seed by seed."""
    i = 1 + DIRECTIONS.index(direction)
    return [getattr(triple, measure)[0] - getattr(triple, measure)[i] for triple in found]


def pooled_table(found: Sequence[Triple]) -> List[str]:
    lines = [
        "| BiLM minus | on | seeds | mean | sd | 95% interval of the mean | BiLM above "
        "| sign test p |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for measure, name in MEASURES.items():
        for direction in DIRECTIONS:
            cells = [direction, name, *paired.cells(_differences(found, measure, direction))]
            lines.append("| " + " | ".join(cells) + " |")
    return lines


def best_of_three_line(found: Sequence[Triple]) -> str:
    parts = []
    for measure, name in MEASURES.items():
        hits = best_of_three(found, measure)
        p = stats.binomtest(hits, len(found), 1 / 3, alternative="greater").pvalue
        parts.append(f"on {name} in {hits} of {len(found)} (p = {p:.3f})")
    return (
        "BiLM best of the three " + "; ".join(parts) + "; p: the chance of as many or more "
        "if the three were alike (one in three)."
    )


def plot(found: Sequence[Triple], path: pathlib.Path) -> None:
    """`pooled_table` drawn: a line per direction and measure, a dot per seed, and the mean
    with its 95% interval."""
    rows = [
        (measure, name, direction) for measure, name in MEASURES.items() for direction in DIRECTIONS
    ]
    labels = dict(
        xlabel="BiLM minus one direction (F1 points)",
        title=f"BiLM transfer against one direction, {len(found)} seeds",
    )
    with plots.figure(path, (8, 2.5 + 0.45 * len(rows)), "upper left", **labels) as axes:
        axes.axvline(0, color="black", linewidth=1)
        for y, (measure, _, direction) in enumerate(rows):
            differences = _differences(found, measure, direction)
            label = f"a seed: BiLM minus {direction}" if y < len(DIRECTIONS) else None
            axes.plot(
                differences, [y] * len(differences), "o", alpha=0.5,
                color=report.COLOURS[direction], label=label,
            )  # fmt: skip
            mean = statistics.mean(differences)
            low, high = paired.mean_interval(differences)
            axes.errorbar(
                [mean], [y - 0.25], xerr=[[mean - low], [high - mean]], fmt="D", capsize=3,
                color="black", label="mean, 95% interval" if y == 0 else None,
            )  # fmt: skip
        axes.set_yticks(range(len(rows)))
        axes.set_yticklabels([f"minus {direction}, {name}" for _, name, direction in rows])
        axes.set_ylim(len(rows) - 0.5, -2.2)  # the table's order, top to bottom; the legend above


def main(argv: Optional[Sequence[str]] = None) -> None:
    parser = runs_parser(__doc__)
    parser.add_argument("--plot", type=pathlib.Path, help="draw the pooled differences (PNG)")
    args = parser.parse_args(argv)
    found = read_runs(parser, triples, args.runs)
    print("Test F1 of BiLM, forward-LM and backward-LM transfer, seed by seed")
    print("\n".join(per_seed_table(found)))
    print("\n".join(pooled_table(found)))
    print(best_of_three_line(found))
    if args.plot:
        plot(found, args.plot)


if __name__ == "__main__":
    main()
