"""The user's path through the real `allennlp` command: train BiLM, tagger, evaluate, predict."""

import json
import os
import subprocess
import sys

from tests.conftest import FIXTURES, NCBI_FIXTURES, ROOT

ALLENNLP = os.path.join(os.path.dirname(sys.executable), "allennlp")


def allennlp(*args: str, env: dict) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [ALLENNLP, *args, "--include-package", "bilm_transfer"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def test_bilm_then_transfer_then_evaluate_then_predict(tmp_path):
    env = {
        **os.environ,
        "NCBI_DIR": str(NCBI_FIXTURES),
        "BILM_ARCHIVE": str(tmp_path / "bilm/model.tar.gz"),
    }
    configs = FIXTURES / "configs"
    allennlp("train", str(configs / "tiny_bilm.jsonnet"), "-s", str(tmp_path / "bilm"), env=env)
    trained = allennlp(
        "train", str(configs / "tiny_ner.jsonnet"), "-s", str(tmp_path / "ner"), env=env
    )
    assert (
        "bilm_transfer: _text_field_embedder.token_embedder_tokens.weight"
        in trained.stdout + trained.stderr
    )
    archive = str(tmp_path / "ner" / "model.tar.gz")

    metrics_file = tmp_path / "test_metrics.json"
    allennlp(
        "evaluate",
        archive,
        str(NCBI_FIXTURES / "test.tsv"),
        "--output-file",
        str(metrics_file),
        env=env,
    )
    metrics = json.loads(metrics_file.read_text())
    assert {
        "precision-overall",
        "recall-overall",
        "f1-measure-overall",
        "f1-measure-Disease",
    } <= set(metrics)

    inputs = tmp_path / "input.jsonl"
    inputs.write_text(
        json.dumps({"sentence": "Hereditary breast cancer in BRCA1-carriers."})
        + "\n{broken json\n"
        + json.dumps({"id": "a", "tokens": ["APC", "gene", "deficiency"]})
        + "\n"
    )
    output = tmp_path / "output.jsonl"
    allennlp("predict", archive, str(inputs), "--output-file", str(output), "--silent", env=env)
    results = [json.loads(line) for line in output.read_text().splitlines()]
    assert [len(r.get("tags", [])) for r in results] == [8, 0, 3]
    assert "not JSON" in results[1]["error"]  # a bad line costs only its own output
    assert results[0]["tokens"][4:7] == ["BRCA1", "-", "carriers"]

    pubtator = tmp_path / "abstracts.pubtator"
    pubtator.write_text("7|t|Hereditary breast cancer\n7|a|BRCA1 mutations. APC deficiency.\n\n")
    tagged = tmp_path / "tagged.pubtator"
    command = ["tag-documents", archive, str(pubtator), "-o", str(tagged)]
    allennlp(*command, "--input-format", "pubtator", "--output-format", "pubtator", env=env)
    assert tagged.read_text().startswith("7|t|Hereditary breast cancer\n7|a|BRCA1 mutations.")
