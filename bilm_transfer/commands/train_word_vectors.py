import argparse
import logging
import os
from typing import Iterator, List

from allennlp.commands.subcommand import Subcommand
from allennlp.common.checks import ConfigurationError
from allennlp.common.tqdm import Tqdm

from bilm_serving.tokenization import normalize_word
from bilm_transfer.data.biomedical_tokenizer import BiomedicalTokenizer
from bilm_transfer.dataset_readers.lm_sentences import LmSentencesReader
from bilm_transfer.formats.columns import read_lines, split_paths

logger = logging.getLogger(__name__)


# The digit placeholder of lowercased corpora (SumPubMed): read as a number, so `<NUM>`.
DIGIT_PLACEHOLDER = "<dig>"


class Sentences:
    """A re-iterable corpus (gensim reads it once per epoch): word lists as the tagger sees words,
    numbers normalized to `<NUM>`, case kept. `.xz` files are raw text, one unit (sentence,
    paragraph, abstract) per line, tokenized here as the corpora were."""

    def __init__(self, paths: List[str], scheme: str = "alnum") -> None:
        self._paths = paths
        self._tokenizer = BiomedicalTokenizer(scheme)
        self._reader = LmSentencesReader(tokenizer=self._tokenizer)

    def _raw_lines(self, path: str) -> Iterator[List[str]]:
        for line in read_lines(path):
            line = line.replace(DIGIT_PLACEHOLDER, "0")
            words = [line[start:end] for start, end in self._tokenizer.spans(line)]
            if words:
                yield words

    def __iter__(self) -> Iterator[List[str]]:
        for path in self._paths:
            sentences = (
                self._raw_lines(path) if path.endswith(".xz") else self._reader.sentences(path)
            )
            for sentence in sentences:
                yield [normalize_word(word) for word in sentence]

    def write(self, path: str) -> int:
        """Writes the corpus once, a sentence per line and words separated by spaces (gensim's
        `corpus_file` format: its C threads then read it each epoch without the GIL). Returns
        the number of words."""
        words = 0
        with open(path, "w", encoding="utf-8") as corpus:
            for sentence in Tqdm.tqdm(self, desc="tokenizing", unit=" sentences"):
                corpus.write(" ".join(sentence) + "\n")
                words += len(sentence)
        return words


def train_word_vectors(
    inputs: str,
    output: str,
    dimension: int = 300,
    window: int = 5,
    min_count: int = 3,
    epochs: int = 5,
    scheme: str = "alnum",
    workers: int = 1,
    seed: int = 13,
    allow_test: bool = False,
) -> int:
    """
    Trains skip-gram vectors (gensim `Word2Vec`, `sg=1`) on unlabeled text and writes them in
    word2vec format, binary when `output` ends in `.bin`. `inputs`: comma-separated token<TAB>tag
    files, one-sentence-per-line `.txt` files, folders of raw documents, or raw text compressed
    with xz (`.xz`, one unit per line; `<dig>` read as a number). Files whose name
    starts with `test` are refused unless `allow_test`: vectors must not see test sentences.
    The text is tokenized once into `output + ".corpus.txt"` (removed afterwards), which gensim
    reads with all `workers`. One worker (the default) makes the same file from the same inputs and
    `seed` every time; more are faster on many cores, but each making differs. Returns the
    vocabulary size.
    """
    from gensim.models import Word2Vec  # imported here: keeps `import bilm_transfer` quick

    paths = split_paths(inputs)
    for path in paths:
        if os.path.basename(os.path.normpath(path)).lower().startswith("test") and not allow_test:
            raise ConfigurationError(
                f"{path} looks like a test split; word vectors must not see it"
            )
    corpus_file = output + ".corpus.txt"
    words = Sentences(paths, scheme).write(corpus_file)
    logger.info("%d words tokenized into %s; training %d epochs", words, corpus_file, epochs)
    try:
        model = Word2Vec(
            corpus_file=corpus_file,
            vector_size=dimension,
            window=window,
            min_count=min_count,
            sg=1,
            epochs=epochs,
            workers=workers,
            seed=seed,
        )
    finally:
        os.remove(corpus_file)
    model.wv.save_word2vec_format(output, binary=output.endswith(".bin"))
    logger.info("%d vectors of %d dimensions written to %s", len(model.wv), dimension, output)
    return len(model.wv)


@Subcommand.register("train-word-vectors")
class TrainWordVectors(Subcommand):
    """
    `allennlp train-word-vectors INPUTS -o vectors.bin`: skip-gram word vectors (gensim) on
    unlabeled text, for users who, like the paper's readers without PubMed vectors at hand, need
    their own; use them with `WORD_VECTORS=vectors.bin`.

    Registered as a `Subcommand` with name "train-word-vectors".
    """

    def add_subparser(self, parser: argparse._SubParsersAction) -> argparse.ArgumentParser:
        description = "Train skip-gram word vectors (gensim) on unlabeled text."
        subparser = parser.add_parser(self.name, description=description, help=description)
        subparser.add_argument("inputs", help="comma-separated .tsv/.txt files or raw-text folders")
        subparser.add_argument("-o", "--output", required=True, help="vectors file (.bin: binary)")
        subparser.add_argument("--dimension", type=int, default=300)
        subparser.add_argument("--window", type=int, default=5)
        subparser.add_argument("--min-count", type=int, default=3)
        subparser.add_argument("--epochs", type=int, default=5)
        subparser.add_argument("--scheme", choices=("alnum", "genia"), default="alnum")
        subparser.add_argument(
            "--workers",
            type=int,
            default=1,
            help="threads; 1 (default) makes the same file every time",
        )
        subparser.add_argument("--seed", type=int, default=13)
        subparser.add_argument("--allow-test", action="store_true", help="accept test splits")
        subparser.set_defaults(
            func=lambda args: train_word_vectors(
                args.inputs,
                args.output,
                args.dimension,
                args.window,
                args.min_count,
                args.epochs,
                args.scheme,
                args.workers,
                args.seed,
                args.allow_test,
            )  # fmt: skip
        )
        return subparser
