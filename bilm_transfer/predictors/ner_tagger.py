from typing import Any, Dict, List

from allennlp.common.checks import ConfigurationError
from allennlp.common.util import JsonDict, sanitize
from allennlp.data import Instance
from allennlp.predictors import Predictor

from bilm_transfer.data.biomedical_tokenizer import BiomedicalTokenizer
from bilm_transfer.data.tag_schemes import strict_iobes_spans


@Predictor.register("ner_tagger")
class NerTaggerPredictor(Predictor):
    """
    Tags sentences given as JSON lines, either `{"tokens": ["Familial", "breast", ...]}` or
    `{"sentence": "Familial breast cancer ..."}`. A sentence is tokenized offline the way the
    corpora are (`biomedical` tokenizer: punctuation, hyphens, slashes, brackets split), keeping
    character offsets. Any other keys of the input (an `id`, say) are passed through.

    Output: `tokens`, `tags` (IOBES) and `entities`, each with `start`/`end` token indices (end
    exclusive), `label` and `text`; for sentence input also `char_start`/`char_end`, offsets into
    the sentence such that `sentence[char_start:char_end] == text`.

    Registered as a `Predictor` with name "ner_tagger".
    """

    _tokenizer = BiomedicalTokenizer()

    def _json_to_instance(self, json_dict: JsonDict) -> Instance:
        if "tokens" in json_dict:
            tokens = json_dict["tokens"]
            if not isinstance(tokens, list) or not all(isinstance(t, str) and t for t in tokens):
                raise ConfigurationError("'tokens' must be a list of non-empty strings")
        elif "sentence" in json_dict:
            if not isinstance(json_dict["sentence"], str):
                raise ConfigurationError("'sentence' must be a string")
            tokens = self._tokenizer.tokenize(json_dict["sentence"])
        else:
            raise ConfigurationError(
                f"each input needs 'tokens' or 'sentence', got keys {sorted(json_dict)}"
            )
        instance = self._dataset_reader.text_to_instance(tokens)
        self._dataset_reader.apply_token_indexers(instance)
        return instance

    def predict_json(self, inputs: JsonDict) -> JsonDict:
        return self.predict_batch_json([inputs])[0]

    def predict_batch_json(self, inputs: List[JsonDict]) -> List[JsonDict]:
        instances = [self._json_to_instance(json_dict) for json_dict in inputs]
        # An empty sentence has nothing to tag; the model never sees it.
        to_tag = [i for i, instance in enumerate(instances) if len(instance["tokens"]) > 0]
        outputs: List[Dict[str, Any]] = [{"tags": []} for _ in instances]
        if to_tag:
            tagged = self._model.forward_on_instances([instances[i] for i in to_tag])
            for i, output in zip(to_tag, tagged):
                outputs[i] = output
        return [
            self._result(json_dict, instance, output)
            for json_dict, instance, output in zip(inputs, instances, outputs)
        ]

    @staticmethod
    def _result(json_dict: JsonDict, instance: Instance, output: Dict[str, Any]) -> JsonDict:
        tokens = list(instance["tokens"].tokens)
        words = [token.text for token in tokens]
        tags = output["tags"]
        entities = []
        for span in strict_iobes_spans(tags):
            entity: Dict[str, Any] = {"start": span.start, "end": span.end, "label": span.label}
            if "sentence" in json_dict and "tokens" not in json_dict:
                entity["char_start"] = tokens[span.start].idx
                entity["char_end"] = tokens[span.end - 1].idx_end
                entity["text"] = json_dict["sentence"][entity["char_start"] : entity["char_end"]]
            else:
                entity["text"] = " ".join(words[span.start : span.end])
            entities.append(entity)
        result = {key: value for key, value in json_dict.items() if key not in ("tokens",)}
        result.update(tokens=words, tags=tags, entities=entities)
        return sanitize(result)
