import argparse
import datetime
import json
import logging
import os
import pathlib
import subprocess
from typing import Any, Dict, List, Optional

from allennlp.commands.subcommand import Subcommand
from allennlp.common.checks import ConfigurationError
from allennlp.models.archival import load_archive
from allennlp.predictors import Predictor

from bilm_serving import StandaloneTagger
from bilm_serving.tagger import VOCABULARY_FILE
from bilm_tagging.document_tagger import CARD_FILE
from bilm_transfer.commands.export_tagger import (
    MAX_WORDS_HELP,
    STORAGE_HELP,
    STORAGES,
    export_tagger,
)
from bilm_transfer.formats.columns import read_tokens_and_tags
from bilm_transfer.nn.archive import read_archive
from bilm_transfer.training.span_f1 import IobesSpanF1

logger = logging.getLogger(__name__)

# The shipped file's test F1 may differ from its full-precision archive's by at most this much.
MAX_F1_CHANGE = 0.002


def span_scores(tags: List[List[str]], gold: List[List[str]]) -> Dict[str, float]:
    """Exact-match span precision, recall and F1 (per type and overall) of `tags` against `gold`."""
    metric = IobesSpanF1(label[2:] for sentence in gold for label in sentence if label != "O")
    metric(tags, gold)
    return metric.get_metric()


def _archive_tags(archive_file: str, sentences: List[List[str]]) -> List[List[str]]:
    predictor = Predictor.from_archive(load_archive(archive_file), "ner_tagger")
    tags: List[List[str]] = []
    for first in range(0, len(sentences), 256):
        batch = [{"tokens": tokens} for tokens in sentences[first : first + 256]]
        tags.extend(result["tags"] for result in predictor.predict_batch_json(batch))
    return tags


def _bundle_vocabulary(bundle: str) -> Dict[str, Any]:
    with open(os.path.join(bundle, VOCABULARY_FILE), encoding="utf-8") as vocabulary_file:
        return json.load(vocabulary_file)


def _commit() -> str:
    root = pathlib.Path(__file__).resolve().parents[2]
    run = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True
    )
    return run.stdout.strip() or "unknown"


def ship_model(
    archive_file: str,
    output_dir: str,
    test_file: str,
    description: Dict[str, str],
    max_f1_change: float = MAX_F1_CHANGE,
    max_words: Optional[int] = None,
    storage: str = "float16",
) -> Dict[str, Any]:
    """
    Exports the tagger of `archive_file` into `output_dir` (weights in float16, or as `storage`
    says: `export_tagger.STORAGES`), scores the
    exported file and the archive on `test_file` (token<TAB>tag), refuses the export if their
    F1 differ by more than `max_f1_change`, and writes the model card (`card.json`,
    `README.md`). `description`: `corpus`, `licence`, `bilm`, `word_vectors`, `notes` (free text).
    `max_words`: keep only the vocabulary's first words (`export_tagger.keep_first_words`); the
    test F1 check above then covers the words cut too.
    """
    export_tagger(archive_file, output_dir, storage, max_words)
    tokens, gold = read_tokens_and_tags(test_file)
    exported = StandaloneTagger(output_dir)
    shipped = span_scores([tags for tags, _ in exported.tag(tokens)], gold)
    full = span_scores(_archive_tags(archive_file, tokens), gold)
    change = abs(shipped["f1-measure-overall"] - full["f1-measure-overall"])
    if change > max_f1_change:
        raise ConfigurationError(
            f"the shipped file's test F1 {shipped['f1-measure-overall']:.4f} differs from the "
            f"archive's {full['f1-measure-overall']:.4f} by more than {max_f1_change}"
        )
    archive = read_archive(archive_file)
    training = _training_record(pathlib.Path(os.path.abspath(archive_file)).parent)
    size = sum(path.stat().st_size for path in pathlib.Path(output_dir).iterdir() if path.is_file())
    card = {
        "name": os.path.basename(os.path.normpath(output_dir)),
        "labels": exported.labels,
        **description,
        "test_file": test_file,
        "test_sentences": len(tokens),
        "storage": storage,
        "words": {
            "kept": len(_bundle_vocabulary(output_dir)["words"]),
            "vocabulary": archive.vocab.get_vocab_size("tokens"),
        },
        "test": shipped,
        "test_full_precision": full,
        "training": training,
        "seed": archive.config.get("random_seed"),
        "archive": archive_file,
        "date": datetime.date.today().isoformat(),
        "commit": _commit(),
        "size_bytes": size,
    }
    with open(os.path.join(output_dir, CARD_FILE), "w", encoding="utf-8") as card_file:
        json.dump(card, card_file, indent=2, ensure_ascii=False)
    with open(os.path.join(output_dir, "README.md"), "w", encoding="utf-8") as readme:
        readme.write(model_card(card))
    logger.info("Shipped %s to %s", archive_file, output_dir)
    return card


def _count(epoch: Optional[int]) -> str:
    """AllenNLP's 0-based epoch as a 1-based count."""
    return "?" if epoch is None else str(epoch + 1)


def _training_record(training_dir: pathlib.Path) -> Dict[str, Any]:
    """Epochs, time and devel F1 of the training, from AllenNLP's `metrics.json`, or from the last
    `metrics_epoch_N.json` of a training stopped before it wrote one."""
    epochs = sorted(
        training_dir.glob("metrics_epoch_*.json"), key=lambda path: int(path.stem.rsplit("_", 1)[1])
    )
    final = training_dir / "metrics.json"
    source = final if final.is_file() else (epochs[-1] if epochs else None)
    if source is None:
        return {}
    metrics = json.loads(source.read_text())
    keys = ("best_epoch", "epoch", "training_duration", "best_validation_f1-measure-overall")
    training = {key: metrics[key] for key in keys if key in metrics}
    training["devel_f1_by_epoch"] = [
        json.loads(path.read_text()).get("validation_f1-measure-overall") for path in epochs
    ]
    return training


def _devel_scores(training: Dict[str, Any]) -> str:
    """The card's devel F1 of the training, or why it has none (devel was training data)."""
    by_epoch = [f1 for f1 in training.get("devel_f1_by_epoch", []) if f1 is not None]
    if "best_validation_f1-measure-overall" not in training or not by_epoch:
        return "no devel F1 (no devel evaluation during this training; see the protocol)"
    return (
        f"devel F1 {_percent(training['best_validation_f1-measure-overall'])}; devel F1 after "
        f"each epoch: {', '.join(_percent(f1) for f1 in by_epoch)}"
    )


def _words_line(words: Optional[Dict[str, int]]) -> List[str]:
    """The card's line on a vocabulary cut at shipping (none if nothing was cut)."""
    if not words or words["kept"] >= words["vocabulary"]:
        return []
    return [
        f"- Vocabulary: the first {words['kept']:,} of the archive's {words['vocabulary']:,} "
        "words (training words, then the word vectors' by frequency); the others read as unknown"
    ]


def _weights(storage: str) -> str:
    """How the card's file stores the weights."""
    if storage == "packed":
        return "word embedding in 4 bits and LSTMs in 8 bits a weight, the rest in float16"
    return f"weights in {storage}"


def _percent(value: Optional[float]) -> str:
    return "" if value is None else f"{100 * value:.2f}"


def model_card(card: Dict[str, Any]) -> str:
    """The model card (Markdown) of a `card.json`."""
    test, full = card["test"], card["test_full_precision"]
    rows = [
        f"| {label} | {_percent(test.get(f'precision-{label}'))} | "
        f"{_percent(test.get(f'recall-{label}'))} | {_percent(test.get(f'f1-measure-{label}'))} |"
        for label in ["overall", *card["labels"]]
    ]
    training = card.get("training", {})
    return "\n".join(
        [
            f"# Model card: `{card['name']}`",
            "",
            f"CNN-BiLSTM-CRF tagger (Sachan et al. 2018) for {', '.join(card['labels'])}, "
            f"{_weights(card.get('storage', 'float16'))} ({card['size_bytes'] / 1e6:.1f} MB). Use: "
            f"`bilm-tag --model {card['name']} FILE` or `bilm-serve --model {card['name']}`.",
            "",
            f"- Training data: {card.get('corpus', '')}",
            f"- Licence of the data: {card.get('licence', '')}",
            f"- BiLM pretraining: {card.get('bilm', '')}",
            f"- Word vectors: {card.get('word_vectors', '')}",
            *_words_line(card.get("words")),
            f"- Protocol: {card.get('notes', '')}",
            f"- Training: best epoch {_count(training.get('best_epoch'))} of "
            f"{_count(training.get('epoch'))}, "
            f"{training.get('training_duration', '?')}; seed {card.get('seed')}; "
            f"{_devel_scores(training)}",
            f"- Date {card['date']}, commit {card['commit']}",
            "",
            f"Test ({card['test_file']}, {card['test_sentences']} sentences), exact-match spans, "
            "of this file:",
            "",
            "| entity type | precision | recall | F1 |",
            "|---|---|---|---|",
            *rows,
            "",
            f"The full-precision archive it came from: test F1 "
            f"{_percent(full['f1-measure-overall'])} (precision "
            f"{_percent(full['precision-overall'])}, recall {_percent(full['recall-overall'])}).",
            "",
            "Measured by `allennlp ship-model`, which wrote this card.",
            "",
        ]
    )


@Subcommand.register("ship-model")
class ShipModel(Subcommand):
    """
    `allennlp ship-model model.tar.gz models/NAME --test-file test.tsv --corpus ...`: the
    trained tagger as a shipped model for `bilm-tag` and `bilm-serve`: float16 TorchScript
    weights (or packed, `--storage packed`), vocabularies, and a model card with the test P/R/F1
    of that exact file (and of the archive, which it may not trail by more than 0.2 F1).

    Registered as a `Subcommand` with name "ship-model".
    """

    def add_subparser(self, parser: argparse._SubParsersAction) -> argparse.ArgumentParser:
        description = "Export a trained tagger as a shipped model with its model card."
        subparser = parser.add_parser(self.name, description=description, help=description)
        subparser.add_argument("archive_file", help="the tagger's model.tar.gz")
        subparser.add_argument("output_dir", help="the model's folder, e.g. models/ncbi_disease")
        subparser.add_argument("--test-file", required=True, help="token<TAB>tag test data")
        for field in ("corpus", "licence", "bilm", "word_vectors", "notes"):
            subparser.add_argument(
                f"--{field.replace('_', '-')}", default="", help=f"card: {field}"
            )
        subparser.add_argument("--max-words", type=int, help=MAX_WORDS_HELP)
        subparser.add_argument("--storage", choices=STORAGES, default="float16", help=STORAGE_HELP)
        subparser.set_defaults(func=_from_args)
        return subparser


def _from_args(args: argparse.Namespace) -> None:
    description = {
        field: getattr(args, field)
        for field in ("corpus", "licence", "bilm", "word_vectors", "notes")
    }
    card = ship_model(
        args.archive_file,
        args.output_dir,
        args.test_file,
        description,
        max_words=args.max_words,
        storage=args.storage,
    )
    print(model_card(card))
