"""
The paper's plots of `experiments/table3.py` results: devel F1 against training time (Figure 7),
smoothed precision-recall curves (Figure 6), and Table 3 itself, one line per seed across the
variants; and `figure`, the frame every plot of the experiments is drawn in.
"""

import contextlib
import pathlib
import statistics
from typing import Any, Iterator, Sequence, Tuple

from experiments.report import COLOURS, VARIANTS, Result, rows_by_variant


@contextlib.contextmanager
def figure(
    path: pathlib.Path, size: Tuple[float, float], legend: str = "best", **labels: str
) -> Iterator[Any]:
    """Axes to draw on; then labelled, gridded, with a legend at `legend`, saved as PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=size)
    try:
        yield axes
        axes.set(**labels)
        axes.grid(alpha=0.3)
        axes.legend(loc=legend)
        figure.tight_layout()
        figure.savefig(path, dpi=120)
    finally:
        plt.close(figure)


def plot_devel_f1_against_time(results: Sequence[Result], path: pathlib.Path) -> None:
    """Figure 7: devel F1 after each epoch of model selection against the training time so far,
    BiLM pretraining against none (the paper's pair); a line style per seed, so that each BiLM
    run is read against the no-pretraining run of its seed (the two ran on the same machine)."""
    labels = dict(xlabel="training time (minutes)", ylabel="devel F1", title="Devel F1 in training")
    rows = rows_by_variant(results, 1.0)
    seeds = sorted({r["seed"] for variant in ("none", "bilm") for r in rows.get(variant, [])})
    styles = {seed: ("-", "--", ":", "-.")[i % 4] for i, seed in enumerate(seeds)}
    with figure(path, (6, 4), legend="lower right", **labels) as axes:
        for variant, runs in rows.items():
            if variant not in ("none", "bilm"):
                continue
            for run in runs:
                axes.plot(
                    [epoch["elapsed_seconds"] / 60 for epoch in run["history"]],
                    [100 * epoch["devel_f1"] for epoch in run["history"]],
                    marker="o", markersize=3, color=COLOURS[variant], alpha=0.8,
                    linestyle=styles[run["seed"]], label=f"{VARIANTS[variant]}, seed {run['seed']}",
                )  # fmt: skip


def plot_precision_recall(results: Sequence[Result], path: pathlib.Path) -> None:
    """Figure 6: smoothed test precision-recall curves from entity confidence, first seed each."""
    labels = dict(xlabel="recall", ylabel="precision", title="Test precision-recall (smoothed)")
    with figure(path, (5, 5), legend="lower left", **labels) as axes:
        for variant, runs in rows_by_variant(results, 1.0).items():
            curve = runs[0]["precision_recall"]
            axes.plot(
                [100 * point[2] for point in curve],
                [100 * point[1] for point in curve],
                color=COLOURS[variant], label=f"{VARIANTS[variant]} (seed {runs[0]['seed']})",
            )  # fmt: skip


def plot_test_f1_by_seed(results: Sequence[Result], path: pathlib.Path) -> None:
    """Table 3 as a plot: test F1 of each variant, a line per seed (so a gain is read against the
    same seed's no-pretraining run) and a black bar at each variant's mean."""
    rows = rows_by_variant(results, 1.0)
    labels = dict(ylabel="test F1", title="Test F1 per variant and seed")
    with figure(path, (6, 4), **labels) as axes:
        positions = {variant: i for i, variant in enumerate(rows)}
        for seed in sorted({r["seed"] for runs in rows.values() for r in runs}):
            points = [
                (positions[variant], 100 * run["test"]["f1"])
                for variant, runs in rows.items()
                for run in runs
                if run["seed"] == seed
            ]
            axes.plot(*zip(*points), marker="o", alpha=0.7, label=f"seed {seed}")
        for i, runs in enumerate(rows.values()):
            mean = statistics.mean(100 * r["test"]["f1"] for r in runs)
            axes.hlines(
                mean, i - 0.2, i + 0.2, color="black", linewidth=2, label="mean" if i == 0 else None
            )
        axes.set_xticks(list(positions.values()))
        axes.set_xticklabels([VARIANTS[variant].replace(" ", "\n", 1) for variant in rows])
        axes.set_xlim(-0.5, len(rows) - 0.5)
