"""Markdown: headings, emphasis and links stripped (link text kept), images, reference
definitions and comments dropped, list items kept apart; the title is the first
``#`` heading."""
from __future__ import annotations

import re

from ..article import make_article
from ..text import LIST_ITEM, clean, text_to_paragraphs
from .registry import Format, register

EXTENSIONS = (".md", ".markdown", ".mdown", ".mkd")

_MD_FENCE = re.compile(r"^\s*(```|~~~)")
_MD_HR = re.compile(r"^\s*(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
SETEXT = re.compile(r"^\s*(?:=+|-+)\s*$")
HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+\s*)?$")
_MD_REFDEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()\s]|\([^)]*\))*(?:\s+\"[^\"]*\")?\)")
_MD_REFLINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_MD_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>")
_MD_EMPH = [
    re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"),
    re.compile(r"(?<![A-Za-z0-9*])\*(?=\S)(.+?)(?<=\S)\*(?![A-Za-z0-9*])"),
    re.compile(r"(?<![A-Za-z0-9_])_(?=\S)(.+?)(?<=\S)_(?![A-Za-z0-9_])"),
    re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"),
]
_MD_CODE = re.compile(r"`([^`]+)`")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_HTML_BR = re.compile(r"<br\s*/?>", re.I)


def md_inline(s: str) -> str:
    s = _MD_IMAGE.sub("", s)
    s = _MD_LINK.sub(r"\1", s)
    s = _MD_REFLINK.sub(r"\1", s)
    s = _MD_AUTOLINK.sub(r"\1", s)
    s = _MD_CODE.sub(r"\1", s)
    for rx in _MD_EMPH:
        s = rx.sub(lambda m: m.group(m.lastindex), s)
    s = _HTML_TAG.sub("", s)
    return s


def markdown_to_paragraphs(text: str) -> list[str]:
    """Light markdown stripping: headings, emphasis, links (text kept), images dropped."""
    text = _HTML_COMMENT.sub("", text)
    text = _HTML_BR.sub("\n", text)
    lines = text.split("\n")
    out: list[str] = []
    in_fence = False
    for i, ln in enumerate(lines):
        if _MD_FENCE.match(ln):
            in_fence = not in_fence
            out.append("")
            continue
        if in_fence:
            out.append(ln)
            continue
        if _MD_REFDEF.match(ln):
            continue
        if SETEXT.match(ln) and i > 0 and lines[i - 1].strip():
            out.append("")  # the line above is a heading: its own paragraph
            continue
        if _MD_HR.match(ln):
            out.append("")
            continue
        h = HEADING.match(ln)
        if h:
            out.extend(["", md_inline(h.group(1)), ""])
            continue
        while _MD_QUOTE.match(ln):
            ln = _MD_QUOTE.sub("", ln, count=1)
        m = LIST_ITEM.match(ln)
        if m:
            ln = "- " + ln[m.end():]  # keep a list marker so items stay separate paragraphs
        out.append(md_inline(ln))
    paras = text_to_paragraphs("\n".join(out))
    return [p[2:] if p.startswith("- ") else p for p in paras]


def _md_title(text: str) -> str | None:
    for ln in text.split("\n")[:20]:
        m = re.match(r"^\s{0,3}#\s+(.*?)(?:\s+#+\s*)?$", ln)
        if m:
            return clean(md_inline(m.group(1))) or None
    return None


def read(text: str, path: str, ext: str, extra: dict):
    paras = markdown_to_paragraphs(text)
    title = _md_title(text)
    return [make_article(path, paras, {"title": title}, extra, "md")], []


FORMAT = register(Format("md", read, extensions=EXTENSIONS))
