"""Why a file cannot be read: the one exception of the reading stage and its reasons."""
from __future__ import annotations

NO_SUCH_FILE = "no such file or directory"
BINARY = "binary file, not text"
EMPTY = "empty file"
UNREADABLE = "unreadable encoding (not UTF-8, GB18030, Big5 or Windows-1252)"
NO_TEXT = "no article text"
LINK_LOOP = "symbolic link loop, not followed"


class ReadError(ValueError):
    """A file that cannot be read as an article; ``reason`` says why, in a few words."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason
