"""`experiments/table3.py` end to end on the fixtures, with the real `allennlp` commands."""

import json
import pathlib
import subprocess
import sys

import pytest

from tests.conftest import FIXTURES, NCBI_FIXTURES, ROOT

JNLPBA_FIXTURES = FIXTURES / "data" / "jnlpba"
# The tiny NCBI runs: both variants, a learning-curve share.
NCBI = (
    "--configs", str(FIXTURES / "configs" / "tiny"), "--data", str(NCBI_FIXTURES),
    "--variants", "none", "bilm", "--seeds", "1", "--fractions", "0.5",
)  # fmt: skip
# The tiny JNLPBA runs: train+devel as brat documents, devel's left out by the configs' reader.
JNLPBA = (
    "--corpus", "jnlpba", "--configs", str(FIXTURES / "configs" / "tiny_jnlpba"),
    "--data", str(JNLPBA_FIXTURES), "--standoff", str(JNLPBA_FIXTURES / "standoff"),
    "--variants", "none", "bilm", "--seeds", "1",
)  # fmt: skip


def table3(tmp_path, *arguments: str) -> subprocess.CompletedProcess:
    command = [
        sys.executable, "-m", "experiments.table3",
        "--root", str(tmp_path / "runs"), "--report", str(tmp_path / "results.md"),
        "--plots-dir", str(tmp_path), *arguments,
    ]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, timeout=900, cwd=ROOT)


def reproduce(tmp_path, *extra: str, corpus=NCBI) -> None:
    result = table3(tmp_path, *corpus, *extra)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


@pytest.mark.slow
def test_table3_protocol_report_and_plots(tmp_path):
    reproduce(tmp_path)
    report = (tmp_path / "results.md").read_text()
    assert "| no pretraining | 1 |" in report and "| BiLM pretraining | 1 |" in report
    assert "| 50% | BiLM pretraining | 1 |" in report
    for plot in ("devel_f1_vs_time", "precision_recall", "learning_curve", "test_f1_by_seed"):
        assert (tmp_path / f"ncbi_{plot}.png").read_bytes().startswith(b"\x89PNG")
        assert f"(ncbi_{plot}.png)" in report

    result_files = sorted((tmp_path / "runs").glob("*/fraction*/seed1/result.json"))
    assert len(result_files) == 4
    for result_file in result_files:
        result = json.loads(result_file.read_text())
        run = result_file.parent
        # The final run trained on train+devel, without validation, for the chosen epochs.
        config = json.loads((run / "final" / "config.json").read_text())
        assert config["train_data_path"].endswith(("devel.tsv", "devel_subset.tsv"))
        assert config.get("validation_data_path") is None
        final_metrics = json.loads((run / "final" / "metrics.json").read_text())
        assert final_metrics["epoch"] + 1 == result["final_epochs"]
        assert result["word_vectors"] is None  # random vectors: no file to fingerprint
        # The end of the precision-recall curve is the tagger's own test precision and recall:
        # the predictions and gold spans read here agree with `allennlp evaluate`.
        _, precision, recall = result["precision_recall"][-1]
        assert precision == pytest.approx(result["test"]["precision"], abs=1e-6)
        assert recall == pytest.approx(result["test"]["recall"], abs=1e-6)
    transferred = (tmp_path / "runs" / "bilm" / "fraction1" / "seed1" / "select.log").read_text()
    assert "bilm_transfer: _text_field_embedder.token_embedder_tokens.weight" in transferred
    # The learning curve's share: of train in model selection (on all of devel), of train and
    # devel in the final run.
    run = tmp_path / "runs" / "none" / "fraction0.5" / "seed1"
    for split in ("train", "devel"):
        subset = (run / f"{split}_subset.tsv").read_text()
        full = (NCBI_FIXTURES / f"{split}.tsv").read_text()
        assert subset.count("\n\n") == round(0.5 * full.count("\n\n"))
    select = json.loads((run / "select" / "config.json").read_text())
    assert select["train_data_path"] == str(run / "train_subset.tsv")
    assert select["validation_data_path"] == str(NCBI_FIXTURES / "devel.tsv")
    final = json.loads((run / "final" / "config.json").read_text())
    assert final["train_data_path"] == f"{run / 'train_subset.tsv'},{run / 'devel_subset.tsv'}"

    # Finished steps are skipped: a second call retrains nothing, not even the BiLM when only
    # the results are left (a clone with the committed result.json files).
    stamps = {path: path.stat().st_mtime for path in result_files}
    bilm = tmp_path / "runs" / "pretrained_bilm" / "model.tar.gz"
    bilm.unlink()
    reproduce(tmp_path)
    assert {path: path.stat().st_mtime for path in result_files} == stamps
    assert not bilm.exists()

    # `--report-only` with a seed not run: the kept results, the missing runs named, no training.
    reproduce(tmp_path, "--seeds", "1", "2", "--report-only")
    report = (tmp_path / "results.md").read_text()
    assert "not in the table (`--report-only`): none, 100% of train, seed 2;" in report
    assert "| no pretraining | 1 |" in report
    assert not list((tmp_path / "runs").glob("*/fraction*/seed2"))


def read_sentences(reader_params: dict, path: str) -> int:
    from allennlp.common import Params
    from allennlp.data import DatasetReader

    import bilm_transfer  # noqa: F401 (registrations)

    return sum(1 for _ in DatasetReader.from_params(Params(reader_params)).read(path))


@pytest.mark.slow
def test_table3_trains_jnlpba_from_standoff_documents(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)  # the configs name the devel abstracts' list from the repository root
    reproduce(tmp_path, corpus=JNLPBA)
    standoff = str(JNLPBA_FIXTURES / "standoff")
    bilm = json.loads((tmp_path / "runs" / "pretrained_bilm" / "config.json").read_text())
    assert bilm["train_data_path"] == standoff  # every abstract's text, devel's included
    for variant in ("none", "bilm"):
        run = tmp_path / "runs" / variant / "fraction1" / "seed1"
        select = json.loads((run / "select" / "config.json").read_text())
        final = json.loads((run / "final" / "config.json").read_text())
        assert select["train_data_path"] == final["train_data_path"] == standoff
        assert select["validation_data_path"] == str(JNLPBA_FIXTURES / "devel.tsv")
        # Model selection leaves out the devel abstracts; the final run reads them too.
        assert select["dataset_reader"]["exclude_documents"].endswith("devel_abstracts.txt")
        assert final["dataset_reader"].get("exclude_documents") is None
        selected = read_sentences(select["dataset_reader"], standoff)
        everything = read_sentences(final["dataset_reader"], standoff)
        assert 0 < selected < everything
        result = json.loads((run / "result.json").read_text())
        assert 0.0 <= result["test"]["f1"] <= 1.0
    assert "| BiLM pretraining | 1 |" in (tmp_path / "results.md").read_text()


def test_table3_refuses_a_learning_curve_from_standoff_documents(tmp_path):
    result = table3(tmp_path, *JNLPBA, "--fractions", "0.5")
    assert result.returncode == 2
    assert "--fractions: learning curves need train.tsv" in result.stderr
    assert not (tmp_path / "runs").exists()


def test_table3_refuses_unknown_transfer_parts_before_training(tmp_path):
    result = table3(tmp_path, "--transfer-parts", "words+lstm")
    assert result.returncode == 2
    known = "['embedder', 'words', 'chars', 'lstms']"
    assert f"'words+lstm': ['lstm'] not among {known}" in result.stderr
    assert not (tmp_path / "runs").exists()


@pytest.mark.parametrize("value", ["1.5", "-0.1", "1", "a tenth"])
def test_table3_refuses_a_word_dropout_that_is_no_probability_before_training(tmp_path, value):
    result = table3(tmp_path, "--bilm-word-dropout", value)
    assert result.returncode == 2
    assert "argument --bilm-word-dropout:" in result.stderr
    assert "must be in [0, 1)" in result.stderr or "could not convert" in result.stderr
    assert not (tmp_path / "runs").exists()


@pytest.mark.parametrize(
    "variants, bilm_line",
    [(["none"], "- BiLM: none (no-pretraining runs only);"),
     (["none", "bilm"], "- BiLM: `"),],
)  # fmt: skip
def test_a_report_of_no_pretraining_alone_names_no_bilm(variants, bilm_line, tmp_path):
    kept = ROOT / "results" / "table3_ncbi_none_word_dropout" / "none" / "fraction1" / "seed13"
    run = tmp_path / "runs" / "none" / "fraction1" / "seed13"
    run.mkdir(parents=True)
    (run / "result.json").write_text((kept / "result.json").read_text())
    result = table3(tmp_path, "--variants", *variants, "--seeds", "13", "--report-only")
    assert result.returncode == 0, result.stderr[-3000:]
    assert bilm_line in (tmp_path / "results.md").read_text()


def test_table3_refuses_a_bilm_without_devel_from_standoff_documents(tmp_path):
    result = table3(tmp_path, *JNLPBA, "--bilm-text", "train")
    assert result.returncode == 2
    assert "--bilm-text train: the --standoff folder holds devel's documents" in result.stderr
    assert not (tmp_path / "runs").exists()


@pytest.mark.slow
def test_table3_holds_devel_out_of_the_bilm_on_request(tmp_path):
    reproduce(tmp_path, "--bilm-text", "train", "--variants", "bilm", "--fractions")
    bilm = json.loads((tmp_path / "runs" / "pretrained_bilm" / "config.json").read_text())
    assert bilm["train_data_path"] == f"{NCBI_FIXTURES}/train.tsv"
    assert "devel held out; not in the training times" in (tmp_path / "results.md").read_text()


@pytest.mark.slow
def test_table3_trains_one_direction_lms_alone_on_request(tmp_path):
    reproduce(tmp_path, "--lm-alone", "--variants", "none", "backward", "--fractions")
    runs = tmp_path / "runs"
    lm = json.loads((runs / "pretrained_backward_lm" / "config.json").read_text())
    assert lm["model"]["directions"] == "backward"
    assert not (runs / "pretrained_bilm").exists()  # no row needed the BiLM
    select = (runs / "backward" / "fraction1" / "seed1" / "select.log").read_text()
    assert str(runs / "pretrained_backward_lm" / "model.tar.gz") in select
    report = (tmp_path / "results.md").read_text()
    assert "a backward LM, each trained alone" in report
    assert "- BiLM: none (each row has its own LM)" in report
    assert "The backward LM: " in report and "The forward LM: " not in report
    assert "- LM of the Table 3 transfer runs: devel perplexity" in report


def keep_kept_run(source: str, target, variant: str, fraction: str, seed: int = 13) -> None:
    """Copies a committed tagger result of `results/source` into the runs folder `target`."""
    run = pathlib.Path(variant) / f"fraction{fraction}" / f"seed{seed}"
    (target / run).mkdir(parents=True)
    (target / run / "result.json").write_text(
        (ROOT / "results" / source / run / "result.json").read_text()
    )


def test_a_learning_curve_takes_its_full_data_runs_from_another_root(tmp_path):
    full = tmp_path / "full"
    for variant in ("none", "bilm"):
        keep_kept_run("table3_ncbi", full, variant, "1")
        keep_kept_run("table3_ncbi", tmp_path / "runs", variant, "0.1")
    curve = ("--variants", "none", "bilm", "--seeds", "13", "--fractions", "0.1")
    result = table3(tmp_path, *curve, "--full-data-root", str(full), "--report-only")
    assert result.returncode == 0, result.stderr[-3000:]
    report = (tmp_path / "results.md").read_text()
    assert "| 10% | BiLM pretraining | 13 | 64.61 |" in report
    assert "| 100% | BiLM pretraining | 13 | 81.42 |" in report
    assert not (tmp_path / "runs" / "bilm" / "fraction1").exists()


def test_a_full_data_root_without_a_run_is_refused_before_training(tmp_path):
    full = tmp_path / "full"
    keep_kept_run("table3_ncbi", full, "none", "1")
    result = table3(tmp_path, "--variants", "none", "bilm", "--seeds", "13", "--fractions",
                    "0.1", "--full-data-root", str(full))  # fmt: skip
    assert result.returncode == 2
    assert f"--full-data-root {full}: no bilm run of seed 13" in result.stderr
    assert not (tmp_path / "runs").exists()
