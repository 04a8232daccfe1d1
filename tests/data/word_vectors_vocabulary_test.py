import struct

import numpy
import pytest
from allennlp.common import Params
from allennlp.data import Vocabulary

from bilm_transfer.dataset_readers import IobTaggingReader
from tests.conftest import FIXTURES, NCBI_FIXTURES

# Most frequent first, as word2vec writes them; "Familial" is in the fixtures' training data.
WORDS = ["zebrafish", "Familial", "<NUM>", "tauopathy", "rare"]


def write_text_vectors(path, dim=3):
    rows = [f"{word} " + " ".join(str(i + 0.5) for _ in range(dim)) for i, word in enumerate(WORDS)]
    path.write_text(f"{len(WORDS)} {dim}\n" + "\n".join(rows) + "\n")
    return str(path)


def write_binary_vectors(path, dim=3):
    with open(path, "wb") as out:
        out.write(f"{len(WORDS)} {dim}\n".encode())
        for i, word in enumerate(WORDS):
            out.write(word.encode() + b" " + struct.pack(f"{dim}f", *([i + 0.5] * dim)))
    return str(path)


def vocabulary(instances, **params) -> Vocabulary:
    return Vocabulary.from_params(
        Params({"type": "with_word_vectors", **params}), instances=instances
    )


@pytest.mark.parametrize("writer", [write_text_vectors, write_binary_vectors])
def test_the_most_frequent_vector_words_join_the_training_words(tmp_path, writer):
    instances = list(IobTaggingReader().read(str(NCBI_FIXTURES / "train.tsv")))
    plain = Vocabulary.from_instances(instances)
    path = writer(tmp_path / ("vectors.bin" if writer is write_binary_vectors else "vectors.txt"))
    vocab = vocabulary(instances, word_vectors=path, max_vector_words=3)
    added = set(vocab.get_token_to_index_vocabulary("tokens")) - set(
        plain.get_token_to_index_vocabulary("tokens")
    )
    assert "Familial" in plain.get_token_to_index_vocabulary("tokens")
    assert added == {"zebrafish", "<NUM>"} - set(plain.get_token_to_index_vocabulary("tokens"))
    assert "zebrafish" in added and "tauopathy" not in added  # past max_vector_words
    assert vocab.get_vocab_size("labels") == plain.get_vocab_size("labels")


def test_without_vectors_it_is_from_instances():
    instances = list(IobTaggingReader().read(str(NCBI_FIXTURES / "train.tsv")))
    assert vocabulary(instances).get_token_to_index_vocabulary(
        "tokens"
    ) == Vocabulary.from_instances(instances).get_token_to_index_vocabulary("tokens")


def test_a_tagger_trained_with_vectors_keeps_them_for_words_outside_its_training_data(
    tmp_path, monkeypatch
):
    # The tiny config's words are 12-dimensional.
    monkeypatch.setenv("WORD_VECTORS", write_text_vectors(tmp_path / "vectors.txt", dim=12))
    config = FIXTURES / "configs" / "tiny_ner_no_pretraining.jsonnet"
    assert Params.from_file(str(config))["vocabulary"]["type"] == "with_word_vectors"
    from allennlp.commands.train import train_model_from_file

    train_model_from_file(str(config), str(tmp_path / "run"), overrides='{"trainer.num_epochs": 1}')
    vocab = Vocabulary.from_files(str(tmp_path / "run" / "vocabulary"))
    index = vocab.get_token_index("tauopathy")  # in the vectors only, within the first 50,000
    assert index != vocab.get_token_index("@@UNKNOWN@@")
    import torch

    weights = torch.load(tmp_path / "run" / "best.th")
    row = weights["_text_field_embedder.token_embedder_tokens.weight"][index]
    # Trained for one epoch from the vector (3.5, ...): still close to it.
    assert numpy.allclose(row.numpy(), 3.5, atol=0.05)
