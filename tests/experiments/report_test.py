from experiments import report


def result(variant: str, seed: int, f1: float, fraction: float = 1.0) -> dict:
    return {
        "variant": variant,
        "fraction": fraction,
        "seed": seed,
        "final_epochs": 5,
        "devel_f1": f1 + 0.01,
        "training_seconds": 600.0,
        "test": {"precision": f1 + 0.02, "recall": f1 - 0.02, "f1": f1},
        "history": [
            {"epoch": 1, "elapsed_seconds": 60.0, "devel_f1": f1 - 0.1},
            {"epoch": 2, "elapsed_seconds": 125.0, "devel_f1": f1},
        ],
        "precision_recall": [[0.99, 1.0, 0.1], [0.5, f1 + 0.02, f1 - 0.02]],
    }


RESULTS = [
    result("bilm", 13, 0.85),
    result("none", 13, 0.82),
    result("bilm", 14, 0.87),
    result("forward", 14, 0.825),
    result("none", 14, 0.83),
    result("none", 13, 0.70, fraction=0.25),
    result("bilm", 13, 0.75, fraction=0.25),
]


def test_mean_sd():
    assert report.mean_sd([0.8313]) == "83.13"
    assert report.mean_sd([0.85, 0.87]) == "86.00 ± 1.41"


def test_row_names_order_roots_as_given_and_variants_as_the_paper():
    one_root = [("r", "bilm"), ("r", "none"), ("r", "backward")]
    assert report.row_names(one_root) == [
        (("r", "none"), "no pretraining"),
        (("r", "backward"), "backward-LM pretraining"),
        (("r", "bilm"), "BiLM pretraining"),
    ]
    two_roots = [("b", "bilm"), ("a", "none"), ("b", "none"), ("a", "none")]
    assert report.row_names(two_roots) == [
        (("b", "none"), "no pretraining (`b`)"),
        (("b", "bilm"), "BiLM pretraining (`b`)"),
        (("a", "none"), "no pretraining (`a`)"),
    ]


def test_results_table_rows_in_the_papers_order_with_the_gains_of_pretraining():
    lines = report.results_table(RESULTS).splitlines()
    assert lines[2].startswith("| no pretraining | 13, 14 | 5, 5 | 83.50 ± 0.71 |")
    assert "**82.50 ± 0.71**" in lines[2]
    assert lines[3].startswith("| forward-LM pretraining | 14 |")
    assert lines[4].startswith("| BiLM pretraining | 13, 14 |")
    assert "| 10.0 |" in lines[4]  # minutes
    gains = "Test F1 of BiLM pretraining minus no pretraining, same seed: +3.00 (seed 13), "
    assert gains + "+4.00 (seed 14); mean +3.50." in lines
    assert not any("25%" in line for line in lines)  # the learning curve's (learning_curve.py)
    # A gain line for every pretraining variant, over the seeds it shares with no pretraining.
    forward = "Test F1 of forward-LM pretraining minus no pretraining, same seed: -0.50 (seed 14); "
    assert forward + "mean -0.50." in lines
    assert not any("backward-LM pretraining minus" in line for line in lines)


def test_paired_runs_pair_each_seed_once_on_one_share_and_gains_subtract_them():
    pairs = report.paired_runs(RESULTS + [result("bilm", 15, 0.9)])  # seed 15: no run without
    assert {
        seed: (none["test"]["f1"], bilm["test"]["f1"]) for seed, (none, bilm) in pairs.items()
    } == {
        13: (0.82, 0.85),
        14: (0.83, 0.87),
    }
    assert list(report.paired_runs(RESULTS, "forward")) == [14]
    assert list(report.paired_runs(RESULTS, "backward")) == []
    quarter = report.paired_runs(RESULTS, fraction=0.25)
    assert [(none["test"]["f1"], bilm["test"]["f1"]) for none, bilm in quarter.values()] == [
        (0.70, 0.75)
    ]
    test_gains = report.transfer_gains(RESULTS)
    assert {seed: round(100 * gain, 2) for seed, gain in test_gains.items()} == {13: 3.0, 14: 4.0}


def test_run_conditions_name_machines_and_bilms_per_seed():
    recorded = {"machine": "2 CPU cores (AMD EPYC)", "threads": 1, "bilm_devel_perplexity": 23.456}
    results = [
        result("none", 13, 0.80),
        result("bilm", 13, 0.82),
        {**result("none", 14, 0.81), **recorded, "bilm_devel_perplexity": None},
        {**result("bilm", 14, 0.83), **recorded},
        {**result("bilm", 15, 0.84), **recorded},
        {**result("bilm", 16, 0.84, fraction=0.5), **recorded, "threads": 2},  # the curve's
    ]
    assert report.run_conditions(results) == [
        "- Machine of the Table 3 runs: not recorded (seed 13); "
        "2 CPU cores (AMD EPYC), 1 thread(s) per tagger (seeds 14, 15).",
        "- BiLM of the Table 3 transfer runs: not recorded (seed 13); "
        "devel perplexity 23.46 (seeds 14, 15).",
        "- Machine of the learning-curve runs: 2 CPU cores (AMD EPYC), 2 thread(s) per tagger "
        "(seed 16).",
        "- BiLM of the learning-curve transfer runs: devel perplexity 23.46 (seed 16).",
    ]
    # Results from before `machine`, `threads` and `bilm_devel_perplexity` were kept: no lines.
    assert report.run_conditions(results[:2]) == []


def test_run_conditions_name_variants_where_one_seeds_runs_differ():
    one = {"machine": "2 CPU cores (AMD EPYC)", "threads": 1, "bilm_devel_perplexity": 24.4}
    two = {**one, "threads": 2}
    results = [
        {**result("none", 14, 0.81), **one},
        {**result("bilm", 14, 0.82), **one},
        {**result("forward", 14, 0.82), **one},
        {**result("backward", 14, 0.82), **two},
        {**result("none", 15, 0.81), **one},
        {**result("bilm", 15, 0.82), **one},
        {**result("forward", 15, 0.82), **two},
        {**result("backward", 15, 0.82), **two},
        {**result("none", 16, 0.81), **two},
    ]
    machines = report.run_conditions(results)[0]
    assert machines == (
        "- Machine of the Table 3 runs: 2 CPU cores (AMD EPYC), 1 thread(s) per tagger "
        "(seeds 14, 15 of no pretraining and BiLM pretraining, seed 14 of forward-LM pretraining); "
        "2 CPU cores (AMD EPYC), 2 thread(s) per tagger (seed 16 of no pretraining, "
        "seed 15 of forward-LM pretraining, seeds 14, 15 of backward-LM pretraining)."
    )


def test_run_conditions_name_shares_where_one_seeds_curve_runs_differ():
    first = {"machine": "2 CPU cores (AMD EPYC)", "threads": 2, "bilm_devel_perplexity": 137.75}
    again = {**first, "bilm_devel_perplexity": 137.69}  # a lost BiLM trained again
    results = [{**result("bilm", seed, 0.8, fraction=0.1), **first} for seed in (13, 14, 15)] + [
        {**result("bilm", 13, 0.8, fraction=0.25), **first},
        {**result("bilm", 14, 0.8, fraction=0.25), **again},
        {**result("bilm", 15, 0.8, fraction=0.25), **again},
    ]
    assert report.run_conditions(results)[1] == (
        "- BiLM of the learning-curve transfer runs: devel perplexity 137.75 "
        "(seeds 13, 14, 15 at 10%, seed 13 at 25%); devel perplexity 137.69 (seeds 14, 15 at 25%)."
    )


def test_run_conditions_name_the_word_vectors_of_each_seed():
    made = {"word_vectors": "skipgram300_all.bin sha256:0123456789ab"}
    results = [
        {**result("none", 13, 0.80), **made},
        {**result("bilm", 13, 0.82), "word_vectors": "skipgram300_all.bin sha256:ba9876543210"},
        {**result("none", 14, 0.81), **made},
        {**result("bilm", 14, 0.83), **made},
        {**result("none", 15, 0.81), "word_vectors": None},
    ]
    assert report.run_conditions(results) == [
        "- Word vectors of the Table 3 runs: skipgram300_all.bin sha256:0123456789ab "
        "(seeds 13, 14 of no pretraining, seed 14 of BiLM pretraining); "
        "skipgram300_all.bin sha256:ba9876543210 "
        "(seed 13 of BiLM pretraining); random (seed 15)."
    ]
