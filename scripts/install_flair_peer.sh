#!/usr/bin/env bash
# Creates .venv-flair with flair (the peer of benchmarks/bulk.py) on the same torch as .venv.
# flair 0.15 needs a newer stack than AllenNLP 2.10, so it gets an environment of its own.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3.11}
[ -x .venv-flair/bin/python ] || "$python" -m venv .venv-flair
.venv-flair/bin/python -m pip install --quiet --disable-pip-version-check \
  -r requirements-flair.txt -c constraints.txt 2>&1 \
  | { grep -v "is ignored: it is neither a file nor a directory" || true; }
.venv-flair/bin/python -c 'import flair; print("flair", flair.__version__, "installed in .venv-flair")'
