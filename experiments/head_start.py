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
import datetime
import json
import pathlib
import re
import shutil
import statistics
import warnings
from typing import Dict, List, Optional, Tuple

warnings.simplefilter("ignore", FutureWarning)  # AllenNLP's dependencies, imported on the way

from allennlp.common import Params  # noqa: E402

import bilm_transfer  # noqa: E402,F401  (the configs' default variables)
from experiments import protocol, report  # noqa: E402
from experiments.runner import ROOT, Runner, commit, log, machine, train  # noqa: E402

HELD_OUT_TEXT = "../shared/data/BC5CDR-IOB/devel.tsv"
BATCH_LOSS = re.compile(r"batch_loss: ([0-9.]+)")
# What -> (tagger config suffix, the BiLM part (a TRANSFER_PARTS value) copied into it, or None).
TRANSFERS = {
    "none": ("_no_pretraining", None),
    "bilm": ("", None),
    "forward": ("_forward_lm", None),
    "backward": ("_backward_lm", None),
    "embedder": ("_no_pretraining", "embedder"),
    "lstms": ("_no_pretraining", "lstms"),
}
# Modifier -> initializer regexes put before the config's (the first matching regex wins).
MODIFIERS = {
    # The decoder starts at zero: no random emission scores, and no gradient reaches the encoder
    # until the decoder has learnt something (an implicit warm-up of the head).
    "zero_decoder": [[r"^tag_projection_layer\..*", {"type": "zero"}]],
}


# `+warmupN`: the transferred parameters frozen for the first N training batches.
WARMUP = re.compile(r"warmup([0-9]+)")
# `+lstmlrF`: the LSTMs' learning rate F times the rest's (discriminative fine-tuning).
LSTM_LR = re.compile(r"lstmlr([0-9]*\.?[0-9]+)")
LSTMS = r"^_encoder\.(forward|backward)_lstm\."
# `+headlrF`: the head's (decoder and CRF) learning rate F times the rest's.
HEAD_LR = re.compile(r"headlr([0-9]*\.?[0-9]+)")
HEAD = r"^(tag_projection_layer|crf)\."
# `+decoderF`: the decoder's weights Xavier-uniform with gain F.
DECODER = re.compile(r"decoder([0-9]*\.?[0-9]+)")


def _parameterized(modifier: str) -> bool:
    return any(pattern.fullmatch(modifier) for pattern in (WARMUP, LSTM_LR, HEAD_LR, DECODER))


def _modifier_initializers(modifier: str) -> List:
    """The initializer regexes `modifier` puts before the config's (none for `+warmupN`,
    `+lstmlrF` and `+headlrF`, which change the trainer instead)."""
    if modifier in MODIFIERS:
        return MODIFIERS[modifier]
    decoder = DECODER.fullmatch(modifier)
    if decoder:
        gain = float(decoder.group(1))
        return [[r"^tag_projection_layer\..*weight$", {"type": "xavier_uniform", "gain": gain}]]
    return []


def parse_condition(condition: str) -> Tuple[str, Optional[int], List[str]]:
    """`WHAT[@EPOCH][+MODIFIER...]` -> (what, BiLM epoch or None, modifiers)."""
    head, *modifiers = condition.split("+")
    what, _, epoch = head.partition("@")
    if what not in TRANSFERS or (epoch and not epoch.isdigit()):
        raise argparse.ArgumentTypeError(
            f"condition {condition!r}: expected one of {sorted(TRANSFERS)}, optionally @EPOCH"
        )
    unknown = [m for m in modifiers if m not in MODIFIERS and not _parameterized(m)]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"condition {condition!r}: unknown modifier(s) {unknown}; "
            f"known: {sorted(MODIFIERS)}, warmupN, lstmlrF, headlrF, decoderF"
        )
    return what, int(epoch) if epoch else None, modifiers


def parts_regex(config: str, parts: str) -> str:
    """The regex of the parameters that the shipped transfer config beside `config` copies from
    the BiLM under `TRANSFER_PARTS=parts`."""
    transfer_config = config.replace("_no_pretraining", "")
    ext_vars = {"BILM_ARCHIVE": "", "TRANSFER_PARTS": parts}
    rendered = Params.from_file(transfer_config, ext_vars=ext_vars).as_dict()
    regexes = rendered["model"]["initializer"]["regexes"]
    return next(regex for regex, init in regexes if init["type"] == "bilm_transfer")


def initializer_regexes(config: str, archive: pathlib.Path, what: str, modifiers: List[str]):
    """The shipped config's initializer regexes, with the condition's changes."""
    shipped = Params.from_file(config, ext_vars={"BILM_ARCHIVE": str(archive)})
    regexes = shipped.as_dict()["model"]["initializer"]["regexes"]
    _, parts = TRANSFERS[what]
    if parts is not None:
        transfer = {"type": "bilm_transfer", "archive_file": str(archive), "directions": "both"}
        regexes = [[parts_regex(config, parts), transfer]] + regexes
    return [entry for m in modifiers for entry in _modifier_initializers(m)] + regexes


def warmup_callbacks(regexes: List, modifiers: List[str]) -> Optional[List[Dict]]:
    """The trainer's callbacks with a `head_warmup` over the transferred parameters, for a
    `+warmupN` modifier; None without one."""
    batches = [int(WARMUP.fullmatch(m).group(1)) for m in modifiers if WARMUP.fullmatch(m)]
    if not batches:
        return None
    transferred = "|".join(regex for regex, init in regexes if init["type"] == "bilm_transfer")
    warmup = {"type": "head_warmup", "parameter_regex": transferred, "num_batches": batches[-1]}
    return [{"type": "rng_checkpoint"}, warmup]


def parameter_groups(config: str, modifiers: List[str]) -> Optional[List]:
    """The optimizer's parameter groups for `+lstmlrF` / `+headlrF` modifiers (the last of each
    kind wins); None without one."""
    factors = {}
    for pattern, parameters in ((LSTM_LR, LSTMS), (HEAD_LR, HEAD)):
        for modifier in modifiers:
            if pattern.fullmatch(modifier):
                factors[parameters] = float(pattern.fullmatch(modifier).group(1))
    if not factors:
        return None
    shipped = Params.from_file(config, ext_vars={"BILM_ARCHIVE": ""}).as_dict()
    lr = shipped["trainer"]["optimizer"]["lr"]
    return [[[parameters], {"lr": factor * lr}] for parameters, factor in factors.items()]


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


def _f1(value: float) -> str:
    return f"{100 * value:.2f}"


def report_text(results: List[Dict], perplexities: List[Dict], args: argparse.Namespace) -> str:
    seeds = sorted({r["seed"] for r in results})
    by_condition: Dict[str, Dict[int, Dict]] = {}
    for r in results:
        by_condition.setdefault(r["condition"], {})[r["seed"]] = r
    lines = [
        "| condition | BiLM epoch | "
        + " | ".join(f"seed {s}" for s in seeds)
        + " | mean ± sd | minus no transfer: mean (worst seed)"
        " | minus plain none: mean (worst seed) | loss, batches 1-5 (mean) |",
        "|---|---|" + "---|" * len(seeds) + "---|---|---|---|",
    ]

    def gain(runs: Dict[int, Dict], reference: Dict[int, Dict]) -> str:
        """Mean (worst seed) of `runs` minus `reference`, over the seeds both have."""
        gains = [
            runs[s]["devel_f1"][0] - reference[s]["devel_f1"][0]
            for s in seeds
            if s in runs and s in reference
        ]
        return f"{100 * statistics.mean(gains):+.2f} ({100 * min(gains):+.2f})" if gains else ""

    for condition, runs in by_condition.items():
        what, _, modifiers = parse_condition(condition)
        # The same tagger without transfer: `none` with the same modifiers (a warm-up of
        # transferred parameters is nothing without transfer).
        reference = by_condition.get(
            "+".join(["none", *[m for m in modifiers if not WARMUP.fullmatch(m)]]), {}
        )
        scores = [runs[s]["devel_f1"][0] for s in seeds if s in runs]
        cells = [_f1(runs[s]["devel_f1"][0]) if s in runs else "" for s in seeds]
        against_same = gain(runs, reference) if what != "none" else ""
        # The shipped no-pretraining config, for a change shipped with transfer only.
        against_plain = gain(runs, by_condition.get("none", {})) if condition != "none" else ""
        early = [sum(r["batch_losses"][:5]) / 5 for r in runs.values() if r.get("batch_losses")]
        spread = f" ± {100 * statistics.stdev(scores):.2f}" if len(scores) > 1 else ""
        epoch = next(iter(runs.values()))["bilm_epoch"]
        loss = f"{statistics.mean(early):.1f}" if early else ""
        lines.append(
            f"| {condition} | {epoch or ''} | {' | '.join(cells)} "
            f"| {100 * statistics.mean(scores):.2f}{spread} | {against_same} | {against_plain} "
            f"| {loss} |"
        )
    table = [
        f"- Date of the report: {datetime.date.today()}; machine: {machine()}; commit {commit()}.",
        f"- BiLM: `{args.bilm}`; tagger: the shipped NCBI-disease configs, "
        f"{args.epochs} epoch(s); devel F1 after epoch 1; word vectors: "
        f"{args.word_vectors or 'random (Xavier)'}.",
        "",
        *lines,
    ]
    if perplexities:
        table += [
            "",
            f"BiLM perplexity after each epoch: on NCBI devel (part of its training text) and on "
            f"held-out text ({args.held_out}, never trained on):",
            "",
            "| BiLM epoch | training-text perplexity | held-out perplexity |",
            "|---|---|---|",
            *(
                f"| {row['epoch']} | {row['training_text_perplexity']:.1f} "
                f"| {row['held_out_perplexity']:.1f} |"
                for row in perplexities
            ),
        ]
    return "\n".join(table) + "\n"


def plot_head_start(results: List[Dict], perplexities: List[Dict], path: pathlib.Path) -> None:
    """Epoch-1 devel F1 of BiLM transfer against the BiLM's epochs, a line per seed, beside each
    seed's no-pretraining run (dashed); the BiLM's held-out perplexity on a second axis."""
    seeds = sorted({r["seed"] for r in results})
    labels = {"xlabel": "BiLM epochs before transfer", "ylabel": "tagger devel F1 after 1 epoch"}
    with report.figure(path, (7, 4.5), legend="lower right", **labels) as axes:
        for colour, seed in zip(("tab:red", "tab:blue", "tab:green", "tab:purple"), seeds):
            points = sorted(
                (r["bilm_epoch"], 100 * r["devel_f1"][0])
                for r in results
                if r["seed"] == seed and parse_condition(r["condition"])[::2] == ("bilm", [])
            )
            if points:
                axes.plot(*zip(*points), "o-", color=colour, label=f"BiLM transfer, seed {seed}")
            for r in results:
                if r["seed"] == seed and r["condition"] == "none":
                    axes.axhline(
                        100 * r["devel_f1"][0], color=colour, linestyle="--", linewidth=1,
                        label=f"no pretraining, seed {seed}",
                    )  # fmt: skip
        if perplexities:
            twin = axes.twinx()
            twin.plot(
                [row["epoch"] for row in perplexities],
                [row["held_out_perplexity"] for row in perplexities],
                color="grey", linestyle=":", label="BiLM held-out perplexity",
            )  # fmt: skip
            twin.set_ylabel("BiLM held-out perplexity (dotted)")
            twin.set_yscale("log")


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
