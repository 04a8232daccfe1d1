"""
The results of `experiments/table3.py` as Markdown: the results table (mean +- sd over seeds), the
first-epoch table, the run conditions, and the runs paired by seed with their gains. Their plots
are `experiments/plots.py`; the learning curve (Figure 8) is `experiments/learning_curve.py`.
"""

import statistics
from typing import Any, Callable, Dict, Iterable, List, Sequence, Tuple

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
