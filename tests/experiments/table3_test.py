from experiments.table3 import time_left


def finished(variant: str, fraction: float, minutes: float) -> dict:
    return {"variant": variant, "fraction": fraction, "training_seconds": 60 * minutes}


class TestTimeLeft:
    def test_each_step_at_the_mean_of_its_variant_and_share(self):
        results = [
            finished("none", 1.0, 100),
            finished("none", 1.0, 80),
            finished("bilm", 1.0, 120),
        ]
        steps = [("none", 1.0, 14), ("bilm", 1.0, 14), ("bilm", 1.0, 15)]
        # 90 + 120 + 120 minutes.
        assert time_left(results, steps).startswith("3 tagger(s) left to train: about 5.5 h")

    def test_a_variant_not_yet_timed_takes_the_mean_of_its_share(self):
        results = [finished("none", 0.1, 10), finished("bilm", 0.1, 20), finished("none", 1.0, 600)]
        assert "about 0.2 h" in time_left(results, [("forward", 0.1, 13)])

    def test_a_share_never_timed_is_said_so(self):
        message = time_left([finished("none", 1.0, 100)], [("none", 0.5, 13)])
        assert message == "1 tagger(s) left to train; no finished tagger to time them by"

    def test_nothing_left(self):
        assert time_left([], []) == "no tagger left to train"
