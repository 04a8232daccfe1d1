import argparse
import copy
import json
import logging
import os
import warnings
from typing import Any, Dict, Optional, Tuple

import torch
from allennlp.commands.subcommand import Subcommand
from allennlp.common import Params
from allennlp.common.checks import ConfigurationError
from allennlp.common.params import remove_keys_from_params
from allennlp.models import Model

from bilm_serving.model import ScriptableTagger
from bilm_serving.packing import write_packed
from bilm_serving.tagger import MODEL_FILE, PACKED_FILE, VOCABULARY_FILE
from bilm_serving.tokenization import MAX_CHARACTERS
from bilm_transfer.models.ner_tagger import NerTagger
from bilm_transfer.modules.bilm_lstm import BiLmLstm
from bilm_transfer.modules.multi_width_cnn import MultiWidthCnnEncoder
from bilm_transfer.nn.archive import read_archive

logger = logging.getLogger(__name__)

# How `export-tagger` stores the weights: `float16` halves the file; `packed`
# (`bilm_serving.packing`) keeps the word embedding in 4 bits and the LSTMs in 8 bits a weight
# and writes no TorchScript file (the runtime compiles the network at load).
STORAGES = ("float32", "float16", "packed")
STORAGE_HELP = (
    "float32; float16 (half the size); or packed: word embedding in 4 bits and LSTMs in 8 bits a "
    "weight (a scale a row), about a third of float16's size, no TorchScript file "
    "(default: %(default)s)"
)
MAX_WORDS_HELP = (
    "keep only the vocabulary's first N words (training words, then the word vectors' by "
    "frequency); the rest become the unknown word: a smaller file"
)


def _load_tagger(archive_file: str) -> Tuple[NerTagger, Dict[str, Any]]:
    """The archive's tagger, weights loaded safely, and its config. As in AllenNLP's
    `load_archive`, the initializers (which may point at a BiLM archive) and every
    `pretrained_file` (word vectors, perhaps gone by now) are dropped: the weights replace both."""
    contents = read_archive(archive_file)
    model_params = Params(copy.deepcopy(contents.config.get("model", {})))
    if model_params.get("type") != "ner_tagger":
        raise ConfigurationError(
            f"{archive_file}: export-tagger needs an 'ner_tagger' archive, "
            f"not {model_params.get('type')!r}"
        )
    remove_keys_from_params(model_params)
    model = Model.from_params(vocab=contents.vocab, params=model_params)
    model.load_state_dict(contents.state_dict)
    return model.eval(), contents.config


def scriptable_copy(model: NerTagger) -> ScriptableTagger:
    """A `ScriptableTagger` with `model`'s weights (the paper's architecture only)."""
    embedders = model._text_field_embedder._token_embedders
    words, characters = embedders.get("tokens"), embedders.get("token_characters")
    cnn = getattr(getattr(characters, "_encoder", None), "_module", None)
    encoder = model._encoder
    if (
        not isinstance(cnn, MultiWidthCnnEncoder)
        or not isinstance(encoder, BiLmLstm)
        or getattr(words, "_projection", None) is not None
    ):
        raise ConfigurationError(
            "export-tagger supports the paper's architecture: word embedding without projection, "
            "'multi_width_cnn' characters, 'bilm_lstm' encoder"
        )
    if cnn._activation.__class__ is not torch.nn.Tanh or encoder.forward_lstm.num_layers != 1:
        raise ConfigurationError("export-tagger supports tanh character filters and one LSTM layer")
    character_embedding = characters._embedding._module.weight
    exported = ScriptableTagger(
        num_words=words.weight.size(0),
        word_dim=words.weight.size(1),
        num_characters=character_embedding.size(0),
        character_dim=character_embedding.size(1),
        filters=[(conv.kernel_size[0], conv.out_channels) for conv in cnn.convolutions],
        hidden_size=encoder.forward_lstm.hidden_size,
        num_tags=len(model._labels),
        use_crf=model.crf is not None,
    )
    with torch.no_grad():
        exported.word_embedding.weight.copy_(words.weight)
        exported.character_embedding.weight.copy_(character_embedding)
        exported.convolutions.load_state_dict(cnn.convolutions.state_dict())
        exported.forward_lstm.load_state_dict(encoder.forward_lstm.state_dict())
        exported.backward_lstm.load_state_dict(encoder.backward_lstm.state_dict())
        exported.projection.load_state_dict(model.tag_projection_layer._module.state_dict())
        if model.crf is not None:
            for buffer, scores in zip(
                (exported.transitions, exported.start_scores, exported.end_scores),
                model.crf._constrained_scores(),
            ):
                buffer.copy_(scores)
    return exported.eval()


def export_tagger(
    archive_file: str,
    output_dir: str,
    storage: str = "float32",
    max_words: Optional[int] = None,
) -> None:
    """Writes `model.pt` (TorchScript; `weights.pt` if `storage` is `packed`) and `tagger.json`
    (vocabularies, tokenizer scheme) of the tagger in `archive_file` for `python -m bilm_serving`;
    `storage`: one of `STORAGES` (the runtime computes in float32 whatever it is); `max_words`:
    see `write_bundle`."""
    if storage not in STORAGES:
        raise ConfigurationError(f"storage must be one of {STORAGES}, not {storage!r}")
    model, config = _load_tagger(archive_file)
    write_bundle(model, config, output_dir, storage, max_words)
    logger.info(
        "Exported %s to %s: python -m bilm_serving %s INPUT", archive_file, output_dir, output_dir
    )


def keep_first_words(exported: ScriptableTagger, max_words: int) -> None:
    """Cuts `exported`'s word embedding to its first `max_words` rows (padding, the unknown word,
    then the vocabulary's order: the training words by frequency, then the word vectors' words
    by frequency), so that a tagger trained with 50,000 vector words ships smaller; the words cut
    become the unknown word."""
    if max_words < 2:
        raise ConfigurationError(f"max_words {max_words}: keep at least padding and unknown (2)")
    weight = exported.word_embedding.weight  # (words, word_dim)
    if max_words < weight.size(0):
        exported.word_embedding = torch.nn.Embedding(max_words, weight.size(1))
        with torch.no_grad():
            exported.word_embedding.weight.copy_(weight[:max_words])


def write_bundle(
    model: NerTagger,
    config: Dict[str, Any],
    output_dir: str,
    storage: str = "float32",
    max_words: Optional[int] = None,
) -> None:
    """Writes the bundle of `model`; `config` (its training config) gives the reader's tokenizer
    scheme and character indexer settings. `storage` `float16` stores the parameters in float16
    and `packed` packs them (`bilm_serving.packing.write_packed`); the CRF's buffers stay float32
    (their forbidden-transition scores would overflow). `max_words` keeps only the vocabulary's
    first words (`keep_first_words`)."""
    reader = config.get("validation_dataset_reader") or config.get("dataset_reader", {})
    indexers = reader.get("token_indexers", {})
    characters_indexer = indexers.get("token_characters", {})
    vocab = model.vocab
    words, characters = "tokens", "token_characters"
    with warnings.catch_warnings():
        # TorchScript is deprecated for torch.export, which cannot yet compile the decoder's
        # loop over a sentence's variable length.
        warnings.simplefilter("ignore", FutureWarning)
        exported = scriptable_copy(model)
        if max_words is not None:
            keep_first_words(exported, max_words)
        if storage == "float16":
            for parameter in exported.parameters():
                parameter.data = parameter.data.half()
        scripted = None if storage == "packed" else torch.jit.script(exported)
    os.makedirs(output_dir, exist_ok=True)
    # Only one network file: the runtime reads `model.pt` first, so an earlier export's must go.
    for name in (MODEL_FILE, PACKED_FILE):
        if os.path.isfile(os.path.join(output_dir, name)):
            os.remove(os.path.join(output_dir, name))
    if scripted is None:
        write_packed(exported, os.path.join(output_dir, PACKED_FILE))
    else:
        scripted.save(os.path.join(output_dir, MODEL_FILE))
    vocabulary = {
        "scheme": reader.get("tokenizer", {}).get("scheme", "alnum"),
        "words": [
            vocab.get_token_from_index(i, words)
            for i in range(exported.word_embedding.num_embeddings)
        ],
        "characters": [
            vocab.get_token_from_index(i, characters)
            for i in range(vocab.get_vocab_size(characters))
        ],
        "tags": [model._labels[i] for i in range(len(model._labels))],
        # Both namespaces are padded: 0 is padding, 1 the unknown token.
        "unknown_id": vocab.get_token_index(vocab._oov_token, words),
        "max_characters": characters_indexer.get("max_characters", MAX_CHARACTERS),
        "min_character_padding": characters_indexer.get("min_padding_length", 0),
    }
    with open(os.path.join(output_dir, VOCABULARY_FILE), "w", encoding="utf-8") as output:
        json.dump(vocabulary, output, ensure_ascii=False)


@Subcommand.register("export-tagger")
class ExportTagger(Subcommand):
    """
    `allennlp export-tagger model.tar.gz BUNDLE_DIR`: the trained tagger as TorchScript (or
    packed, `--storage packed`) plus its vocabularies, for `python -m bilm_serving BUNDLE_DIR
    input.jsonl`, which needs PyTorch only and gives the same output as `allennlp predict`.

    Registered as a `Subcommand` with name "export-tagger".
    """

    def add_subparser(self, parser: argparse._SubParsersAction) -> argparse.ArgumentParser:
        description = "Export a trained tagger as TorchScript for serving without AllenNLP."
        subparser = parser.add_parser(self.name, description=description, help=description)
        subparser.add_argument("archive_file", help="the tagger's model.tar.gz")
        subparser.add_argument("output_dir", help="folder for model.pt and tagger.json")
        storage = subparser.add_mutually_exclusive_group()
        storage.add_argument("--storage", choices=STORAGES, default="float32", help=STORAGE_HELP)
        storage.add_argument("--half", action="store_true", help="the same as --storage float16")
        subparser.add_argument("--max-words", type=int, help=MAX_WORDS_HELP)
        subparser.set_defaults(
            func=lambda args: export_tagger(
                args.archive_file,
                args.output_dir,
                "float16" if args.half else args.storage,
                args.max_words,
            )
        )
        return subparser
