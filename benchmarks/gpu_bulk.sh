#!/usr/bin/env bash
# benchmarks/bulk.py on a lent GPU machine (Python 3.12 with its own PyTorch, no package registry;
# ../shared/device/README.md).
#   here, after `make install`:   benchmarks/gpu_bulk.sh prepare
#   there, with .gpu/ carried:     benchmarks/gpu_bulk.sh run [bulk.py options]
# Unlike training (../shared/device/prepare.sh, whose .gpu/ this extends), tagging raw text needs the
# real spaCy (sentence splitting): its stack travels as one archive of the 3.12 wheels with the
# debug symbols stripped from the compiled modules (9 MB instead of 58 MB of wheels). transformers,
# tokenizers, huggingface_hub and jsonnet, which tagging never uses, stay behind (stand-ins), so
# that the checkout and .gpu/ fit in the 64 MiB the machine takes.
set -euo pipefail
cd "$(dirname "$0")/.."
SPACY_STACK="spacy spacy-legacy spacy-loggers thinc blis cymem preshed murmurhash srsly catalogue
wasabi confection weasel pydantic pydantic_core annotated-types typing-inspection smart_open cloudpathlib"
NOT_CARRIED="transformers tokenizers huggingface_hub jsonnet"
TAGGING_SITE="bioc jsonlines intervaltree docopt"  # pure Python, for the document formats

prepare() {
  ../shared/device/prepare.sh
  for p in $NOT_CARRIED; do rm -f .gpu/whl/"$p"-*.whl; done
  local sp; sp=$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
  for p in $TAGGING_SITE; do
    if [ -d "$sp/$p" ]; then cp -r "$sp/$p" .gpu/site/; else cp "$sp/$p.py" .gpu/site/; fi
  done
  find .gpu/site -name __pycache__ -prune -exec rm -rf {} +
  local stage; stage=$(mktemp -d)
  for p in $SPACY_STACK; do
    v=$(.venv/bin/python -m pip show "$p" | awk '/^Version:/{print $2}')
    python3 -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 --implementation cp \
      --platform manylinux_2_28_x86_64 --platform manylinux_2_24_x86_64 --platform manylinux_2_17_x86_64 \
      --platform manylinux2014_x86_64 --platform manylinux1_x86_64 -d "$stage/whl" "$p==$v"
  done
  mkdir -p "$stage/site"
  for w in "$stage"/whl/*.whl; do unzip -q -o "$w" -d "$stage/site"; done
  (
    cd "$stage/site"
    rm -rf spacy/tests
    find . \( -name "*.pyx" -o -name "*.pxd" -o -name "*.cpp" -o -name "*.c" -o -name "*.h" \) -delete
    find . -name "*.so" -exec strip --strip-unneeded {} +
    tar cf - . | xz -9 -T0 > "$OLDPWD/.gpu/spacy.tar.xz"
  )
  rm -rf "$stage"
  # The stand-ins: spaCy is real here; the packages left behind are not.
  sed -i 's/^STUBBED = ("spacy", /STUBBED = ("transformers", "tokenizers", "huggingface_hub", /' \
    .gpu/stubs/sitecustomize.py
  grep -q '"transformers"' .gpu/stubs/sitecustomize.py || { echo "stand-ins not patched" >&2; exit 1; }
  mkdir -p .gpu/abstracts
  cp ../shared/data/JNLPBA-standoff/train/*.txt .gpu/abstracts/
  git rev-parse --short HEAD > .gpu/commit
  echo "prepared: $(du -sh .gpu | cut -f1) in .gpu; with the tracked files: $(
    git ls-files -z | du -c --files0-from=- -m | tail -1 | cut -f1) MiB + .gpu"
}

run() {
  set +eo pipefail  # env.sh's `pip ... | grep -v warn` ends in 1 when pip says nothing
  # shellcheck disable=SC1091
  source .gpu/env.sh
  set -eo pipefail
  tar xJf .gpu/spacy.tar.xz -C /tmp/site
  # One abstract on the GPU first, with the whole error if it fails (the table keeps one line).
  python3 -m bilm_tagging.cli "$(ls .gpu/abstracts/*.txt | head -1)" --device cuda \
    --output-format jsonl --quiet | head -c 300; echo
  BILM_COMMIT=$(cat .gpu/commit) python3 benchmarks/bulk.py --texts .gpu/abstracts "$@"
}

case "${1:-}" in
  prepare) prepare ;;
  run) shift; run "$@" ;;
  *) echo "usage: $0 prepare | run [bulk.py options]" >&2; exit 2 ;;
esac
