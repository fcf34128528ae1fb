"""The registry of formats: each format module registers itself here, by name and
extension, and ``format_for`` chooses a file's format.

A file's format is chosen in this order: a format whose extension decides before the
content is looked at (JSON Lines, JSON: data, never a post); a content mark that
decides whatever the extension (front matter: a Jekyll post may be named .md, .html
or .txt); the format of the extension (.html, .md); a content test for files whose
extension names no format (an HTML page saved as .txt or with no extension); plain
text for everything else.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ...model import Article, ReadFailure

Reader = Callable[[str, str, str, dict], "tuple[list[Article], list[ReadFailure]]"]
"""(decoded text, path, lower-case extension, extra) → the articles and the failures."""


@dataclass(frozen=True)
class Format:
    """A format the reader knows: its name, its reader, and how it claims a file."""

    name: str
    read: Reader
    extensions: tuple[str, ...] = ()
    ahead_of_content: bool = False
    """The extension decides before any content test."""
    marked_by: Callable[[str], bool] | None = None
    """A content test that decides whatever the extension."""
    sniffed_by: Callable[[str], bool] | None = None
    """A content test for files whose extension names no format."""
    fallback: bool = False
    """The format of any file no other format claims."""


_FORMATS: dict[str, Format] = {}
_BY_EXTENSION: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    """Add ``fmt`` under its name and its extensions; content tests are tried in the
    order the formats were registered."""
    if fmt.name in _FORMATS:
        raise ValueError(f"format {fmt.name!r} is registered already")
    for ext in fmt.extensions:
        if ext in _BY_EXTENSION:
            raise ValueError(f"extension {ext!r} is {_BY_EXTENSION[ext].name!r}'s already")
    _FORMATS[fmt.name] = fmt
    _BY_EXTENSION.update(dict.fromkeys(fmt.extensions, fmt))
    return fmt


def formats() -> dict[str, Format]:
    """Every registered format by name."""
    return dict(_FORMATS)


def format_for(ext: str, text: str) -> Format:
    """The format of a file with extension ``ext`` (lower case, with its dot) and
    decoded content ``text``."""
    named = _BY_EXTENSION.get(ext)
    if named is not None and named.ahead_of_content:
        return named
    for fmt in _FORMATS.values():
        if fmt.marked_by is not None and fmt.marked_by(text):
            return fmt
    if named is not None:
        return named
    for fmt in _FORMATS.values():
        if fmt.sniffed_by is not None and fmt.sniffed_by(text):
            return fmt
    return next(fmt for fmt in _FORMATS.values() if fmt.fallback)
