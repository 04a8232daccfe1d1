"""The JSON a tagged `tokens` or `sentence` input becomes, for `allennlp predict` and the
standalone predictor alike."""

from typing import Any, Dict, List, Sequence, Tuple

from bilm_serving.tag_schemes import strict_iobes_spans

# A token's text and its `(start, end)` character offsets in the input sentence.
OffsetToken = Tuple[str, int, int]


def tagged_sentence(
    json_dict: Dict[str, Any],
    tokens: Sequence[OffsetToken],
    tags: List[str],
    confidences: List[float],
) -> Dict[str, Any]:
    """
    `json_dict`'s other keys (an `id`), then `tokens`, `tags` and `entities`: token offsets
    `start`/`end` (end exclusive), `label`, `score` (the lowest tag probability in the entity),
    `text`, and for `sentence` input also `char_start`/`char_end` into the sentence, which they
    slice to `text`.
    """
    result = {k: v for k, v in json_dict.items() if k not in ("tokens", "text", "sections")}
    words = [text for text, _, _ in tokens]
    from_sentence = "sentence" in json_dict and "tokens" not in json_dict
    entities = []
    for span in strict_iobes_spans(tags):
        entity: Dict[str, Any] = {"start": span.start, "end": span.end, "label": span.label}
        entity["score"] = min(confidences[span.start : span.end])
        if from_sentence:
            entity["char_start"] = tokens[span.start][1]
            entity["char_end"] = tokens[span.end - 1][2]
            entity["text"] = json_dict["sentence"][entity["char_start"] : entity["char_end"]]
        else:
            entity["text"] = " ".join(words[span.start : span.end])
        entities.append(entity)
    result.update(tokens=words, tags=tags, entities=entities)
    return result
