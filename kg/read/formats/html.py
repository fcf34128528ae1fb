"""HTML pages: metadata from the head, main text from the largest <article>, <main>,
role=main or articleBody element (else the body)."""
from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from ..article import make_article
from ..metadata import page_meta
from ..walker import html_to_paragraphs, shallow
from .registry import Format, register

EXTENSIONS = (".html", ".htm", ".xhtml", ".shtml")


def looks_like_html_page(text: str) -> bool:
    s = text.lstrip()[:1000].lower()
    return s.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text[:5000].lower()


def read(text: str, path: str, ext: str, extra: dict):
    tree = LexborHTMLParser(shallow(text), scripting=True)
    meta = page_meta(tree, extra)
    # main text: prefer <article>, then <main>, when they hold most of the text
    body = tree.body
    container = None
    for sel in ("article", "main", "[role=main]", "[itemprop=articleBody]"):
        nodes = tree.css(sel)
        if nodes:
            container = max(nodes, key=lambda n: len(n.text() or ""))
            break
    fragment = container.html if container is not None else (body.html if body is not None else text)
    paras, info = html_to_paragraphs(fragment or "")
    if container is not None and not paras and body is not None:
        paras, info = html_to_paragraphs(body.html or "")
    extra.update(info)
    extra["format"] = "html"
    return [make_article(path, paras, meta, extra, "html")], []


FORMAT = register(Format("html", read, extensions=EXTENSIONS, sniffed_by=looks_like_html_page))
