"""
The paper's Figure 8 from the Table 3 harness's results (`--fractions`): test F1 against the share
of the labeled sentences trained on, what BiLM transfer gains at each share (paired by seed, with
the head start and best devel F1 of those pairs), and the share no pretraining needs for the F1
BiLM transfer reaches ("fewer training examples for a given F1").
"""

import pathlib
import statistics
from typing import List, NamedTuple, Optional, Sequence, Tuple

from experiments import paired
from experiments.plots import figure
from experiments.report import (
    COLOURS,
    VARIANTS,
    Result,
    mean_sd,
    paired_runs,
    per_seed_and_mean,
    rows_by_variant,
    seeds_column,
    share_label,
    transfer_gains,
)


def shares(results: Sequence[Result]) -> List[float]:
    """The fractions of the labeled sentences the curve ran on, below all of them."""
    return sorted({r["fraction"] for r in results if r["fraction"] < 1.0})


def section(results: Sequence[Result]) -> str:
    """The report's learning-curve lines (empty without a curve): test F1 per share and variant,
    then BiLM's gain per seed at each share, the equivalent shares and `paired_table`."""
    fractions = shares(results)
    if not fractions:
        return ""
    header = "| share of train and of devel trained on | variant | seeds | test F1 |"
    lines = ["", "", header, "|---|---|---|---|"]
    for fraction in fractions + [1.0]:
        for variant, runs in rows_by_variant(results, fraction).items():
            lines.append(
                f"| {share_label(fraction)} | {VARIANTS[variant]} | {seeds_column(runs)} "
                f"| {mean_sd([r['test']['f1'] for r in runs])} |"
            )
    lines.append("")
    for fraction in fractions:
        fraction_gains = transfer_gains(results, "bilm", fraction)
        if fraction_gains:
            lines.append(
                f"- {share_label(fraction)}: BiLM pretraining minus no pretraining, same seed: "
                f"{per_seed_and_mean(fraction_gains)}."
            )
    lines += equivalent_shares(results)
    lines += paired_table(results)
    return "\n".join(lines)


class Pair(NamedTuple):
    """One seed's BiLM-pretrained tagger against its tagger without pretraining, on one share:
    differences in F1 points; devel F1 after each one's first epoch, None where not recorded."""

    test_gain: float
    best_devel_gain: float
    first_epoch: Optional[Tuple[float, float]]  # (none, BiLM)


def pairs(results: Sequence[Result], fraction: float) -> List[Pair]:
    """The pairs on `fraction` of the labeled sentences, by seed."""
    found = []
    for _, (none, bilm) in sorted(paired_runs(results, "bilm", fraction).items()):
        first = None
        if none["history"] and bilm["history"]:
            first = (100 * none["history"][0]["devel_f1"], 100 * bilm["history"][0]["devel_f1"])
        found.append(
            Pair(
                100 * (bilm["test"]["f1"] - none["test"]["f1"]),
                100 * (bilm["devel_f1"] - none["devel_f1"]),
                first,
            )
        )
    return found


def paired_table(results: Sequence[Result]) -> List[str]:
    """BiLM pretraining minus no pretraining at each share, over the seeds that ran both: the test
    F1 gain (mean, sd, 95% interval, sign test; `experiments.paired`), the devel F1 after the first
    epoch of model selection (the head start; means) and the gain in best devel F1 (the model-
    selection score, smallest to largest); a last row pools the shares below 100%."""
    below = [(fraction, pairs(results, fraction)) for fraction in shares(results)]
    below = [(fraction, found) for fraction, found in below if found]
    if not below:
        return []
    rows = [(share_label(fraction), found) for fraction, found in below]
    everything = pairs(results, 1.0)
    if everything:
        rows.append((share_label(1.0), everything))
    if len(below) > 1:
        rows.append(("below 100%, pooled", [pair for _, found in below for pair in found]))
    lines = [
        "",
        "Paired by seed, BiLM pretraining minus no pretraining, in F1 points (95% Student-t "
        "interval of the mean; two-sided sign test); devel F1 after the first epoch of model "
        "selection, mean over the same seeds:",
        "",
        "| share | pairs | test F1 gain | sd | 95% interval | BiLM above | sign test p "
        "| epoch-1 devel F1: none / BiLM | best devel F1 gain, min to max |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for share, found in rows:
        firsts = [pair.first_epoch for pair in found]
        head = "-"
        if all(firsts):
            none, bilm = (statistics.mean(column) for column in zip(*firsts))
            head = f"{none:.2f} / {bilm:.2f}"
        best = [pair.best_devel_gain for pair in found]
        lines.append(
            f"| {share} | {' | '.join(paired.cells([pair.test_gain for pair in found]))} "
            f"| {head} | {min(best):+.2f} to {max(best):+.2f} |"
        )
    return lines


def points(results: Sequence[Result], variant: str) -> List[Tuple[float, ...]]:
    """(% of train, mean, min, max test F1 over seeds) for each share of train run."""
    curve = []
    for fraction in sorted({r["fraction"] for r in results}):
        runs = rows_by_variant(results, fraction).get(variant, [])
        scores = [100 * run["test"]["f1"] for run in runs]
        if scores:
            curve.append((100 * fraction, statistics.mean(scores), min(scores), max(scores)))
    return curve


def equivalent_share(curve: Sequence[Tuple[float, float]], f1: float) -> str:
    """Where the (share %, mean test F1) `curve`, by ascending share, first reaches `f1`: linear
    between its points, `"at most X%"` at or below its first, `"more than X%"` above its last."""
    if f1 <= curve[0][1]:
        return f"at most {curve[0][0]:g}%"
    for (share, score), (next_share, next_score) in zip(curve, curve[1:]):
        if next_score >= f1:
            return f"{share + (f1 - score) * (next_share - share) / (next_score - score):.0f}%"
    return f"more than {curve[-1][0]:g}%"


def equivalent_shares(results: Sequence[Result]) -> List[str]:
    """The paper's "fewer training examples for a given F1": for each share BiLM pretraining ran
    on, the share of labeled sentences no pretraining needs for the same mean test F1."""
    none = [(share, mean) for share, mean, *_ in points(results, "none")]
    if len(none) < 2:
        return []
    return [
        f"- BiLM pretraining on {share:g}% of the labeled sentences (mean test F1 {mean:.2f}) "
        f"scores what no pretraining scores on {equivalent_share(none, mean)} (its mean test F1 "
        "interpolated linearly between the shares run)."
        for share, mean, *_ in points(results, "bilm")
    ]


def plot(results: Sequence[Result], path: pathlib.Path) -> None:
    """Figure 8: test F1 (mean, bars: min to max over seeds) against the share of training data."""
    labels = dict(
        xlabel="labeled sentences trained on (% of train and of devel)",
        ylabel="test F1",
        title="Learning curve",
    )
    with figure(path, (6, 4), **labels) as axes:
        for variant in VARIANTS:
            curve = points(results, variant)
            if len(curve) > 1:  # variants run on one share only are Table 3's rows, not a curve
                x, mean, low, high = zip(*curve)
                errors = [
                    [m - lo for m, lo in zip(mean, low)],
                    [hi - m for m, hi in zip(mean, high)],
                ]
                axes.errorbar(
                    x, mean, yerr=errors, marker="o", capsize=3, color=COLOURS[variant],
                    label=VARIANTS[variant],
                )  # fmt: skip
