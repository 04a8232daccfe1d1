"""
Does BiLM transfer's lead on devel carry to test? The BiLM is trained on the corpus's train and
devel text (the paper's recipe), so devel sentences are text it has read and test sentences are
not: a lead that shows on devel and not on test is what reading devel could give, and one
that a BiLM with devel held out (`experiments.table3 --bilm-text train`) should not. For each
`CORPUS=ROOT` (the `experiments.table2` arguments: `ROOT+ROOT`, `:BASELINE_ROOT`) this prints
BiLM minus no pretraining, mean over the seeds both hold, on devel (the best epoch of model
selection, trained on train; and after its first epoch) and on test (trained on train+devel).

    python -m experiments.devel_vs_test bc5cdr=results/table3_bc5cdr_wd \\
        ncbi=results/table3_ncbi_silent_lstms:results/table3_ncbi_silent_fast_head
"""

import argparse
import statistics
from typing import Dict, List, Sequence

from experiments import report
from experiments.records import TaggerResult
from experiments.table2 import CORPORA, Entry, joined_roots, read_entry


def devel_gains(results: Sequence[TaggerResult], variant: str = "bilm") -> Dict[int, float]:
    """Seed -> best model-selection devel F1 with `variant`'s pretraining minus without."""
    return report.gains(results, lambda result: result["devel_f1"], variant)


def _mean(gains: Dict[int, float]) -> str:
    return f"{100 * statistics.mean(gains.values()):+.2f}"


def row(entry: Entry) -> str:
    runs = [*entry.results, *entry.baseline_results]
    devel, test = devel_gains(runs), report.transfer_gains(runs)
    first = report.first_epoch_gains(runs)
    if not devel:
        raise ValueError(
            f"{joined_roots(entry.roots)}: no seed with both BiLM and no-pretraining runs"
        )
    seeds = sorted(devel)
    lead = {seed: devel[seed] - test[seed] for seed in seeds}
    against = f" (none: `{entry.baseline}`)" if entry.baseline else ""
    cells = [
        CORPORA[entry.corpus],
        joined_roots(entry.roots) + against,
        ", ".join(str(seed) for seed in seeds),
        _mean({seed: first[seed] for seed in seeds}),
        _mean(devel),
        _mean({seed: test[seed] for seed in seeds}),
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


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("runs", nargs="+", type=read_entry, metavar="CORPUS=ROOT")
    args = parser.parse_args()
    try:
        lines = table(args.runs)
    except ValueError as error:
        parser.error(str(error))
    print("BiLM minus no pretraining, F1 points, mean over seeds")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
