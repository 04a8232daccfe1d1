import json
import os
import warnings
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple

import torch

from bilm_serving.batching import (
    SPELLING_GROUPS,
    InputError,
    Tagged,
    checked_string,
    checked_tokens,
    error_result,
    length_batches,
)
from bilm_serving.model import int8_quantized, recompiled
from bilm_serving.output import OffsetToken, tagged_sentence
from bilm_serving.packing import read_packed
from bilm_serving.spelling_cache import SpellingCache
from bilm_serving.tokenization import normalize_word, token_spans

# The character-CNN features of this many distinct spellings are kept per model (4.4 kB each at
# the paper's sizes: at most 88 MB, filled as spellings are met).
SPELLING_CACHE_SIZE = 20000

# How the standalone tagger computes: as exported, or with int8 LSTMs and projection.
PRECISIONS = ("float32", "int8")
PRECISION_HELP = "int8: LSTMs and projection quantized at load, faster on CPUs (F1 in the docs)"
DEVICE_HELP = "cpu, or cuda for a GPU (float32 only)"

# The files `allennlp export-tagger` writes: the network as TorchScript, or packed
# (`--storage packed`, `bilm_serving.packing`), and the vocabularies.
MODEL_FILE = "model.pt"
PACKED_FILE = "weights.pt"
VOCABULARY_FILE = "tagger.json"


def bundle_network_file(bundle: str) -> Optional[str]:
    """The path of the network's file in `bundle` (`model.pt` or `weights.pt`), if it has one."""
    for name in (MODEL_FILE, PACKED_FILE):
        path = os.path.join(bundle, name)
        if os.path.isfile(path):
            return path
    return None


class BundleError(Exception):
    """The bundle folder is missing or incomplete."""


def _network(path: str, precision: str) -> torch.jit.ScriptModule:
    """The compiled network of a bundle's `model.pt` or `weights.pt`, in float32 (or int8)."""
    if path.endswith(PACKED_FILE):
        try:
            model: torch.nn.Module = read_packed(path)
        except ValueError as error:
            raise BundleError(str(error)) from None
    else:
        with warnings.catch_warnings():
            # TorchScript is deprecated in favour of torch.export, which cannot yet compile the
            # decoder's loop over a sentence's variable length; TorchScript still loads fine.
            warnings.simplefilter("ignore", FutureWarning)
            model = torch.jit.load(path, map_location="cpu")
        # A bundle may store its weights in float16 (`export-tagger --half`); compute in float32.
        model.float()
    if precision == "int8":
        return int8_quantized(model).eval()
    if isinstance(model, torch.jit.ScriptModule) and hasattr(model, "tag_encoded"):
        return model.eval()
    # A packed network, or a bundle exported before `tag_encoded` existed.
    return recompiled(model).eval()


class StandaloneTagger:
    """
    Runs a tagger exported by `allennlp export-tagger` with PyTorch alone (no AllenNLP, no
    spaCy): network (TorchScript, or packed), vocabularies and tokenizer scheme from the bundle
    folder. Its output for `tokens` and `sentence` inputs equals `allennlp predict --predictor
    ner_tagger`'s.

    # Parameters

    bundle : `str`
        The folder `allennlp export-tagger` wrote.
    precision : `str`, optional (default = `"float32"`)
        `"int8"`: the LSTMs and projection dynamically quantized to int8 at load
        (`int8_quantized`), faster on CPUs and not exactly the float32 model's output.
    device : `str`, optional (default = `"cpu"`)
        Where the network runs (`"cuda"`, `"cuda:1"`); int8 runs on CPUs only.
    cached_spellings : `int`, optional (default = `SPELLING_CACHE_SIZE`)
        The character-CNN features of this many distinct spellings are kept for later batches
        (`SpellingCache`); 0: none.
    """

    def __init__(
        self,
        bundle: str,
        precision: str = "float32",
        device: str = "cpu",
        cached_spellings: int = SPELLING_CACHE_SIZE,
    ) -> None:
        if precision not in PRECISIONS:
            raise ValueError(f"precision must be one of {PRECISIONS}, not {precision!r}")
        if precision == "int8" and device != "cpu":
            raise ValueError(f"int8 runs on CPUs only, not on device {device!r}")
        try:
            self._device = torch.device(device)
        except RuntimeError as error:
            raise ValueError(f"device {device!r}: {error}") from None
        if self._device.type == "cuda" and not torch.cuda.is_available():
            raise ValueError(f"device {device!r}: this machine has no CUDA GPU for PyTorch")
        network_file = bundle_network_file(bundle)
        if network_file is None or not os.path.isfile(os.path.join(bundle, VOCABULARY_FILE)):
            missing = VOCABULARY_FILE if network_file else f"{MODEL_FILE} (or {PACKED_FILE})"
            raise BundleError(f"{bundle}: not an exported tagger, no {missing}")
        with open(os.path.join(bundle, VOCABULARY_FILE), encoding="utf-8") as vocabulary_file:
            vocabulary = json.load(vocabulary_file)
        self.scheme: str = vocabulary["scheme"]
        self._words = {word: i for i, word in enumerate(vocabulary["words"])}
        self._characters = {character: i for i, character in enumerate(vocabulary["characters"])}
        self._tags: List[str] = vocabulary["tags"]
        self._unknown: int = vocabulary["unknown_id"]
        self._max_characters: int = vocabulary["max_characters"]
        self._min_characters: int = vocabulary["min_character_padding"]
        self._model = _network(network_file, precision)
        self._model.to(self._device)
        self._cache: Optional[SpellingCache] = None
        if cached_spellings > 0:
            with torch.inference_mode():
                # shape: (1, sum of counts)
                probe = self._model.encode_words(torch.ones(1, 1, dtype=torch.long, device=device))
            self._cache = SpellingCache(cached_spellings, probe.size(1), self._device)

    @property
    def labels(self) -> List[str]:
        """The entity types of the tags (`Disease` of `B-Disease`), in the order first met."""
        return list(dict.fromkeys(tag[2:] for tag in self._tags if tag != "O"))

    def _tensors(
        self, sentences: List[List[str]]
    ) -> Tuple[torch.Tensor, List[str], int, torch.Tensor]:
        """The model's inputs: word ids `(batch, timesteps)`; the distinct spellings, those in
        the cache first (how many: the third value), then the others from shortest to longest;
        and each token's row in the spellings, `(batch, timesteps)`."""
        timesteps = max(len(words) for words in sentences)
        word_ids = torch.zeros(len(sentences), timesteps, dtype=torch.long)
        for i, words in enumerate(sentences):
            word_ids[i, : len(words)] = torch.tensor(
                [self._words.get(normalize_word(word), self._unknown) for word in words]
            )
        # "" is the empty spelling of padding.
        spellings = sorted(
            {word[: self._max_characters] for words in sentences for word in words} | {""}, key=len
        )
        cache = self._cache
        known: List[str] = [] if cache is None else [s for s in spellings if s in cache]
        if known:
            spellings = known + [spelling for spelling in spellings if spelling not in cache]
        row = {spelling: i for i, spelling in enumerate(spellings)}
        spelling_ids = torch.zeros(len(sentences), timesteps, dtype=torch.long)
        for i, words in enumerate(sentences):
            spelling_ids[i, : len(words)] = torch.tensor(
                [row[word[: self._max_characters]] for word in words]
            )
        return word_ids, spellings, len(known), spelling_ids

    def _character_ids(self, spellings: List[str]) -> List[torch.Tensor]:
        """Character ids of `spellings` (shortest first) in `SPELLING_GROUPS` groups of similar
        length, each `(spellings in group, characters)`, padded only to its longest."""
        groups = []
        size = -(-len(spellings) // SPELLING_GROUPS)
        for first in range(0, len(spellings), size):
            group = spellings[first : first + size]
            characters = torch.zeros(
                len(group), max(self._min_characters, len(group[-1]), 1), dtype=torch.long
            )
            for j, spelling in enumerate(group):
                characters[j, : len(spelling)] = torch.tensor(
                    [self._characters.get(character, self._unknown) for character in spelling],
                    dtype=torch.long,
                )
            groups.append(characters)
        return groups

    def _encoded(self, spellings: List[str], known: int) -> torch.Tensor:
        """Character-CNN features `(len(spellings), sum of counts)`: the first `known` from the
        cache, the others computed (and cached while there is room)."""
        new = spellings[known:]
        parts = [self._cache.features(spellings[:known])] if self._cache and known else []
        if new:
            groups = self._character_ids(new)
            # shape: (len(new), sum of counts)
            computed = torch.cat(
                [self._model.encode_words(group.to(self._device)) for group in groups], dim=0
            )
            if self._cache is not None:
                self._cache.add(new, computed)
            parts.append(computed)
        return torch.cat(parts, dim=0)

    def tag(self, sentences: List[List[str]]) -> List[Tagged]:
        """IOBES tags and their probabilities for each sentence (a list of words)."""
        tagged: List[Tagged] = [([], []) for _ in sentences]
        with torch.inference_mode():
            for batch in length_batches([len(words) for words in sentences]):
                word_ids, spellings, known, spelling_ids = self._tensors(
                    [sentences[i] for i in batch]
                )
                tag_ids, confidences = self._model.tag_encoded(
                    word_ids.to(self._device),
                    self._encoded(spellings, known),
                    spelling_ids.to(self._device),
                )
                # Bundles exported before `crf.marginals` clamped can give 1 + a rounding error.
                tag_ids, confidences = tag_ids.cpu(), confidences.cpu().clamp(max=1.0)
                for row, i in enumerate(batch):
                    length = len(sentences[i])
                    tagged[i] = (
                        [self._tags[tag] for tag in tag_ids[row, :length].tolist()],
                        confidences[row, :length].tolist(),
                    )
        return tagged

    def _tokens(self, json_dict: Dict[str, Any]) -> List[OffsetToken]:
        if "tokens" in json_dict:
            return [(token, 0, 0) for token in checked_tokens(json_dict)]
        if "sentence" in json_dict:
            sentence = checked_string(json_dict, "sentence")
            return [(sentence[a:b], a, b) for a, b in token_spans(sentence, self.scheme)]
        raise InputError(
            "the standalone predictor takes 'tokens' or 'sentence' (split raw 'text' with "
            f"`allennlp predict`); got keys {sorted(json_dict)}"
        )

    def predict_lines(self, lines: Iterable[str], batch_size: int = 64) -> Iterator[Dict]:
        """One result per JSON line, as `allennlp predict` gives; a bad line's result is
        `{"error": ...}` (with its `id`) and the other lines are tagged as usual."""
        chunk: List[str] = []
        for line in lines:
            if line.strip():
                chunk.append(line)
            if len(chunk) == batch_size:
                yield from self._predict_chunk(chunk)
                chunk = []
        if chunk:
            yield from self._predict_chunk(chunk)

    def _predict_chunk(self, lines: List[str]) -> List[Dict]:
        inputs: List[Dict[str, Any]] = []
        tokens: List[List[OffsetToken]] = []
        errors: Dict[int, str] = {}
        for i, line in enumerate(lines):
            json_dict: Any = {}
            try:
                json_dict = json.loads(line)
                if not isinstance(json_dict, dict):
                    json_dict = {}
                    raise InputError("input line is not a JSON object")
                tokens.append(self._tokens(json_dict))
            except json.JSONDecodeError as error:
                errors[i] = f"input line is not JSON: {error}"
                tokens.append([])
            except InputError as error:
                errors[i] = str(error)
                tokens.append([])
            inputs.append(json_dict)
        tagged = self.tag([[text for text, _, _ in sentence] for sentence in tokens])
        results = []
        for i, (json_dict, sentence, (tags, confidences)) in enumerate(zip(inputs, tokens, tagged)):
            if i in errors:
                results.append(error_result(json_dict, errors[i]))
            else:
                results.append(tagged_sentence(json_dict, sentence, tags, confidences))
        return results
