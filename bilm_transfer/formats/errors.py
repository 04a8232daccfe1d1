from allennlp.common.checks import ConfigurationError


class DataFormatError(ConfigurationError):
    """Bad input data; the message names the file and (1-based) line."""

    def __init__(self, path: str, line_number: int, problem: str) -> None:
        super().__init__(f"{path}, line {line_number}: {problem}")
        self.path = path
        self.line_number = line_number
