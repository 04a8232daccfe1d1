"""
Where a shipped tagger spends its time on raw abstracts: sentence splitting and tokenization,
then the network's operators (torch profiler). Prints both.

    .venv/bin/python benchmarks/profile_tagger.py [--model ncbi_disease] [--abstracts 128]
        [--precision int8] [--threads 1]
"""

import argparse
import pathlib
import time

import torch

from bilm_tagging.formats.document import Document
from bilm_tagging.shipped import load_tagger
from bilm_transfer.data.sentence_splitter import split_sentences

JNLPBA = (
    pathlib.Path(__file__).resolve().parents[2] / "shared" / "data" / "JNLPBA-standoff" / "train"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="ncbi_disease")
    parser.add_argument("--abstracts", type=int, default=128)
    parser.add_argument("--precision", choices=("float32", "int8"), default="float32")
    parser.add_argument("--threads", type=int, help="PyTorch threads (default: PyTorch's)")
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    paths = sorted(JNLPBA.glob("*.txt"))[: args.abstracts]
    documents = [Document(p.stem, p.read_text(encoding="utf-8").strip(), []) for p in paths]
    tagger = load_tagger(args.model, args.precision)
    tagger.tag(documents[:8])  # warm-up
    started = time.perf_counter()
    tagger.tag(documents)
    total = time.perf_counter() - started
    started = time.perf_counter()
    sentences = [
        [token.text for token in sentence]
        for document in documents
        for sentence in split_sentences(document.text, tagger._tokenizer)
    ]
    splitting = time.perf_counter() - started
    print(f"{len(documents)} abstracts: {total:.2f} s in all ({len(documents) / total:.1f}/s), "
          f"of which sentence splitting and tokenization {splitting:.2f} s "
          f"({100 * splitting / total:.0f}%); {torch.get_num_threads()} threads\n")  # fmt: skip
    with torch.profiler.profile() as profile:
        tagger._tagger.tag(sentences)
    print(profile.key_averages().table(sort_by="self_cpu_time_total", row_limit=8))


if __name__ == "__main__":
    main()
