"""
The report of `experiments.head_start`: a table of the epoch-1 devel F1 of each condition and seed
against no transfer, the BiLM's perplexity after each epoch, and a plot of both.
"""

import argparse
import datetime
import pathlib
import statistics
from typing import Dict, List

from experiments import plots
from experiments.head_start_conditions import WARMUP, parse_condition
from experiments.runner import commit


def _f1(value: float) -> str:
    return f"{100 * value:.2f}"


def probe_machines(results: List[Dict]) -> str:
    """The machines the kept probes ran on (each result's `machine`), not the one writing the
    report: a report rebuilt elsewhere names them still."""
    machines = sorted({r["machine"] for r in results if r.get("machine")})
    return "; ".join(machines) or "not recorded"


def report_text(results: List[Dict], perplexities: List[Dict], args: argparse.Namespace) -> str:
    seeds = sorted({r["seed"] for r in results})
    by_condition: Dict[str, Dict[int, Dict]] = {}
    for r in results:
        by_condition.setdefault(r["condition"], {})[r["seed"]] = r
    lines = [
        "| condition | BiLM epoch | "
        + " | ".join(f"seed {s}" for s in seeds)
        + " | mean ± sd | minus no transfer: mean (worst seed)"
        " | minus plain none: mean (worst seed) | loss, batches 1-5 (mean) |",
        "|---|---|" + "---|" * len(seeds) + "---|---|---|---|",
    ]

    def gain(runs: Dict[int, Dict], reference: Dict[int, Dict]) -> str:
        """Mean (worst seed) of `runs` minus `reference`, over the seeds both have."""
        gains = [
            runs[s]["devel_f1"][0] - reference[s]["devel_f1"][0]
            for s in seeds
            if s in runs and s in reference
        ]
        return f"{100 * statistics.mean(gains):+.2f} ({100 * min(gains):+.2f})" if gains else ""

    for condition, runs in by_condition.items():
        what, _, modifiers = parse_condition(condition)
        # The same tagger without transfer: `none` with the same modifiers (a warm-up of
        # transferred parameters is nothing without transfer).
        reference = by_condition.get(
            "+".join(["none", *[m for m in modifiers if not WARMUP.fullmatch(m)]]), {}
        )
        scores = [runs[s]["devel_f1"][0] for s in seeds if s in runs]
        cells = [_f1(runs[s]["devel_f1"][0]) if s in runs else "" for s in seeds]
        against_same = gain(runs, reference) if what != "none" else ""
        # The shipped no-pretraining config, for a change shipped with transfer only.
        against_plain = gain(runs, by_condition.get("none", {})) if condition != "none" else ""
        early = [sum(r["batch_losses"][:5]) / 5 for r in runs.values() if r.get("batch_losses")]
        spread = f" ± {100 * statistics.stdev(scores):.2f}" if len(scores) > 1 else ""
        epoch = next(iter(runs.values()))["bilm_epoch"]
        loss = f"{statistics.mean(early):.1f}" if early else ""
        lines.append(
            f"| {condition} | {epoch or ''} | {' | '.join(cells)} "
            f"| {100 * statistics.mean(scores):.2f}{spread} | {against_same} | {against_plain} "
            f"| {loss} |"
        )
    table = [
        f"- Date of the report: {datetime.date.today()}; machine of the probes: "
        f"{probe_machines(results)}; commit {commit()}.",
        f"- BiLM: `{args.bilm}`; tagger: the shipped NCBI-disease configs, "
        f"{args.epochs} epoch(s); devel F1 after epoch 1; word vectors: "
        f"{args.word_vectors or 'random (Xavier)'}.",
        "",
        *lines,
    ]
    if perplexities:
        table += [
            "",
            f"BiLM perplexity after each epoch: on NCBI devel (part of its training text) and on "
            f"held-out text ({args.held_out}, never trained on):",
            "",
            "| BiLM epoch | training-text perplexity | held-out perplexity |",
            "|---|---|---|",
            *(
                f"| {row['epoch']} | {row['training_text_perplexity']:.1f} "
                f"| {row['held_out_perplexity']:.1f} |"
                for row in perplexities
            ),
        ]
    return "\n".join(table) + "\n"


def plot_head_start(results: List[Dict], perplexities: List[Dict], path: pathlib.Path) -> None:
    """Epoch-1 devel F1 of BiLM transfer against the BiLM's epochs, a line per seed, beside each
    seed's no-pretraining run (dashed); the BiLM's held-out perplexity on a second axis."""
    seeds = sorted({r["seed"] for r in results})
    labels = {"xlabel": "BiLM epochs before transfer", "ylabel": "tagger devel F1 after 1 epoch"}
    with plots.figure(path, (7, 4.5), legend="lower right", **labels) as axes:
        for colour, seed in zip(("tab:red", "tab:blue", "tab:green", "tab:purple"), seeds):
            points = sorted(
                (r["bilm_epoch"], 100 * r["devel_f1"][0])
                for r in results
                if r["seed"] == seed and parse_condition(r["condition"])[::2] == ("bilm", [])
            )
            if points:
                axes.plot(*zip(*points), "o-", color=colour, label=f"BiLM transfer, seed {seed}")
            for r in results:
                if r["seed"] == seed and r["condition"] == "none":
                    axes.axhline(
                        100 * r["devel_f1"][0], color=colour, linestyle="--", linewidth=1,
                        label=f"no pretraining, seed {seed}",
                    )  # fmt: skip
        if perplexities:
            twin = axes.twinx()
            twin.plot(
                [row["epoch"] for row in perplexities],
                [row["held_out_perplexity"] for row in perplexities],
                color="grey", linestyle=":", label="BiLM held-out perplexity",
            )  # fmt: skip
            twin.set_ylabel("BiLM held-out perplexity (dotted)")
            twin.set_yscale("log")
