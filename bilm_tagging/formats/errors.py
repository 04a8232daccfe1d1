from typing import Optional


class DataFormatError(ValueError):
    """Bad input data; the message names the file and (1-based) line, where there is one (a
    BioC JSON document has none: the problem then names the document)."""

    def __init__(self, path: str, line_number: Optional[int], problem: str) -> None:
        where = path if line_number is None else f"{path}, line {line_number}"
        super().__init__(f"{where}: {problem}")
        self.path = path
        self.line_number = line_number
