import os
import subprocess
import sys

import pytest
import torch
from allennlp.common.checks import ConfigurationError
from allennlp.data import Vocabulary

from bilm_transfer.commands.train_word_vectors import train_word_vectors
from bilm_transfer.formats.word2vec import embedding_matrix
from tests.conftest import NCBI_FIXTURES


@pytest.mark.parametrize("suffix", [".bin", ".txt"])
def test_vectors_train_and_load_into_the_embedding(tmp_path, suffix):
    inputs = f"{NCBI_FIXTURES / 'train.tsv'},{NCBI_FIXTURES / 'devel.tsv'}"
    output = str(tmp_path / f"vectors{suffix}")
    size = train_word_vectors(inputs, output, dimension=16, min_count=2, epochs=1, workers=1)
    assert size > 100
    vocab = Vocabulary()
    vocab.add_tokens_to_namespace(["cancer", "<NUM>", "zzzunseen"], "tokens")
    matrix = embedding_matrix(output, vocab, "tokens", 16)
    bound = (3 / 16) ** 0.5
    assert matrix[vocab.get_token_index("cancer", "tokens")].abs().max() > 0
    assert matrix[vocab.get_token_index("zzzunseen", "tokens")].abs().max() <= bound
    assert not torch.equal(matrix[2], matrix[3])


def test_one_worker_makes_the_same_file_in_every_process(tmp_path):
    # Each making runs in its own interpreter with its own string-hash seed, as two sessions would.
    inputs = f"{NCBI_FIXTURES / 'train.tsv'},{NCBI_FIXTURES / 'devel.tsv'}"
    outputs = [tmp_path / f"{name}.bin" for name in ("first", "second")]
    for hash_seed, output in zip(("1", "2"), outputs):
        code = (
            "from bilm_transfer.commands.train_word_vectors import train_word_vectors; "
            f"train_word_vectors({inputs!r}, {str(output)!r}, dimension=16, min_count=2, epochs=2)"
        )
        environment = {**os.environ, "PYTHONHASHSEED": hash_seed}
        subprocess.run([sys.executable, "-c", code], env=environment, check=True)
    assert outputs[0].read_bytes() == outputs[1].read_bytes()


def test_test_splits_are_refused(tmp_path):
    with pytest.raises(ConfigurationError, match="looks like a test split"):
        train_word_vectors(str(NCBI_FIXTURES / "test.tsv"), str(tmp_path / "v.bin"))


def test_xz_raw_text_is_tokenized_like_the_corpora_with_digits_as_numbers(tmp_path):
    import lzma

    from bilm_transfer.commands.train_word_vectors import Sentences

    path = tmp_path / "abstracts.txt.xz"
    with lzma.open(path, "wt", encoding="utf-8") as out:
        out.write("in p. syringae pv. tomato dc <dig> a pathogen (iaa-lysine).\n\n3.5 mg\n")
    assert list(Sentences([str(path)])) == [
        ["in", "p", ".", "syringae", "pv", ".", "tomato", "dc", "<NUM>", "a", "pathogen", "(",
         "iaa", "-", "lysine", ")", "."],
        ["<NUM>", ".", "<NUM>", "mg"],
    ]  # fmt: skip
