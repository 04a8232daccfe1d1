"""Prints a run's measured figures (seconds per epoch, devel and test P/R/F1) as a Markdown table.

python experiments/summarize_run.py runs/ncbi
"""

import json
import pathlib
import sys
import warnings

# Importing bilm_transfer imports AllenNLP, whose dependencies warn about their own futures.
warnings.simplefilter("ignore", FutureWarning)

from experiments.protocol import epoch_history  # noqa: E402


def epoch_seconds(serialization_dir: pathlib.Path) -> str:
    """Median seconds per epoch (from the cumulative `training_duration`) and the total."""
    totals = [epoch.elapsed_seconds for epoch in epoch_history(serialization_dir)]
    if not totals:
        return "n/a"
    per_epoch = sorted(b - a for a, b in zip([0.0] + totals, totals))
    median = per_epoch[len(per_epoch) // 2]
    return f"{median:.0f} s/epoch (median of {len(per_epoch)}), {totals[-1] / 60:.1f} min in all"


def main(run: pathlib.Path) -> None:
    bilm = json.loads((run / "bilm" / "metrics.json").read_text())
    ner = json.loads((run / "ner" / "metrics.json").read_text())
    print("| model | epochs | time | result |\n|---|---|---|---|")
    print(
        f"| BiLM | {len(epoch_history(run / 'bilm'))} | {epoch_seconds(run / 'bilm')} | "
        f"devel perplexity {bilm['best_validation_perplexity']:.1f} "
        f"(forward {bilm['best_validation_forward_ppl']:.1f}, "
        f"backward {bilm['best_validation_backward_ppl']:.1f}) |"
    )
    print(
        f"| tagger (BiLM transfer) | {len(epoch_history(run / 'ner'))} "
        f"(best {ner['best_epoch'] + 1}) | {epoch_seconds(run / 'ner')} | |"
    )
    print("\n| split | precision | recall | F1 |\n|---|---|---|---|")
    for split in ("devel", "test"):
        metrics = json.loads((run / f"{split}_metrics.json").read_text())
        print(
            f"| {split} | {100 * metrics['precision-overall']:.2f} | "
            f"{100 * metrics['recall-overall']:.2f} | {100 * metrics['f1-measure-overall']:.2f} |"
        )


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "runs/ncbi"))
