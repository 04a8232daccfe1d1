import pytest

from bilm_tagging.formats.errors import DataFormatError
from bilm_transfer.formats.columns import read_tokens_and_tags


def test_read_tokens_and_tags_pairs_each_sentence_with_its_gold_tags(tmp_path):
    path = tmp_path / "devel.tsv"
    path.write_text("-DOCSTART-\tO\n\nBreast\tB-Disease\ncancer\tE-Disease\n.\tO\n\nNo\tO\n")
    tokens, gold = read_tokens_and_tags(str(path))
    assert tokens == [["Breast", "cancer", "."], ["No"]]
    assert gold == [["B-Disease", "E-Disease", "O"], ["O"]]


def test_read_tokens_and_tags_names_the_line_of_a_bad_tag(tmp_path):
    path = tmp_path / "devel.tsv"
    path.write_text("Breast\tB-Disease\ncancer\tDisease\n")
    with pytest.raises(DataFormatError, match=r"devel\.tsv.*2"):
        read_tokens_and_tags(str(path))
