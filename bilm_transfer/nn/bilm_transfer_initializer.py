import logging
from typing import Dict, Optional

import torch
from allennlp.common.checks import ConfigurationError
from allennlp.data import Vocabulary
from allennlp.nn.initializers import Initializer

from bilm_transfer.nn.archive import read_archive

logger = logging.getLogger(__name__)

DIRECTIONS = {"both": ("forward", "backward"), "forward": ("forward",), "backward": ("backward",)}

# Embedding matrices are copied row by row, matching tokens by their string in these namespaces.
DEFAULT_EMBEDDING_NAMESPACES = {
    "token_embedder_tokens.weight": "tokens",
    "token_embedder_token_characters._embedding._module.weight": "token_characters",
}


@Initializer.register("bilm_transfer")
class BiLmTransferInitializer(Initializer):
    """
    Copies a trained `bilm` model's weights into a `ner_tagger` (the paper's transfer): word
    embeddings row by token string (so the two vocabularies may differ; a word the LM never saw
    keeps its own initialization), character embeddings likewise, the character CNN, and the
    forward and/or backward LSTM. The LM's softmax is never copied, nor anything the tagger has
    that the LM lacks (decoder, CRF): the initializer's regex in the `InitializerApplicator`
    selects what to copy, and a parameter it cannot find in the LM is a `ConfigurationError`.

    Which parameters it receives is the `InitializerApplicator`'s regex: the tagger's parameter
    names equal the BiLM's (both models are `TrunkModel`s), so a config lists the parts to copy,
    first, before the regexes that initialize the rest (the first match wins). The shipped configs
    build this from `transfer_initializer` in `training_configs/common/architecture.libsonnet`:

    ```
    "initializer": {"regexes": [
        ["^_text_field_embedder\\..*|^_encoder\\.(forward|backward)_lstm\\..*",
         {"type": "bilm_transfer", "archive_file": "runs/ncbi_bilm/model.tar.gz",
          "directions": "both"}],
        [".*_lstm\\..*", {"type": "uniform", "a": -0.005, "b": 0.005}],
        [".*(convolutions|tag_projection_layer).*weight$", {"type": "xavier_uniform"}]
    ]}
    ```

    Registered as an `Initializer` with name "bilm_transfer".

    # Parameters

    archive_file : `str`
        The BiLM's `model.tar.gz`.
    directions : `str`, optional (default = `"both"`)
        `"both"` (BiLM transfer), `"forward"` or `"backward"` (one LM's LSTM only; the other
        direction is left out, and naming one of its parameters is an error).
    vocab : `Vocabulary`, optional
        The tagger's vocabulary, passed in by AllenNLP when the model is built from a config.
    embedding_namespaces : `Dict[str, str]`, optional
        Parameter-name suffix -> vocabulary namespace, for matrices copied row by row.
    """

    def __init__(
        self,
        archive_file: str,
        directions: str = "both",
        vocab: Optional[Vocabulary] = None,
        embedding_namespaces: Optional[Dict[str, str]] = None,
    ) -> None:
        if directions not in DIRECTIONS:
            raise ConfigurationError(
                f"bilm_transfer.directions must be one of {sorted(DIRECTIONS)}, not {directions!r}"
            )
        contents = read_archive(archive_file)
        model_type = contents.config.get("model", {}).get("type")
        if model_type != "bilm":
            raise ConfigurationError(
                f"{archive_file} is not a BiLM archive "
                f"(its model type is {model_type!r}, not 'bilm')"
            )
        self._archive_file = archive_file
        self._directions = DIRECTIONS[directions]
        self._lm_vocab = contents.vocab
        self._weights = contents.state_dict
        self._vocab = vocab
        self._embedding_namespaces = embedding_namespaces or DEFAULT_EMBEDDING_NAMESPACES

    def _check_direction(self, parameter_name: str) -> None:
        for direction in ("forward", "backward"):
            if f"{direction}_lstm." in parameter_name and direction not in self._directions:
                raise ConfigurationError(
                    f"bilm_transfer: {parameter_name} belongs to the {direction} LSTM, which "
                    f"directions={'/'.join(self._directions)} does not transfer; "
                    "leave it out of the initializer's regex"
                )

    def _copy_rows(
        self, tensor: torch.Tensor, source: torch.Tensor, namespace: str, name: str
    ) -> None:
        if self._vocab is None:
            raise ConfigurationError(f"bilm_transfer: {name} needs the tagger's vocabulary")
        if tensor.size(1) != source.size(1):
            raise ConfigurationError(
                f"bilm_transfer: {name} has {tensor.size(1)} dimensions in the tagger but "
                f"{source.size(1)} in {self._archive_file}"
            )
        lm_index = self._lm_vocab.get_token_to_index_vocabulary(namespace)
        copied = 0
        for token, index in self._vocab.get_token_to_index_vocabulary(namespace).items():
            lm_row = lm_index.get(token)
            if lm_row is not None and index < tensor.size(0) and lm_row < source.size(0):
                tensor[index] = source[lm_row]
                copied += 1
        logger.info("bilm_transfer: %s: %d of %d rows from the BiLM", name, copied, tensor.size(0))

    def __call__(self, tensor: torch.Tensor, parameter_name: str = "", **kwargs) -> None:  # type: ignore
        self._check_direction(parameter_name)
        source = self._weights.get(parameter_name)
        if source is None:
            raise ConfigurationError(
                f"bilm_transfer: the BiLM in {self._archive_file} has no parameter {parameter_name}"
            )
        with torch.no_grad():
            for suffix, namespace in self._embedding_namespaces.items():
                if parameter_name.endswith(suffix):
                    self._copy_rows(tensor, source, namespace, parameter_name)
                    return
            if tensor.shape != source.shape:
                raise ConfigurationError(
                    f"bilm_transfer: {parameter_name} has shape {tuple(tensor.shape)} in the "
                    f"tagger but {tuple(source.shape)} in {self._archive_file}"
                )
            tensor.copy_(source)
