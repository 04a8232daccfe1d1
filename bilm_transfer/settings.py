"""
Defaults for the `std.extVar`s of the shipped configs. AllenNLP hands every environment variable
to Jsonnet as an external variable but has no way to give one a default, so importing
`bilm_transfer` (which `--include-package bilm_transfer` does before the config is read) sets
these where the environment does not. Paths are relative to the repository root.
"""

import os
from typing import Dict

CONFIG_DEFAULTS: Dict[str, str] = {
    "CUDA_DEVICE": "-1",  # -1: CPU; 0: the first GPU
    "SEED": "13",
    "NCBI_DIR": "data/ncbi_disease",
    "BILM_ARCHIVE": "runs/ncbi_bilm/model.tar.gz",
    # The other corpora, from the shared data folder beside the repository.
    "BC5CDR_DIR": "../shared/data/BC5CDR-IOB",
    "BC5CDR_BILM_ARCHIVE": "runs/bc5cdr_bilm/model.tar.gz",
    "BC2GM_DIR": "../shared/data/BC2GM-IOB",
    "BC2GM_BILM_ARCHIVE": "runs/bc2gm_bilm/model.tar.gz",
    "JNLPBA_DIR": "../shared/data/JNLPBA-IOB",
    "JNLPBA_STANDOFF_DIR": "../shared/data/JNLPBA-standoff/train",
    "JNLPBA_BILM_ARCHIVE": "runs/jnlpba_bilm/model.tar.gz",
    "WORD_VECTORS": "",  # a word2vec file (text or .bin); empty: random word vectors
    "NUM_EPOCHS": "",  # empty: the paper's protocol (20 for the BiLM, 50 for the tagger)
    # BiLM softmax: empty, the full softmax (the paper); N, a sampled softmax of N words.
    "BILM_SOFTMAX_SAMPLES": "",
    # BiLM: empty, both directions (the paper's BiLM); `forward` or `backward`, that LM alone.
    "BILM_DIRECTIONS": "",
    # Word dropout in training (the models' `word_dropout`): empty, none (the paper); a
    # probability that a word is read as the unknown word, in the BiLM or in the tagger.
    "BILM_WORD_DROPOUT": "",
    "WORD_DROPOUT": "",
    # Taggers with transfer: empty, the paper's Xavier head; `silent_fast`, a zero decoder whose
    # head (decoder and CRF) learns at 10x (training_configs/common/architecture.libsonnet).
    "TRANSFER_HEAD": "",
    # Taggers with transfer: empty, every part of the BiLM but its softmax (the paper); for
    # ablations `words`, `chars` (character embeddings and CNN), `embedder` (both), `lstms`, or
    # a `+`-joined set (`chars+lstms`): only those parts.
    "TRANSFER_PARTS": "",
}


def apply_config_defaults() -> None:
    for name, value in CONFIG_DEFAULTS.items():
        os.environ.setdefault(name, value)
