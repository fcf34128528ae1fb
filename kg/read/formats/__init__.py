"""The formats the reader knows, one module each (``jekyll``, ``txt``, ``md``, ``html``,
``jsonl`` with ``json``), registered by name and extension in ``registry``; importing
this package imports them all, so every format is registered."""
from __future__ import annotations

from . import html, jekyll, jsonl, md, txt  # noqa: F401  (each registers its formats)
from .registry import Format, format_for, formats, register

__all__ = ["Format", "format_for", "formats", "register"]
