"""
Does BiLM transfer's lead on devel carry to test? The BiLM is trained on the corpus's train and
devel text (the paper's recipe), so devel sentences are text it has read and test sentences are
not: a lead that shows on devel and not on test is what reading devel could give, and one
that a BiLM with devel held out (`experiments.table3 --bilm-text train`) should not. For each
`CORPUS=ROOT` (the `experiments.kept_roots` arguments: `ROOT+ROOT`, `:BASELINE_ROOT`) this prints
BiLM minus no pretraining, mean over the seeds both hold, on devel (the best epoch of model
selection, trained on train; and after its first epoch) and on test (trained on train+devel);
`--plot FILE` draws the devel and test leads of each row side by side.

    python -m experiments.devel_vs_test bc5cdr=results/table3_bc5cdr_wd \\
        ncbi=results/table3_ncbi_silent_lstms:results/table3_ncbi_silent_fast_head
"""

import pathlib
import statistics
from typing import Dict, List, NamedTuple, Sequence

from experiments import plots, report
from experiments.kept_roots import (
    CORPUS_NAMES,
    Entry,
    joined_roots,
    read_runs,
    row_name,
    runs_parser,
)
from experiments.records import TaggerResult


def devel_gains(results: Sequence[TaggerResult], variant: str = "bilm") -> Dict[int, float]:
    """Seed -> best model-selection devel F1 with `variant`'s pretraining minus without."""
    return report.gains(results, lambda result: result["devel_f1"], variant)


class Leads(NamedTuple):
    """One row's BiLM-minus-none F1 (fractions) per seed both variants hold."""

    first_epoch: Dict[int, float]
    devel: Dict[int, float]
    test: Dict[int, float]

    def devel_minus_test(self) -> Dict[int, float]:
        return {seed: self.devel[seed] - self.test[seed] for seed in self.devel}


def leads(entry: Entry) -> Leads:
    runs = [*entry.results, *entry.baseline_results]
    devel = devel_gains(runs)
    if not devel:
        raise ValueError(
            f"{joined_roots(entry.roots)}: no seed with both BiLM and no-pretraining runs"
        )
    first, test = report.first_epoch_gains(runs), report.transfer_gains(runs)
    return Leads(*({seed: gains[seed] for seed in sorted(devel)} for gains in (first, devel, test)))


def _seeds(gains: Dict[int, float]) -> str:
    return f"{len(gains)} seed{'s' if len(gains) > 1 else ''}"


def _mean(gains: Dict[int, float]) -> str:
    return f"{100 * statistics.mean(gains.values()):+.2f}"


def row(entry: Entry) -> str:
    gains = leads(entry)
    lead = gains.devel_minus_test()
    against = f" (none: `{entry.baseline}`)" if entry.baseline else ""
    cells = [
        CORPUS_NAMES[entry.corpus],
        joined_roots(entry.roots) + against,
        ", ".join(str(seed) for seed in gains.devel),
        _mean(gains.first_epoch),
        _mean(gains.devel),
        _mean(gains.test),
        _mean(lead),
        f"{sum(gain > 0 for gain in lead.values())} of {len(lead)}",
    ]
    return "| " + " | ".join(cells) + " |"


def table(entries: Sequence[Entry]) -> List[str]:
    return [
        "| corpus | runs | seeds | devel, epoch 1 | devel, model selection | test "
        "| devel minus test | seeds with devel > test |",
        "|---|---|---|---|---|---|---|---|",
        *(row(entry) for entry in entries),
    ]


SPLITS = {  # what each marker is: the `Leads` field, its marker, colour and legend label
    "devel": ("o", "tab:blue", "devel (best model-selection epoch)"),
    "test": ("D", "tab:red", "test (final tagger)"),
}


def plot(entries: Sequence[Entry], path: pathlib.Path) -> None:
    """Each row's mean lead on devel and on test, joined by a line: a line that falls towards
    test is a devel lead that test does not keep."""
    rows = [(row_name(entry.corpus, entry.roots), leads(entry)) for entry in entries]
    means = {
        split: [100 * statistics.mean(getattr(gains, split).values()) for _, gains in rows]
        for split in SPLITS
    }
    labels = dict(
        xlabel="BiLM transfer minus no pretraining, F1 (mean over seeds)",
        title="Devel leads against test leads",
    )
    with plots.figure(path, (10, 1.5 + 0.4 * len(rows)), "lower right", **labels) as axes:
        axes.axvline(0, color="black", linewidth=1)
        for y, ends in enumerate(zip(means["devel"], means["test"])):
            axes.plot(ends, [y, y], color="tab:grey", linewidth=2, alpha=0.6)
        for split, (marker, colour, label) in SPLITS.items():
            axes.scatter(
                means[split], range(len(rows)), marker=marker, color=colour, zorder=3, label=label
            )
        axes.set_yticks(range(len(rows)))
        axes.set_yticklabels([f"{name} ({_seeds(gains.devel)})" for name, gains in rows])
        axes.set_ylim(len(rows) + 0.9, -0.6)  # the table's order, top to bottom; the legend below


def main() -> None:
    parser = runs_parser(__doc__)
    parser.add_argument("--plot", type=pathlib.Path, help="draw devel against test leads (PNG)")
    args = parser.parse_args()
    lines = read_runs(parser, table, args.runs)
    print("BiLM minus no pretraining, F1 points, mean over seeds")
    print("\n".join(lines))
    if args.plot:
        plot(args.runs, args.plot)


if __name__ == "__main__":
    main()
