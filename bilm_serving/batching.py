"""
What both runtimes (`allennlp predict`'s `ner_tagger` predictor and the standalone tagger) do
around the network: check an input line, order sentences into batches of similar length, and
give a bad line its error result. Pure Python.
"""

from typing import Any, Dict, Iterator, List, Sequence, Tuple

# Sentences are tagged in batches of at most this many tokens (a 1 MB text must not become one
# enormous padded tensor).
MAX_BATCH_TOKENS = 4000

# A batch's distinct spellings go through the character CNN in this many groups of similar
# length, each padded only to its longest word (`unique_character_encoding`'s `num_buckets`).
SPELLING_GROUPS = 4

# A sentence's predicted tags and each tag's probability.
Tagged = Tuple[List[str], List[float]]


class InputError(ValueError):
    """One input line is unusable; its output line carries the message, the others go on."""


def checked_tokens(json_dict: Dict[str, Any]) -> List[str]:
    """The `tokens` of an input line, which must be a list of non-empty strings."""
    tokens = json_dict["tokens"]
    if not isinstance(tokens, list) or not all(isinstance(t, str) and t for t in tokens):
        raise InputError("'tokens' must be a list of non-empty strings")
    return tokens


def checked_string(json_dict: Dict[str, Any], key: str) -> str:
    """`json_dict[key]`, which must be a string."""
    if not isinstance(json_dict[key], str):
        raise InputError(f"'{key}' must be a string")
    return json_dict[key]


def error_result(json_dict: Dict[str, Any], message: str) -> Dict[str, Any]:
    """The output line of an unusable input: its `id` (if any) and the error."""
    return {**{k: v for k, v in json_dict.items() if k == "id"}, "error": message}


def length_batches(
    lengths: Sequence[int], max_tokens: int = MAX_BATCH_TOKENS
) -> Iterator[List[int]]:
    """
    Indices of the non-empty sentences with these `lengths`, shortest first, in batches whose
    padded size (longest sentence x batch size) stays within `max_tokens` (a longer sentence
    alone is a batch of its own).
    """
    order = sorted((i for i, length in enumerate(lengths) if length > 0), key=lengths.__getitem__)
    first = 0
    while first < len(order):
        last = first + 1
        while last < len(order) and lengths[order[last]] * (last - first + 1) <= max_tokens:
            last += 1
        yield order[first:last]
        first = last
