#!/usr/bin/env bash
# Creates .venv (Python 3.11) and installs the pinned, tested stack, then bilm_transfer (editable).
# Idempotent; needs no network but the package registries.
#
# allennlp 2.10.1 and allennlp-models 2.10.1 (their last releases) declare torch<1.13, which has no
# Python 3.11 wheels, so they and fairscale go in with --no-deps on top of the stack in
# requirements.txt, whose exact versions are in constraints.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
  echo "error: $python is Python $("$python" -c 'import platform; print(platform.python_version())'); bilm_transfer needs 3.11 (set PYTHON=...)" >&2
  exit 1
fi
[ -x .venv/bin/python ] || "$python" -m venv .venv
quiet() { { "$@" 2>&1; } | { grep -v "is ignored: it is neither a file nor a directory" || true; }; }
pip=(.venv/bin/python -m pip install --quiet --disable-pip-version-check)
quiet "${pip[@]}" -r requirements.txt -c constraints.txt
quiet "${pip[@]}" --no-deps -r requirements-nodeps.txt -c constraints.txt
quiet "${pip[@]}" -r requirements-ray.txt -c constraints.txt
quiet "${pip[@]}" --no-deps --no-build-isolation -e .
# allennlp_models/rc/tools/narrativeqa.py downloads NLTK's punkt at import when it is missing, in
# every `allennlp` command; an (empty) entry keeps start-up offline. Nothing here uses punkt.
mkdir -p .venv/nltk_data/tokenizers/punkt
.venv/bin/python -c 'import bilm_transfer, allennlp, allennlp_models, seqeval, spacy, bioc, fastapi; print("bilm_transfer", bilm_transfer.__version__, "installed in .venv")' 2>/dev/null
