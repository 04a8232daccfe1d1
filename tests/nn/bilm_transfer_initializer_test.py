import tarfile

import pytest
import torch
from allennlp.common import Params
from allennlp.common.checks import ConfigurationError
from allennlp.data import DatasetReader, Vocabulary
from allennlp.models import Model

from bilm_transfer.nn.archive import read_archive
from tests.conftest import FIXTURES, NCBI_FIXTURES


def build_tagger(config: str, extra_words=()) -> Model:
    params = Params.from_file(str(FIXTURES / "configs" / config))
    reader = DatasetReader.from_params(params.pop("dataset_reader"))
    vocab = Vocabulary.from_instances(reader.read(str(NCBI_FIXTURES / "train.tsv")))
    vocab.add_tokens_to_namespace(list(extra_words), "tokens")
    return Model.from_params(vocab=vocab, params=params.pop("model"))


def lm_row(lm, name, namespace, token):
    return lm.state_dict[name][lm.vocab.get_token_index(token, namespace)]


def test_bilm_transfer_copies_embeddings_cnn_and_both_lstms(bilm_archive):
    lm = read_archive(bilm_archive)
    tagger = build_tagger("tiny_ner.jsonnet", extra_words=["neverseenbythelm"])
    weights = dict(tagger.named_parameters())
    words = "_text_field_embedder.token_embedder_tokens.weight"
    for token, index in tagger.vocab.get_token_to_index_vocabulary("tokens").items():
        if token == "neverseenbythelm":
            assert not torch.equal(
                weights[words][index], lm_row(lm, words, "tokens", "@@UNKNOWN@@")
            )
        elif index > 0:
            assert torch.equal(weights[words][index], lm_row(lm, words, "tokens", token)), token
    chars = "_text_field_embedder.token_embedder_token_characters._embedding._module.weight"
    for char, index in tagger.vocab.get_token_to_index_vocabulary("token_characters").items():
        assert torch.equal(weights[chars][index], lm_row(lm, chars, "token_characters", char))
    copied = [n for n in weights if "convolutions" in n or "_lstm." in n]
    assert len(copied) == 6 + 8  # 3 conv weights + biases; 4 tensors per LSTM direction
    for name in copied:
        assert torch.equal(weights[name], lm.state_dict[name]), name
    assert not any(name.startswith("_softmax_loss") for name in weights)


def test_forward_only_leaves_the_backward_lstm_alone(bilm_archive):
    lm = read_archive(bilm_archive)
    weights = dict(build_tagger("tiny_ner_forward_lm.jsonnet").named_parameters())
    forward = [n for n in weights if "forward_lstm" in n]
    backward = [n for n in weights if "backward_lstm" in n]
    assert forward and backward
    assert all(torch.equal(weights[n], lm.state_dict[n]) for n in forward)
    assert not any(torch.equal(weights[n], lm.state_dict[n]) for n in backward)
    # The backward LSTM got the paper's own initialization instead.
    assert all(weights[n].abs().max() <= 0.005 for n in backward)


def test_no_pretraining_differs(bilm_archive):
    lm = read_archive(bilm_archive)
    weights = dict(build_tagger("tiny_ner_no_pretraining.jsonnet").named_parameters())
    for name in weights:
        if "_lstm." in name or "convolutions" in name:
            assert not torch.equal(weights[name], lm.state_dict[name]), name


def transfer(archive, **kwargs):
    from bilm_transfer.nn import BiLmTransferInitializer

    return BiLmTransferInitializer(archive, **kwargs)


def test_bad_archives(tmp_path, bilm_archive):
    with pytest.raises(ConfigurationError, match="not found"):
        transfer(str(tmp_path / "missing.tar.gz"))
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not a tar file")
    with pytest.raises(ConfigurationError, match="not a model archive"):
        transfer(str(junk))
    with pytest.raises(ConfigurationError, match="directions"):
        transfer(bilm_archive, directions="sideways")
    init = transfer(bilm_archive, directions="forward")
    with pytest.raises(ConfigurationError, match="backward LSTM"):
        init(torch.zeros(32, 8), parameter_name="_encoder.backward_lstm.weight_hh_l0")
    with pytest.raises(ConfigurationError, match=r"forward_lstm.weight_hh_l0 has shape \(4, 4\)"):
        init(torch.zeros(4, 4), parameter_name="_encoder.forward_lstm.weight_hh_l0")
    with pytest.raises(ConfigurationError, match="has no parameter tag_projection"):
        init(torch.zeros(4, 4), parameter_name="tag_projection_layer._module.weight")


def test_tagger_archive_is_not_a_bilm(tmp_path, bilm_archive):
    # An archive whose config names another model type.
    import json
    import shutil

    folder = tmp_path / "other"
    with tarfile.open(bilm_archive) as archive:
        archive.extractall(folder)
    config = json.loads((folder / "config.json").read_text())
    config["model"]["type"] = "ner_tagger"
    (folder / "config.json").write_text(json.dumps(config))
    other = shutil.make_archive(str(tmp_path / "other_model"), "gztar", folder)
    with pytest.raises(ConfigurationError, match="is not a BiLM archive"):
        transfer(other)


def test_archive_members_may_not_escape(tmp_path):
    evil = tmp_path / "evil.tar.gz"
    payload = tmp_path / "payload"
    payload.write_text("x")
    with tarfile.open(evil, "w:gz") as archive:
        archive.add(payload, arcname="../../escaped.txt")
    with pytest.raises(ConfigurationError, match="escapes the archive"):
        read_archive(str(evil))
    assert not (tmp_path.parent.parent / "escaped.txt").exists()


class Payload:
    """Anything that is not a tensor: unpickling it would run code of the archive's choosing."""

    def __reduce__(self):
        return (print, ("this would have run",))


def test_weights_that_are_not_plain_tensors_are_refused(tmp_path, bilm_archive):
    folder = tmp_path / "crafted"
    with tarfile.open(bilm_archive) as archive:
        archive.extractall(folder)
    torch.save({"_encoder.forward_lstm.weight_hh_l0": Payload()}, folder / "weights.th")
    with pytest.raises(ConfigurationError, match="holds more than tensors; refused"):
        read_archive(str(folder))
