"""
Tokenizer agreement: the share of a corpus's gold tokens that the `biomedical` tokenizer
reproduces exactly (same character span) when it tokenizes the raw text they came from.

The 200 abstracts of JNLPBA-IOB/devel.tsv are among the raw JNLPBA training abstracts in
JNLPBA-standoff/train; each gold token is located in its raw abstract (PTB quotes `` '' read as ")
and counts as reproduced when the tokenizer yields exactly its span. Gold tokens that the raw text
spells differently (`P.M.Lieberman` for `P. M. Lieberman`) count as misses.

    .venv/bin/python scripts/tokenizer_agreement.py [--data ../shared/data] [--misses 20]
"""

import argparse
import collections
import os
import warnings
from typing import Dict, Iterator, List, Optional, Tuple

warnings.filterwarnings("ignore", category=FutureWarning)  # AllenNLP's dependencies, at import

from bilm_transfer.data.biomedical_tokenizer import BiomedicalTokenizer  # noqa: E402

Span = Optional[Tuple[int, int]]


def documents(path: str) -> Iterator[List[str]]:
    """Token lists of the documents (separated by -DOCSTART-) of a token<TAB>tag file."""
    document: List[str] = []
    with open(path, encoding="utf-8") as data_file:
        for line in data_file:
            if line.startswith("-DOCSTART-"):
                if document:
                    yield document
                document = []
            elif line.strip():
                document.append(line.split("\t")[0])
    if document:
        yield document


def unquote(token: str) -> str:
    return '"' if token in ("``", "''") else token


def signature(text: str) -> str:
    return "".join(text.split())[:80]


def raw_abstracts(folder: str) -> Dict[str, str]:
    abstracts = {}
    for name in sorted(os.listdir(folder)):
        if name.endswith(".txt"):
            with open(os.path.join(folder, name), encoding="utf-8") as text_file:
                text = text_file.read()
            abstracts[signature(text)] = text
    return abstracts


def locate(tokens: List[str], text: str) -> List[Span]:
    """Each gold token's span in the raw text; `None` where the text differs (then resync)."""
    spans: List[Span] = []
    position, lost = 0, False
    for token in map(unquote, tokens):
        found = text.find(token, position, position + len(token) + 40)
        if found < 0 or (not lost and text[position:found].strip(" \n.")):
            spans.append(None)
            lost = True
            continue
        spans.append((found, found + len(token)))
        position, lost = found + len(token), False
    return spans


def agreement(
    gold_file: str, raw_folder: str, scheme: str, misses: int = 0
) -> Tuple[int, int, int]:
    """(documents found, gold tokens, tokens reproduced); prints the commonest misses."""
    tokenizer = BiomedicalTokenizer(scheme)
    abstracts = raw_abstracts(raw_folder)
    found = total = reproduced = 0
    missed: collections.Counter = collections.Counter()
    for document in documents(gold_file):
        text = abstracts.get(signature("".join(map(unquote, document))))
        if text is None:
            continue
        found += 1
        ours = set(tokenizer.spans(text))
        for token, span in zip(document, locate(document, text)):
            total += 1
            if span in ours:
                reproduced += 1
            else:
                missed[token] += 1
    if misses:
        print(
            f"commonest misses ({scheme}):",
            ", ".join(f"{t!r} {n}" for t, n in missed.most_common(misses)),
        )
    return found, total, reproduced


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data")
    parser.add_argument("--data", default=os.path.normpath(default), help="the shared data folder")
    parser.add_argument("--misses", type=int, default=0, help="print the N commonest misses")
    args = parser.parse_args()
    gold = os.path.join(args.data, "JNLPBA-IOB", "devel.tsv")
    raw = os.path.join(args.data, "JNLPBA-standoff", "train")
    print("| corpus | tokenizer scheme | abstracts found | gold tokens | reproduced |")
    print("|---|---|---|---|---|")
    for scheme in ("genia", "alnum"):
        found, total, reproduced = agreement(gold, raw, scheme, args.misses)
        print(
            f"| JNLPBA devel | {scheme} | {found} | {total:,} | {100 * reproduced / total:.2f}% |"
        )


if __name__ == "__main__":
    main()
