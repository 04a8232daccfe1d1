"""
Test recall by how new a gold mention is to the training data, for Table 3 runs: a mention whose
text (lowercased) is an entity of train or devel, an unseen mention made only of words those files
have, and an unseen mention with a word they never have. The final taggers train on train+devel,
so those two files are what a tagger (and the BiLM, which reads the same sentences) has seen.
Recall is summed over a variant's runs (a row per variant and root where the runs come from more
than one root); precision has no such split (a wrong prediction has no gold mention), so the table
gives the variant's overall precision beside it.

    python -m experiments.unseen_mentions results/table3_ncbi_vectors/*/fraction1/seed1[345]
    python -m experiments.unseen_mentions --test ../shared/data/BC5CDR-IOB/test.tsv \\
        results/table3_bc5cdr_vectors/*/fraction1/seed1[345]
    python -m experiments.unseen_mentions --test ../shared/data/JNLPBA-IOB/test.tsv \\
        --seen ../shared/data/JNLPBA-standoff/train ../shared/data/JNLPBA-IOB/devel.tsv \\
        --scheme genia results/table3_jnlpba_vectors/*/fraction1/seed13
"""

import argparse
import pathlib
import warnings
from collections import Counter
from typing import Dict, Iterable, Iterator, List, Sequence, Set, Tuple

warnings.simplefilter("ignore", FutureWarning)  # AllenNLP's dependencies, imported on the way

from bilm_serving.tag_schemes import lenient_spans  # noqa: E402
from bilm_serving.tokenization import SCHEMES  # noqa: E402
from bilm_transfer.data.biomedical_tokenizer import BiomedicalTokenizer  # noqa: E402
from bilm_transfer.dataset_readers.brat import BratReader  # noqa: E402
from bilm_transfer.formats.columns import Sentence, read_column_file  # noqa: E402
from experiments import error_kinds, report  # noqa: E402
from experiments.curves import EntityKey  # noqa: E402

CLASSES = ("seen mention", "unseen, all words seen", "unseen, a new word")


def seen_sentences(path: str, scheme: str) -> Iterator[Tuple[List[str], List[str]]]:
    """The tokens and tags of each sentence of a tagged column file, or of a folder of brat
    documents read as the taggers read them (the `brat` reader, tokenizer scheme `scheme`)."""
    if pathlib.Path(path).is_dir():
        reader = BratReader(tokenizer=BiomedicalTokenizer(scheme))
        for instance in reader.read(path):
            yield [token.text for token in instance["tokens"].tokens], instance["tags"].labels
    else:
        for sentence in read_column_file(path):
            yield sentence.tokens, sentence.tags or []


def training_vocabulary(paths: Iterable[str], scheme: str = "alnum") -> Tuple[Set[str], Set[str]]:
    """The words and the lowercased entity texts of tagged column files and brat folders
    (`seen_sentences`)."""
    words: Set[str] = set()
    mentions: Set[str] = set()
    for path in paths:
        for tokens, tags in seen_sentences(path, scheme):
            words.update(tokens)
            for span in lenient_spans(tags)[0]:
                mentions.add(" ".join(tokens[span.start : span.end]).lower())
    return words, mentions


def mention_classes(
    test_sentences: Sequence[Sentence], seen: Iterable[str], scheme: str = "alnum"
) -> Dict[EntityKey, str]:
    """Each gold entity of the tagged `test_sentences` (keyed as `error_kinds.read_gold` keys
    them) and which of `CLASSES` it is in, against the words and entities of the `seen` files
    and brat folders (`seen_sentences`)."""
    words, mentions = training_vocabulary(seen, scheme)
    classes: Dict[EntityKey, str] = {}
    for i, sentence in enumerate(test_sentences):
        for span in lenient_spans(sentence.tags or [])[0]:
            tokens = sentence.tokens[span.start : span.end]
            if " ".join(tokens).lower() in mentions:
                kind = CLASSES[0]
            elif all(token in words for token in tokens):
                kind = CLASSES[1]
            else:
                kind = CLASSES[2]
            classes[(i, span.label, span.start, span.end)] = kind
    return classes


def recall_counts(classes: Dict[EntityKey, str], predicted: Set[EntityKey]) -> Dict[str, List[int]]:
    """`[found, gold]` per class: gold entities of the class, and those predicted exactly."""
    counts = {kind: [0, 0] for kind in CLASSES}
    for entity, kind in classes.items():
        counts[kind][0] += entity in predicted
        counts[kind][1] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("runs", nargs="+", type=pathlib.Path, help="run folders (.../seedS)")
    parser.add_argument("--test", default="data/ncbi_disease/test.tsv", help="the gold test file")
    parser.add_argument(
        "--seen",
        nargs="+",
        help="the tagged files, or folders of brat documents, the taggers trained on "
        "(default: train.tsv, devel.tsv by --test)",
    )
    parser.add_argument(
        "--scheme",
        choices=SCHEMES,
        default="alnum",
        help="the tokenizer scheme brat folders of --seen are read with (the corpus's: genia "
        "for JNLPBA)",
    )
    args = parser.parse_args()
    folder = pathlib.Path(args.test).parent
    seen = args.seen or [str(folder / "train.tsv"), str(folder / "devel.tsv")]
    for path in seen:
        if not pathlib.Path(path).exists():
            parser.error(f"--seen: no {path} (a corpus trained from brat documents: name them)")
    test_sentences = list(read_column_file(args.test))
    classes = mention_classes(test_sentences, seen, args.scheme)
    gold, sentences = set(classes), len(test_sentences)  # as `error_kinds.read_gold` gives them

    # (root, variant) -> class -> [found, gold]; a run folder is ROOT/VARIANT/fractionF/seedS.
    totals: Dict[Tuple[str, str], Dict[str, List[int]]] = {}
    predictions: Dict[Tuple[str, str], List[int]] = {}  # -> [correct, predicted]
    seeds: Dict[Tuple[str, str], List[int]] = {}
    for run in args.runs:
        try:
            result, found = error_kinds.run_entities(run, sentences, args.test)
        except ValueError as error:
            parser.error(str(error))
        key = (str(run.parents[2]), result["variant"])
        total = totals.setdefault(key, {kind: [0, 0] for kind in CLASSES})
        for kind, (hits, count) in recall_counts(classes, found).items():
            total[kind][0] += hits
            total[kind][1] += count
        correct_predicted = predictions.setdefault(key, [0, 0])
        correct_predicted[0] += len(found & gold)
        correct_predicted[1] += len(found)
        seeds.setdefault(key, []).append(result["seed"])

    per_run = Counter(classes.values())  # gold mentions of each class in one run
    header = [f"recall: {kind} ({per_run[kind]:,})" for kind in CLASSES]
    lines = [
        "| variant | seeds | " + " | ".join(header) + " | recall | precision |",
        "|---" * (len(CLASSES) + 4) + "|",
    ]
    for (root, variant), name in report.row_names(totals):
        total = totals[(root, variant)]
        cells = [
            f"{100 * hits / count:.2f}" if count else "n/a"
            for hits, count in (total[kind] for kind in CLASSES)
        ]
        found = sum(hits for hits, _ in total.values())
        gold = sum(count for _, count in total.values())
        correct, predicted_count = predictions[(root, variant)]
        seed_list = ", ".join(str(seed) for seed in sorted(seeds[(root, variant)]))
        lines.append(
            f"| {name} | {seed_list} | "
            + " | ".join(cells)
            + f" | {100 * found / gold:.2f} | {100 * correct / predicted_count:.2f} |"
        )
    print("\n".join(lines))


if __name__ == "__main__":
    main()
