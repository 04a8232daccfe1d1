"""
Controlled runs for the BiLM head start (Sachan et al. 2018, Figure 7: the BiLM-pretrained tagger
is better from the first epoch): the tagger's devel F1 after its first epoch(s) under several
transfer conditions, over seeds, with the real `allennlp train`, beside a BiLM's perplexity on its
own training text and on held-out in-domain text after each of its epochs.

A condition is `WHAT[@EPOCH][+MODIFIER]`: `none` (no transfer), `bilm` (embeddings, character
CNN and both LSTMs), `forward` / `backward` (embeddings, CNN and that LSTM), `embedder`
(embeddings and CNN only), `lstms` (both LSTMs only); `@EPOCH` takes the BiLM's weights after
that epoch (default: its last checkpoint); `+zero_decoder` starts the tagger's decoder at zero;
`+warmupN` keeps the transferred parameters frozen for the first N batches (`head_warmup`);
`+lstmlrF` trains the tagger's LSTMs at F times the learning rate of the rest; `+headlrF` trains
its head (decoder and CRF) at F times the rest's (a fast linear probe inside fine-tuning);
`+decoderF` draws the
decoder's weights Xavier-uniform with gain F instead of 1 (its first emission scores F times as
spread: `experiments.state_scale` measures the spread each transfer gives).
Each condition is the shipped tagger config, its initializer changed only as named.
The BiLM is a serialization folder of `allennlp train` that kept its
checkpoints (`-o '{"trainer.checkpointer": {"keep_most_recent_by_count": 100}}'`).

    python -m experiments.head_start --bilm runs/head_start/bilm_paper \\
        --conditions none bilm forward backward bilm@1 --seeds 13 14 15
    python -m experiments.head_start --bilm runs/head_start/bilm_paper --report-only ...
"""

import argparse
import json
import pathlib
import re
import shutil
import warnings
from typing import Dict, List

warnings.simplefilter("ignore", FutureWarning)  # AllenNLP's dependencies, imported on the way

from experiments import protocol  # noqa: E402
from experiments.head_start_conditions import (  # noqa: E402
    TRANSFERS,
    initializer_regexes,
    parameter_groups,
    parse_condition,
    warmup_callbacks,
)
from experiments.head_start_report import plot_head_start, report_text  # noqa: E402
from experiments.runner import ROOT, Runner, commit, log, machine, train  # noqa: E402

HELD_OUT_TEXT = "../shared/data/BC5CDR-IOB/devel.tsv"
BATCH_LOSS = re.compile(r"batch_loss: ([0-9.]+)")


def checkpoints(bilm: pathlib.Path) -> Dict[int, pathlib.Path]:
    """Epoch -> the BiLM's weights after it (`model_state_e{epoch}_b0.th`)."""
    found = {}
    for path in bilm.glob("model_state_e*_b0.th"):
        found[int(path.name[len("model_state_e") : -len("_b0.th")])] = path
    return dict(sorted(found.items()))


def checkpoint_archive(bilm: pathlib.Path, epoch: int, work: pathlib.Path) -> pathlib.Path:
    """An extracted-archive folder (config, vocabulary, weights) of the BiLM after `epoch`."""
    folder = work / f"bilm_epoch{epoch}"
    if not (folder / "weights.th").exists():
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(bilm / "config.json", folder / "config.json")
        shutil.copytree(bilm / "vocabulary", folder / "vocabulary", dirs_exist_ok=True)
        shutil.copy(checkpoints(bilm)[epoch], folder / "weights.th")
    return folder


def probe(run: Runner, args: argparse.Namespace, condition: str, seed: int) -> Dict[str, object]:
    """The tagger trained `args.epochs` epoch(s) under `condition`: devel F1 after each."""
    result_path = args.results / condition / f"seed{seed}.json"
    log_file = (args.work / condition / f"seed{seed}").with_suffix(".log")
    if result_path.exists():
        kept = json.loads(result_path.read_text())
        if "batch_losses" not in kept and log_file.exists():  # kept before they were recorded
            kept["batch_losses"] = batch_losses(log_file)
            result_path.write_text(json.dumps(kept, indent=1))
        return kept
    what, epoch, modifiers = parse_condition(condition)
    epoch = epoch or max(checkpoints(args.bilm))
    archive = checkpoint_archive(args.bilm, epoch, args.work)
    config = f"{args.configs}_ner{TRANSFERS[what][0]}.jsonnet"
    overrides: Dict[str, object] = {}
    if TRANSFERS[what][1] is not None or modifiers:
        regexes = initializer_regexes(config, archive, what, modifiers)
        overrides["model.initializer"] = {"regexes": regexes}
        callbacks = warmup_callbacks(regexes, modifiers)
        if callbacks is not None:
            overrides["trainer.callbacks"] = callbacks
        groups = parameter_groups(config, modifiers)
        if groups is not None:
            overrides["trainer.optimizer.parameter_groups"] = groups
    directory = args.work / condition / f"seed{seed}"
    log(f"{condition}, seed {seed}: {args.epochs} epoch(s)")
    env = {"SEED": str(seed), "NUM_EPOCHS": str(args.epochs), "BILM_ARCHIVE": str(archive)}
    train(run, config, directory, overrides, **env)
    history = protocol.epoch_history(directory)
    result = {
        "condition": condition,
        "seed": seed,
        "bilm": str(args.bilm),
        "bilm_epoch": None if what == "none" else epoch,
        "devel_f1": [record.devel_f1 for record in history],
        "elapsed_seconds": [record.elapsed_seconds for record in history],
        "batch_losses": batch_losses(log_file),
        "machine": machine(),
        "commit": commit(),
    }
    result_path.parent.mkdir(parents=True, exist_ok=True)
    result_path.write_text(json.dumps(result, indent=1))
    shutil.rmtree(directory)  # the archive and checkpoints: only the numbers are kept
    log(f"{condition}, seed {seed}: devel F1 {[round(100 * f, 2) for f in result['devel_f1']]}")
    return result


def batch_losses(log_file: pathlib.Path, count: int = 20) -> List[float]:
    """The training loss of the first `count` batches, from `allennlp train`'s progress bar."""
    losses = []
    for line in log_file.read_text(errors="replace").replace("\r", "\n").splitlines():
        match = BATCH_LOSS.search(line)
        if match and " 0/" not in line:
            losses.append(float(match.group(1)))
            if len(losses) == count:
                break
    return losses


def bilm_perplexities(
    run: Runner, args: argparse.Namespace, epochs: List[int]
) -> List[Dict[str, float]]:
    """After each of these BiLM epochs: its perplexity on its training text's devel part and on
    held-out text."""
    path = args.results / "bilm_perplexity.json"
    rows = json.loads(path.read_text()) if path.exists() else []
    done = {row["epoch"] for row in rows}
    for epoch in epochs:
        if epoch in done:
            continue
        metrics = json.loads((args.bilm / f"metrics_epoch_{epoch - 1}.json").read_text())
        held_out = args.work / f"held_out_epoch{epoch}.json"
        archive = checkpoint_archive(args.bilm, epoch, args.work)
        log(f"BiLM after epoch {epoch}: perplexity on {args.held_out}")
        run(held_out.with_suffix(".log"), "evaluate", str(archive), args.held_out,
            "--output-file", str(held_out))  # fmt: skip
        rows.append(
            {
                "epoch": epoch,
                "training_text_perplexity": metrics["validation_perplexity"],
                "held_out_perplexity": json.loads(held_out.read_text())["perplexity"],
            }
        )
    rows.sort(key=lambda row: row["epoch"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(rows, indent=1))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--bilm", type=pathlib.Path, required=True)
    parser.add_argument("--conditions", nargs="+", default=["none", "bilm"])
    parser.add_argument("--seeds", nargs="+", type=int, default=[13, 14, 15])
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--configs", default="training_configs/ncbi", help="tagger config prefix")
    parser.add_argument("--results", type=pathlib.Path, help="default results/head_start/BILM")
    parser.add_argument("--work", type=pathlib.Path, help="default runs/head_start/probes/BILM")
    parser.add_argument("--held-out", default=HELD_OUT_TEXT)
    parser.add_argument(
        "--word-vectors", help="word2vec file for every tagger (the BiLM: as it was trained)"
    )
    parser.add_argument("--report", type=pathlib.Path, default=ROOT / "docs/head_start_runs.md")
    parser.add_argument("--report-only", action="store_true")
    parser.add_argument(
        "--perplexity", action="store_true", help="also the BiLM's, after each epoch probed"
    )
    args = parser.parse_args()
    args.results = args.results or ROOT / "results/head_start" / args.bilm.name
    args.work = args.work or ROOT / "runs/head_start/probes" / args.bilm.name
    for condition in args.conditions:
        try:
            parse_condition(condition)
        except argparse.ArgumentTypeError as error:
            parser.error(f"--conditions: {error}")
    run = Runner(WORD_VECTORS=args.word_vectors or "")
    results = []
    for seed in args.seeds:
        for condition in args.conditions:
            path = args.results / condition / f"seed{seed}.json"
            if args.report_only:
                if path.exists():
                    results.append(json.loads(path.read_text()))
                continue
            results.append(probe(run, args, condition, seed))
    perplexity_file = args.results / "bilm_perplexity.json"
    perplexities = (
        # The BiLM epochs some kept probe transferred from.
        bilm_perplexities(run, args, sorted({r["bilm_epoch"] for r in results if r["bilm_epoch"]}))
        if args.perplexity and not args.report_only
        else json.loads(perplexity_file.read_text())
        if perplexity_file.exists()
        else []
    )
    plot = args.report.with_suffix(".png")
    plot_head_start(results, perplexities, plot)
    args.report.write_text(
        report_text(results, perplexities, args) + f"\n![head start]({plot.name})\n"
    )
    log(f"report: {args.report}")


if __name__ == "__main__":
    main()
