"""
The command line of `experiments.table3`, checked before any training, and where it keeps what it
trains: the corpora it knows, the options with their defaults, each tagger's result file and the
LM each variant copies.
"""

import argparse
import json
import pathlib
import warnings
from typing import NamedTuple, Optional

import _jsonnet

# Importing bilm_transfer imports AllenNLP, whose dependencies warn about their own futures.
warnings.simplefilter("ignore", FutureWarning)

from allennlp.common.checks import ConfigurationError  # noqa: E402

from bilm_transfer.models.trunk import check_word_dropout  # noqa: E402
from experiments.runner import ROOT  # noqa: E402


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


# Variant -> the tagger config's suffix (`<prefix>_ner<suffix>.jsonnet`).
CONFIG_SUFFIX = {
    "none": "_no_pretraining",
    "forward": "_forward_lm",
    "backward": "_backward_lm",
    "bilm": "",
}


def result_file(args: argparse.Namespace, variant: str, fraction: float, seed: int) -> pathlib.Path:
    """Where a tagger's outcome is kept; its folder holds the tagger's runs and logs. With
    `--full-data-root`, the taggers on all of train are that root's."""
    root = args.full_data_root if fraction == 1.0 and args.full_data_root else args.root
    return root / variant / f"fraction{fraction:g}" / f"seed{seed}" / "result.json"


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


def argument_parser(description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=description, formatter_class=argparse.RawTextHelpFormatter
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
