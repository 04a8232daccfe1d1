import pytest
from allennlp.common.checks import ConfigurationError

from bilm_transfer.dataset_readers import LmSentencesReader
from tests.conftest import NCBI_FIXTURES


def test_column_files_give_words_and_framed_targets():
    instances = list(LmSentencesReader().read(str(NCBI_FIXTURES / "devel.tsv")))
    assert len(instances) == 25
    words = [t.text for t in instances[0]["tokens"].tokens]
    targets = [t.text for t in instances[0]["lm_targets"].tokens]
    assert targets == ["<S>", *words, "</S>"]
    assert "tags" not in instances[0].fields


def test_text_files_and_long_sentences(tmp_path):
    path = tmp_path / "unlabeled.txt"
    path.write_text("one two three four five\n\n  six seven \n")
    reader = LmSentencesReader(max_sentence_length=2)
    sentences = [[t.text for t in i["tokens"].tokens] for i in reader.read(str(path))]
    assert sentences == [["one", "two"], ["three", "four"], ["five"], ["six", "seven"]]


def test_bad_format_is_a_configuration_error():
    with pytest.raises(ConfigurationError, match="file_format"):
        LmSentencesReader(file_format="xml")


def test_an_unknown_file_format_is_refused():
    with pytest.raises(ConfigurationError, match="file_format must be 'auto', 'columns' or 'text'"):
        LmSentencesReader(file_format="conll")
