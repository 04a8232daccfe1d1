import re
import sys

from experiments import state_scale
from tests.conftest import NCBI_FIXTURES


def test_the_table_has_a_row_per_encoder_and_fresh_lstms_are_near_zero(
    bilm_archive, tagger_archive, monkeypatch, capsys
):
    argv = ["state_scale", "--bilm", bilm_archive, "--tagger", f"toy={tagger_archive}",
            "--devel", str(NCBI_FIXTURES / "devel.tsv"), "--sentences", "20"]  # fmt: skip
    monkeypatch.setattr(sys, "argv", argv)
    state_scale.main()
    rows = [line for line in capsys.readouterr().out.splitlines() if line.startswith("| ")]
    assert len(rows) == 4  # the header, the BiLM, fresh LSTMs, the toy tagger
    rms = {
        row.split(" | ")[0][2:]: [float(x) for x in re.findall(r"\d+\.\d+", row)]
        for row in rows[1:]
    }
    bilm, fresh = (
        rms["BiLM's LSTMs (transfer, step 0)"],
        rms["fresh LSTMs, uniform +-0.005 (none, step 0)"],
    )
    assert all(value < 0.05 for value in fresh)
    assert fresh[2] < bilm[2]  # a fresh head spreads its scores with the states' scale
    assert "toy (trained tagger)" in rms
