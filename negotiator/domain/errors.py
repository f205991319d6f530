"""Provides the error for files that cannot be read: it names the file and the line."""

from __future__ import annotations


class FileFormatError(ValueError):
    """A file cannot be read as expected; ``str()`` gives ``path:line: message``."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")
