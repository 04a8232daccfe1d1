import math

import numpy
import pytest
import torch
from allennlp.data import Vocabulary

from bilm_tagging.formats.errors import DataFormatError
from bilm_transfer.formats.word2vec import embedding_matrix


@pytest.fixture
def vocab():
    vocab = Vocabulary()
    vocab.add_tokens_to_namespace(["cancer", "BRCA1", "Tumour", "unseen"], "tokens")
    return vocab


VECTORS = {
    "cancer": [1.0, 2.0, 3.0],
    "BRCA1": [4.0, 5.0, 6.0],
    "tumour": [7.0, 8.0, 9.0],
    "x": [0, 0, 1],
}


def check(matrix, vocab):
    row = lambda token: matrix[vocab.get_token_index(token, "tokens")]  # noqa: E731
    assert row("cancer").tolist() == [1.0, 2.0, 3.0]
    assert row("BRCA1").tolist() == [4.0, 5.0, 6.0]
    assert row("Tumour").tolist() == [7.0, 8.0, 9.0]  # lowercased fallback
    assert row("unseen").abs().max() <= math.sqrt(3 / 3) and row("unseen").abs().sum() > 0
    assert torch.all(matrix[0] == 0)


@pytest.mark.parametrize("header", [True, False])
def test_text_format(tmp_path, vocab, header):
    path = tmp_path / "vectors.txt"
    lines = [f"{w} {' '.join(map(str, v))}" for w, v in VECTORS.items()]
    path.write_text("\n".join((["4 3"] if header else []) + lines) + "\n")
    check(embedding_matrix(str(path), vocab, "tokens", 3), vocab)


def test_binary_format(tmp_path, vocab):
    path = tmp_path / "vectors.bin"
    with open(path, "wb") as out:
        out.write(b"4 3\n")
        for word, vector in VECTORS.items():
            out.write(
                word.encode() + b" " + numpy.asarray(vector, dtype=numpy.float32).tobytes() + b"\n"
            )
    check(embedding_matrix(str(path), vocab, "tokens", 3), vocab)


def test_errors_name_file_and_line(tmp_path, vocab):
    path = tmp_path / "short.txt"
    path.write_text("2 3\ncancer 1 2 3\nBRCA1 1 2\n")
    with pytest.raises(DataFormatError, match=r"short\.txt, line 3: 2 values, expected 3"):
        embedding_matrix(str(path), vocab, "tokens", 3)
    path = tmp_path / "three.txt"
    path.write_text("cancer 1 2 3\n")
    with pytest.raises(DataFormatError, match="vectors have 3 dimensions, the embedding has 5"):
        embedding_matrix(str(path), vocab, "tokens", 5)
