"""Documents as JSON lines: `{"id": ..., "text": "..."}` (a missing id is the line number). Lines
that `allennlp predict` takes also do: a `sentence` is a one-sentence document, and `tokens`
become the document `" ".join(tokens)`."""

import json
from typing import Iterator

from bilm_tagging.formats.document import Document
from bilm_tagging.formats.errors import DataFormatError


def _text(record: dict) -> str:
    for key in ("text", "sentence"):
        if isinstance(record.get(key), str):
            return record[key]
    tokens = record.get("tokens")
    if isinstance(tokens, list) and all(isinstance(token, str) for token in tokens):
        return " ".join(tokens)
    raise ValueError


def read_jsonl_documents(path: str) -> Iterator[Document]:
    with open(path, encoding="utf-8") as lines:
        for line_number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                text = _text(record)
            except (ValueError, AttributeError):
                raise DataFormatError(
                    path,
                    line_number,
                    'expected {"id": ..., "text": "..."} (or "sentence", "tokens")',
                ) from None
            yield Document(str(record.get("id", line_number)), text, [])
