import pytest

from experiments import paired


def test_the_interval_of_the_mean_is_students_t():
    # Mean 2, sd 1, 3 seeds: 2 +- t(0.975, 2 degrees of freedom) / sqrt(3) = 2 +- 2.484.
    assert paired.mean_interval([1.0, 2.0, 3.0]) == pytest.approx((-0.484, 4.484), abs=1e-3)


def test_ties_count_neither_way_in_the_sign_test():
    assert paired.sign_test(0, 0) == 1.0
    assert paired.sign_test(6, 0) == pytest.approx(2 / 2**6)


def test_cells_count_the_better_side_and_leave_out_the_spread_of_one():
    assert paired.cells([1.0, 2.0, 3.0, 0.0]) == [
        "4", "+1.50", "1.29", "-0.55 to +3.55", "3 of 4", "0.250"
    ]  # fmt: skip
    # Fewer epochs are better: -1 counts for, +2 against.
    assert paired.cells([-1.0, 2.0], better=-1, precision=1)[4] == "1 of 2"
    assert paired.cells([-2.0], better=-1) == ["1", "-2.00", "-", "-", "1 of 1", "1.000"]
