import pytest

from experiments import learning_curve
from tests.experiments.report_test import RESULTS, result


def test_section_gives_the_curve_per_share_and_variant_then_the_gains():
    lines = learning_curve.section(RESULTS).splitlines()
    assert lines[:2] == ["", ""]  # a blank line after Table 3's last line
    assert "| 25% | BiLM pretraining | 13 | 75.00 |" in lines
    assert "| 100% | no pretraining | 13, 14 | 82.50 ± 0.71 |" in lines
    assert (
        "- 25%: BiLM pretraining minus no pretraining, same seed: +5.00 (seed 13); mean +5.00."
        in lines
    )
    # None's curve: 70.00 at 25%, 82.50 at 100%; BiLM's 75.00 at 25% is 2/5 of the way up.
    equivalent = "- BiLM pretraining on 25% of the labeled sentences (mean test F1 75.00) scores "
    assert equivalent + "what no pretraining scores on 55% " in " ".join(lines)


def test_without_a_curve_the_section_is_empty():
    assert learning_curve.section([r for r in RESULTS if r["fraction"] == 1.0]) == ""


def test_the_paired_table_gives_each_share_then_the_shares_below_all_pooled():
    results = [
        result("none", 13, 0.70, fraction=0.1),
        result("bilm", 13, 0.74, fraction=0.1),  # +4
        result("none", 14, 0.72, fraction=0.1),
        result("bilm", 14, 0.74, fraction=0.1),  # +2
        result("none", 13, 0.80, fraction=0.5),
        result("bilm", 13, 0.79, fraction=0.5),  # -1
        result("bilm", 14, 0.81, fraction=0.5),  # no pair: none did not run seed 14 at 50%
        result("none", 13, 0.85),
        result("bilm", 13, 0.86),  # +1
    ]
    results[1]["history"][0]["devel_f1"] = 0.60  # BiLM's head start at 10%, seed 13
    table = learning_curve.paired_table(results)
    rows = {line.split(" | ")[0]: line for line in table if line.startswith("| ")}
    # Epoch 1 at 10%: none 0.60 and 0.62, BiLM 0.60 and 0.64; best devel gains equal test's.
    assert rows["| 10%"] == (
        "| 10% | 2 | +3.00 | 1.41 | -9.71 to +15.71 | 2 of 2 | 0.500 | 61.00 / 62.00 "
        "| +2.00 to +4.00 |"
    )
    assert rows["| 50%"].startswith("| 50% | 1 | -1.00 | - | - | 0 of 1 | 1.000 | 70.00 / 69.00 |")
    assert rows["| 100%"].startswith("| 100% | 1 | +1.00 | - | - | 1 of 1 | 1.000 |")
    # The pooled row takes the three pairs below 100%, not the 100% one.
    assert rows["| below 100%, pooled"].startswith("| below 100%, pooled | 3 | +1.67 | 2.52 |")
    assert rows["| below 100%, pooled"].endswith("| -1.00 to +4.00 |")


def test_the_paired_table_marks_a_missing_first_epoch_and_needs_a_curve():
    results = [
        result("none", 13, 0.70, fraction=0.1),
        {**result("bilm", 13, 0.74, fraction=0.1), "history": []},  # not recorded
        result("none", 13, 0.85),
        result("bilm", 13, 0.86),
    ]
    [row] = [line for line in learning_curve.paired_table(results) if line.startswith("| 10%")]
    assert "| 1.000 | - | +4.00 to +4.00 |" in row
    assert not any(line.startswith("| below") for line in learning_curve.paired_table(results))
    assert learning_curve.paired_table(results[2:]) == []


def test_the_plot_is_a_png(tmp_path):
    path = tmp_path / "curve.png"
    learning_curve.plot(RESULTS, path)
    assert path.read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize(
    "f1, share",
    [(70.0, "at most 10%"), (75.0, "25%"), (80.0, "50%"), (78.0, "40%"), (90.0, "more than 100%")],
)
def test_the_equivalent_share_interpolates_the_curve_between_its_points(f1, share):
    curve = [(10.0, 70.0), (25.0, 75.0), (50.0, 80.0), (100.0, 85.0)]
    # 78 lies 3/5 of the way from 75 (25%) to 80 (50%): 25 + 0.6 * 25 = 40%.
    assert learning_curve.equivalent_share(curve, f1) == share
