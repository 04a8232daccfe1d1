import lzma
import os
from typing import Iterator, Optional

from bilm_tagging.formats.errors import DataFormatError


def read_lines(path: str, local_path: Optional[str] = None) -> Iterator[str]:
    """The lines of a UTF-8 file (xz-compressed when its name ends in `.xz`), without their
    ends. `local_path`: where the file is, if not at `path` (a download of it); errors name
    `path`."""
    local_path = local_path or path
    if os.path.isdir(local_path):
        raise DataFormatError(path, 0, "is a directory, expected a data file")
    opener = lzma.open if local_path.endswith(".xz") else open
    with opener(local_path, "rb") as data_file:
        for line_number, raw in enumerate(data_file, start=1):
            try:
                yield raw.decode("utf-8").rstrip("\r\n")
            except UnicodeDecodeError as error:
                raise DataFormatError(path, line_number, f"not UTF-8 ({error.reason})") from None
