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
import datetime
import json
import os
import pathlib
import sys
import warnings
from typing import Any, Dict, List, NamedTuple, Optional, Sequence

import _jsonnet

# Importing bilm_transfer imports AllenNLP, whose dependencies warn about their own futures.
warnings.simplefilter("ignore", FutureWarning)

from allennlp.common.checks import ConfigurationError  # noqa: E402

from bilm_transfer.formats.columns import read_column_file, write_column_file  # noqa: E402
from bilm_transfer.models.trunk import check_word_dropout  # noqa: E402
from experiments import curves, error_kinds, learning_curve, protocol, report  # noqa: E402
from experiments.records import TaggerResult, load_result  # noqa: E402
from experiments.runner import (  # noqa: E402
    ROOT,
    Runner,
    commit,
    fingerprint,
    finished,
    log,
    machine,
    train,
)


class Corpus(NamedTuple):
    configs: str  # config prefix: `<configs>_ner.jsonnet`, `<configs>_bilm.jsonnet`, ...
    data: str  # folder with devel.tsv, test.tsv and, unless `standoff`, train.tsv
    # A brat folder of the training documents, devel's among them, which the configs' `brat`
    # reader leaves out (`exclude_documents`): JNLPBA, whose token-level train file is not
    # available.
    standoff: Optional[str] = None


CORPORA = {
    "ncbi": Corpus("training_configs/ncbi", "data/ncbi_disease"),
    "bc5cdr": Corpus("training_configs/bc5cdr", "../shared/data/BC5CDR-IOB"),
    "bc2gm": Corpus("training_configs/bc2gm", "../shared/data/BC2GM-IOB"),
    "jnlpba": Corpus(
        "training_configs/jnlpba",
        "../shared/data/JNLPBA-IOB",
        standoff="../shared/data/JNLPBA-standoff/train",
    ),
}
# The BiLM's parts a tagger may copy alone (`transfer_parts` of the architecture).
TRANSFER_PARTS = json.loads(
    _jsonnet.evaluate_snippet(
        "transfer_parts",
        "(import 'architecture.libsonnet').transfer_parts",
        jpathdir=str(ROOT / "training_configs" / "common"),
    )
)
# How the reports name those parts but the LSTMs (one direction's, in a one-direction row).
COPIED_PART = {
    "embedder": "the embeddings",
    "words": "the word embeddings",
    "chars": "the character embeddings and CNN",
}
# The configs' BiLM archive variables, all pointed at the experiment's BiLM.
BILM_VARIABLES = (
    "BILM_ARCHIVE",
    "BC5CDR_BILM_ARCHIVE",
    "BC2GM_BILM_ARCHIVE",
    "JNLPBA_BILM_ARCHIVE",
)
# Variant -> the tagger config's suffix (`<prefix>_ner<suffix>.jsonnet`).
CONFIG_SUFFIX = {
    "none": "_no_pretraining",
    "forward": "_forward_lm",
    "backward": "_backward_lm",
    "bilm": "",
}


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


def result_file(args: argparse.Namespace, variant: str, fraction: float, seed: int) -> pathlib.Path:
    """Where a tagger's outcome is kept; its folder holds the tagger's runs and logs. With
    `--full-data-root`, the taggers on all of train are that root's."""
    root = args.full_data_root if fraction == 1.0 and args.full_data_root else args.root
    return root / variant / f"fraction{fraction:g}" / f"seed{seed}" / "result.json"


def subset_file(source: str, fraction: float, seed: int, path: pathlib.Path) -> str:
    """Writes a seeded random `fraction` of the sentences of `source` to `path`."""
    subset = protocol.sample_sentences(list(read_column_file(source)), fraction, seed)
    write_column_file(subset, path)
    return str(path)


def tagger_run(
    run: Runner, args: argparse.Namespace, variant: str, fraction: float, seed: int, bilm: str
) -> Dict[str, Any]:
    done = result_file(args, variant, fraction, seed)
    if done.exists():
        return load_result(done)
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


def bilm_perplexity(bilm: str) -> Optional[float]:
    """The devel perplexity of the BiLM archive `bilm`, from the `metrics.json` beside it."""
    metrics = pathlib.Path(bilm).parent / "metrics.json"
    if not metrics.exists():
        return None
    return json.loads(metrics.read_text()).get("best_validation_perplexity")


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
    plots = {
        "devel_f1_vs_time": report.plot_devel_f1_against_time,
        "precision_recall": report.plot_precision_recall,
        "test_f1_by_seed": report.plot_test_f1_by_seed,
    }
    if any(r["fraction"] < 1.0 for r in results):
        plots["learning_curve"] = learning_curve.plot
    args.plots_dir.mkdir(parents=True, exist_ok=True)
    images = []
    for name, plot in plots.items():
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


def lm_archive(args: argparse.Namespace, bilm: pathlib.Path, variant: str) -> pathlib.Path:
    """The pretrained LM a variant's tagger copies: the BiLM, or with `--lm-alone` a forward-LM
    or backward-LM row's own LM."""
    if args.lm_alone and variant in ("forward", "backward"):
        return own_lm_archive(args.root, variant)
    return bilm


def own_lm_archive(root: pathlib.Path, direction: str) -> pathlib.Path:
    """Where `--lm-alone` trains the `direction` LM of the runs under `root`."""
    return root / f"pretrained_{direction}_lm" / "model.tar.gz"


def transfer_parts(value: str) -> str:
    """`--transfer-parts`, checked before hours of BiLM training rather than by the config after."""
    unknown = [part for part in value.split("+") if part not in TRANSFER_PARTS]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"{value!r}: {unknown} not among {TRANSFER_PARTS} (join several with +)"
        )
    return value


def word_dropout(value: str) -> float:
    """`--word-dropout`, checked before hours of BiLM training rather than by the model after."""
    try:
        return check_word_dropout(float(value))
    except (ValueError, ConfigurationError) as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def argument_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--corpus", choices=sorted(CORPORA), default="ncbi")
    parser.add_argument(
        "--root", type=pathlib.Path, help="runs folder (default runs/table3_CORPUS)"
    )
    parser.add_argument(
        "--variants", nargs="+", choices=list(CONFIG_SUFFIX), default=list(CONFIG_SUFFIX)
    )
    parser.add_argument("--seeds", nargs="+", type=int, default=[13, 14, 15])
    parser.add_argument(
        "--fractions",
        nargs="*",
        type=float,
        default=[],
        help="also train none and bilm on these shares of train (Figure 8)",
    )
    parser.add_argument(
        "--curve-seeds",
        nargs="+",
        type=int,
        help="seeds of the learning-curve runs (default: --seeds); each costs 2 taggers a share",
    )
    parser.add_argument(
        "--full-data-root",
        type=pathlib.Path,
        help="the taggers on all of train are the kept runs of this root, of the same setup "
        "(a learning curve added to finished Table 3 runs); nothing is trained for them",
    )
    parser.add_argument("--bilm-archive", help="a pretrained BiLM to use instead of training one")
    parser.add_argument(
        "--bilm-config",
        help="the BiLM's config (default CONFIGS_bilm.jsonnet; training_configs/ncbi_bilm_fast"
        ".jsonnet trains it 2-3x faster on a CPU)",
    )
    parser.add_argument(
        "--lm-alone",
        action="store_true",
        help="the forward-LM and backward-LM rows transfer from a forward LM and a backward LM "
        "each trained alone (ROOT/pretrained_{forward,backward}_lm: the BiLM's config with one "
        "direction's loss, as in the paper); default: that direction of the BiLM",
    )
    parser.add_argument("--word-vectors", help="word2vec file for the BiLM and the taggers")
    parser.add_argument(
        "--transfer-head",
        choices=["silent_fast"],
        help="the transfer taggers' head (TRANSFER_HEAD; default: the paper's Xavier head)",
    )
    parser.add_argument(
        "--transfer-parts",
        type=transfer_parts,
        help="copy only these parts of the BiLM, `+`-joined (TRANSFER_PARTS, an ablation: "
        f"{', '.join(TRANSFER_PARTS)}; default: all of it but its softmax, the paper)",
    )
    for option, variable, model in (
        ("--word-dropout", "WORD_DROPOUT", "the taggers"),
        ("--bilm-word-dropout", "BILM_WORD_DROPOUT", "the BiLM"),
    ):
        parser.add_argument(
            option,
            type=word_dropout,
            help=f"in training, {model} read a word as the unknown word with this probability "
            f"({variable}; default: never, the paper)",
        )
    parser.add_argument("--configs", help="config prefix (default training_configs/CORPUS)")
    parser.add_argument("--data", help="folder with train.tsv, devel.tsv, test.tsv")
    parser.add_argument(
        "--standoff",
        help="brat folder of the train+devel documents, read instead of train.tsv by the configs' "
        "`brat` reader, which leaves out devel's (default for jnlpba: its training abstracts)",
    )
    parser.add_argument("--max-epochs", type=int, help="cap model-selection epochs (quick runs)")
    parser.add_argument("--bilm-epochs", type=int, help="BiLM epochs (default: the protocol's 20)")
    parser.add_argument(
        "--bilm-text",
        choices=("train+devel", "train"),
        default="train+devel",
        help="the sentences the BiLM trains on (default train+devel, the paper; train: devel held "
        "out, so its perplexity and the taggers' devel F1 are on text it never read)",
    )
    parser.add_argument("--cuda-device", type=int, default=-1)
    parser.add_argument(
        "--report", type=pathlib.Path, help="default docs/results.md (NCBI), docs/results_CORPUS.md"
    )
    parser.add_argument("--plots-dir", type=pathlib.Path, default=ROOT / "docs")
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="train nothing: write the report from the results kept so far, naming the runs "
        "that have none",
    )
    return parser


def checked_arguments(parser: argparse.ArgumentParser) -> argparse.Namespace:
    """The command line with the corpus's defaults filled in; a parser error for a missing
    file, before any training."""
    args = parser.parse_args()
    corpus = CORPORA[args.corpus]
    args.configs = args.configs or str(ROOT / corpus.configs)
    args.data = args.data or str(ROOT / corpus.data)
    if args.standoff is None and corpus.standoff:
        args.standoff = str(ROOT / corpus.standoff)
    args.root = args.root or ROOT / f"runs/table3_{args.corpus}"
    default_report = "results.md" if args.corpus == "ncbi" else f"results_{args.corpus}.md"
    args.report = args.report or ROOT / "docs" / default_report
    # A report from kept results reads no data (a clone without ../shared/data rebuilds it).
    if not args.report_only:
        for name in ("devel.tsv", "test.tsv") + (() if args.standoff else ("train.tsv",)):
            if not (pathlib.Path(args.data) / name).is_file():
                parser.error(f"--data {args.data}: no {name} there")
        if args.standoff and not pathlib.Path(args.standoff).is_dir():
            parser.error(f"--standoff {args.standoff}: no such folder")
    if args.standoff and args.bilm_text == "train":
        parser.error("--bilm-text train: the --standoff folder holds devel's documents too")
    if args.standoff and any(fraction < 1.0 for fraction in args.fractions):
        # A share of train would need the reader's sentences, which the harness never sees.
        parser.error("--fractions: learning curves need train.tsv, not --standoff documents")
    for variant in args.variants:
        config = pathlib.Path(f"{args.configs}_ner{CONFIG_SUFFIX[variant]}.jsonnet")
        if not config.is_file():
            parser.error(f"--variants {variant}: no config {config}")
    return args


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
    parser = argument_parser()
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
    if args.report_only:
        kept = [load_result(result_file(args, *step)) for step in plan if step not in missing]
        if not kept:
            parser.error(f"--report-only: no results under {args.root} for this plan")
        write_report(args, kept, bilm, not_run=missing)
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

    results = []
    for step in plan:
        results.append(tagger_run(run, args, *step, str(lm_archive(args, bilm, step[0]))))
        if step in missing:  # a new tagger: the report so far, for long runs
            write_report(args, results, bilm)
    if plan[-1] not in missing:  # the report above lacks the kept results after the last new one
        write_report(args, results, bilm)


if __name__ == "__main__":
    main()
