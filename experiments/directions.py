"""
Do both directions beat one? The paper (Table 3) ranks BiLM transfer above transfer of the
forward or the backward LM alone, and issue #15 judges that on each root's three-seed test mean,
which the seeds' luck alone moves by about half a point. This pools every seed of every
`CORPUS=ROOT` (the `experiments.table2` arguments; a `:BASELINE_ROOT` is not read) that ran all
three variants: per seed, the three taggers' test F1; over all of them, on test, on the best
devel F1 of model selection and on devel after its first epoch (the paper's head start), BiLM
minus each direction (mean, sd, t interval, how often above, two-sided sign test) and how often
BiLM is the best of the three (one time in three if the three were alike).

    python -m experiments.directions ncbi=results/table3_ncbi_heldout_lstms \\
        ncbi=results/table3_ncbi_heldout_matched
"""

import statistics
from typing import List, NamedTuple, Optional, Sequence, Tuple

from scipy import stats

from experiments.table2 import Entry, joined_roots, read_entries

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


def sign_test(above: int, below: int) -> float:
    """Two-sided p-value of `above` against `below` (ties dropped) if either were as likely."""
    return stats.binomtest(above, above + below).pvalue if above + below else 1.0


def mean_interval(differences: Sequence[float]) -> Tuple[float, float]:
    """The 95% Student-t interval of the mean of `differences` (at least two), seeds and roots
    taken as independent draws."""
    mean, sd = statistics.mean(differences), statistics.stdev(differences)
    half = stats.t.ppf(0.975, len(differences) - 1) * sd / len(differences) ** 0.5
    return mean - half, mean + half


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


def pooled_table(found: Sequence[Triple]) -> List[str]:
    lines = [
        "| BiLM minus | on | seeds | mean | sd | 95% interval of the mean | BiLM above "
        "| sign test p |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for measure, name in MEASURES.items():
        for i, direction in enumerate(DIRECTIONS, start=1):
            scores = [getattr(triple, measure) for triple in found]
            differences = [bilm - one_direction[i - 1] for bilm, *one_direction in scores]
            above = sum(d > 0 for d in differences)
            below = sum(d < 0 for d in differences)
            low, high = mean_interval(differences)
            cells = [direction, name, str(len(found)), f"{statistics.mean(differences):+.2f}",
                     f"{statistics.stdev(differences):.2f}", f"{low:+.2f} to {high:+.2f}",
                     f"{above} of {len(found)}", f"{sign_test(above, below):.3f}"]  # fmt: skip
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


def main(argv: Optional[Sequence[str]] = None) -> None:
    found = read_entries(__doc__, triples, argv)
    print("Test F1 of BiLM, forward-LM and backward-LM transfer, seed by seed")
    print("\n".join(per_seed_table(found)))
    print("\n".join(pooled_table(found)))
    print(best_of_three_line(found))


if __name__ == "__main__":
    main()
