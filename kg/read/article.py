"""Paragraphs and metadata → one :class:`kg.model.Article`: boilerplate dropped, a
reposted article dated by its address, the text cut at the length limit."""
from __future__ import annotations

import re
from datetime import datetime

from ..model import Article
from .boilerplate import finish
from .dates import url_day
from .errors import NO_TEXT, ReadError

MAX_ARTICLE = 200_000
"""The most characters of main text an article keeps (the longest corpus article has
13,500): a longer one is cut after the last paragraph, else sentence end, before the
limit, and says so in ``extra["cut_from"]`` (its full length)."""

_CUT_AFTER = re.compile(r"[\n。！？!?]")
_REPOSTED_AFTER_DAYS = 7


def make_article(path: str, paras: list[str], meta: dict, extra: dict, fmt: str) -> Article:
    title = meta.get("title")
    paras = finish(paras, title, extra)
    if not paras:
        raise ReadError(NO_TEXT)
    extra = dict(extra)
    extra.setdefault("format", fmt)
    published = meta.get("published")
    posted = url_day(meta.get("url"))
    if published is not None and posted is not None and (published.date() - posted).days > _REPOSTED_AFTER_DAYS:
        extra["fetched"] = published.isoformat()
        published = datetime(posted.year, posted.month, posted.day, tzinfo=published.tzinfo)
    text = "\n".join(paras)
    if len(text) > MAX_ARTICLE:
        extra["cut_from"] = len(text)
        text = _cut(text)
    return Article(
        path=path,
        text=text,
        title=title or None,
        published=published,
        url=meta.get("url"),
        publisher=meta.get("publisher"),
        language=meta.get("language"),
        extra=extra,
    )


def _cut(text: str) -> str:
    """The text up to MAX_ARTICLE characters, ending at a paragraph end (or a sentence
    end) in the last tenth before the limit where there is one."""
    head = text[:MAX_ARTICLE]
    newline = head.rfind("\n", MAX_ARTICLE * 9 // 10)
    if newline > 0:
        return head[:newline].rstrip()
    stop = None
    for stop in _CUT_AFTER.finditer(head, MAX_ARTICLE * 9 // 10):
        pass
    return head[:stop.end()] if stop is not None else head
