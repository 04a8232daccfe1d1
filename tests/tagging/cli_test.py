import json

import bioc
import pytest
from bioc import biocjson

from bilm_tagging.cli import main
from bilm_tagging.formats.pubtator import read_pubtator
from tests.conftest import FIXTURES

DOCUMENTS = FIXTURES / "data" / "documents"
PMIDS = ["90110496", "90124644", "90153985", "90161003", "90171176", "90206049"]


@pytest.mark.parametrize(
    "name", ["jnlpba6.pubtator", "jnlpba6.bioc.xml", "jnlpba6.bioc.json", "jnlpba6.pubtator3.json",
             "jnlpba6.pubmed.xml", "jnlpba6.jsonl"],
)  # fmt: skip
def test_every_input_format_gives_every_document_with_valid_offsets(shipped, tmp_path, name):
    output = tmp_path / "out.jsonl"
    assert (
        main([str(DOCUMENTS / name), "-o", str(output), "--output-format", "jsonl", "--quiet"]) == 0
    )
    results = [json.loads(line) for line in output.read_text().splitlines()]
    assert [r["id"] for r in results] == PMIDS
    texts = {d.id: d.text for d in read_pubtator(str(DOCUMENTS / "jnlpba6.pubtator"))}
    entities = [(r["id"], e) for r in results for e in r["entities"]]
    assert len(entities) > 50
    for pmid, entity in entities:
        assert texts[pmid][entity["start"] : entity["end"]] == entity["text"]
        assert entity["model"] == "toy_disease" and 0 <= entity["score"] <= 1


@pytest.mark.parametrize("kind", ["xml", "json"])
def test_bioc_round_trip(shipped, tmp_path, kind):
    source = DOCUMENTS / f"jnlpba6.bioc.{kind}"
    output = tmp_path / f"out.{kind}"
    assert main([str(source), "-o", str(output), "--quiet"]) == 0  # BioC in: the same BioC out
    load = bioc.load if kind == "xml" else biocjson.load
    with open(output, encoding="utf-8") as written, open(source, encoding="utf-8") as original:
        tagged, before = load(written), load(original)
    assert [d.id for d in tagged.documents] == PMIDS
    new = 0
    for document, original_document in zip(tagged.documents, before.documents):
        for passage, original_passage in zip(document.passages, original_document.passages):
            assert (passage.offset, passage.text) == (
                original_passage.offset,
                original_passage.text,
            )
            for annotation in passage.annotations:
                location = annotation.locations[0]
                start = location.offset - passage.offset
                assert passage.text[start : start + location.length] == annotation.text
            new += sum(a.infons.get("model") == "toy_disease" for a in passage.annotations)
    assert new > 50


def test_pubtator_out_has_every_document_and_two_models_merge(shipped, tmp_path):
    output = tmp_path / "out.pubtator"
    model = str(shipped / "toy_disease")
    arguments = [str(DOCUMENTS / "jnlpba6.pubtator"), "-o", str(output), "--quiet"]
    assert main([*arguments, "--model", "toy_disease", "--model", model, "--overlaps", "all"]) == 0
    both = list(read_pubtator(str(output)))
    assert [d.id for d in both] == PMIDS
    assert main([*arguments, "-m", "toy_disease", "-m", model, "--overlaps", "best"]) == 0
    best = list(read_pubtator(str(output)))
    # the same model twice: "all" keeps both copies of each entity, "best" one
    assert sum(len(d.mentions) for d in both) == 2 * sum(len(d.mentions) for d in best) > 0


def test_text_to_brat_and_conll(shipped, tmp_path):
    assert (
        main(
            [
                str(DOCUMENTS / "jnlpba6.txt"),
                "-o",
                str(tmp_path / "brat"),
                "--output-format",
                "brat",
                "--quiet",
            ]
        )
        == 0
    )
    assert sorted(p.name for p in (tmp_path / "brat").iterdir())[:2] == [
        "jnlpba6-1.ann",
        "jnlpba6-1.txt",
    ]
    assert (
        main(
            [
                str(DOCUMENTS / "jnlpba6.txt"),
                "-o",
                str(tmp_path / "out.conll"),
                "--output-format",
                "conll",
                "--quiet",
            ]
        )
        == 0
    )
    assert (tmp_path / "out.conll").read_text().count("-DOCSTART-") == 6


def test_errors_name_the_problem_and_exit_2(shipped, tmp_path, capsys):
    assert main([str(DOCUMENTS / "jnlpba6.txt"), "--model", "no_such_model", "--quiet"]) == 2
    assert "no model 'no_such_model': the shipped models are toy_disease" in capsys.readouterr().err
    assert main([str(tmp_path / "missing.txt"), "--quiet"]) == 2
    assert "missing.txt: no such file or folder" in capsys.readouterr().err
    unknown = tmp_path / "notes.md"
    unknown.write_text("text")
    assert main([str(unknown), "--quiet"]) == 2
    assert "notes.md: cannot tell the format" in capsys.readouterr().err
    bad = tmp_path / "bad.pubtator"
    bad.write_text("1|t|Title\n1\tx\ty\n")
    assert main([str(bad), "--quiet"]) == 2
    assert "bad.pubtator, line 2" in capsys.readouterr().err
    assert (
        main(
            [
                str(DOCUMENTS / "jnlpba6.txt"),
                "-m",
                "toy_disease",
                "-m",
                "toy_disease",
                "--output-format",
                "conll",
            ]
        )
        == 2
    )
    assert "CoNLL output takes one model" in capsys.readouterr().err


def test_list_models(shipped, capsys):
    assert main(["--list-models"]) == 0
    assert capsys.readouterr().out.split() == ["toy_disease"]


@pytest.mark.parametrize("option", ["--processes", "--threads", "--shard-size", "--batch-size"])
def test_a_count_below_one_is_refused_by_name(shipped, capsys, option):
    with pytest.raises(SystemExit) as exit_info:
        main([str(DOCUMENTS / "jnlpba6.jsonl"), option, "0"])
    assert exit_info.value.code == 2
    assert f"argument {option}: must be a whole number of at least 1, not '0'" in (
        capsys.readouterr().err
    )


def test_int8_precision_tags_every_document(shipped, tmp_path):
    output = tmp_path / "out.jsonl"
    arguments = [str(DOCUMENTS / "jnlpba6.jsonl"), "-o", str(output), "--quiet"]
    assert main(arguments + ["--precision", "int8", "--threads", "1"]) == 0
    assert [json.loads(line)["id"] for line in output.read_text().splitlines()] == PMIDS
