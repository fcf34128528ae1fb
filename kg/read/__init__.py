"""Reading stage: files on disk → :class:`kg.model.Article` records.

Formats: Jekyll posts (YAML front matter, then an HTML or markdown/plain-text body),
plain ``.txt``, ``.md``, ``.html``/``.htm`` pages and JSON Lines (``.jsonl``).
Encodings: UTF-8 (with or without BOM), GB18030/GBK and Big5 (chosen by which decodes
cleanly and yields more common CJK characters), UTF-16/32 with a BOM.

``Article.text`` is the main text only: paragraphs joined by ``"\\n"``, each stripped,
whitespace runs collapsed, and boilerplate removed before it reaches extraction
(scripts, ads, paywall placeholders, image captions and credits, bylines, datelines,
"read more" / recommendation / related blocks, share widgets, copyright lines).

Public API::

    iter_sources(paths)            -> Iterator[Path | ReadFailure]
    read_file(path)                -> list[Article]          (raises ReadError)
    read_file_with_failures(path)  -> (list[Article], list[ReadFailure])
    read_paths(paths)              -> Iterator[Article | ReadFailure]   (never raises)

Every failure carries one short reason, e.g. ``"binary file, not text"``,
``"empty file"``, ``"invalid YAML front matter: ..."``, ``"no article text"``,
``"unreadable encoding (not UTF-8, GB18030, Big5 or Windows-1252)"``, ``"cannot read: ..."``,
``"line 7: not JSON (...)"``.

The parts: ``sources`` (which files), ``decode`` (bytes → text), ``errors`` (ReadError
and its reasons), ``formats`` (one reader per format, registered by name and extension),
``text`` (cleaning, plain-text paragraphs), ``walker`` (HTML → paragraphs),
``boilerplate`` (which paragraphs and elements are no main text; the phrases are data in
``kg/resources``, read once by ``data``), ``metadata`` and ``dates`` (title, date,
address, outlet), ``article`` (paragraphs and metadata → Article).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterator

from ..model import Article, ReadFailure
from .article import MAX_ARTICLE
from .dates import parse_date
from .decode import decode_bytes
from .errors import ReadError
from .formats import format_for
from .formats.md import markdown_to_paragraphs
from .metadata import outlets
from .sources import iter_sources, read_bytes
from .text import text_to_paragraphs
from .walker import html_to_paragraphs

__all__ = [
    "MAX_ARTICLE",
    "ReadError",
    "iter_sources",
    "read_file",
    "read_file_with_failures",
    "read_paths",
    "read_text",
    "decode_bytes",
    "parse_date",
    "html_to_paragraphs",
    "markdown_to_paragraphs",
    "text_to_paragraphs",
    "outlets",
]


def read_paths(paths: Any) -> Iterator[Article | ReadFailure]:
    """Every article in ``paths`` (files, folders, globs); failures as ReadFailure. Never raises."""
    for src in iter_sources(paths):
        if isinstance(src, ReadFailure):
            yield src
            continue
        try:
            articles, failures = read_file_with_failures(src)
        except ReadError as e:
            yield ReadFailure(str(src), e.reason)
            continue
        except Exception as e:  # a reader bug must not stop a batch
            yield ReadFailure(str(src), f"internal error: {type(e).__name__}: {e}")
            continue
        yield from articles
        yield from failures


def read_file(path: str | os.PathLike) -> list[Article]:
    """The articles in one file. Raises :class:`ReadError` with a short reason.

    For JSON Lines, bad lines are skipped (use :func:`read_file_with_failures` to see
    them); if no line is good, the first bad line's reason is raised.
    """
    articles, failures = read_file_with_failures(path)
    if not articles and failures:
        raise ReadError(failures[0].reason)
    return articles


def read_file_with_failures(path: str | os.PathLike) -> tuple[list[Article], list[ReadFailure]]:
    """The articles in one file, and one ReadFailure per bad JSONL line (``file.jsonl:7``).

    Raises :class:`ReadError` when the file as a whole cannot be read.
    """
    text, encoding = decode_bytes(read_bytes(Path(path)))
    return read_text(text, str(path), encoding=encoding)


def read_text(text: str, path: str = "<text>", encoding: str | None = None
              ) -> tuple[list[Article], list[ReadFailure]]:
    """Articles from already-decoded text; the format comes from the name and content.
    NUL characters are dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").lstrip("\ufeff")
    ext = Path(path).suffix.lower()
    extra = {"encoding": encoding} if encoding else {}
    return format_for(ext, text).read(text, path, ext, extra)
