"""The JSON a tagged input becomes (a `tokens` or `sentence` line, or a whole document's `text`),
for `allennlp predict`, the standalone runtime and `bilm-tag` alike."""

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


def tagged_document(
    json_dict: Dict[str, Any],
    sentences: Sequence[Sequence[OffsetToken]],
    tagged: Sequence[Tuple[List[str], List[float]]],
) -> Dict[str, Any]:
    """
    The result of a `text` input split into `sentences` (tokens with character offsets into
    `json_dict["text"]`) and tagged: `json_dict`'s other keys (an `id`), then `sentences` (each
    one's `start`, `end`, `tokens`, `tags`) and `entities` with character offsets `start`/`end`
    into the text, `label`, `text` (`text[start:end]`) and `score` (the lowest tag probability in
    the entity).
    """
    text = json_dict["text"]
    result = {k: v for k, v in json_dict.items() if k not in ("text", "sections")}
    result["sentences"], result["entities"] = [], []
    for tokens, (tags, confidences) in zip(sentences, tagged):
        result["sentences"].append(
            {
                "start": tokens[0][1],
                "end": tokens[-1][2],
                "tokens": [token for token, _, _ in tokens],
                "tags": tags,
            }
        )
        for span in strict_iobes_spans(tags):
            start, end = tokens[span.start][1], tokens[span.end - 1][2]
            result["entities"].append(
                {
                    "start": start,
                    "end": end,
                    "label": span.label,
                    "text": text[start:end],
                    "score": min(confidences[span.start : span.end]),
                }
            )
    return result
