"""
The Markdown report of `experiments.table3` on one corpus: how its LMs were trained, the run
conditions, the results table (and learning curve), and the plots beside it.
"""

import argparse
import datetime
import json
import os
import pathlib
import sys
from typing import Any, Dict, List, Sequence

from experiments import learning_curve, plots, protocol, report
from experiments.runner import commit, log, machine
from experiments.table3_options import lm_archive, own_lm_archive

# How the reports name the parts a tagger may copy alone (`TRANSFER_PARTS`) but the LSTMs (one
# direction's, in a one-direction row).
COPIED_PART = {
    "embedder": "the embeddings",
    "words": "the word embeddings",
    "chars": "the character embeddings and CNN",
}


def lm_training(archive: pathlib.Path) -> str:
    """How the pretrained LM `archive` was trained, from the files `allennlp train` left beside it
    (`"full softmax, float32; 10 epochs, 14 min, devel perplexity 121.2, devel held out"`), or
    `""` for an archive made elsewhere."""
    if not (archive.parent / "metrics.json").exists():
        return ""
    metrics = json.loads((archive.parent / "metrics.json").read_text())
    trained = protocol.seconds_before(archive.parent, metrics["epoch"])
    minutes = (trained + protocol.seconds(metrics["training_duration"])) / 60
    config = json.loads((archive.parent / "config.json").read_text())
    model = config["model"]
    softmax = f"sampled softmax of {model['num_samples']}" if model.get("num_samples") else ""
    # `bfloat16` falls back to float32 where the device lacks it natively (the log says so).
    precision = "bfloat16 where native, else float32" if model.get("bfloat16") else ""
    how = ", ".join(part for part in (softmax, precision) if part) or "full softmax, float32"
    return (
        f"{how}; {metrics['epoch'] + 1} epochs, {minutes:.0f} min, devel perplexity "
        f"{metrics['best_validation_perplexity']:.1f}, {bilm_devel(config)}"
    )


def bilm_devel(config: Dict[str, Any]) -> str:
    """What devel was to the BiLM of this saved `config`: among its training files, or in the
    folder of documents it trained on, or held out."""
    files, devel = config["train_data_path"].split(","), config["validation_data_path"]
    # A path that names no .tsv or .txt file is a folder of documents (brat: train and devel).
    if devel in files or not all(file.endswith((".tsv", ".txt")) for file in files):
        return "devel being part of its training text"
    return "devel held out"


def write_report(
    args: argparse.Namespace, results: List[Dict], bilm: pathlib.Path, not_run: Sequence = ()
) -> None:
    drawings = {
        "devel_f1_vs_time": plots.plot_devel_f1_against_time,
        "precision_recall": plots.plot_precision_recall,
        "test_f1_by_seed": plots.plot_test_f1_by_seed,
    }
    if any(r["fraction"] < 1.0 for r in results):
        drawings["learning_curve"] = learning_curve.plot
    args.plots_dir.mkdir(parents=True, exist_ok=True)
    images = []
    for name, plot in drawings.items():
        path = args.plots_dir / f"{args.corpus}_{name}.png"
        plot(results, path)
        images.append(f"![{name}]({os.path.relpath(path, args.report.parent)})")
    vectors = args.word_vectors or "random (Xavier)"
    bilm_run = lm_training(bilm)
    bilm_run = f" ({bilm_run}; not in the training times below)" if bilm_run else ""
    transfer = any(lm_archive(args, bilm, v) == bilm for v in args.variants if v != "none")
    only_none = all(variant == "none" for variant in args.variants)
    unused = "none (no-pretraining runs only)" if only_none else "none (each row has its own LM)"
    used = f"`{bilm}`{bilm_run}" if transfer else unused
    epochs = f"at most {args.max_epochs} (`--max-epochs`)" if args.max_epochs else "the protocol's"
    text = [
        f"# {args.corpus}: BiLM transfer vs no pretraining (Sachan et al. 2018, Table 3)",
        "",
        f"- Date: {datetime.date.today()}; machine: {machine()}, CUDA_DEVICE={args.cuda_device}; "
        f"commit {commit()}.",
        f"- Command: `python -m experiments.table3 {' '.join(sys.argv[1:])}`",
        f"- BiLM: {used}; word vectors: {vectors}; model-selection epochs: {epochs}.",
        *(
            [one_direction_note(args)]
            if {"forward", "backward"} & {r["variant"] for r in results}
            else []
        ),
        *report.run_conditions(results, "LM" if args.lm_alone else "BiLM"),
        "- Protocol: train on train, choose the epoch count on devel (early stopping after 3 "
        "epochs without improvement), train again on train+devel for that many epochs with the "
        "same learning-rate halvings, evaluate on test once. Mean ± sample sd over seeds.",
        *(
            [
                "- Not run yet, so not in the table (`--report-only`): "
                + "; ".join(f"{v}, {100 * f:g}% of train, seed {s}" for v, f, s in not_run)
                + "."
            ]
            if not_run
            else []
        ),
        "",
        report.results_table(results) + learning_curve.section(results),
        "",
        *images,
        "",
    ]
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text("\n".join(text))
    log(f"report: {args.report}")


def one_direction_note(args: argparse.Namespace) -> str:
    """The report's line on where the forward-LM and backward-LM rows' LMs come from, and which of
    their parts the tagger copies (`--transfer-parts`)."""
    parts = args.transfer_parts.split("+") if args.transfer_parts else ["embedder", "lstms"]
    lstm = "the LSTM" if args.lm_alone else "that direction's LSTM"
    copied = " and ".join(lstm if part == "lstms" else COPIED_PART[part] for part in parts)
    rest = "the other LSTM starts random" if "lstms" in parts else "both LSTMs start random"
    if args.lm_alone:
        return (
            f"- Forward-LM / backward-LM rows: {copied} of a forward LM and of a "
            "backward LM, each trained alone (`pretrained_forward_lm`, `pretrained_backward_lm` "
            "under the root: the BiLM's config and text with one direction's loss, "
            f"`BILM_DIRECTIONS`); {rest}."
            + "".join(
                f" The {direction} LM: {training}."
                for direction in ("forward", "backward")
                if (training := lm_training(own_lm_archive(args.root, direction)))
            )
        )
    verb = "comes" if parts == ["lstms"] else "come"
    return (
        f"- Forward-LM / backward-LM rows: {copied} {verb} from this BiLM (trained jointly with "
        f"the other direction, through the shared softmax); {rest}."
    )
