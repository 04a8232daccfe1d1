"""
Tags JSON lines with an exported tagger, without AllenNLP:

    python -m bilm_serving BUNDLE INPUT.jsonl [--output-file OUT.jsonl]

BUNDLE is the folder `allennlp export-tagger` wrote; INPUT has `{"tokens": [...]}` or
`{"sentence": "..."}` lines (`-` reads standard input). The output equals `allennlp predict`'s.
"""

import argparse
import json
import sys

from bilm_serving.tagger import PRECISION_HELP, PRECISIONS, BundleError, StandaloneTagger


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bilm_serving", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("bundle", help="folder written by `allennlp export-tagger`")
    parser.add_argument("input_file", help="JSON lines with 'tokens' or 'sentence'; - for stdin")
    parser.add_argument("--output-file", help="where to write JSON lines (default: stdout)")
    parser.add_argument("--batch-size", type=int, default=64, help="input lines per batch")
    parser.add_argument("--precision", choices=PRECISIONS, default="float32", help=PRECISION_HELP)
    args = parser.parse_args(argv)
    try:
        tagger = StandaloneTagger(args.bundle, args.precision)
        source = sys.stdin if args.input_file == "-" else open(args.input_file, encoding="utf-8")
    except (BundleError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    sink = open(args.output_file, "w", encoding="utf-8") if args.output_file else sys.stdout
    with source, sink:
        for result in tagger.predict_lines(source, args.batch_size):
            sink.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
