#!/usr/bin/env bash
# The main job on the bundled NCBI-disease data: pretrain the BiLM, transfer it into the
# CNN-BiLSTM-CRF tagger and fine-tune, evaluate on devel and test, tag an example file.
#   scripts/run_ncbi.sh [RUN_DIR]           (default runs/ncbi)
# Environment: BILM_EPOCHS / NER_EPOCHS (default: NUM_EPOCHS, else the paper's 20 / 50, early
# stopping after 3), CUDA_DEVICE (default -1, the CPU), SEED (default 13), BILM_CONFIG (default
# the paper's training_configs/ncbi_bilm.jsonnet; training_configs/ncbi_bilm_fast.jsonnet is 2-3x
# faster). A quick check of the whole pipeline: NUM_EPOCHS=1 make ncbi.
set -euo pipefail
cd "$(dirname "$0")/.."
run=${1:-runs/ncbi}
allennlp=.venv/bin/allennlp
mkdir -p "$run"
log() { echo "[$(date '+%H:%M:%S')] $*"; }

if [ ! -f "$run/bilm/model.tar.gz" ]; then
  log "BiLM pretraining on NCBI-disease train+devel -> $run/bilm"
  rm -rf "$run/bilm"
  NUM_EPOCHS=${BILM_EPOCHS:-${NUM_EPOCHS:-}} $allennlp train "${BILM_CONFIG:-training_configs/ncbi_bilm.jsonnet}" \
    -s "$run/bilm" --include-package bilm_transfer
fi
if [ ! -f "$run/ner/model.tar.gz" ]; then
  log "Tagger with BiLM transfer -> $run/ner"
  rm -rf "$run/ner"
  NUM_EPOCHS=${NER_EPOCHS:-${NUM_EPOCHS:-}} BILM_ARCHIVE="$run/bilm/model.tar.gz" $allennlp train \
    training_configs/ncbi_ner.jsonnet -s "$run/ner" --include-package bilm_transfer
fi
for split in devel test; do
  log "Evaluating on $split"
  $allennlp evaluate "$run/ner/model.tar.gz" data/ncbi_disease/$split.tsv \
    --output-file "$run/${split}_metrics.json" --include-package bilm_transfer
done
log "Tagging examples/abstracts.jsonl -> $run/predictions.jsonl"
$allennlp predict "$run/ner/model.tar.gz" examples/abstracts.jsonl --predictor ner_tagger \
  --output-file "$run/predictions.jsonl" --include-package bilm_transfer --silent
.venv/bin/python -m experiments.summarize_run "$run"
