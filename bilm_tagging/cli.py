"""
Tags documents with shipped models, no training needed:

    bilm-tag --model ncbi_disease abstracts.txt                 (entities as JSON lines on stdout)
    bilm-tag --model ncbi_disease --model bc5cdr in.pubtator -o out.pubtator
    bilm-tag --model bc5cdr pubmed.xml --output-format bioc-xml -o out.xml
    bilm-tag --model ncbi_disease pubmed.jsonl --output-dir tagged/ --processes 2

With --output-dir, a large collection is tagged in shards (part-000000.jsonl, ...), resumably (run
the same command again after a kill: it continues where it stopped), by several processes or by
Ray actors (--engine ray; --ray-address for a cluster).

Input (by file name, or `--input-format`): plain text (abstracts separated by blank lines),
JSON lines (`{"id": ..., "text": ...}`), PubTator, BioC XML, BioC JSON (PubTator3's too), PubMed
XML, a brat folder. Output: JSON lines, PubTator, BioC XML or JSON, brat, CoNLL; by default the
input's format where it can be written, else JSON lines.
"""

import argparse
import sys
from typing import List, Optional

from tqdm import tqdm

from bilm_serving.tagger import DEVICE_HELP, PRECISION_HELP, PRECISIONS
from bilm_tagging.bulk import tag_collection
from bilm_tagging.document_formats import (
    INPUT_FORMATS,
    OUTPUT_FORMATS,
    DocumentWriter,
    default_output_format,
    guess_format,
    read_documents,
)
from bilm_tagging.formats.document import Document
from bilm_tagging.multi_tagger import OVERLAP_POLICIES, MultiTagger
from bilm_tagging.shipped import ModelNotFound, available_models, load_taggers


def _positive(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, not {text!r}")
    return int(text)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bilm-tag",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("input", nargs="?", help="a file of documents, or a brat folder")
    parser.add_argument(
        "-m", "--model", action="append", dest="models", metavar="MODEL",
        help="a shipped model's name or an exported tagger's folder; repeat for several "
        "(default: every shipped model)",
    )  # fmt: skip
    parser.add_argument(
        "-o", "--output", default="-", help="output file, brat folder, or - (stdout)"
    )
    parser.add_argument("--input-format", choices=("auto",) + INPUT_FORMATS, default="auto")
    parser.add_argument("--output-format", choices=OUTPUT_FORMATS)
    parser.add_argument(
        "--overlaps", choices=OVERLAP_POLICIES, default="best",
        help="entities of different models that overlap: keep the best-scored one, or all",
    )  # fmt: skip
    parser.add_argument(
        "--batch-size", type=_positive, default=32, help="documents tagged together"
    )
    parser.add_argument("--precision", choices=PRECISIONS, default="float32", help=PRECISION_HELP)
    parser.add_argument("--device", default="cpu", help=DEVICE_HELP)
    parser.add_argument(
        "--threads", type=_positive, help="PyTorch threads per process (default: cores / processes)"
    )
    bulk = parser.add_argument_group("large collections (sharded, resumable)")
    bulk.add_argument("--output-dir", help="folder for the shards; resumes a run there")
    bulk.add_argument("--shard-size", type=_positive, default=1000, help="documents per shard")
    bulk.add_argument(
        "--processes", type=_positive, default=1, help="worker processes (or Ray actors)"
    )
    bulk.add_argument("--engine", choices=("processes", "ray"), default="processes")
    bulk.add_argument("--ray-address", help="a Ray cluster (auto, ray://HOST:10001); default local")
    bulk.add_argument(
        "--gpus-per-actor", type=float, default=1.0,
        help="with --engine ray --device cuda: each actor's share of a GPU (0.125: 8 per GPU)",
    )  # fmt: skip
    parser.add_argument("--list-models", action="store_true", help="list the shipped models")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    return parser


def tag_file(
    tagger: MultiTagger,
    input_path: str,
    output_path: str,
    input_format: str = "auto",
    output_format: Optional[str] = None,
    batch_size: int = 32,
    progress: bool = True,
) -> int:
    """Tags every document of `input_path` into `output_path` (`-`: stdout), a batch at a
    time; returns the number of documents."""
    if input_format == "auto":
        input_format = guess_format(input_path)
    output_format = output_format or default_output_format(input_format)
    if output_format == "conll" and len(tagger.taggers) > 1:
        raise ValueError("CoNLL output takes one model (its tags cannot overlap)")
    if output_format == "brat" and output_path == "-":
        raise ValueError("brat output needs a folder: -o FOLDER")
    documents = read_documents(input_path, input_format)
    writer = DocumentWriter(
        output_path, output_format, out=sys.stdout if output_path == "-" else None
    )
    count = 0
    batch: List[Document] = []
    with tqdm(desc="tagging", unit=" documents", disable=not progress, file=sys.stderr) as bar:
        try:
            for document in documents:
                batch.append(document)
                if len(batch) == batch_size:
                    count += _write_batch(tagger, batch, writer)
                    bar.update(len(batch))
                    batch = []
            count += _write_batch(tagger, batch, writer)
            bar.update(len(batch))
        finally:
            writer.close()
    return count


def _write_batch(tagger: MultiTagger, batch: List[Document], writer: DocumentWriter) -> int:
    for document, result in zip(batch, tagger.tag(batch) if batch else []):
        writer.write(document, result)
    return len(batch)


def main(argv: Optional[List[str]] = None) -> int:
    args = _parser().parse_args(argv)
    if args.list_models:
        for name in available_models():
            print(name)
        return 0
    if args.input is None:
        _parser().error("give an input file (or --list-models)")
    try:
        if args.output_dir:
            summary = tag_collection(
                args.input, args.output_dir, args.models or [], args.input_format,
                args.output_format, args.shard_size, args.processes, args.overlaps,
                args.engine, args.ray_address, progress=not args.quiet,
                precision=args.precision, threads=args.threads, device=args.device,
                gpus_per_actor=args.gpus_per_actor,
            )  # fmt: skip
            print(
                f"bilm-tag: {summary.documents} documents tagged into {summary.shards} shards "
                f"in {args.output_dir} ({summary.skipped} done by an earlier run)",
                file=sys.stderr,
            )
            return 0
        if args.threads:
            import torch

            torch.set_num_threads(args.threads)
        tagger = load_taggers(args.models or [], args.overlaps, args.precision, args.device)
        count = tag_file(
            tagger, args.input, args.output, args.input_format, args.output_format,
            args.batch_size, progress=not args.quiet,
        )  # fmt: skip
    except (ModelNotFound, OSError, ValueError) as error:
        print(f"bilm-tag: error: {error}", file=sys.stderr)
        return 2
    print(f"bilm-tag: {count} documents tagged with {', '.join(tagger.names)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
