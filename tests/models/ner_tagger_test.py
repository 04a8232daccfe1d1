import pytest
from allennlp.common.testing import ModelTestCase
from seqeval.metrics import f1_score, precision_score, recall_score
from seqeval.scheme import IOBES

from tests.conftest import FIXTURES, NCBI_FIXTURES


@pytest.mark.parametrize("variant", ["tiny_ner_no_pretraining", "tiny_ner_softmax"])
class TestNerTagger(ModelTestCase):
    @pytest.fixture(autouse=True)
    def model(self, variant, bilm_archive):
        self.set_up_model(FIXTURES / "configs" / f"{variant}.jsonnet", NCBI_FIXTURES / "devel.tsv")

    def test_trains_saves_loads_and_predicts_consistently(self, variant):
        self.ensure_model_can_train_save_and_load(self.param_file)

    def test_f1_equals_seqeval_strict_iobes(self, variant):
        model = self.model.eval()
        batch = self.dataset.as_tensor_dict()
        output = model(**batch)
        labels = model.vocab.get_index_to_token_vocabulary("labels")
        lengths = output["mask"].sum(dim=1).tolist()
        gold = [[labels[t] for t in row[:n]] for row, n in zip(batch["tags"].tolist(), lengths)]
        metrics = model.get_metrics(reset=True)
        expected = dict(mode="strict", scheme=IOBES, zero_division=0)
        assert metrics["f1-measure-overall"] == pytest.approx(
            f1_score(gold, output["tags"], **expected)
        )
        assert metrics["precision-overall"] == pytest.approx(
            precision_score(gold, output["tags"], **expected)
        )
        assert metrics["recall-overall"] == pytest.approx(
            recall_score(gold, output["tags"], **expected)
        )
        assert "f1-measure-Disease" in metrics
        if variant == "tiny_ner_no_pretraining":  # CRF decoding only yields valid IOBES
            for tags in output["tags"]:
                for previous, tag in zip(["O"] + tags, tags + ["O"]):
                    assert not (previous[0] in "OES" and tag[0] in "IE")
                    assert not (previous[0] in "BI" and tag[0] not in "IE")


def test_tags_that_are_not_iobes_are_refused():
    from allennlp.common.checks import ConfigurationError
    from allennlp.data import Vocabulary

    from tests.conftest import build_from_config

    _, vocab, model = build_from_config(
        FIXTURES / "configs" / "tiny_ner_no_pretraining.jsonnet", str(NCBI_FIXTURES / "train.tsv")
    )
    labels = Vocabulary(non_padded_namespaces=["labels"])
    labels.add_tokens_to_namespace(["O", "B-Disease", "L-Disease"], "labels")
    vocab.extend_from_vocab(labels)
    with pytest.raises(ConfigurationError, match="must be IOBES, found \\['L-Disease'\\]"):
        type(model)(vocab, model._text_field_embedder, model._encoder)
