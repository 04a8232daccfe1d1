#!/usr/bin/env bash
# One short BiLM -> transfer -> tagger run per corpus config (BC5CDR, BC2GM, JNLPBA), to show
# each config trains end to end on the full data; prints each run's devel F1 as a Markdown table.
#   scripts/corpus_smoke_runs.sh [RUN_ROOT] [EPOCHS]      (defaults: runs/smoke, 1 epoch each)
# Needs ../shared/data (or BC5CDR_DIR, BC2GM_DIR, JNLPBA_DIR, JNLPBA_STANDOFF_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
root=${1:-runs/smoke}
epochs=${2:-1}
allennlp=.venv/bin/allennlp
log() { echo "[$(date '+%H:%M:%S')] $*" >&2; }

for corpus in bc5cdr bc2gm jnlpba; do
  run=$root/$corpus
  if [ ! -f "$run/bilm/model.tar.gz" ]; then
    log "$corpus: BiLM, $epochs epoch(s) -> $run/bilm"
    rm -rf "$run/bilm"
    NUM_EPOCHS=$epochs $allennlp train "training_configs/${corpus}_bilm.jsonnet" -s "$run/bilm" \
      --include-package bilm_transfer
  fi
  if [ ! -f "$run/ner/model.tar.gz" ]; then
    log "$corpus: tagger with BiLM transfer, $epochs epoch(s) -> $run/ner"
    rm -rf "$run/ner"
    archive_variable="$(echo "$corpus" | tr '[:lower:]' '[:upper:]')_BILM_ARCHIVE"
    env NUM_EPOCHS="$epochs" "$archive_variable=$run/bilm/model.tar.gz" $allennlp train \
      "training_configs/${corpus}_ner.jsonnet" -s "$run/ner" --include-package bilm_transfer
  fi
done

.venv/bin/python - "$root" <<'PYTHON'
import json, pathlib, sys

root = pathlib.Path(sys.argv[1])
print("| corpus | BiLM epochs | BiLM devel perplexity | tagger epochs | devel P | devel R | devel F1 |")
print("|---|---|---|---|---|---|---|")
for corpus in ("bc5cdr", "bc2gm", "jnlpba"):
    bilm = json.loads((root / corpus / "bilm" / "metrics.json").read_text())
    ner = json.loads((root / corpus / "ner" / "metrics.json").read_text())
    print(
        f"| {corpus} | {bilm['epoch'] + 1} | {bilm['best_validation_perplexity']:.1f} "
        f"| {ner['epoch'] + 1} | {100 * ner['best_validation_precision-overall']:.2f} "
        f"| {100 * ner['best_validation_recall-overall']:.2f} "
        f"| {100 * ner['best_validation_f1-measure-overall']:.2f} |"
    )
PYTHON
