import importlib.util
import os

import pytest

from tests.conftest import ROOT

SHARED_DATA = ROOT.parent / "shared" / "data"
pytestmark = pytest.mark.skipif(
    not (SHARED_DATA / "JNLPBA-standoff").is_dir(), reason="needs ../shared/data (JNLPBA)"
)


def load_script():
    spec = importlib.util.spec_from_file_location(
        "agreement", ROOT / "scripts" / "tokenizer_agreement.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_genia_scheme_reproduces_jnlpba_tokens():
    script = load_script()
    gold = os.path.join(SHARED_DATA, "JNLPBA-IOB", "devel.tsv")
    raw = os.path.join(SHARED_DATA, "JNLPBA-standoff", "train")
    found, total, reproduced = script.agreement(gold, raw, "genia")
    assert found >= 195 and total > 45_000
    assert reproduced / total >= 0.98
    _, _, alnum = script.agreement(gold, raw, "alnum")
    assert alnum / total < 0.95  # the NCBI rule does not fit GENIA: the scheme matters
