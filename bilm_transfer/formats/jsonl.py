"""Documents as JSON lines: `{"id": ..., "text": "..."}` (a missing id is the line number)."""

import json
from typing import Iterator

from bilm_transfer.formats.errors import DataFormatError
from bilm_transfer.formats.standoff import Document


def read_jsonl_documents(path: str) -> Iterator[Document]:
    with open(path, encoding="utf-8") as lines:
        for line_number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                text = record["text"]
                if not isinstance(text, str):
                    raise TypeError
            except (ValueError, KeyError, TypeError):
                raise DataFormatError(
                    path, line_number, 'expected {"id": ..., "text": "..."}'
                ) from None
            yield Document(str(record.get("id", line_number)), text, [])
