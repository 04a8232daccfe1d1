#!/usr/bin/env bash
# 300-d skip-gram word vectors on all the unlabeled biomedical text at hand, for the BiLM's and
# every tagger's word embedding (the paper used PubMed skip-gram vectors, which cannot be
# downloaded here): train+devel of every corpus in ../shared/data, JNLPBA's training abstracts,
# the ten corpora of ../shared/data/unlabeled (their test splits removed) and, unless
# SMALL=1, ../shared/data/unlabeled-large (10.5M cased + 49M lowercased words, test documents
# removed; see its README). No test split is ever read.
#   scripts/train_skipgram_vectors.sh [OUTPUT]      (default runs/vectors/skipgram300.bin)
# WORKERS (default 1): gensim threads. One thread makes the same file every time, so a BiLM/none
# pair can be finished after the file is lost; several threads train faster on many cores, but
# each making differs (the committed results name their file by `experiments.runner.fingerprint`).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-runs/vectors/skipgram300.bin}
data=${SHARED_DATA:-../shared/data}
inputs=(
  "$data"/{NCBI-disease,BC5CDR,BC2GM}-IOB/{train,devel}.tsv
  "$data"/JNLPBA-IOB/devel.tsv
  "$data"/JNLPBA-standoff/train
  "$data"/unlabeled/*.txt
)
[ "${SMALL:-0}" = 1 ] || inputs+=("$data"/unlabeled-large/{cased,lowercased}/*.txt.xz)
for path in "${inputs[@]}"; do
  [ -e "$path" ] || { echo "error: $path not found (set SHARED_DATA)" >&2; exit 1; }
done
mkdir -p "$(dirname "$out")"
.venv/bin/allennlp train-word-vectors "$(IFS=,; echo "${inputs[*]}")" -o "$out" \
  --workers "${WORKERS:-1}" --include-package bilm_transfer
