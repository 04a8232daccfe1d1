"""
Test errors by kind for Table 3 runs: boundary and type errors, spurious and missed entities
(`experiments.error_kinds`), from the predictions `experiments/table3.py` keeps in each run's
folder (`test_predictions.jsonl.xz`, committed under results/ for the runs since they were kept:
NCBI-disease's Table 3 seeds 14 and 15 and learning-curve seed 15, and the later roots). Prints a
Markdown table, a row per run and, for a variant run with several seeds, their sum.

    python -m experiments.error_analysis results/table3_ncbi/*/fraction1/seed1[45]
"""

import argparse
import json
import pathlib
import warnings
from typing import Dict, List, Tuple

warnings.simplefilter("ignore", FutureWarning)  # AllenNLP's dependencies, imported on the way

from bilm_transfer.training.span_f1 import precision_recall_f1  # noqa: E402
from experiments import error_kinds, report  # noqa: E402

COLUMNS = ("gold", "predicted", "correct") + error_kinds.ERROR_KINDS


def row(name: str, counts: Dict[str, int]) -> str:
    correct = counts["correct"]
    scores = precision_recall_f1(correct, counts["predicted"] - correct, counts["gold"] - correct)
    cells = [f"{counts[column]:,}" for column in COLUMNS] + [f"{100 * scores['f1-measure']:.2f}"]
    return f"| {name} | " + " | ".join(cells) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("runs", nargs="+", type=pathlib.Path, help="run folders (.../seedS)")
    parser.add_argument("--test", default="data/ncbi_disease/test.tsv", help="the gold test file")
    args = parser.parse_args()

    lines = [
        "| run | " + " | ".join(COLUMNS) + " | test F1 |",
        "|---" * (len(COLUMNS) + 2) + "|",
    ]
    per_variant: Dict[str, List[Dict[str, int]]] = {}
    runs: List[Tuple[Tuple, str, Dict[str, int]]] = []  # (sort key, row name, counts)
    gold, sentences = error_kinds.read_gold(args.test)
    for folder in args.runs:
        predictions = folder / error_kinds.PREDICTIONS_FILE
        if not predictions.is_file():
            parser.error(f"{folder}: no {predictions.name} (a finished Table 3 run has one)")
        predicted = error_kinds.predicted_entities(predictions, sentences, args.test)
        counts = error_kinds.error_counts({key for key, _ in predicted}, gold)
        result_file = folder / "result.json"
        if result_file.is_file():  # rows in the paper's order of variants, then by share and seed
            result = json.loads(result_file.read_text())
            variant = report.VARIANTS[result["variant"]]
            if result["fraction"] < 1.0:
                variant += f", {100 * result['fraction']:g}% of train"
            name = f"{variant}, seed {result['seed']}"
            order = list(report.VARIANTS).index(result["variant"])
            key: Tuple = (order, -result["fraction"], result["seed"])
        else:
            variant = name = str(folder)
            key = (len(report.VARIANTS), 0.0, name)
        runs.append((key, name, counts))
        per_variant.setdefault(variant, []).append(counts)
    for _, name, counts in sorted(runs, key=lambda run: run[0]):
        lines.append(row(name, counts))
    for variant, counts in per_variant.items():
        if len(counts) > 1:
            total = {column: sum(c[column] for c in counts) for column in COLUMNS}
            lines.append(row(f"**{variant}, {len(counts)} runs summed**", total))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
