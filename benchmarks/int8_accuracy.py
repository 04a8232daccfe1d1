"""
What `--precision int8` costs and gains: each shipped model's test P/R/F1 and its network speed
(sentences/s, one thread, tokens given) in float32 and with int8 LSTMs and projection
(`bilm_serving.model.int8_quantized`), on the test file named in its model card. Prints a table.

    .venv/bin/python benchmarks/int8_accuracy.py [--model ncbi_disease ...] [--threads 1]
"""

import argparse
import json
import pathlib
import time

import torch
from provenance import command_line, provenance

from bilm_serving.tagger import StandaloneTagger
from bilm_tagging.shipped import available_models, model_path
from bilm_transfer.commands.ship_model import span_scores
from bilm_transfer.formats.columns import read_tokens_and_tags

ROOT = pathlib.Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", action="append", dest="models")
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    print(provenance())
    print(f"`{command_line()}`; {args.threads} thread(s)\n")
    print("| model | test file | precision | P | R | F1 | sentences/s | int8 / float32 speed |")
    print("|---|---|---|---|---|---|---|---|")
    for name in args.models or available_models():
        bundle = model_path(name)
        card = json.loads((pathlib.Path(bundle) / "card.json").read_text())
        test_file = ROOT / card["test_file"]
        tokens, gold = read_tokens_and_tags(str(test_file))
        speeds = {}
        for precision in ("float32", "int8"):
            tagger = StandaloneTagger(bundle, precision)
            started = time.perf_counter()
            tags = [tags for tags, _ in tagger.tag(tokens)]
            speeds[precision] = len(tokens) / (time.perf_counter() - started)
            scores = span_scores(tags, gold)
            ratio = f"{speeds['int8'] / speeds['float32']:.2f}x" if precision == "int8" else ""
            print(
                f"| {name} | {card['test_file']} | {precision} | "
                f"{100 * scores['precision-overall']:.2f} | {100 * scores['recall-overall']:.2f} | "
                f"{100 * scores['f1-measure-overall']:.2f} | {speeds[precision]:.0f} | {ratio} |"
            )


if __name__ == "__main__":
    main()
