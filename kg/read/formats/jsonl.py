"""JSON Lines (one article object a line, a bad line one failure) and JSON (one
object, or a list of them); the text in ``text``, ``content`` or ``body``, HTML or plain."""
from __future__ import annotations

import json
from typing import Any

from ...model import Article, ReadFailure
from ..article import make_article
from ..errors import EMPTY, ReadError
from ..metadata import meta_from_mapping
from ..text import text_to_paragraphs
from ..walker import html_to_paragraphs, looks_like_html_body
from .registry import Format, register


def _article_from_object(obj: Any, path: str, extra: dict) -> Article:
    if not isinstance(obj, dict):
        raise ReadError(f"not a JSON object ({type(obj).__name__})")
    d = {str(k).lower(): v for k, v in obj.items()}
    text = d.get("text")
    if text is None:
        text = d.get("content") if d.get("content") is not None else d.get("body")
    if text is None:
        raise ReadError("no \"text\" field")
    if not isinstance(text, str):
        raise ReadError("\"text\" is not a string")
    extra = dict(extra)
    meta = meta_from_mapping(d, extra)
    if looks_like_html_body(text):
        paras, info = html_to_paragraphs(text)
        extra.update(info)
    else:
        paras = text_to_paragraphs(text)
    try:
        return make_article(path, paras, meta, extra, "jsonl")
    except ReadError:
        raise ReadError("empty \"text\"") from None


def read_jsonl(text: str, path: str, ext: str, extra: dict) -> tuple[list[Article], list[ReadFailure]]:
    articles: list[Article] = []
    failures: list[ReadFailure] = []
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            failures.append(ReadFailure(where, f"line {n}: not JSON ({e.msg} at column {e.colno})"))
            continue
        try:
            art = _article_from_object(obj, where, {**extra, "line": n})
        except ReadError as e:
            failures.append(ReadFailure(where, f"line {n}: {e.reason}"))
            continue
        articles.append(art)
    if not articles and not failures:
        raise ReadError(EMPTY)
    return articles, failures


def read_json(text: str, path: str, ext: str, extra: dict) -> tuple[list[Article], list[ReadFailure]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        # maybe JSON Lines under a .json name
        if text.lstrip().startswith("{") and "\n{" in text:
            return read_jsonl(text, path, ext, extra)
        raise ReadError(f"not JSON ({e.msg} at line {e.lineno})") from None
    if isinstance(data, dict):
        return [_article_from_object(data, path, extra)], []
    if isinstance(data, list):
        arts, fails = [], []
        for i, obj in enumerate(data, 1):
            where = f"{path}:{i}"
            try:
                arts.append(_article_from_object(obj, where, {**extra, "item": i}))
            except ReadError as e:
                fails.append(ReadFailure(where, f"item {i}: {e.reason}"))
        return arts, fails
    raise ReadError("JSON is neither an object nor a list of objects")


JSONL = register(Format("jsonl", read_jsonl, extensions=(".jsonl", ".ndjson", ".jsonlines"), ahead_of_content=True))
JSON = register(Format("json", read_json, extensions=(".json",), ahead_of_content=True))
