"""Plain text: paragraphs separated by blank lines; the format of any file no other
format claims."""
from __future__ import annotations

from ..article import make_article
from ..text import text_to_paragraphs
from .registry import Format, register


def read(text: str, path: str, ext: str, extra: dict):
    return [make_article(path, text_to_paragraphs(text), {}, extra, "txt")], []


FORMAT = register(Format("txt", read, fallback=True))
