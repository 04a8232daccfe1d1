"""
Does BiLM transfer converge faster? The paper's Figure 7 shows the BiLM-pretrained tagger on
NCBI-disease "better from the first epoch" and at its best in fewer epochs (10 against 14). This
pools every seed of every `CORPUS=ROOT` (the `experiments.kept_roots` arguments; with
`:BASELINE_ROOT`, that root's no-pretraining run of the seed) that ran both BiLM transfer and no
pretraining, and reads the two devel F1 curves of model selection (the kept `history`: one point an
epoch, early stopping 3 epochs after the best): per corpus, BiLM minus none in devel F1 after
epochs 1, 2, 3 and 5 and at the best epoch, and in epochs to the best, to within 1 F1 of the
run's own best, and to the pair's common level (1 F1 under the lower of the two bests). Give
each no-pretraining run once (roots with their own, or each baseline once), or the pairs are
not independent draws.

    python -m experiments.convergence ncbi=results/table3_ncbi_silent_fast_head \\
        bc5cdr=results/table3_bc5cdr_wd --plot docs/convergence.png
"""

import pathlib
import statistics
from typing import Callable, Dict, List, NamedTuple, Optional, Sequence, Tuple

from experiments import paired, plots
from experiments.kept_roots import CORPUS_NAMES, Entry, joined_roots, read_runs, runs_parser

EPOCHS = (1, 2, 3, 5)  # devel F1 compared after these epochs
WITHIN = 1.0  # F1 points under a best that count as having reached it


class Pair(NamedTuple):
    """BiLM transfer and no pretraining of one seed of one root: devel F1 (points) after each
    epoch of model selection."""

    corpus: str
    roots: str
    seed: int
    bilm: Sequence[float]
    none: Sequence[float]


def pairs(entries: Sequence[Entry]) -> List[Pair]:
    found = []
    for entry in entries:
        none = {
            r["seed"]: r for r in entry.baseline_results or entry.results if r["variant"] == "none"
        }
        for bilm in sorted((r for r in entry.results if r["variant"] == "bilm"), key=_seed):
            if bilm["seed"] in none:
                curves = [_curve(run) for run in (bilm, none[bilm["seed"]])]
                found.append(Pair(entry.corpus, joined_roots(entry.roots), bilm["seed"], *curves))
    if len(found) < 2:
        raise ValueError("fewer than 2 seeds ran both BiLM transfer and no pretraining")
    return found


def _seed(result: dict) -> int:
    return result["seed"]


def _curve(result: dict) -> List[float]:
    return [100 * epoch["devel_f1"] for epoch in result["history"]]


def best_epoch(curve: Sequence[float]) -> int:
    """The first epoch (from 1) of the highest devel F1: the one model selection keeps."""
    return 1 + curve.index(max(curve))


def epochs_to(curve: Sequence[float], level: float) -> Optional[int]:
    """The first epoch with devel F1 at least `level`, or None if the curve never gets there."""
    return next((epoch for epoch, f1 in enumerate(curve, start=1) if f1 >= level), None)


def common_level(pair: Pair) -> float:
    """`WITHIN` under the lower of the two bests: a level both curves reach."""
    return min(max(pair.bilm), max(pair.none)) - WITHIN


# Each row of the pooled table: its name, what it reads from a curve (given the pair), and -1
# where less is better (epochs).
Measure = Callable[[Sequence[float], Pair], Optional[float]]
MEASURES: List[Tuple[str, Measure, int]] = [
    *(
        (f"devel F1, epoch {n}", lambda c, _, n=n: c[n - 1] if len(c) >= n else None, 1)
        for n in EPOCHS
    ),
    ("devel F1, best epoch", lambda c, _: max(c), 1),
    ("epochs to the best", lambda c, _: best_epoch(c), -1),
    (f"epochs to within {WITHIN:g} of its best", lambda c, _: epochs_to(c, max(c) - WITHIN), -1),
    ("epochs to the common level", lambda c, pair: epochs_to(c, common_level(pair)), -1),
]


def differences(found: Sequence[Pair], measure: Measure) -> List[float]:
    """BiLM minus none on `measure`, pair by pair, for the pairs where both curves have it."""
    values = [(measure(pair.bilm, pair), measure(pair.none, pair)) for pair in found]
    return [bilm - none for bilm, none in values if bilm is not None and none is not None]


def by_corpus(found: Sequence[Pair]) -> Dict[str, List[Pair]]:
    grouped: Dict[str, List[Pair]] = {}
    for pair in found:
        grouped.setdefault(pair.corpus, []).append(pair)
    return {corpus: grouped[corpus] for corpus in CORPUS_NAMES if corpus in grouped}


def _both(pair: Pair, read: Callable[[Sequence[float]], object], form: str = "{}") -> str:
    """`read` of the BiLM curve and of the no-pretraining one, as "BiLM / none"."""
    return f"{form.format(read(pair.bilm))} / {form.format(read(pair.none))}"


def per_seed_table(found: Sequence[Pair]) -> List[str]:
    lines = [
        "| corpus | roots | seed | epochs run: BiLM / none | devel F1, epoch 1 | best devel F1 "
        "| epochs to the best | epochs to the common level |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for pair in found:
        level = common_level(pair)
        to_level = _both(pair, lambda curve, level=level: epochs_to(curve, level))
        cells = [
            CORPUS_NAMES[pair.corpus], pair.roots, str(pair.seed), _both(pair, len),
            _both(pair, lambda curve: curve[0], "{:.2f}"), _both(pair, max, "{:.2f}"),
            _both(pair, best_epoch), f"{to_level} ({level:.2f})",
        ]  # fmt: skip
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def pooled_table(found: Sequence[Pair]) -> List[str]:
    lines = [
        "| corpus | BiLM minus none | seeds | mean | sd | 95% interval of the mean "
        "| BiLM better | sign test p |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for corpus, corpus_pairs in by_corpus(found).items():
        for name, measure, better in MEASURES:
            gaps = differences(corpus_pairs, measure)
            if gaps:
                cells = [CORPUS_NAMES[corpus], name, *paired.cells(gaps, better)]
                lines.append("| " + " | ".join(cells) + " |")
    return lines


def mean_gap_by_epoch(corpus_pairs: Sequence[Pair]) -> List[Tuple[int, float, float, float]]:
    """(epoch, mean, low, high) of BiLM minus none in devel F1 after each epoch that at least two
    pairs both reached."""
    points = []
    for epoch in range(1, max(min(len(p.bilm), len(p.none)) for p in corpus_pairs) + 1):
        gaps = [p.bilm[epoch - 1] - p.none[epoch - 1] for p in corpus_pairs
                if min(len(p.bilm), len(p.none)) >= epoch]  # fmt: skip
        if len(gaps) >= 2:
            points.append((epoch, statistics.mean(gaps), *paired.mean_interval(gaps)))
    return points


def plot(found: Sequence[Pair], path: pathlib.Path) -> None:
    """Figure 7 pooled: per corpus, the mean devel F1 gap after each epoch with its interval."""
    labels = dict(
        xlabel="epoch of model selection", ylabel="devel F1, BiLM minus none",
        title="BiLM transfer's lead over no pretraining, epoch by epoch",
    )  # fmt: skip
    colours = ("tab:red", "tab:blue", "tab:green", "tab:purple")
    with plots.figure(path, (7, 4), "upper right", **labels) as axes:
        axes.axhline(0, color="black", linewidth=1)
        for colour, (corpus, corpus_pairs) in zip(colours, by_corpus(found).items()):
            points = mean_gap_by_epoch(corpus_pairs)
            if not points:
                continue
            epochs, means, lows, highs = zip(*points)
            label = f"{CORPUS_NAMES[corpus]}, {len(corpus_pairs)} seeds: mean, 95% interval"
            axes.plot(epochs, means, marker="o", color=colour, label=label)
            axes.fill_between(epochs, lows, highs, color=colour, alpha=0.15)


def main(argv: Optional[Sequence[str]] = None) -> None:
    parser = runs_parser(__doc__)
    parser.add_argument("--plot", type=pathlib.Path, help="draw the mean gap by epoch (PNG)")
    args = parser.parse_args(argv)
    found = read_runs(parser, pairs, args.runs)
    print("Devel F1 curves of model selection, BiLM transfer / no pretraining, seed by seed")
    print("\n".join(per_seed_table(found)))
    print("\n".join(pooled_table(found)))
    if args.plot:
        plot(found, args.plot)


if __name__ == "__main__":
    main()
