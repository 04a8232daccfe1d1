#!/usr/bin/env bash
# 300-d skip-gram word vectors on all the unlabeled biomedical text at hand, for Table 3's "our
# skip-gram vectors" rows (the paper used PubMed skip-gram vectors, which cannot be downloaded
# here): train+devel of every corpus in ../shared/data, JNLPBA's training abstracts, and the ten
# corpora of ../shared/data/unlabeled (their test splits removed). No test split is ever read.
#   scripts/train_skipgram_vectors.sh [OUTPUT]      (default runs/vectors/skipgram300.bin)
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
for path in "${inputs[@]}"; do
  [ -e "$path" ] || { echo "error: $path not found (set SHARED_DATA)" >&2; exit 1; }
done
mkdir -p "$(dirname "$out")"
.venv/bin/allennlp train-word-vectors "$(IFS=,; echo "${inputs[*]}")" -o "$out" \
  --include-package bilm_transfer
