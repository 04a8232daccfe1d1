"""
Test precision, recall and F1 by entity type for Table 3 runs (BC5CDR's Chemical and Disease,
JNLPBA's five types), from the test predictions each run keeps: mean ± sd over a variant's seeds,
a row per type and variant, and the types together (the runs' own test scores). A predicted
entity counts for its own type: one with the right span and the wrong type is a false positive
of one type and a miss of the other.

    python -m experiments.by_type --test ../shared/data/BC5CDR-IOB/test.tsv \\
        results/table3_bc5cdr_vectors/*/fraction1/seed1[345]
"""

import argparse
import pathlib
import warnings
from collections import Counter
from typing import Dict, List, Optional, Sequence, Set, Tuple

warnings.simplefilter("ignore", FutureWarning)  # AllenNLP's dependencies, imported on the way

from bilm_transfer.training.span_f1 import precision_recall_f1  # noqa: E402
from experiments import error_kinds, report  # noqa: E402
from experiments.curves import EntityKey  # noqa: E402

ALL_TYPES = "all types"


def scores_by_type(predicted: Set[EntityKey], gold: Set[EntityKey]) -> Dict[str, Dict[str, float]]:
    """`precision`, `recall`, `f1-measure` of each gold or predicted type, and of `ALL_TYPES`."""
    types = sorted({entity[1] for entity in predicted | gold})
    scores = {}
    for label in types + [ALL_TYPES]:
        mine = {entity for entity in predicted if label in (entity[1], ALL_TYPES)}
        theirs = {entity for entity in gold if label in (entity[1], ALL_TYPES)}
        correct = len(mine & theirs)
        scores[label] = precision_recall_f1(correct, len(mine) - correct, len(theirs) - correct)
    return scores


def table(
    runs: Dict[Tuple[str, str], Dict[int, Dict[str, Dict[str, float]]]], gold_counts: Counter
) -> List[str]:
    """Markdown rows: per type (most gold mentions first, then `ALL_TYPES`), per (root, variant)
    of `runs` (their scores by seed), P / R / F1 as mean ± sd over the seeds."""
    lines = [
        "| type | gold mentions | variant | seeds | test P | test R | test F1 |",
        "|---|---|---|---|---|---|---|",
    ]
    types = [label for label, _ in gold_counts.most_common()] + [ALL_TYPES]
    for label in types:
        gold = sum(gold_counts.values()) if label == ALL_TYPES else gold_counts[label]
        for key, name in report.row_names(runs):
            by_seed = runs[key]
            cells = [
                report.mean_sd([by_seed[seed].get(label, {}).get(measure, 0.0) for seed in by_seed])
                for measure in ("precision", "recall", "f1-measure")
            ]
            seeds = ", ".join(str(seed) for seed in sorted(by_seed))
            lines.append(f"| {label} | {gold:,} | {name} | {seeds} | " + " | ".join(cells) + " |")
    return lines


def main(argv: Optional[Sequence[str]] = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("runs", nargs="+", type=pathlib.Path, help="run folders (.../seedS)")
    parser.add_argument("--test", default="data/ncbi_disease/test.tsv", help="the gold test file")
    args = parser.parse_args(argv)

    # (root, variant) -> seed -> type -> scores; a run folder is ROOT/VARIANT/fractionF/seedS.
    runs: Dict[Tuple[str, str], Dict[int, Dict[str, Dict[str, float]]]] = {}
    gold, sentences = error_kinds.read_gold(args.test)
    for run in args.runs:
        try:
            result, predicted = error_kinds.run_entities(run, sentences, args.test)
        except ValueError as error:
            parser.error(str(error))
        by_seed = runs.setdefault((str(run.parents[2]), result["variant"]), {})
        if result["seed"] in by_seed:
            parser.error(f"{run}: a second run of seed {result['seed']} of this root and variant")
        by_seed[result["seed"]] = scores_by_type(predicted, gold)
    print("\n".join(table(runs, Counter(entity[1] for entity in gold))))


if __name__ == "__main__":
    main()
