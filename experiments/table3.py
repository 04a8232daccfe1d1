"""
The paper's Table 3 and section 4.3 on one corpus, with the real `allennlp` commands: a BiLM is
pretrained once; then for each variant (no pretraining, forward LM, backward LM, BiLM) and seed,
the tagger is trained on train with model selection on devel, trained again on train+devel for
the chosen number of epochs (learning-rate halvings replayed), and evaluated on test once.
Writes a Markdown report with the results table and three plots. Resumes where it stopped:
finished steps are skipped, and a training killed after an epoch (at the end of a session, say)
goes on from that epoch's checkpoint with `allennlp train --recover`.

    python -m experiments.table3                           # NCBI-disease, 4 variants, 3 seeds
    python -m experiments.table3 --corpus bc5cdr --variants none bilm
    python -m experiments.table3 --corpus jnlpba --variants none bilm  # train from brat standoff
    python -m experiments.table3 --fractions 0.1 0.25 0.5  # + learning curve (Figure 8)
    python -m experiments.table3 --fractions 0.1 0.5 --curve-seeds 13  # a cheaper curve
    python -m experiments.table3 --seeds 13 14 15 --report-only  # the report so far
"""

import argparse
import json
import os
import pathlib
import warnings
from typing import Any, Dict, Optional, Sequence, Tuple

# Importing bilm_transfer imports AllenNLP, whose dependencies warn about their own futures.
warnings.simplefilter("ignore", FutureWarning)

from bilm_transfer.formats.columns import read_column_file, write_column_file  # noqa: E402
from experiments import curves, error_kinds, protocol  # noqa: E402
from experiments.records import TaggerResult, load_result  # noqa: E402
from experiments.runner import Runner, fingerprint, finished, log, machine, train  # noqa: E402
from experiments.table3_options import (  # noqa: E402
    CONFIG_SUFFIX,
    argument_parser,
    checked_arguments,
    lm_archive,
    result_file,
)
from experiments.table3_report import write_report  # noqa: E402

# The configs' BiLM archive variables, all pointed at the experiment's BiLM.
BILM_VARIABLES = (
    "BILM_ARCHIVE",
    "BC5CDR_BILM_ARCHIVE",
    "BC2GM_BILM_ARCHIVE",
    "JNLPBA_BILM_ARCHIVE",
)


def test_predictions(run: Runner, archive: pathlib.Path, test: str, out: pathlib.Path) -> Dict:
    """Test P/R/F1 from `allennlp evaluate`, and the precision-recall curve from `predict`."""
    metrics_file, predictions = out / "test_metrics.json", out / error_kinds.PREDICTIONS_FILE
    if not metrics_file.exists():
        run(
            out / "evaluate.log", "evaluate", str(archive), test, "--output-file", str(metrics_file)
        )
    if not predictions.exists():
        inputs, output = out / "test_tokens.jsonl", out / "test_predictions.jsonl"
        sentences = read_column_file(test)
        inputs.write_text("".join(json.dumps({"tokens": s.tokens}) + "\n" for s in sentences))
        run(
            out / "predict.log", "predict", str(archive), str(inputs), "--predictor", "ner_tagger",
            "--output-file", str(output), "--batch-size", "64", "--silent",
        )  # fmt: skip
        error_kinds.write_predictions(output, out)
    gold, predicted = error_kinds.read_entities(predictions, test)
    metrics = json.loads(metrics_file.read_text())
    curve = curves.smoothed(curves.precision_recall_curve(predicted, gold))
    return {
        "test": {
            "precision": metrics["precision-overall"],
            "recall": metrics["recall-overall"],
            "f1": metrics["f1-measure-overall"],
        },
        # Every 10th point is plenty for a plot.
        "precision_recall": [list(point) for point in curve[::10] + curve[-1:]],
    }


def subset_file(source: str, fraction: float, seed: int, path: pathlib.Path) -> str:
    """Writes a seeded random `fraction` of the sentences of `source` to `path`."""
    subset = protocol.sample_sentences(list(read_column_file(source)), fraction, seed)
    write_column_file(subset, path)
    return str(path)


def tagger_run(
    run: Runner, args: argparse.Namespace, variant: str, fraction: float, seed: int, bilm: str
) -> Dict[str, Any]:
    """Trains and tests one tagger of the plan that has no kept result."""
    done = result_file(args, variant, fraction, seed)
    out = done.parent
    data = pathlib.Path(args.data)
    train_file, devel_file = args.standoff or str(data / "train.tsv"), str(data / "devel.tsv")
    # The learning curve's share applies to every labeled sentence the tagger is trained on: the
    # model-selection run sees that share of train, the final run that share of train and of
    # devel (all of devel would be 63% of the final data at 10% of NCBI-disease's train). The
    # epoch count is still chosen on all of devel.
    final_devel_file = devel_file
    if fraction < 1.0:
        out.mkdir(parents=True, exist_ok=True)
        train_file, final_devel_file = (
            subset_file(source, fraction, seed, out / f"{name}_subset.tsv")
            for source, name in ((train_file, "train"), (devel_file, "devel"))
        )
    config = f"{args.configs}_ner{CONFIG_SUFFIX[variant]}.jsonnet"
    env = {"SEED": str(seed), **{name: bilm for name in BILM_VARIABLES}}

    log(f"{variant}, seed {seed}, {100 * fraction:g}% of train: model selection on devel")
    select: Dict[str, Any] = {"train_data_path": train_file, "validation_data_path": devel_file}
    if args.max_epochs:
        select["trainer.num_epochs"] = args.max_epochs
    train(run, config, out / "select", select, **env)
    history = protocol.epoch_history(out / "select")
    selection = json.loads((out / "select" / "metrics.json").read_text())
    epochs = selection["best_epoch"] + 1
    halvings = protocol.replayed_halvings([epoch.devel_f1 for epoch in history])

    log(f"{variant}, seed {seed}: final training on train+devel, {epochs} epoch(s)")
    if args.standoff:
        # The standoff folder holds train and devel: the final run reads all of it.
        final = protocol.final_training_overrides([args.standoff], epochs, halvings)
        final["dataset_reader.exclude_documents"] = None
    else:
        final = protocol.final_training_overrides([train_file, final_devel_file], epochs, halvings)
    train(run, config, out / "final", final, **env)
    final_history = protocol.epoch_history(out / "final")

    result: TaggerResult = {
        "variant": variant,
        "fraction": fraction,
        "seed": seed,
        "final_epochs": epochs,
        "halvings": halvings,
        "devel_f1": selection["best_validation_f1-measure-overall"],
        "training_seconds": history[-1].elapsed_seconds + final_history[-1].elapsed_seconds,
        # What the times and the transfer depend on, for results gathered over several sessions.
        "machine": machine(),
        "threads": int(os.environ.get("OMP_NUM_THREADS") or os.cpu_count() or 1),
        "bilm_devel_perplexity": None if variant == "none" else bilm_perplexity(bilm),
        "word_vectors": fingerprint(args.word_vectors) if args.word_vectors else None,
        "history": [epoch.__dict__ for epoch in history],
        **test_predictions(run, out / "final" / "model.tar.gz", str(data / "test.tsv"), out),
    }
    done.write_text(json.dumps(result, indent=1))
    log(f"{variant}, seed {seed}: test F1 {100 * result['test']['f1']:.2f}")
    return result


Step = Tuple[str, float, int]  # variant, share of train, seed


def time_left(results: Sequence[Dict[str, Any]], steps: Sequence[Step]) -> str:
    """How long the taggers of `steps` will take, at the pace of the finished `results`: each at
    the mean training time of those of its variant and share of train, else of its share."""
    if not steps:
        return "no tagger left to train"
    seconds = 0.0
    for variant, fraction, _ in steps:
        same_share = [r for r in results if r["fraction"] == fraction]
        paced = [r for r in same_share if r["variant"] == variant] or same_share
        if not paced:
            return f"{len(steps)} tagger(s) left to train; no finished tagger to time them by"
        seconds += sum(r["training_seconds"] for r in paced) / len(paced)
    return (
        f"{len(steps)} tagger(s) left to train: about {seconds / 3600:.1f} h at the pace of the "
        f"{len(results)} finished (their mean training time by variant and share of train)"
    )


def bilm_perplexity(bilm: str) -> Optional[float]:
    """The devel perplexity of the BiLM archive `bilm`, from the `metrics.json` beside it."""
    metrics = pathlib.Path(bilm).parent / "metrics.json"
    if not metrics.exists():
        return None
    return json.loads(metrics.read_text()).get("best_validation_perplexity")


def pretrain(
    run: Runner, args: argparse.Namespace, directory: pathlib.Path, directions: str
) -> None:
    """Trains the corpus's BiLM config into `directory` on `--bilm-text`, unless it is there:
    `directions` as the model's (`bilm.directions`): "both", or one LM alone."""
    if finished(directory):
        return
    log(f"LM pretraining ({directions}) on {args.bilm_text} -> {directory}")
    splits = ("train", "devel") if args.bilm_text == "train+devel" else ("train",)
    overrides = {
        # The standoff folder holds train and devel.
        "train_data_path": args.standoff or ",".join(f"{args.data}/{s}.tsv" for s in splits),
        "validation_data_path": f"{args.data}/devel.tsv",
    }
    if args.bilm_epochs:
        overrides["trainer.num_epochs"] = args.bilm_epochs
    config = args.bilm_config or f"{args.configs}_bilm.jsonnet"
    # Empty for both: the paper's BiLM config, unchanged.
    one_direction = "" if directions == "both" else directions
    train(run, config, directory, overrides, SEED="13", BILM_DIRECTIONS=one_direction)


def main() -> None:
    parser = argument_parser(__doc__)
    args = checked_arguments(parser)
    run = Runner(
        args.cuda_device,
        WORD_VECTORS=str(args.word_vectors or ""),
        TRANSFER_HEAD=args.transfer_head or "",
        TRANSFER_PARTS=args.transfer_parts or "",
        WORD_DROPOUT=str(args.word_dropout or ""),
        BILM_WORD_DROPOUT=str(args.bilm_word_dropout or ""),
    )
    bilm = (
        pathlib.Path(args.bilm_archive)
        if args.bilm_archive
        else args.root / "pretrained_bilm" / "model.tar.gz"
    )
    # The learning curve (fractions < 1) compares no pretraining with BiLM pretraining.
    curve_variants = [variant for variant in ("none", "bilm") if variant in args.variants]
    plan = [
        (variant, fraction, seed)
        for fraction in [1.0] + sorted(f for f in args.fractions if f < 1.0)
        for seed in (args.seeds if fraction == 1.0 else (args.curve_seeds or args.seeds))
        for variant in (args.variants if fraction == 1.0 else curve_variants)
    ]
    missing = [step for step in plan if not result_file(args, *step).exists()]
    elsewhere = [step for step in missing if args.full_data_root and step[1] == 1.0]
    if elsewhere and not args.report_only:
        variant, _, seed = elsewhere[0]
        parser.error(f"--full-data-root {args.full_data_root}: no {variant} run of seed {seed}")
    kept = {step: load_result(result_file(args, *step)) for step in plan if step not in missing}
    if args.report_only:
        if not kept:
            parser.error(f"--report-only: no results under {args.root} for this plan")
        write_report(args, list(kept.values()), bilm, not_run=missing)
        return
    # The LMs are needed only by transfer runs that have no result yet.
    needed: Dict[pathlib.Path, str] = {}  # archive -> its `bilm.directions`
    for variant, _, _ in missing:
        if variant != "none":
            archive = lm_archive(args, bilm, variant)
            needed[archive] = "both" if archive == bilm else variant
    if args.bilm_archive and bilm in needed and not bilm.exists():
        parser.error(f"--bilm-archive {bilm}: no such file")
    for archive, directions in sorted(needed.items()):
        if archive != bilm or not args.bilm_archive:
            pretrain(run, args, archive.parent, directions)

    log(time_left(list(kept.values()), missing))
    results = []
    for step in plan:
        if step in kept:
            results.append(kept[step])
            continue
        results.append(tagger_run(run, args, *step, str(lm_archive(args, bilm, step[0]))))
        # A new tagger: the report so far, for long runs.
        write_report(args, results, bilm)
        log(time_left(results, missing[missing.index(step) + 1 :]))
    if plan[-1] not in missing:  # the report above lacks the kept results after the last new one
        write_report(args, results, bilm)


if __name__ == "__main__":
    main()
