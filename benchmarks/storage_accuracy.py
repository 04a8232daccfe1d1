"""
What each `export-tagger --storage` costs in accuracy and gains in size: a tagger archive exported
as float32, float16 and packed (`bilm_serving.packing`), each bundle's network file size and its
P/R/F1 on a token<TAB>tag file (exact-match spans). Meant for devel files and archives trained on
train only, so that the choice of a storage never looks at test. Prints a table.

    .venv/bin/python benchmarks/storage_accuracy.py ARCHIVE EVAL.tsv [ARCHIVE EVAL.tsv ...]
"""

import argparse
import os
import tempfile

from provenance import command_line, provenance

from bilm_serving.tagger import StandaloneTagger, bundle_network_file
from bilm_transfer.commands.export_tagger import STORAGES, export_tagger
from bilm_transfer.commands.ship_model import span_scores
from bilm_transfer.formats.columns import read_tokens_and_tags


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pairs", nargs="+", metavar="ARCHIVE EVAL.tsv")
    args = parser.parse_args()
    if len(args.pairs) % 2:
        parser.error("give an evaluation file after each archive")
    print(provenance())
    print(f"`{command_line()}`\n")
    print("| archive | evaluated on | storage | network file (MB) | P | R | F1 | F1 change |")
    print("|---|---|---|---|---|---|---|---|")
    for archive, eval_file in zip(args.pairs[0::2], args.pairs[1::2]):
        tokens, gold = read_tokens_and_tags(eval_file)
        baseline = None
        with tempfile.TemporaryDirectory() as folder:
            for storage in STORAGES:
                bundle = os.path.join(folder, storage)
                export_tagger(archive, bundle, storage)
                size = os.path.getsize(bundle_network_file(bundle) or "")
                tagger = StandaloneTagger(bundle, cached_spellings=0)
                scores = span_scores([tags for tags, _ in tagger.tag(tokens)], gold)
                f1 = 100 * scores["f1-measure-overall"]
                baseline = f1 if baseline is None else baseline
                print(
                    f"| {archive} | {eval_file} | {storage} | {size / 1e6:.1f} | "
                    f"{100 * scores['precision-overall']:.2f} | "
                    f"{100 * scores['recall-overall']:.2f} | {f1:.2f} | {f1 - baseline:+.2f} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
