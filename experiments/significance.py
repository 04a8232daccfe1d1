"""
Is a test F1 difference between two sets of Table 3 runs more than the luck of the test set? A
paired bootstrap over test sentences (Koehn 2004; Berg-Kirkpatrick et al. 2012): draw the test
sentences with replacement, score both sets of runs on the same draw, and repeat. The spread of
the differences is what another test set of the same size and kind could have shown; it says
nothing of the spread between training seeds (each set's seeds are averaged within a draw, so a
set of three seeds is judged by its mean, as the tables judge it).

    python -m experiments.significance \\
        --a results/table3_ncbi_silent_lstms/bilm/fraction1/seed1[345] \\
        --b results/table3_ncbi_silent_fast_head/none/fraction1/seed1[345] --target 1.5

prints, for each seed the two sets share and for their means, F1 of each, the difference, its 95%
interval over the draws, and the share of draws in which A does not beat B (a one-sided p-value).
"""

import argparse
import pathlib
import warnings
from typing import Dict, List, NamedTuple, Optional, Sequence, Set

import numpy

warnings.simplefilter("ignore", FutureWarning)  # AllenNLP's dependencies, imported on the way

from experiments import error_kinds  # noqa: E402
from experiments.curves import EntityKey  # noqa: E402

# Rows of a run's counts: per test sentence, exact matches, predicted entities, gold entities.
CORRECT, PREDICTED, GOLD = range(3)


class Comparison(NamedTuple):
    f1_a: float  # on the test set as it is, in points
    f1_b: float
    difference: float  # f1_a - f1_b
    low: float  # the 2.5th and 97.5th percentiles of the difference over the draws
    high: float
    not_better: float  # share of draws in which f1_a - f1_b <= 0


def sentence_counts(found: Set[EntityKey], gold: Set[EntityKey], sentences: int) -> numpy.ndarray:
    """Shape (3, sentences): `CORRECT`, `PREDICTED`, `GOLD` counts per test sentence of a run
    that `found` these entities where `gold` ones are."""
    counts = numpy.zeros((3, sentences))
    for row, entities in ((CORRECT, found & gold), (PREDICTED, found), (GOLD, gold)):
        for entity in entities:
            counts[row, entity[0]] += 1
    return counts


def f1(totals: numpy.ndarray) -> numpy.ndarray:
    """Exact-match F1 in points from totals of shape (3, ...) (`CORRECT`, `PREDICTED`, `GOLD`);
    0 where nothing was predicted or nothing is gold."""
    correct, predicted, gold = totals
    both = predicted + gold
    return numpy.where(both > 0, 200.0 * correct / numpy.maximum(both, 1), 0.0)


def draw_weights(rng: numpy.random.Generator, draws: int, sentences: int) -> numpy.ndarray:
    """Shape (draws, sentences): how often each sentence is drawn, `sentences` times with
    replacement, in each draw."""
    picks = rng.integers(0, sentences, size=(draws, sentences))  # (draws, sentences)
    offsets = picks + sentences * numpy.arange(draws)[:, None]  # (draws, sentences)
    drawn = numpy.bincount(offsets.ravel(), minlength=draws * sentences)  # (draws * sentences,)
    return drawn.reshape(draws, sentences).astype(float)


def compare(
    a: Sequence[numpy.ndarray],
    b: Sequence[numpy.ndarray],
    draws: int = 10_000,
    seed: int = 0,
    chunk: int = 500,
) -> Comparison:
    """
    Mean F1 of the runs `a` against the runs `b` (each `sentence_counts` of one run, all over the
    same test sentences) on the test set and on `draws` bootstrap draws of its sentences.
    """
    counts_a = numpy.stack(a)  # (runs_a, 3, sentences)
    counts_b = numpy.stack(b)  # (runs_b, 3, sentences)
    if counts_a.shape[1:] != counts_b.shape[1:]:
        raise ValueError(
            f"the runs score {counts_a.shape[2]} and {counts_b.shape[2]} test sentences: "
            "not the same test set"
        )
    f1_a = f1(counts_a.sum(-1).T).mean()
    f1_b = f1(counts_b.sum(-1).T).mean()
    rng = numpy.random.default_rng(seed)
    differences: List[numpy.ndarray] = []
    for start in range(0, draws, chunk):
        weights = draw_weights(rng, min(chunk, draws - start), counts_a.shape[2])
        # (runs, 3, sentences) @ (sentences, draws) -> (runs, 3, draws) -> F1 (runs, draws)
        scores_a = f1((counts_a @ weights.T).transpose(1, 0, 2)).mean(0)  # (draws,)
        scores_b = f1((counts_b @ weights.T).transpose(1, 0, 2)).mean(0)  # (draws,)
        differences.append(scores_a - scores_b)
    drawn = numpy.concatenate(differences)
    low, high = numpy.percentile(drawn, [2.5, 97.5])
    return Comparison(
        float(f1_a),
        float(f1_b),
        float(f1_a - f1_b),
        float(low),
        float(high),
        float((drawn <= 0).mean()),
    )


def _runs_by_seed(
    parser: argparse.ArgumentParser, runs: Sequence[pathlib.Path], test_file: str
) -> Dict[int, numpy.ndarray]:
    gold, sentences = error_kinds.read_gold(test_file)
    by_seed: Dict[int, numpy.ndarray] = {}
    for run in runs:
        try:
            result, predicted = error_kinds.run_entities(run, sentences, test_file)
            if result["seed"] in by_seed:
                raise ValueError(f"{run}: a second run of seed {result['seed']} in the same set")
        except ValueError as error:
            parser.error(str(error))
        by_seed[result["seed"]] = sentence_counts(predicted, gold, sentences)
    return by_seed


def _row(name: str, comparison: Comparison) -> str:
    return (
        f"| {name} | {comparison.f1_a:.2f} | {comparison.f1_b:.2f} | "
        f"{comparison.difference:+.2f} | {comparison.low:+.2f} to {comparison.high:+.2f} | "
        f"{comparison.not_better:.4f} |"
    )


def main(argv: Optional[Sequence[str]] = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--a", nargs="+", type=pathlib.Path, required=True, help="run folders")
    parser.add_argument("--b", nargs="+", type=pathlib.Path, required=True, help="run folders")
    parser.add_argument("--test", default="data/ncbi_disease/test.tsv", help="the gold test file")
    parser.add_argument("--draws", type=int, default=10_000, help="bootstrap draws")
    parser.add_argument("--seed", type=int, default=0, help="of the draws")
    parser.add_argument(
        "--target", type=float, help="a difference to hold against the interval (e.g. 1.5)"
    )
    args = parser.parse_args(argv)
    if args.draws < 100:
        parser.error(f"--draws {args.draws}: at least 100 for a 95% interval")
    a = _runs_by_seed(parser, args.a, args.test)
    b = _runs_by_seed(parser, args.b, args.test)

    lines = [
        "| seeds | F1 of A | F1 of B | A - B | 95% interval | share of draws A <= B |",
        "|---|---|---|---|---|---|",
    ]
    for seed in sorted(a.keys() & b.keys()):
        lines.append(_row(str(seed), compare([a[seed]], [b[seed]], args.draws, args.seed)))
    mean = compare(list(a.values()), list(b.values()), args.draws, args.seed)
    seeds_a = ", ".join(str(seed) for seed in sorted(a))
    seeds_b = ", ".join(str(seed) for seed in sorted(b))
    name = f"mean of A ({seeds_a}) and B ({seeds_b})" if a.keys() != b.keys() else "mean"
    lines.append(_row(name, mean))
    print(f"paired bootstrap over test sentences, {args.draws:,} draws (seed {args.seed})")
    print("\n".join(lines))
    if args.target is not None:
        if args.target > mean.high:
            verdict = "above the interval: the test set rules it out"
        elif args.target < mean.low:
            verdict = "below the interval: the test set rules it out"
        else:
            verdict = "inside the interval: the test set cannot tell"
        print(f"target A - B = {args.target:+.2f}: {verdict}")


if __name__ == "__main__":
    main()
