"""
Writes the names of the JNLPBA training abstracts (brat, ../shared/data/JNLPBA-standoff/train)
that are the abstracts of JNLPBA-IOB/devel.tsv, one per line: the JNLPBA configs leave them out of
training (`exclude_documents`), so devel stays held out.

    .venv/bin/python scripts/jnlpba_devel_abstracts.py [--data ../shared/data] \
        > data/jnlpba/devel_abstracts.txt
"""

import argparse
import os
import sys

from tokenizer_agreement import documents, signature, unquote  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default = os.path.normpath(
        os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data")
    )
    parser.add_argument("--data", default=default)
    args = parser.parse_args()
    folder = os.path.join(args.data, "JNLPBA-standoff", "train")
    texts = {}
    for name in sorted(os.listdir(folder)):
        if name.endswith(".txt"):
            with open(os.path.join(folder, name), encoding="utf-8") as text_file:
                texts[name[: -len(".txt")]] = "".join(text_file.read().split())
    by_signature = {text[:80]: name for name, text in texts.items()}
    found = 0
    devel = os.path.join(args.data, "JNLPBA-IOB", "devel.tsv")
    for document in documents(devel):
        joined = "".join(map(unquote, document))
        name = by_signature.get(signature(joined))
        if name is None:  # the title differs: look for a stretch of the body instead
            middle = joined[len(joined) // 2 : len(joined) // 2 + 60]
            name = next((n for n, text in texts.items() if middle in text), None)
        if name:
            print(name)
            found += 1
    print(f"{found} devel abstracts found among the training abstracts", file=sys.stderr)


if __name__ == "__main__":
    main()
