import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilm_transfer.data.biomedical_tokenizer import BiomedicalTokenizer
from bilm_transfer.formats.columns import read_column_file
from tests.conftest import NCBI_FIXTURES


def test_splits_like_the_corpora_and_keeps_offsets():
    text = "BRCA1-associated  ataxia-telangiectasia (A-T), 5'/3' p53+/- cells."
    tokens = BiomedicalTokenizer().tokenize(text)
    assert [t.text for t in tokens] == [
        "BRCA1", "-", "associated", "ataxia", "-", "telangiectasia", "(", "A", "-", "T", ")",
        ",", "5", "'", "/", "3", "'", "p53", "+", "/", "-", "cells", ".",
    ]  # fmt: skip
    for token in tokens:
        assert text[token.idx : token.idx_end] == token.text


def test_reproduces_the_ncbi_tokenization():
    tokenizer = BiomedicalTokenizer()
    for sentence in read_column_file(str(NCBI_FIXTURES / "train.tsv")):
        text = " ".join(sentence.tokens)
        assert [t.text for t in tokenizer.tokenize(text)] == sentence.tokens


def test_empty_and_unicode_text():
    tokenizer = BiomedicalTokenizer()
    assert tokenizer.tokenize("") == []
    assert tokenizer.tokenize(" \t\n") == []
    text = "naïve β-cells"
    assert [text[t.idx : t.idx_end] for t in tokenizer.tokenize(text)] == [
        "na", "ï", "ve", "β", "-", "cells",
    ]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",))))
def test_offsets_always_slice_the_text(text):
    tokens = BiomedicalTokenizer().tokenize(text)
    for token in tokens:
        assert text[token.idx : token.idx_end] == token.text and not token.text.isspace()
    # Nothing but whitespace is dropped.
    assert "".join(t.text for t in tokens) == "".join(text.split())


def test_genia_scheme_keeps_hyphenated_words():
    text = "IL-2-induced NF-kappaB (C/EBP) in CD4+ T-cells, e.g. PU.1's role +/- 0.01."
    tokens = BiomedicalTokenizer("genia").tokenize(text)
    assert [t.text for t in tokens] == [
        "IL-2-induced", "NF-kappaB", "(", "C/EBP", ")", "in", "CD4+", "T-cells", ",", "e.g.",
        "PU.1", "'s", "role", "+/-", "0.01", ".",
    ]  # fmt: skip
    assert all(text[t.idx : t.idx_end] == t.text for t in tokens)


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",))))
def test_genia_offsets_always_slice_the_text(text):
    tokens = BiomedicalTokenizer("genia").tokenize(text)
    assert all(text[t.idx : t.idx_end] == t.text and t.text.strip() == t.text for t in tokens)
    assert "".join(t.text for t in tokens) == "".join(text.split())


def test_unknown_scheme():
    from allennlp.common.checks import ConfigurationError

    with pytest.raises(ConfigurationError, match="scheme"):
        BiomedicalTokenizer("whitespace")
