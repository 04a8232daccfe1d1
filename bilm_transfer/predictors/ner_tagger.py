import json
from typing import Any, Dict, List, Tuple

from allennlp.common.checks import ConfigurationError
from allennlp.common.util import JsonDict, sanitize
from allennlp.data import Instance, Tokenizer
from allennlp.predictors import Predictor

from bilm_serving.batching import (
    InputError,
    Tagged,
    checked_string,
    checked_tokens,
    error_result,
    length_batches,
)
from bilm_serving.output import tagged_document, tagged_sentence
from bilm_transfer.data.biomedical_tokenizer import BiomedicalTokenizer
from bilm_transfer.data.sentence_splitter import split_sentences


@Predictor.register("ner_tagger")
class NerTaggerPredictor(Predictor):
    """
    Tags JSON lines of three kinds; other keys (an `id`) are passed through:

    * `{"tokens": ["Familial", "breast", "cancer"]}`: tagged as given.
    * `{"sentence": "Familial breast cancer ..."}`: one sentence, tokenized offline the way the
      model's training corpus was (the reader's `tokenizer`, `biomedical` by default).
    * `{"text": "<title and abstract>"}`: split into sentences (spaCy's rule-based sentencizer,
      offline), each tokenized as above; all sentences are tagged in batches. An optional
      `"sections": [[start, end], ...]` gives character spans no sentence may cross (a title
      and its abstract; `tag-documents` passes them for PubTator input).

    Output: `tokens`, `tags` (IOBES) and `entities` (`label`, `text`, and `score`, the lowest
    CRF marginal probability among the entity's tags, a confidence in [0, 1]). For `tokens` and
    `sentence` input an entity has token offsets `start`/`end` (end exclusive), and for `sentence`
    input also `char_start`/`char_end`; for `text` input, `start`/`end` are character offsets into
    the text, and `sentences` lists each sentence's `start`, `end`, `tokens` and `tags`. Always
    `text[start:end] == entity["text"]` for character offsets.

    A line that is not JSON, or lacks a usable `tokens`/`sentence`/`text`, gives an output line
    `{"error": "..."}` (with its `id`, if any); the other lines are tagged as usual.

    Registered as a `Predictor` with name "ner_tagger".
    """

    @property
    def _tokenizer(self) -> Tokenizer:
        return getattr(self._dataset_reader, "tokenizer", None) or BiomedicalTokenizer()

    def load_line(self, line: str) -> JsonDict:
        try:
            loaded = json.loads(line)
        except json.JSONDecodeError as error:
            return {"error": f"input line is not JSON: {error}"}
        return loaded if isinstance(loaded, dict) else {"error": "input line is not a JSON object"}

    def _instance(self, tokens: List[Any]) -> Instance:
        instance = self._dataset_reader.text_to_instance(tokens)
        self._dataset_reader.apply_token_indexers(instance)
        return instance

    def _json_to_instance(self, json_dict: JsonDict) -> Instance:
        try:
            return self._sentences(json_dict, _input_kind(json_dict))[0]
        except InputError as error:  # AllenNLP's way of saying that an input is unusable
            raise ConfigurationError(str(error)) from error

    def _sentences(self, json_dict: JsonDict, kind: str) -> List[Instance]:
        """The instance of each sentence of one input of this kind; for `text`, tokens carry
        character offsets into the text."""
        if kind == "tokens":
            return [self._instance(checked_tokens(json_dict))]
        text = checked_string(json_dict, kind)
        if kind == "sentence":
            return [self._instance(self._tokenizer.tokenize(text))]
        sections = json_dict.get("sections")
        return [self._instance(s) for s in split_sentences(text, self._tokenizer, sections)]

    def _tag(self, instances: List[Instance]) -> List[Tagged]:
        """(tags, confidences) of every instance, in batches of similar length."""
        tags: List[Tagged] = [([], []) for _ in instances]
        for batch in length_batches([len(instance["tokens"]) for instance in instances]):
            outputs = self._model.forward_on_instances([instances[i] for i in batch])
            for i, output in zip(batch, outputs):
                tags[i] = (output["tags"], output["tag_confidences"])
        return tags

    def predict_json(self, inputs: JsonDict) -> JsonDict:
        return self.predict_batch_json([inputs])[0]

    def predict_batch_json(self, inputs: List[JsonDict]) -> List[JsonDict]:
        kinds: List[str] = []
        sentences: List[List[Instance]] = []
        errors: Dict[int, str] = {}
        for i, json_dict in enumerate(inputs):
            kind, document = "", []
            try:
                kind = _input_kind(json_dict)
                document = self._sentences(json_dict, kind)
            except InputError as error:
                errors[i] = str(error)
            kinds.append(kind)
            sentences.append(document)
        tags = iter(self._tag([instance for document in sentences for instance in document]))
        results = []
        for i, (json_dict, kind, document) in enumerate(zip(inputs, kinds, sentences)):
            if i in errors:
                results.append(error_result(json_dict, errors[i]))
            else:
                tagged = [(instance, next(tags)) for instance in document]
                results.append(self._result(json_dict, kind, tagged))
        return sanitize(results)

    def _result(
        self, json_dict: JsonDict, kind: str, document: List[Tuple[Instance, Tagged]]
    ) -> JsonDict:
        if kind != "text":
            instance, (tags, confidences) = document[0]
            tokens = [(token.text, token.idx, token.idx_end) for token in instance["tokens"].tokens]
            return tagged_sentence(json_dict, tokens, tags, confidences)
        sentences = [
            [(token.text, token.idx, token.idx_end) for token in instance["tokens"].tokens]
            for instance, _ in document
        ]
        return tagged_document(json_dict, sentences, [tagged for _, tagged in document])


def _input_kind(json_dict: JsonDict) -> str:
    """`"tokens"`, `"sentence"` or `"text"`: the key that says how to read the input (the first
    present, in that order)."""
    if "error" in json_dict:
        raise InputError(json_dict["error"])
    for kind in ("tokens", "sentence", "text"):
        if kind in json_dict:
            return kind
    raise InputError(
        f"each input needs 'tokens', 'sentence' or 'text'; got keys {sorted(json_dict)}"
    )
