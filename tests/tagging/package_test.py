import json
import subprocess
import sys

# Every module a tagging process or Ray actor imports.
RUNTIME = [
    "bilm_tagging",
    "bilm_tagging.bulk",
    "bilm_tagging.cli",
    "bilm_tagging.coalescing",
    "bilm_tagging.document_formats",
    "bilm_tagging.ray_engine",
    "bilm_tagging.web.app",
]


def test_the_tagging_runtime_imports_no_allennlp():
    # A fresh interpreter: this one has imported AllenNLP for other tests.
    code = (
        f"import importlib, json, sys; [importlib.import_module(m) for m in {RUNTIME!r}]; "
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    top_level = set(json.loads(completed.stdout.strip().splitlines()[-1]))
    assert {"bilm_tagging", "bilm_serving", "torch"} <= top_level
    assert not top_level & {"allennlp", "bilm_transfer", "transformers", "torchvision"}
