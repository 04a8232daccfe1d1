"""
Issue #15's targets judged met or missed from a kept root's results (`experiments.table2` lists
them under its table): BiLM test F1 within 2 of the paper's, BiLM minus no pretraining on
NCBI-disease, BiLM against one direction, and the head start.
"""

import statistics
from typing import Collection, Dict, List, Optional, Sequence, Tuple

from experiments import report
from experiments.kept_roots import CORPUS_NAMES, Entry, joined_roots
from experiments.records import TaggerResult

# The paper's Table 3: test precision, recall, F1.
PAPER: Dict[str, Dict[str, Tuple[float, float, float]]] = {
    "ncbi": {"none": (84.38, 87.37, 85.35), "bilm": (86.41, 88.31, 87.34)},
    "bc5cdr": {"none": (88.95, 88.64, 88.79), "bilm": (88.10, 90.60, 89.28)},
    "bc2gm": {"none": (81.40, 79.89, 80.62), "bilm": (81.81, 81.57, 81.69)},
    "jnlpba": {"none": (71.23, 76.52, 73.78), "bilm": (71.39, 79.06, 75.03)},
}
# Issue #15's targets, in F1 points.
WITHIN_PAPER = 2.0  # BiLM test F1 at most this far below the paper's, every corpus
NCBI_GAIN = 1.5  # BiLM minus no pretraining, test F1, NCBI-disease, mean ...
HEAD_START = 3.0  # BiLM minus no pretraining, devel F1 after epoch 1, NCBI-disease, mean ...
TARGET_SEEDS = 3  # ... of at least this many seeds (the head start: and above on every seed)


def _judged(met: bool, text: str) -> str:
    return f"{text}: **{'met' if met else 'missed'}**"


def _seed_target(corpus: str, seeds: Collection, text: str, met: bool, bound: str = "") -> str:
    """`text` judged against an NCBI-disease target (`bound`, if `text` does not say it) that
    needs `TARGET_SEEDS` `seeds`."""
    if corpus != "ncbi":
        return f"{text} (no target)"
    if len(seeds) < TARGET_SEEDS:
        return f"{text} (target needs {TARGET_SEEDS} seeds)"
    return _judged(met, f"{text} ({bound})" if bound else text)


def _mean_f1(runs: Sequence[TaggerResult], variant: str) -> Optional[float]:
    f1 = [100 * r["test"]["f1"] for r in runs if r["variant"] == variant]
    return statistics.mean(f1) if f1 else None


def _one_direction_target(corpus: str, runs: Sequence[TaggerResult]) -> Optional[str]:
    """BiLM >= max(forward, backward) on the test mean over the seeds all three ran (an NCBI-disease
    target of `TARGET_SEEDS` seeds), or nothing where no seed ran all three."""
    seeds = set.intersection(
        *({r["seed"] for r in runs if r["variant"] == v} for v in ("bilm", "forward", "backward"))
    )
    if not seeds:
        return None
    paired = [r for r in runs if r["seed"] in seeds]
    bilm, forward, backward = (_mean_f1(paired, v) for v in ("bilm", "forward", "backward"))
    text = (
        f"BiLM >= max(forward, backward) on the test mean: {bilm:.2f} against "
        f"{forward:.2f} / {backward:.2f}"
    )
    return _seed_target(corpus, seeds, text, bilm >= max(forward, backward))


def targets(entry: Entry) -> List[str]:
    """The issue's targets that `entry`'s results can judge, each met or missed with numbers."""
    runs, corpus = [*entry.results, *entry.baseline_results], entry.corpus
    lines = []
    bilm = _mean_f1(runs, "bilm")
    if bilm is not None:
        paper = PAPER[corpus]["bilm"][2]
        lines.append(
            _judged(
                bilm >= paper - WITHIN_PAPER,
                f"BiLM test F1 within {WITHIN_PAPER:g} of the paper's {paper:.2f}: {bilm:.2f} "
                f"({bilm - paper:+.2f})",
            )
        )
    gains = report.transfer_gains(runs, "bilm")
    if gains:
        mean = 100 * statistics.mean(gains.values())
        gain = f"BiLM minus no pretraining, test F1: {report.per_seed_and_mean(gains)}"
        lines.append(_seed_target(corpus, gains, gain, mean >= NCBI_GAIN, f">= +{NCBI_GAIN:g}"))
    directions = _one_direction_target(corpus, runs)
    if directions:
        lines.append(directions)
    head = report.first_epoch_gains(runs)
    if head:
        mean = 100 * statistics.mean(head.values())
        text = (
            f"head start, devel F1 after epoch 1, BiLM minus none: {report.per_seed_and_mean(head)}"
        )
        met = mean >= HEAD_START and min(head.values()) > 0
        bound = f">= +{HEAD_START:g} and above on every seed"
        lines.append(_seed_target(corpus, head, text, met, bound))
    against = f" (no pretraining: `{entry.baseline}`)" if entry.baseline else ""
    return [
        f"- {CORPUS_NAMES[corpus]}, {joined_roots(entry.roots)}{against}: {line}." for line in lines
    ]
