import json
import pathlib
import shutil
import subprocess
import sys

import pytest
import torch
from allennlp.commands.train import train_model_from_file
from allennlp.common.checks import ConfigurationError
from allennlp.models.archival import load_archive
from allennlp.predictors import Predictor

from bilm_serving import BundleError, StandaloneTagger
from bilm_serving.packing import read_packed
from bilm_transfer.commands.export_tagger import export_tagger
from tests.conftest import FIXTURES

LINES = [
    json.dumps({"id": 1, "sentence": "Familial breast-cancer (BRCA1) and 3.5 mg of ataxia."}),
    json.dumps({"id": 2, "tokens": ["Duchenne", "muscular", "dystrophy", "(", "DMD", ")"]}),
    "not json",
    json.dumps({"id": 4, "tokens": "a string"}),
    json.dumps({"id": 5, "sentence": ""}),
] + [
    json.dumps({"id": 10 + i, "tokens": line.split()})
    for i, line in enumerate(
        " ".join(row.split("\t")[0] for row in sentence.splitlines())
        for sentence in (FIXTURES / "data" / "ncbi" / "test.tsv").read_text().split("\n\n")[:20]
    )
    if line
]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory, eager_archive) -> str:
    directory = tmp_path_factory.mktemp("bundle")
    export_tagger(eager_archive, str(directory))
    return str(directory)


def test_standalone_output_equals_allennlp_predict(bundle, eager_archive):
    predictor = Predictor.from_archive(load_archive(eager_archive), "ner_tagger")
    expected = predictor.predict_batch_json([predictor.load_line(line) for line in LINES])
    actual = list(StandaloneTagger(bundle).predict_lines(LINES, batch_size=4))
    assert len(actual) == len(expected) == len(LINES)
    assert any(result.get("entities") for result in expected)  # the comparison has substance
    for ours, theirs in zip(actual, expected):
        for entity in theirs.get("entities", []):
            entity["score"] = pytest.approx(entity["score"], abs=1e-5)
        assert ours == theirs


def test_standalone_cli_runs_without_allennlp(bundle, tmp_path):
    inputs = tmp_path / "input.jsonl"
    inputs.write_text("\n".join(LINES[:2]) + "\n")
    script = (
        "import runpy, sys; sys.argv = ['bilm_serving', sys.argv[1], sys.argv[2]];"
        "sys.modules['allennlp'] = None;"  # any import of AllenNLP now fails
        "runpy.run_module('bilm_serving', run_name='__main__')"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script, bundle, str(inputs)],
        capture_output=True,
        text=True,
        check=True,
    )
    results = [json.loads(line) for line in completed.stdout.splitlines()]
    assert [result["id"] for result in results] == [1, 2]
    assert results[1]["tokens"][4] == "DMD"


def test_export_refuses_a_bilm_archive(bilm_archive, tmp_path):
    with pytest.raises(ConfigurationError, match="ner_tagger"):
        export_tagger(bilm_archive, str(tmp_path))


def test_export_of_a_vectors_trained_archive_whose_vectors_file_is_gone(tmp_path):
    # The archive's config names the word2vec file it was trained with; export must not read it.
    vectors = tmp_path / "vectors.txt"
    rows = [f"{word} " + " ".join(["0.5"] * 12) for word in ("disease", "cancer", "BRCA1")]
    vectors.write_text(f"{len(rows)} 12\n" + "\n".join(rows) + "\n")
    overrides = {
        "model.text_field_embedder.token_embedders.tokens.pretrained_file": str(vectors),
        "trainer.num_epochs": 1,
    }
    serialization = tmp_path / "tagger"
    train_model_from_file(
        str(FIXTURES / "configs" / "tiny_ner_no_pretraining.jsonnet"),
        str(serialization),
        overrides=json.dumps(overrides),
    )
    config = json.loads((serialization / "config.json").read_text())
    assert config["model"]["text_field_embedder"]["token_embedders"]["tokens"][
        "pretrained_file"
    ] == str(vectors)
    vectors.unlink()
    archive = str(serialization / "model.tar.gz")
    export_tagger(archive, str(tmp_path / "bundle"))
    lines = LINES[:2]
    expected = Predictor.from_archive(load_archive(archive), "ner_tagger").predict_batch_json(
        [json.loads(line) for line in lines]
    )
    actual = list(StandaloneTagger(str(tmp_path / "bundle")).predict_lines(lines))
    assert [result["tags"] for result in actual] == [result["tags"] for result in expected]


def test_max_words_keeps_the_vocabulary_head_and_its_tags(bundle, eager_archive, tmp_path):
    full = json.loads((pathlib.Path(bundle) / "tagger.json").read_text())["words"]
    kept = len(full) // 2
    export_tagger(eager_archive, str(tmp_path / "cut"), max_words=kept)
    cut = StandaloneTagger(str(tmp_path / "cut"))
    words = json.loads((tmp_path / "cut" / "tagger.json").read_text())["words"]
    assert words == full[:kept]
    weights = torch.jit.load(str(tmp_path / "cut" / "model.pt")).state_dict()
    assert weights["word_embedding.weight"].shape[0] == kept
    # Tagged as the full bundle whose cut words' vectors are the unknown word's.
    unknown_vectors = tmp_path / "unknown_vectors"
    shutil.copytree(bundle, unknown_vectors)
    model = torch.jit.load(str(unknown_vectors / "model.pt"))
    with torch.no_grad():
        model.word_embedding.weight[kept:] = model.word_embedding.weight[1]
    model.save(str(unknown_vectors / "model.pt"))
    lines = [json.dumps({"tokens": full[kept - 6 : kept + 6]}), *LINES[:2], *LINES[5:]]
    expected = list(StandaloneTagger(str(unknown_vectors)).predict_lines(lines))
    assert list(cut.predict_lines(lines)) == expected
    # ... and not as the full bundle itself (its entities' scores), or that proves nothing.
    assert list(StandaloneTagger(bundle).predict_lines(lines)) != expected


def test_max_words_below_two_is_refused(eager_archive, tmp_path):
    with pytest.raises(ConfigurationError, match="max_words 1"):
        export_tagger(eager_archive, str(tmp_path), max_words=1)


def test_missing_bundle(tmp_path):
    with pytest.raises(BundleError, match="model.pt"):
        StandaloneTagger(str(tmp_path))


def test_a_packed_bundle_tags_as_its_unpacked_weights_do(bundle, eager_archive, tmp_path):
    export_tagger(eager_archive, str(tmp_path / "packed"), storage="packed")
    assert sorted(path.name for path in (tmp_path / "packed").iterdir()) == [
        "tagger.json",
        "weights.pt",
    ]
    # The float32 bundle with the packed file's weights put in gives the same output.
    rounded = tmp_path / "rounded"
    shutil.copytree(bundle, rounded)
    model = torch.jit.load(str(rounded / "model.pt"))
    model.load_state_dict(read_packed(str(tmp_path / "packed" / "weights.pt")).state_dict())
    model.save(str(rounded / "model.pt"))
    packed = list(StandaloneTagger(str(tmp_path / "packed")).predict_lines(LINES))
    assert packed == list(StandaloneTagger(str(rounded)).predict_lines(LINES))
    # ... which are not the float32 weights (the probabilities tell), or that proves nothing.
    assert packed != list(StandaloneTagger(bundle).predict_lines(LINES))
    int8 = StandaloneTagger(str(tmp_path / "packed"), "int8").predict_lines(LINES)
    assert len(list(int8)) == len(LINES)


def test_exporting_again_leaves_one_network_file(eager_archive, tmp_path):
    export_tagger(eager_archive, str(tmp_path), storage="packed")
    export_tagger(eager_archive, str(tmp_path), storage="float16")
    assert not (tmp_path / "weights.pt").exists() and (tmp_path / "model.pt").is_file()
    export_tagger(eager_archive, str(tmp_path), storage="packed")
    assert not (tmp_path / "model.pt").exists() and (tmp_path / "weights.pt").is_file()


def test_an_unknown_storage_is_refused(eager_archive, tmp_path):
    with pytest.raises(ConfigurationError, match="storage must be one of"):
        export_tagger(eager_archive, str(tmp_path), storage="int2")


def test_a_broken_packed_file_is_a_bundle_error(bundle, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(bundle, broken)
    (broken / "model.pt").unlink()
    (broken / "weights.pt").write_bytes(b"\x00" * 10)
    with pytest.raises(BundleError, match="weights.pt: not a packed tagger"):
        StandaloneTagger(str(broken))
