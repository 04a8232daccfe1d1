"""
The flair peer of benchmarks/bulk.py: a flair `SequenceTagger` of the paper's tagger size (word
vectors of 300, a character encoder, a BiLSTM of 256 per direction, a CRF over IOBES disease
tags), untrained (speed does not depend on the weights), tagging raw abstracts end to end as a
flair user would: flair's own sentence splitter and tokenizer (segtok), then
`SequenceTagger.predict` on 512 sentences at a time, in mini-batches of 32. It runs in its own
environment, since flair pins a newer stack than AllenNLP 2.10
(`scripts/install_flair_peer.sh` makes `.venv-flair`):

    .venv-flair/bin/python benchmarks/flair_peer.py COLLECTION.jsonl [--threads 2]

Prints the number of sentences and tokens tagged. Flair's character encoder is its stock
`CharacterEmbeddings` (character embeddings of 50, as ours, then a character BiLSTM of 25 per
direction), lighter than the paper's character CNN (1,100 filters): that favours flair.
"""

import argparse
import json
import string
import tempfile

import numpy
import torch

WORDS = 50000  # vectors kept by our taggers trained with word vectors (tasks.libsonnet)


def word_vectors(folder: str) -> str:
    """Random 300-d vectors of `WORDS` made-up words, as gensim KeyedVectors (flair's format)."""
    from gensim.models import KeyedVectors

    vectors = KeyedVectors(300)
    vectors.add_vectors([f"w{i}" for i in range(WORDS)], numpy.random.rand(WORDS, 300))
    path = f"{folder}/vectors.kv"
    vectors.save(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("collection", help="JSON lines with `id` and `text`")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    from flair.data import Dictionary
    from flair.embeddings import CharacterEmbeddings, StackedEmbeddings, WordEmbeddings
    from flair.models import SequenceTagger
    from flair.splitter import SegtokSentenceSplitter

    with tempfile.TemporaryDirectory() as folder:
        words = WordEmbeddings(word_vectors(folder))
    characters = Dictionary(add_unk=True)  # flair's default list is a download
    for character in string.printable:
        characters.add_item(character)
    embeddings = StackedEmbeddings(
        [words, CharacterEmbeddings(path_to_char_dict=characters, char_embedding_dim=50)]
    )
    labels = Dictionary(add_unk=False)
    labels.add_item("Disease")
    labels.span_labels = True  # tagged as BIOES spans
    tagger = SequenceTagger(
        hidden_size=256, embeddings=embeddings, tag_dictionary=labels, tag_type="ner",
        use_crf=True, tag_format="BIOES",
    ).eval()  # fmt: skip
    splitter = SegtokSentenceSplitter()
    sentences = tokens = 0
    chunk = []
    with open(args.collection, encoding="utf-8") as lines:
        for line in [*lines, None]:
            if line is not None:
                chunk.extend(splitter.split(json.loads(line)["text"]))
            if chunk and (line is None or len(chunk) >= 512):  # as the crf_tagger peer
                tagger.predict(chunk, mini_batch_size=32)  # sorted by length inside
                sentences += len(chunk)
                tokens += sum(len(sentence) for sentence in chunk)
                chunk = []
    print(sentences, tokens)


if __name__ == "__main__":
    main()
