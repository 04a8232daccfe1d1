#!/usr/bin/env bash
# benchmarks/bulk.py on a lent GPU machine (Python 3.12 with its own PyTorch, no package registry;
# ../shared/device/README.md).
#   here, after `make install`:   benchmarks/gpu_bulk.sh prepare
#   there, with .gpu/ carried:     benchmarks/gpu_bulk.sh run [bulk.py options]
# Tagging (`bilm-tag`, bilm_tagging + bilm_serving) needs neither AllenNLP nor the training stack,
# so what travels is only what the GPU machine's image lacks for it: the spaCy stack (sentence
# splitting), Ray for the `cuda-ray-*` configurations, jsonschema (Ray's one missing need) and the
# pure-Python document-format packages. The wheels for Python 3.12, at the versions in .venv,
# travel as one xz archive with the debug symbols stripped from their compiled modules, and Ray
# without its Java jars, its dashboard's web client and the libraries bilm-tag does not use
# (Data, Train, Tune, Serve, RLlib, LLM): about 27 MB, so that the checkout and .gpu/ fit in the
# 64 MiB the machine takes.
#   PYTHON_VERSION=3.11 benchmarks/gpu_bulk.sh prepare   builds the same bundle for this machine's
#   Python, to check here that bilm-tag runs on it (see `check`).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON_VERSION=${PYTHON_VERSION:-3.12}
STACK="spacy spacy-legacy spacy-loggers thinc blis cymem preshed murmurhash srsly catalogue
wasabi confection weasel pydantic pydantic_core annotated-types typing-inspection smart_open cloudpathlib
ray jsonschema jsonschema-specifications referencing rpds-py"
TAGGING_SITE="bioc jsonlines intervaltree docopt"  # pure Python, for the document formats
# What bilm-tag never imports from the Ray wheel (Ray Core's actors and ActorPool stay).
RAY_UNUSED="jars rllib data serve train tune llm dashboard/client/build"

prepare() {
  [ -x .venv/bin/python ] || { echo "run make install first (needs .venv)" >&2; exit 1; }
  local ex; ex=$(git rev-parse --git-path info/exclude)
  grep -qx "/.gpu/" "$ex" 2>/dev/null || echo "/.gpu/" >> "$ex"
  rm -rf .gpu; mkdir -p .gpu/site
  local sp; sp=$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
  for p in $TAGGING_SITE; do
    if [ -d "$sp/$p" ]; then cp -r "$sp/$p" .gpu/site/; else cp "$sp/$p.py" .gpu/site/; fi
  done
  find .gpu/site -name __pycache__ -prune -exec rm -rf {} +
  local stage; stage=$(mktemp -d)
  for p in $STACK; do
    v=$(.venv/bin/python -m pip show "$p" | awk '/^Version:/{print $2}')
    # A failed download stops the script (a bundle without a package would fail on the GPU).
    python3 -m pip download -q --no-deps --only-binary=:all: --python-version "$PYTHON_VERSION" \
      --implementation cp \
      --platform manylinux_2_28_x86_64 --platform manylinux_2_24_x86_64 --platform manylinux_2_17_x86_64 \
      --platform manylinux2014_x86_64 --platform manylinux1_x86_64 \
      -d "$stage/whl" "$p==$v"
  done
  mkdir -p "$stage/site"
  for w in "$stage"/whl/*.whl; do unzip -q -o "$w" -d "$stage/site"; done
  (
    cd "$stage/site"
    rm -rf spacy/tests
    for d in $RAY_UNUSED; do rm -rf "ray/$d"; done
    find . -name tests -type d -prune -exec rm -rf {} +
    find . \( -name "*.pyx" -o -name "*.pxd" -o -name "*.cpp" -o -name "*.c" -o -name "*.h" \
      -o -name "*.map" \) -delete
    find . -name "*.so" -exec strip --strip-unneeded {} +
    strip --strip-unneeded ray/core/src/ray/raylet/raylet ray/core/src/ray/gcs/gcs_server
    tar cf - . | xz -9 -T0 > "$OLDPWD/.gpu/stack.tar.xz"
  )
  rm -rf "$stage"
  (cd ../shared/data/JNLPBA-standoff/train && ls -- *.txt | tar cf - -T -) | xz -9 > .gpu/abstracts.tar.xz
  git rev-parse --short HEAD > .gpu/commit
  echo "prepared: $(du -sh .gpu | cut -f1) in .gpu; with the tracked files: $(
    git ls-files -z | du -c --files0-from=- -m | tail -1 | cut -f1) MiB + .gpu"
}

unpack() {
  rm -rf /tmp/gpu_site /tmp/gpu_abstracts; mkdir -p /tmp/gpu_site /tmp/gpu_abstracts
  tar xJf .gpu/stack.tar.xz -C /tmp/gpu_site
  tar xJf .gpu/abstracts.tar.xz -C /tmp/gpu_abstracts
  export PYTHONPATH=/tmp/gpu_site:$PWD/.gpu/site:$PWD PYTHONUNBUFFERED=1
}

run() {
  unpack
  python3 -c "import torch; print('torch', torch.__version__, 'GPU', torch.cuda.get_device_name(0))"
  # One abstract on the GPU first, with the whole error if it fails (the table keeps one line).
  python3 -m bilm_tagging.cli "$(ls /tmp/gpu_abstracts/*.txt | head -1)" --device cuda \
    --output-format jsonl --quiet | head -c 300; echo
  BILM_COMMIT=$(cat .gpu/commit) python3 benchmarks/bulk.py --texts /tmp/gpu_abstracts "$@"
}

# Here, after `PYTHON_VERSION=3.11 ... prepare`: the bundle's packages shadow .venv's, so a module
# the stripping removed but bilm-tag needs fails this run.
check() {
  unpack
  .venv/bin/python -c "import ray, spacy; print('ray', ray.__file__, 'spacy', spacy.__file__)"
  .venv/bin/python benchmarks/bulk.py --texts /tmp/gpu_abstracts "$@"
}

case "${1:-}" in
  prepare) prepare ;;
  run) shift; run "$@" ;;
  check) shift; check "$@" ;;
  *) echo "usage: $0 prepare | run [bulk.py options] | check [bulk.py options]" >&2; exit 2 ;;
esac
