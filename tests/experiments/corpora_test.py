import pytest

from experiments import corpora
from tests.conftest import NCBI_FIXTURES
from tests.experiments.documented import check_documented, documented_commands

DOC = "docs/reproduction.md"


def test_counts_sentences_tokens_and_mentions_of_the_configs_files(monkeypatch):
    monkeypatch.setenv("NCBI_DIR", str(NCBI_FIXTURES))
    train, devel, test = corpora.splits("ncbi")
    assert (train.name, train.path) == ("train", f"{NCBI_FIXTURES}/train.tsv")
    lines = (NCBI_FIXTURES / "train.tsv").read_text().splitlines()
    assert train.tokens == sum(1 for line in lines if line.strip())
    assert train.sentences == len("\n".join(lines).strip().split("\n\n"))
    begins = sum(1 for line in lines if line.split("\t")[-1] == "B-Disease")
    assert train.mentions == {"Disease": begins}
    assert test.path == "data/ncbi_disease/test.tsv"  # the shipped test file, not the config's


def test_a_row_per_split_with_its_types_most_frequent_first():
    split = corpora.Split("test", "t.tsv", 1234, 56789, corpora.Counter(RNA=2, DNA=30))
    assert corpora.table({"jnlpba": [split]})[2] == (
        "| jnlpba | test | 1,234 | 56,789 | 32 | DNA 30, RNA 2 | `t.tsv` |"
    )


def test_a_bad_line_is_named(tmp_path, monkeypatch, capsys):
    for name in ("train", "devel", "test"):
        (tmp_path / f"{name}.tsv").write_text("Gliomas\tB-GENE\nin\n\n")
    monkeypatch.setenv("BC2GM_DIR", str(tmp_path))
    with pytest.raises(SystemExit):
        corpora.main(["bc2gm"])
    error = capsys.readouterr().err
    assert f"bc2gm: {tmp_path}/train.tsv, line 2: expected 'token<TAB>tag'" in error


def test_an_unknown_corpus_is_refused(capsys):
    with pytest.raises(SystemExit):
        corpora.main(["ncbi", "genia"])
    assert "invalid choice: 'genia'" in capsys.readouterr().err


@pytest.mark.parametrize("arguments, printed", documented_commands("experiments.corpora", DOC))
def test_the_documented_table_is_what_the_command_prints(arguments, printed, monkeypatch, capsys):
    monkeypatch.setenv("NCBI_DIR", "data/ncbi_disease")
    check_documented(corpora.main, arguments, printed, monkeypatch, capsys)
