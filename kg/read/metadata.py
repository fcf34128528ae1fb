"""An article's metadata: title, date, address, language and publisher from front
matter, a JSON object or a page's head; the outlet from categories or the address."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterable
from urllib.parse import urlsplit

from .data import open_resource
from .dates import parse_date
from .text import clean

_TITLE_KEYS = ("title", "headline")
_DATE_KEYS = ("date", "published", "published_at", "datepublished", "pubdate", "time")
_URL_KEYS = ("link", "from", "url", "source_url", "permalink", "canonical")
_LANG_KEYS = ("lang", "language", "inlanguage")
_PUBLISHER_KEYS = ("publisher", "author", "site_name", "outlet")
_KNOWN_KEYS = set(_TITLE_KEYS + _DATE_KEYS + _URL_KEYS + _LANG_KEYS + _PUBLISHER_KEYS) | {
    "categories", "category", "tags", "layout", "comments"}


def _first(d: dict, keys: Iterable[str]) -> Any:
    for k in keys:
        v = d.get(k)
        if v not in (None, "", [], {}):
            return v
    return None


def _as_str(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, (list, tuple)):
        v = ", ".join(str(x).strip() for x in v if str(x).strip())
    s = re.sub(r"\s+", " ", str(v)).strip()
    return s or None


def _as_names(v: Any) -> list[str]:
    if v is None:
        return []
    if isinstance(v, str):
        return [x for x in re.split(r"[,\s]+", v) if x]
    if isinstance(v, (list, tuple)):
        return [str(x).strip() for x in v if str(x).strip()]
    return [str(v)]


def meta_from_mapping(d: dict, extra: dict) -> dict:
    """title, published, url, publisher, language from front matter or a JSON object."""
    meta: dict[str, Any] = {}
    meta["title"] = _as_str(_first(d, _TITLE_KEYS))
    raw_date = _first(d, _DATE_KEYS)
    meta["published"] = parse_date(raw_date)
    if raw_date is not None and meta["published"] is None:
        extra["date_raw"] = str(raw_date)
    url = _first(d, _URL_KEYS)
    if isinstance(url, (list, tuple)):
        url = url[0] if url else None
    url = re.sub(r"\s*\n\s*", "", str(url)).strip() if url is not None else ""
    meta["url"] = url.replace(" ", "%20") or None
    meta["language"] = _as_str(_first(d, _LANG_KEYS))
    cats = _as_names(d.get("categories") or d.get("category"))
    tags = _as_names(d.get("tags"))
    if cats:
        extra["categories"] = cats
    if tags:
        extra["tags"] = tags
    code, name = _outlet_of(cats + tags, meta["url"])
    if code:
        extra["outlet"] = code
    meta["publisher"] = _as_str(_first(d, _PUBLISHER_KEYS)) or name
    rest = {k: v for k, v in d.items() if k not in _KNOWN_KEYS and k != "text"}
    if rest:
        extra["meta"] = rest
    return meta


def page_meta(tree, extra: dict) -> dict:
    """title, published, url, language, publisher from a parsed page's head (meta tags,
    <title>, the first <h1>, <time datetime>, the canonical link, <html lang>)."""
    meta: dict[str, Any] = {}

    def meta_content(*names: str) -> str | None:
        for n in names:
            node = tree.css_first(f'meta[property="{n}"]') or tree.css_first(f'meta[name="{n}"]')
            if node is not None and (node.attributes.get("content") or "").strip():
                return node.attributes["content"].strip()
        return None

    t = tree.css_first("title")
    h1 = tree.css_first("h1")
    title = clean(t.text()) if t is not None else ""
    h1_text = clean(h1.text()) if h1 is not None else ""
    og_title = meta_content("og:title", "twitter:title")
    if h1_text and (not title or h1_text in title):
        title = h1_text
    meta["title"] = title or og_title or h1_text or None
    meta["published"] = parse_date(meta_content("article:published_time", "datePublished", "pubdate",
                                                "publishdate", "date", "dc.date"))
    if meta["published"] is None:
        tm = tree.css_first("time[datetime]")
        if tm is not None:
            meta["published"] = parse_date(tm.attributes.get("datetime"))
    canon = tree.css_first('link[rel="canonical"]')
    meta["url"] = meta_content("og:url") or (canon.attributes.get("href") if canon is not None else None)
    html_node = tree.css_first("html")
    lang = html_node.attributes.get("lang") if html_node is not None else None
    meta["language"] = lang or meta_content("og:locale", "language")
    code, name = _outlet_of([], meta["url"])
    if code:
        extra["outlet"] = code
    meta["publisher"] = meta_content("og:site_name", "publisher", "author") or name
    return meta


@lru_cache(maxsize=1)
def outlets() -> dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """code → (display name, aliases, domains), from ``kg/resources/outlets.tsv``.

    Columns: ``code``, ``name``, ``aliases`` (space-separated category names that
    mean the outlet), ``domains`` (space-separated hosts, optionally host/path).
    """
    table: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {}
    with open_resource("outlets.tsv") as f:
        header = f.readline().rstrip("\n").split("\t")
        if header[:2] != ["code", "name"]:
            raise ValueError("outlets.tsv: the header must start with code, name")
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t") + ["", "", ""]
            code = cols[0].strip().lower()
            name = cols[1].strip() or code
            table[code] = (name, tuple(cols[2].split()), tuple(cols[3].split()))
    return table


def _outlet_of(names: list[str], url: str | None) -> tuple[str | None, str | None]:
    """(code, display name) for the first category/tag naming an outlet, else from the URL."""
    table = outlets()
    for n in names:
        key = n.strip().lower()
        if key in table:
            return key, table[key][0]
        for code, (name, aliases, _) in table.items():
            if n.strip() in aliases or key in (a.lower() for a in aliases):
                return code, name
    if url:
        try:
            parts = urlsplit(url)
        except ValueError:
            return None, None
        host = (parts.hostname or "").lower()
        if host.startswith("www."):
            host = host[4:]
        where = host + parts.path.lower()
        for code, (name, _, domains) in table.items():
            for dom in domains:
                d_host = dom.split("/", 1)[0]
                if (host == d_host or host.endswith("." + d_host)) and (
                        "/" not in dom or where.startswith(dom)):
                    return code, name
    return None, None
