"""
The corpora as the Table 3 taggers read them: sentences, tokens and entity mentions (by type) of
each split, read by the readers of the corpus's shipped tagger config (so JNLPBA's train is its
brat abstracts without the devel ones, tokenized as training tokenizes them) and its test file.

    python -m experiments.corpora ncbi bc5cdr bc2gm jnlpba
"""

import argparse
import warnings
from collections import Counter
from typing import Dict, Iterable, List, NamedTuple, Optional, Sequence

warnings.simplefilter("ignore", FutureWarning)  # AllenNLP's dependencies, imported on the way

from allennlp.common import Params  # noqa: E402
from allennlp.data import DatasetReader, Instance  # noqa: E402

import bilm_transfer  # noqa: E402,F401  (registers the readers; sets the configs' defaults)
from bilm_serving.tag_schemes import lenient_spans  # noqa: E402
from experiments.runner import ROOT  # noqa: E402
from experiments.table3_options import CORPORA  # noqa: E402


class Split(NamedTuple):
    name: str
    path: str
    sentences: int
    tokens: int
    mentions: Counter  # type -> count


def count(name: str, path: str, instances: Iterable[Instance]) -> Split:
    """Sentences, tokens and mentions by type of the tagged `instances` read from `path`."""
    sentences = tokens = 0
    mentions: Counter = Counter()
    for instance in instances:
        tags = instance["tags"].labels
        sentences += 1
        tokens += len(tags)
        mentions.update(span.label for span in lenient_spans(tags)[0])
    return Split(name, path, sentences, tokens, mentions)


def splits(corpus: str) -> List[Split]:
    """Train, devel and test of `corpus` (a key of `experiments.table3_options.CORPORA`), read by
    the readers of its no-pretraining tagger config."""
    config = Params.from_file(str(ROOT / f"{CORPORA[corpus].configs}_ner_no_pretraining.jsonnet"))
    train_reader = DatasetReader.from_params(config.pop("dataset_reader"))
    validation = config.pop("validation_dataset_reader", None)
    reader = DatasetReader.from_params(validation) if validation else train_reader
    paths = {
        "train": config.pop("train_data_path"),
        "devel": config.pop("validation_data_path"),
        "test": f"{CORPORA[corpus].data}/test.tsv",
    }
    return [
        count(name, path, (train_reader if name == "train" else reader).read(path))
        for name, path in paths.items()
    ]


def table(corpora: Dict[str, List[Split]]) -> List[str]:
    """Markdown rows: a row per corpus and split, its types most frequent first."""
    lines = [
        "| corpus | split | sentences | tokens | mentions | mentions by type | read from |",
        "|---|---|---|---|---|---|---|",
    ]
    for corpus, corpus_splits in corpora.items():
        for split in corpus_splits:
            by_type = ", ".join(f"{label} {n:,}" for label, n in split.mentions.most_common())
            lines.append(
                f"| {corpus} | {split.name} | {split.sentences:,} | {split.tokens:,} | "
                f"{sum(split.mentions.values()):,} | {by_type} | `{split.path}` |"
            )
    return lines


def main(argv: Optional[Sequence[str]] = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("corpora", nargs="+", choices=sorted(CORPORA), help="corpora to count")
    args = parser.parse_args(argv)
    corpora = {}
    for corpus in args.corpora:
        try:
            corpora[corpus] = splits(corpus)
        except (FileNotFoundError, ValueError) as error:  # no such file; bad data (its line)
            parser.error(f"{corpus}: {error}")
    print("\n".join(table(corpora)))


if __name__ == "__main__":
    main()
