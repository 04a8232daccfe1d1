import json
import subprocess
import sys

import pytest

from experiments import kept_roots, table2, table2_targets
from tests.conftest import ROOT
from tests.experiments.documented import usage_error
from tests.experiments.kept_runs import keep, tagger


def docs_with_report(tmp_path, name: str, command: str):
    """A docs folder holding the report `name` whose command is `command`."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / name).write_text(f"- Command: `{command}`\n")
    return docs


def test_roots_of_one_setup_and_different_seeds_make_one_row(tmp_path):
    first, later, baseline = (tmp_path / "results" / name for name in ("s13", "s14", "none"))
    keep(first, tagger("bilm", 13, 0.86, 0.80))
    keep(later, tagger("bilm", 14, 0.88, 0.81))
    keep(baseline, *(tagger("none", seed, 0.85, 0.75) for seed in (13, 14)))
    entry = kept_roots.read_entry(f"ncbi={first}+{later}:{baseline}")
    docs = tmp_path / "docs"
    docs.mkdir()
    for root, name in ((first, "results_a.md"), (later, "results_b.md")):
        (docs / name).write_text(f"- Command: `table3 --root {root} --word-dropout 0.1`\n")
    [row] = [line for line in table2.table([entry], docs) if "| 13, 14 |" in line]
    assert row.endswith(
        "/ **87.00 ± 1.41** | 13, 14 | not recorded; word dropout: 0.1 "
        "| [results_a.md](results_a.md), [results_b.md](results_b.md) |"
    )
    assert table2_targets.targets(entry)[1] == (
        f"- NCBI-disease, `{first}` + `{later}` (no pretraining: `{baseline}`): BiLM minus no "
        "pretraining, test F1: +1.00 (seed 13), +3.00 (seed 14); mean +2.00 (target needs 3 "
        "seeds)."
    )
    (docs / "results_b.md").write_text(f"- Command: `table3 --root {later}`\n")
    with pytest.raises(ValueError, match="setups differ"):
        table2.table([entry], docs)


def test_update_replaces_only_the_generated_part(tmp_path):
    root = tmp_path / "results" / "jnlpba"
    keep(root, tagger("none", 13, 0.72, 0.6), tagger("bilm", 13, 0.74, 0.65))
    docs = docs_with_report(
        tmp_path, "results_jnlpba.md", f"python -m experiments.table3 --root {root}"
    )
    document = docs / "results_table2.md"
    document.write_text(f"# Title\n{table2.BEGIN}\nold\n{table2.END}\nprose kept\n")
    command = ["-m", "experiments.table2", f"jnlpba={root}", "--update", str(document)]
    subprocess.run([sys.executable, *command], cwd=ROOT, check=True, capture_output=True)
    text = document.read_text()
    made = "Made by `python -m experiments.table2 jnlpba="
    assert text.startswith(f"# Title\n{table2.BEGIN}\n{made}")
    assert text.endswith(f"{table2.END}\nprose kept\n") and "\nold\n" not in text
    assert "| NCBI-disease | no pretraining | 84.38 / 87.37 / 85.35 | not run | | | |" in text
    assert (
        "| JNLPBA | BiLM pretraining | 71.39 / 79.06 / 75.03 | 74.00 / 74.00 / **74.00** | 13 "
        "| not recorded | [results_jnlpba.md](results_jnlpba.md) |"
    ) in text


@pytest.mark.parametrize(
    "option, marked, transfer_only",
    [("--transfer-head silent_fast", "transfer head: silent_fast", True),
     ("--transfer-parts lstms", "transferred: lstms", True),
     ("--bilm-word-dropout 0.1", "BiLM word dropout: 0.1", True),
     ("--bilm-text train", "BiLM text: train", True),
     ("--word-dropout 0.05", "word dropout: 0.05", False)],
)  # fmt: skip
def test_an_option_of_the_reports_command_marks_the_rows_it_changes(
    option, marked, transfer_only, tmp_path
):
    root = tmp_path / "results" / "ncbi"
    keep(root, tagger("none", 13, 0.85, 0.75), tagger("bilm", 13, 0.86, 0.80))
    command = f"python -m experiments.table3 --root {root} {option} --seeds 13"
    docs = docs_with_report(tmp_path, "results_ncbi.md", command)
    none, bilm = [line for line in table2.table([kept_roots.read_entry(f"ncbi={root}")], docs)
                  if "| 13 |" in line]  # fmt: skip
    if transfer_only:
        assert "| 13 | not recorded | [results_ncbi.md]" in none
    else:
        assert f"| 13 | not recorded; {marked} | [results_ncbi.md]" in none
    assert f"| 13 | not recorded; {marked} | [results_ncbi.md]" in bilm


@pytest.mark.parametrize("argument", ["ncbi", "mimic=results/table3_ncbi", "ncbi=nowhere"])
def test_a_bad_corpus_or_root_is_named(argument):
    assert repr(argument) in usage_error("experiments.table2", argument)


def test_a_root_trained_with_another_roots_bilm_gets_that_bilms_setup(tmp_path):
    bilm = tmp_path / "results" / "ncbi" / "pretrained_bilm"
    bilm.mkdir(parents=True)
    tokens = {"pretrained_file": "runs/vectors/skipgram300_all.bin"}
    config = {
        "model": {"text_field_embedder": {"token_embedders": {"tokens": tokens}}},
        "trainer": {"optimizer": {"lr": 0.001}},
    }
    (bilm / "config.json").write_text(json.dumps(config))
    (bilm / "metrics.json").write_text(json.dumps({"epoch": 9}))
    ablation = tmp_path / "results" / "ncbi_lstms"
    command = f"python -m experiments.table3 --root {ablation} --bilm-archive {bilm}/model.tar.gz"
    report = docs_with_report(tmp_path, "results_ncbi_lstms.md", command) / "results_ncbi_lstms.md"
    expected = "vectors skipgram300_all.bin; BiLM: full softmax, lr 0.001, 10 epochs"
    assert table2.setup(ablation, table2.report_command(report)) == expected
    assert table2.setup(ablation, table2.report_command(None)) == "not recorded"


@pytest.mark.parametrize(
    "options, expected",
    [("--word-vectors runs/vectors/skipgram300_all.bin --variants none --seeds 13",
      "vectors skipgram300_all.bin; no BiLM"),
     ("--variants none", "random vectors; no BiLM"),
     ("--variants none bilm --seeds 13", "not recorded")],
)  # fmt: skip
def test_a_root_of_no_pretraining_alone_gets_its_commands_vectors(options, expected, tmp_path):
    root = tmp_path / "results" / "ncbi_none"
    command = f"python -m experiments.table3 --root {root} {options}"
    assert table2.setup(root, command) == expected


def test_roots_judged_against_two_baselines_are_one_row_and_two_judgements(tmp_path):
    bilm, none, other = (tmp_path / "results" / name for name in ("bilm", "none", "other"))
    keep(bilm, tagger("bilm", 13, 0.86, 0.80))
    keep(none, tagger("none", 13, 0.85, 0.75))
    keep(other, tagger("none", 13, 0.83, 0.70))
    entries = [kept_roots.read_entry(f"ncbi={bilm}:{baseline}") for baseline in (none, other)]
    docs = tmp_path / "docs"
    docs.mkdir()
    assert len([line for line in table2.table(entries, docs) if "| 13 |" in line]) == 1
    gains = [table2_targets.targets(entry)[1] for entry in entries]
    assert "+1.00 (seed 13)" in gains[0] and "+3.00 (seed 13)" in gains[1]


def test_the_plot_has_a_line_per_root_and_names_the_corpora_not_run(tmp_path):
    ncbi = tmp_path / "table3_ncbi_vectors"
    keep(ncbi, tagger("none", 13, 0.85, 0.7), tagger("none", 14, 0.86, 0.7))
    keep(ncbi, tagger("bilm", 13, 0.86, 0.75))
    ablation = tmp_path / "table3_ncbi_lstms"
    keep(ablation, tagger("bilm", 13, 0.87, 0.75))
    read = kept_roots.read_entry
    entries = [read(f"ncbi={ncbi}"), read(f"ncbi={ablation}:{ncbi}")]
    assert kept_roots.row_name("ncbi", entries[0].roots) == "NCBI-disease: vectors"
    assert kept_roots.row_name("ncbi", (tmp_path / "table3_ncbi",)) == "NCBI-disease: table3_ncbi"
    assert table2.gaps_to_paper(entries) == {
        "NCBI-disease: vectors": {
            "none": [pytest.approx(85 - 85.35), pytest.approx(86 - 85.35)],
            "bilm": [pytest.approx(86 - 87.34)],
        },
        "NCBI-disease: lstms": {"bilm": [pytest.approx(87 - 87.34)]},
        "BC5CDR: not run": {},
        "BC2GM: not run": {},
        "JNLPBA: not run": {},
    }
    path = tmp_path / "table2.png"
    table2.plot(entries, path)
    assert path.read_bytes().startswith(b"\x89PNG")
