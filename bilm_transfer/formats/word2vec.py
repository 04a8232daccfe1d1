"""Reading word2vec vectors (text or binary format) into an embedding matrix for a vocabulary."""

import itertools
import logging
import math
from typing import BinaryIO, Container, Dict, Iterator, List, Optional, Tuple

import numpy
import torch
from allennlp.common.file_utils import cached_path
from allennlp.data import Vocabulary

from bilm_tagging.formats.errors import DataFormatError

logger = logging.getLogger(__name__)


def _header(path: str, line: bytes) -> Tuple[int, int]:
    fields = line.split()
    if len(fields) != 2 or not all(field.isdigit() for field in fields):
        raise DataFormatError(
            path, 1, "expected the word2vec header '<vocabulary size> <dimension>'"
        )
    return int(fields[0]), int(fields[1])


def _read_text(path: str, vectors_file: BinaryIO, wanted: Optional[Container[str]], dim: int):
    for line_number, raw in enumerate(vectors_file, start=2):
        word, _, rest = raw.rstrip(b"\r\n").partition(b" ")
        text = word.decode("utf-8", errors="replace")
        if wanted is not None and text not in wanted:
            continue
        values = rest.split()
        if len(values) != dim:
            raise DataFormatError(path, line_number, f"{len(values)} values, expected {dim}")
        try:
            yield text, numpy.asarray(values, dtype=numpy.float32)
        except ValueError:
            raise DataFormatError(path, line_number, "a value is not a number") from None


def _read_binary(
    path: str, vectors_file: BinaryIO, wanted: Optional[Container[str]], dim: int, count: int
):
    for index in range(count):
        word = bytearray()
        while (char := vectors_file.read(1)) != b" ":
            if not char:
                raise DataFormatError(path, 0, f"ends after {index} of {count} vectors")
            if char != b"\n":
                word += char
        data = vectors_file.read(4 * dim)
        if len(data) != 4 * dim:
            raise DataFormatError(path, 0, f"vector {index + 1} is cut short")
        text = word.decode("utf-8", errors="replace")
        if wanted is None or text in wanted:
            yield text, numpy.frombuffer(data, dtype=numpy.float32)


def read_word2vec(
    path: str, wanted: Optional[Container[str]] = None
) -> Iterator[Tuple[str, numpy.ndarray]]:
    """
    `(word, vector)` for the words of `wanted` (default: all) in a word2vec file, in the file's
    order (word2vec writes the most frequent words first): binary (`.bin`: the
    header line, then each word, a space and `dimension` float32 numbers) or text (an optional
    header, then `word v1 v2 ...` per line). Errors name the file and line.
    """
    local_path = cached_path(path)
    with open(local_path, "rb") as vectors_file:
        first = vectors_file.readline()
        if path.endswith(".bin"):
            count, dim = _header(path, first)
            yield from _read_binary(path, vectors_file, wanted, dim, count)
            return
        fields = first.split()
        if len(fields) == 2 and all(field.isdigit() for field in fields):
            dim = int(fields[1])
        else:  # no header: the first line is a vector
            dim = len(fields) - 1
            vectors_file.seek(0)
        yield from _read_text(path, vectors_file, wanted, dim)


def word2vec_words(path: str, limit: Optional[int] = None) -> List[str]:
    """The first `limit` words (all by default) of a word2vec file: its most frequent ones."""
    return [word for word, _ in itertools.islice(read_word2vec(path), limit)]


def embedding_matrix(
    path: str, vocab: Vocabulary, namespace: str, embedding_dim: int
) -> torch.FloatTensor:
    """
    A `(vocab size, embedding_dim)` matrix: rows of words found in the file (exact match first,
    then lowercased) hold their vectors; all other rows, `<NUM>` and `@@UNKNOWN@@` included, are
    drawn from uniform(-sqrt(3 / dim), sqrt(3 / dim)), which has the variance of unit-norm-ish
    vectors; the padding row is zero.
    """
    token_to_index = vocab.get_token_to_index_vocabulary(namespace)
    wanted: Dict[str, int] = {}
    for token in token_to_index:
        wanted.setdefault(token, 0)
        wanted.setdefault(token.lower(), 0)
    found: Dict[str, numpy.ndarray] = {}
    for word, vector in read_word2vec(path, wanted):
        if len(vector) != embedding_dim:
            raise DataFormatError(
                path, 0, f"vectors have {len(vector)} dimensions, the embedding has {embedding_dim}"
            )
        found[word] = vector
    bound = math.sqrt(3.0 / embedding_dim)
    matrix = torch.empty(len(token_to_index), embedding_dim).uniform_(-bound, bound)
    hits = 0
    for token, index in token_to_index.items():
        vector = found.get(token, found.get(token.lower()))
        if vector is not None:
            matrix[index] = torch.from_numpy(vector.copy())
            hits += 1
    matrix[0] = 0.0  # padding
    logger.info("%s: vectors for %d of %d %s entries", path, hits, len(token_to_index), namespace)
    return matrix
