"""Jekyll posts: YAML front matter between ``---`` lines, then an HTML or Markdown/plain
body; the seed's header (comments, ``[title](url)`` and its underline) is dropped."""
from __future__ import annotations

import re

import yaml

from ..article import make_article
from ..errors import ReadError
from ..metadata import meta_from_mapping
from ..text import clean
from ..walker import html_to_paragraphs, looks_like_html_body
from .registry import Format, register
from .html import EXTENSIONS as HTML_EXTENSIONS
from .md import HEADING, SETEXT, markdown_to_paragraphs, md_inline

_FM_OPEN = re.compile(r"\A[ \t\n]*---[ \t]*\n")
_FM_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
_FM_KEY = re.compile(r"^[\"']?[^\s:#\"'-][^:\n]*[\"']?[ \t]*:(?:[ \t]|$)")


def opens_front_matter(text: str) -> bool:
    """The text opens with ``---`` and a ``key:`` line (or an empty front matter);
    otherwise the ``---`` is a rule."""
    m = _FM_OPEN.match(text)
    if not m:
        return False
    first = next((ln for ln in text[m.end():m.end() + 2000].split("\n") if ln.strip()), "")
    return bool(_FM_KEY.match(first) or _FM_CLOSE.match(first))


def _split_front_matter(text: str) -> tuple[str, str]:
    m = _FM_OPEN.match(text)
    close = _FM_CLOSE.search(text, m.end())
    if not close:
        raise ReadError("invalid YAML front matter: no closing '---' line")
    return text[m.end():close.start()], text[close.end():].lstrip("\n")


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse_yaml(src: str) -> dict:
    try:
        data = yaml.load(src, Loader=_Loader)
    except yaml.YAMLError as e:
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise ReadError(f"invalid YAML front matter: {first}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ReadError(f"invalid YAML front matter: not a mapping ({type(data).__name__})")
    return {str(k).lower(): v for k, v in data.items()}


def read(text: str, path: str, ext: str, extra: dict):
    fm_src, body = _split_front_matter(text)
    fm = _parse_yaml(fm_src)
    meta = meta_from_mapping(fm, extra)
    body, header_url = _strip_post_header(body, meta.get("title"))
    if header_url and not meta.get("url"):
        meta["url"] = header_url
    if looks_like_html_body(body) or (ext in HTML_EXTENSIONS and body.lstrip().startswith("<")):
        paras, info = html_to_paragraphs(body)
        extra.update(info)
        fmt = "jekyll-html"
    else:
        paras = markdown_to_paragraphs(body)
        fmt = "jekyll-text"
    extra["format"] = fmt
    return [make_article(path, paras, meta, extra, fmt)], []


_POST_HEADER_LINK = re.compile(r"^\s*\[(?P<text>[^\]\n]+)\]\((?P<url>[^)\s]+)\)\s*$")


def _strip_post_header(body: str, title: str | None) -> tuple[str, str | None]:
    """Drop the seed-style header: HTML comments, ``[title](url)`` and its ``------`` underline."""
    rest = body
    while True:
        stripped = rest.lstrip()
        if stripped.startswith("<!--"):
            end = stripped.find("-->")
            if end < 0:
                break
            rest = stripped[end + 3:]
            continue
        break
    lines = rest.lstrip("\n").split("\n")
    url = None
    if lines:
        m = _POST_HEADER_LINK.match(lines[0])
        if m and (len(lines) > 1 and SETEXT.match(lines[1]) or
                  (title and clean(m.group("text")) == clean(title))):
            url = m.group("url")
            lines = lines[2:] if len(lines) > 1 and SETEXT.match(lines[1]) else lines[1:]
            return "\n".join(lines), url
        h = HEADING.match(lines[0])
        if h and title and clean(md_inline(h.group(1))) == clean(title):
            return "\n".join(lines[1:]), None
    return body, None


FORMAT = register(Format("jekyll", read, marked_by=opens_front_matter))
