"""
The results of `experiments/table3.py` as a Markdown table (mean +- sd over seeds) and as
the paper's plots: devel F1 against training time (Figure 7) and smoothed precision-recall curves
(Figure 6); and Table 3 itself as a plot, one line per seed across the variants. The learning
curve (Figure 8) is `experiments/learning_curve.py`.
"""

import contextlib
import pathlib
import statistics
from typing import Any, Callable, Dict, Iterable, Iterator, List, Sequence, Tuple

from experiments.records import TaggerResult

# Table 3's rows, in the paper's order.
VARIANTS = {
    "none": "no pretraining",
    "forward": "forward-LM pretraining",
    "backward": "backward-LM pretraining",
    "bilm": "BiLM pretraining",
}
COLOURS = {"none": "tab:grey", "forward": "tab:blue", "backward": "tab:green", "bilm": "tab:red"}

Result = TaggerResult  # one tagger (experiments/records.py)


def mean_sd(values: Sequence[float], scale: float = 100.0) -> str:
    """`"83.13 ± 0.52"` (sample standard deviation) or `"83.13"` for a single value."""
    values = [scale * value for value in values]
    if len(values) == 1:
        return f"{values[0]:.2f}"
    return f"{statistics.mean(values):.2f} ± {statistics.stdev(values):.2f}"


def share_label(fraction: float) -> str:
    """`"25%"` for a share of the labeled sentences, 0.25."""
    return f"{100 * fraction:.0f}%"


def row_names(keys: Iterable[Tuple[str, str]]) -> List[Tuple[Tuple[str, str], str]]:
    """The (root, variant) keys of kept runs in table order, each with its row name: roots in the
    order they first come, variants in `VARIANTS` order within a root, and the root in the name
    where there are several."""
    keys = list(dict.fromkeys(keys))
    roots = list(dict.fromkeys(root for root, _ in keys))
    ordered = sorted(keys, key=lambda key: (roots.index(key[0]), list(VARIANTS).index(key[1])))
    return [
        ((root, variant), VARIANTS[variant] + (f" (`{root}`)" if len(roots) > 1 else ""))
        for root, variant in ordered
    ]


def rows_by_variant(results: Iterable[Result], fraction: float) -> Dict[str, List[Result]]:
    """Variant -> its runs on `fraction` of the labeled sentences, variants in `VARIANTS` order."""
    rows: Dict[str, List[Result]] = {}
    for result in results:
        if result["fraction"] == fraction:
            rows.setdefault(result["variant"], []).append(result)
    return {variant: rows[variant] for variant in VARIANTS if variant in rows}


def results_table(results: Sequence[Result]) -> str:
    """Table 3: test P/R/F1 per variant on all the training sentences, the gains of pretraining and
    the head start (the learning curve: `experiments.learning_curve.section`)."""
    lines = [
        "| variant | seeds | final epochs | devel F1 (model selection) | test P | test R | test F1 "
        "| training time (min, mean) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for variant, runs in rows_by_variant(results, 1.0).items():
        lines.append(
            f"| {VARIANTS[variant]} | {seeds_column(runs)} "
            f"| {', '.join(str(r['final_epochs']) for r in runs)} "
            f"| {mean_sd([r['devel_f1'] for r in runs])} "
            f"| {mean_sd([r['test']['precision'] for r in runs])} "
            f"| {mean_sd([r['test']['recall'] for r in runs])} "
            f"| **{mean_sd([r['test']['f1'] for r in runs])}** "
            f"| {statistics.mean(r['training_seconds'] for r in runs) / 60:.1f} |"
        )
    for variant in ("forward", "backward", "bilm"):
        gains = transfer_gains(results, variant)
        if gains:
            lines += [
                "",
                f"Test F1 of {VARIANTS[variant]} minus no pretraining, same seed: "
                f"{per_seed_and_mean(gains)}.",
            ]
    lines += first_epoch_table(results)
    return "\n".join(lines)


def first_epoch_table(results: Sequence[Result]) -> List[str]:
    """The head start (the paper's Figure 7): devel F1 after the first epoch of each model-
    selection run on all the training sentences, per seed, and its difference from no
    pretraining with the same seed."""
    rows = rows_by_variant(results, 1.0)
    first = _first_epoch_f1(results)
    if not first:
        return []
    lines = [
        "",
        "Devel F1 after the first epoch (the head start of the paper's Figure 7):",
        "",
        "| variant | per seed | mean | minus no pretraining, same seed |",
        "|---|---|---|---|",
    ]
    for variant, runs in rows.items():
        seeds = sorted(r["seed"] for r in runs if (variant, r["seed"]) in first)
        values = {seed: first[(variant, seed)] for seed in seeds}
        gains = first_epoch_gains(results, variant)
        per_seed = " / ".join(f"{100 * values[s]:.2f}" for s in seeds)
        gain = per_seed_and_mean(gains) if gains and variant != "none" else ""
        lines.append(
            f"| {VARIANTS[variant]} | {per_seed} ({_seed_list(seeds)}) "
            f"| {100 * statistics.mean(values.values()):.2f} | {gain} |"
        )
    return lines


def run_conditions(results: Sequence[Result], pretrained: str = "BiLM") -> List[str]:
    """Report lines on what the results ran on (those of all the training sentences, then the
    learning curve's), for results gathered over several sessions: the machine and threads per
    tagger (training times compare only within one), the `pretrained` model (the BiLM, or "LM"
    where rows have their own) that each transfer run started from (by its devel perplexity) and
    the word-vectors file of each run (by `runner.fingerprint`: a file made again differs)."""

    def machine(result: Result) -> str:
        if "machine" not in result:
            return "not recorded"
        return f"{result['machine']}, {result['threads']} thread(s) per tagger"

    def bilm(result: Result) -> str:
        perplexity = result.get("bilm_devel_perplexity")
        return f"devel perplexity {perplexity:.2f}" if perplexity else "not recorded"

    def vectors(result: Result) -> str:
        if "word_vectors" not in result:
            return "not recorded"
        return result["word_vectors"] or "random"

    lines = []
    for which, fraction in (("Table 3", lambda f: f == 1.0), ("learning-curve", lambda f: f < 1.0)):
        runs = [r for r in results if fraction(r["fraction"])]
        transfer = [r for r in runs if r["variant"] != "none"]
        lines += _condition(f"Machine of the {which} runs", runs, machine)
        lines += _condition(f"{pretrained} of the {which} transfer runs", transfer, bilm)
        lines += _condition(f"Word vectors of the {which} runs", runs, vectors)
    return lines


def _condition(title: str, runs: Sequence[Result], describe: Callable[[Result], str]) -> List[str]:
    """`"- TITLE: A (seeds 13, 14); B (seed 15)."`: the runs grouped by what `describe` says of
    them, or nothing where none has it recorded (results that predate these keys)."""
    groups: Dict[str, List[Result]] = {}
    for run in runs:
        groups.setdefault(describe(run), []).append(run)
    if not set(groups) - {"not recorded"}:
        return []
    seeds = {label: {run["seed"] for run in group} for label, group in groups.items()}
    # The learning curve's runs of one seed differ by share, Table 3's by variant.
    by_share = len({run["fraction"] for run in runs}) > 1
    parts = []
    for label in sorted(groups, key=lambda label: min(seeds[label])):
        others = set().union(*(seeds[other] for other in groups if other != label))
        # A seed whose runs differ is named with its shares or variants.
        if not seeds[label] & others:
            which = _seed_list(seeds[label])
        elif by_share:
            which = _seeds_by(groups[label], "fraction", "at", share_label)
        else:
            which = _seeds_by(groups[label], "variant", "of", VARIANTS.get)
        parts.append(f"{label} ({which})")
    return [f"- {title}: {'; '.join(parts)}."]


def _seed_list(seeds: Iterable[int]) -> str:
    """`"seed 13"`, `"seeds 14, 15"`."""
    seeds = sorted(seeds)
    return f"seed{'s' if len(seeds) > 1 else ''} {', '.join(map(str, seeds))}"


def _seeds_by(
    runs: Sequence[Result], key: str, preposition: str, name: Callable[[Any], str]
) -> str:
    """The runs' seeds by their `key` (variant, or fraction), in order of `VARIANTS` or of
    share; keys with the same seeds share a clause: `"seeds 14, 15 of no pretraining and BiLM
    pretraining, seed 14 of forward-LM pretraining"`, `"seeds 13, 14 at 10%, seed 13 at 25%"`."""
    by_key: Dict[Any, set] = {}
    for run in runs:
        by_key.setdefault(run[key], set()).add(run["seed"])
    order = list(VARIANTS) if key == "variant" else sorted(by_key)
    clauses: Dict[Tuple[int, ...], List[str]] = {}
    for value in order:
        if value in by_key:
            clauses.setdefault(tuple(sorted(by_key[value])), []).append(name(value))
    return ", ".join(
        f"{_seed_list(seeds)} {preposition} {' and '.join(names)}"
        for seeds, names in clauses.items()
    )


def seeds_column(runs: Sequence[Result]) -> str:
    return ", ".join(str(r["seed"]) for r in runs)


def per_seed_and_mean(gains: Dict[int, float]) -> str:
    """`"+3.00 (seed 13), +4.00 (seed 14); mean +3.50"` (F1 points)."""
    per_seed = ", ".join(f"{100 * gain:+.2f} (seed {seed})" for seed, gain in gains.items())
    return f"{per_seed}; mean {100 * statistics.mean(gains.values()):+.2f}"


def paired_runs(
    results: Sequence[Result], variant: str = "bilm", fraction: float = 1.0
) -> Dict[int, Tuple[Result, Result]]:
    """Seed -> (the run without pretraining, the run with `variant`'s) on `fraction` of the data,
    for the seeds that ran both; the one place runs are paired."""
    runs = {(r["variant"], r["seed"]): r for r in results if r["fraction"] == fraction}
    return {
        seed: (runs[("none", seed)], run)
        for (name, seed), run in runs.items()
        if name == variant and ("none", seed) in runs
    }


def gains(
    results: Sequence[Result],
    score: Callable[[Result], float],
    variant: str = "bilm",
    fraction: float = 1.0,
) -> Dict[int, float]:
    """Seed -> `score` of the run with `variant`'s pretraining minus the same seed's without,
    on `fraction` of the data."""
    pairs = paired_runs(results, variant, fraction)
    return {seed: score(run) - score(none) for seed, (none, run) in pairs.items()}


def transfer_gains(
    results: Sequence[Result], variant: str = "bilm", fraction: float = 1.0
) -> Dict[int, float]:
    """Seed -> test F1 with `variant`'s pretraining minus without, on `fraction` of the data."""
    return gains(results, lambda result: result["test"]["f1"], variant, fraction)


def _first_epoch_f1(results: Sequence[Result]) -> Dict[Tuple[str, int], float]:
    """(variant, seed) -> devel F1 after the first epoch of model selection, all the training
    sentences."""
    return {(r["variant"], r["seed"]): r["history"][0]["devel_f1"] for r in results
            if r["fraction"] == 1.0 and r["history"]}  # fmt: skip


def first_epoch_gains(results: Sequence[Result], variant: str = "bilm") -> Dict[int, float]:
    """Seed -> devel F1 after the first epoch with `variant`'s pretraining minus without (the
    head start), by seed, on all the training sentences."""
    trained = [result for result in results if result["history"]]
    head = gains(trained, lambda result: result["history"][0]["devel_f1"], variant)
    return dict(sorted(head.items()))


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
