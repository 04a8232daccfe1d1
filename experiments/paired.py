"""
Paired differences over seeds (a tagger minus another of the same seed and setup), as the pooled
analyses report them: mean and sample sd, a Student-t 95% interval of the mean (seeds and roots
taken as independent draws) and a two-sided sign test.
"""

import statistics
from typing import List, Sequence, Tuple

from scipy import stats


def mean_interval(differences: Sequence[float]) -> Tuple[float, float]:
    """The 95% Student-t interval of the mean of `differences` (at least two)."""
    mean, sd = statistics.mean(differences), statistics.stdev(differences)
    half = stats.t.ppf(0.975, len(differences) - 1) * sd / len(differences) ** 0.5
    return mean - half, mean + half


def sign_test(above: int, below: int) -> float:
    """Two-sided p-value of `above` against `below` (ties dropped) if either were as likely."""
    return stats.binomtest(above, above + below).pvalue if above + below else 1.0


def cells(differences: Sequence[float], better: int = 1, precision: int = 2) -> List[str]:
    """Table cells of `differences`: count, mean, sd, 95% interval, how many are better (above
    zero, or below it where `better` is -1) and the sign test's p; sd and interval "-" for one."""
    count = len(differences)
    mean = statistics.mean(differences)
    if count > 1:
        low, high = mean_interval(differences)
        spread = [f"{statistics.stdev(differences):.{precision}f}",
                  f"{low:+.{precision}f} to {high:+.{precision}f}"]  # fmt: skip
    else:
        spread = ["-", "-"]
    ahead = sum(better * difference > 0 for difference in differences)
    behind = sum(better * difference < 0 for difference in differences)
    return [str(count), f"{mean:+.{precision}f}", *spread, f"{ahead} of {count}",
            f"{sign_test(ahead, behind):.3f}"]  # fmt: skip
