import subprocess
import sys

import pytest

from experiments import by_type
from tests.conftest import ROOT
from tests.experiments.documented import check_documented, documented_commands
from tests.experiments.kept_runs import write_finished_run

# Two sentences: a Chemical and a Disease in the first, a Chemical in the second.
TEST = (
    "Aspirin\tB-Chemical\ncauses\tO\nulcers\tB-Disease\n.\tO\n"
    "\n"
    "Caffeine\tB-Chemical\nhelps\tO\n.\tO\n"
)
SENTENCES = [["Aspirin", "causes", "ulcers", "."], ["Caffeine", "helps", "."]]
ASPIRIN, ULCERS, CAFFEINE = (0, "Chemical", 0, 1), (0, "Disease", 2, 3), (1, "Chemical", 0, 1)


def test_scores_by_type_count_an_entity_for_its_own_type():
    # Caffeine found as a Disease: a false positive of Disease and a miss of Chemical.
    scores = by_type.scores_by_type(
        {ASPIRIN, ULCERS, (1, "Disease", 0, 1)}, {ASPIRIN, ULCERS, CAFFEINE}
    )
    assert scores["Chemical"] == pytest.approx(
        {"precision": 1.0, "recall": 0.5, "f1-measure": 2 / 3}
    )
    assert scores["Disease"] == pytest.approx(
        {"precision": 0.5, "recall": 1.0, "f1-measure": 2 / 3}
    )
    assert scores[by_type.ALL_TYPES] == pytest.approx(
        {"precision": 2 / 3, "recall": 2 / 3, "f1-measure": 2 / 3}
    )


def write_run(folder, variant, seed, found):
    result = {"variant": variant, "fraction": 1.0, "seed": seed}
    return str(write_finished_run(folder, result, SENTENCES, found))


def test_the_script_prints_a_row_per_type_and_variant(tmp_path):
    test = tmp_path / "test.tsv"
    test.write_text(TEST)
    runs = [
        write_run(tmp_path / "bilm" / "fraction1" / "seed2", "bilm", 2, [ASPIRIN]),
        write_run(tmp_path / "none" / "fraction1" / "seed1", "none", 1, [ASPIRIN, ULCERS]),
        write_run(tmp_path / "none" / "fraction1" / "seed2", "none", 2, [ULCERS, CAFFEINE]),
    ]
    command = [sys.executable, "-m", "experiments.by_type", "--test", str(test)]
    result = subprocess.run(command + runs, capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.splitlines()[2:] == [
        # Chemical, no pretraining: seed 1 finds 1 of 2 (P 100, R 50), seed 2 1 of 2 (P 100, R 50).
        "| Chemical | 2 | no pretraining | 1, 2 | 100.00 ± 0.00 | 50.00 ± 0.00 | 66.67 ± 0.00 |",
        "| Chemical | 2 | BiLM pretraining | 2 | 100.00 | 50.00 | 66.67 |",
        "| Disease | 1 | no pretraining | 1, 2 | 100.00 ± 0.00 | 100.00 ± 0.00 | 100.00 ± 0.00 |",
        # BiLM predicts no Disease: 0, not a division by zero.
        "| Disease | 1 | BiLM pretraining | 2 | 0.00 | 0.00 | 0.00 |",
        "| all types | 3 | no pretraining | 1, 2 | 100.00 ± 0.00 | 66.67 ± 0.00 | 80.00 ± 0.00 |",
        "| all types | 3 | BiLM pretraining | 2 | 100.00 | 33.33 | 50.00 |",
    ]

    twice = subprocess.run(
        command + runs + runs[:1], capture_output=True, text=True, timeout=300, cwd=ROOT
    )
    assert twice.returncode != 0
    assert "a second run of seed 2" in twice.stderr


@pytest.mark.parametrize(
    "arguments, printed", documented_commands("experiments.by_type", "docs/results_table2.md")
)
def test_the_documented_tables_are_what_the_command_prints(arguments, printed, monkeypatch, capsys):
    check_documented(by_type.main, arguments, printed, monkeypatch, capsys)
