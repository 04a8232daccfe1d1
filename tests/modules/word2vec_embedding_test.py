import torch

from tests.conftest import FIXTURES, NCBI_FIXTURES, build_from_config


def test_config_reads_word_vectors_from_the_environment(tmp_path, monkeypatch):
    vectors = tmp_path / "vectors.txt"
    vectors.write_text(
        "2 12\n" + "\n".join(f"{w} " + " ".join(["0.25"] * 12) for w in ("the", "of"))
    )
    monkeypatch.setenv("WORD_VECTORS", str(vectors))
    config = FIXTURES / "configs" / "tiny_ner_no_pretraining.jsonnet"
    _, vocab, model = build_from_config(config, str(NCBI_FIXTURES / "train.tsv"), max_instances=20)
    weight = model._text_field_embedder.token_embedder_tokens.weight
    for word in ("the", "of"):
        assert torch.all(weight[vocab.get_token_index(word, "tokens")] == 0.25)
    other = weight[vocab.get_token_index("<NUM>", "tokens")]
    assert not torch.all(other == 0.25)
