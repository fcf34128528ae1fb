"""HTML → main-text paragraphs: a walk over the parsed tree that skips boilerplate
elements (by tag, by attribute, "read more" boxes, captions after images, bylines)
and starts a paragraph at every block element."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from .boilerplate import element_cues
from .text import clean

_HTML_BLOCK_HINT = re.compile(
    r"<(?:p|div|section|main|article|br|h[1-6]|ul|ol|li|table|figure|blockquote|address|span|img|a)\b[^<>]*>",
    re.I)


def looks_like_html_body(body: str) -> bool:
    s = body.lstrip()
    if s.startswith("<") and not s.startswith("<http"):
        return bool(_HTML_BLOCK_HINT.search(s[:5000])) or s[:15].lower().startswith(("<!doctype", "<html"))
    return len(_HTML_BLOCK_HINT.findall(s[:20000])) >= 3 and bool(re.search(r"</(?:p|div)>", s, re.I))


# tags whose content never is article text
_DROP_TAGS = frozenset({
    "script", "style", "noscript", "template", "iframe", "svg", "math", "img", "picture", "video",
    "audio", "source", "track", "object", "embed", "canvas", "button", "form", "input", "select",
    "option", "textarea", "label", "nav", "aside", "footer", "header", "address", "head",
    "title", "meta", "link", "base", "map", "dialog", "menu",
})
# tags that start a new paragraph
_BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
    "blockquote", "pre", "table", "thead", "tbody", "tfoot", "tr", "caption", "dl", "dt", "dd",
    "hr", "center", "fieldset", "details", "summary", "body", "html", "figure", "figcaption",
    "hgroup", "legend",
})
_ID_SPLIT = re.compile(r"[-_\s:/.]+|(?<=[a-z])(?=[A-Z])|\d+")
_ISO_BYLINE = re.compile(r"^\s*(?P<who>[^\n]{0,60}?)\s*\d{4}-\d\d-\d\dT\d\d:\d\d[\d:.]*Z?\s*$")


@lru_cache(maxsize=4096)
def _words(value: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _ID_SPLIT.split(value) if w)


_INLINE_TAGS = frozenset({"a", "span", "b", "i", "em", "strong", "u", "sup", "sub", "mark", "abbr", "q"})


def _attr_boiler(attrs: dict, tag: str = "div") -> bool:
    cues = element_cues()
    inline = tag in _INLINE_TAGS
    for key in ("id", "class"):
        v = attrs.get(key)
        if v and not _words(v).isdisjoint(cues.class_words):
            return True
    v = attrs.get("aria-label")
    if v and not inline and cues.aria_label.match(v):
        return True
    if attrs.get("aria-hidden") == "true":
        return True
    if attrs.get("role") in cues.roles:
        return True
    v = attrs.get("data-e2e")
    if v and cues.data_e2e.search(v):
        return True
    v = attrs.get("data-testid")
    if v and cues.data_testid.search(v):
        return True
    v = attrs.get("aria-labelledby")
    if v and cues.labelledby.search(v):
        return True
    # embedded social posts (Threads, Instagram, TikTok) carry a permalink attribute
    if any(any(part in k for part in cues.embed_attribute_parts) or k.startswith(cues.embed_attribute_prefixes)
           for k in attrs):
        return True
    return False


def _byline_text(raw: str) -> str:
    """"Article Information Author, 甲 Role, BBC中文 2025年11月18日" → "甲, BBC中文"."""
    cues = element_cues()
    txt = clean(raw)
    author = cues.byline_author.search(txt)
    role = cues.byline_role.search(txt)
    if author:
        return ", ".join(clean(x.group(1)) for x in (author, role) if x and clean(x.group(1)))
    return cues.byline_heading.sub("", txt)


def _prev_element(node):
    p = node.prev
    while p is not None and (p.tag == "-comment" or (p.tag == "-text" and not (p.text_content or "").strip())):
        p = p.prev
    return p


def _is_image(node) -> bool:
    """An img, or a wrapper whose only content is an image (and no text)."""
    if node is None:
        return False
    if node.tag in ("img", "picture", "figure", "video"):
        return True
    if node.tag in ("div", "a", "span", "dt", "p") and node.css_first("img") is not None:
        return not (node.text() or "").strip()
    return False


def _first_text(node) -> str:
    for n in node.traverse(include_text=True):
        if n.tag == "-text":
            t = (n.text_content or "").strip()
            if t:
                return t
    return ""


_TEXT, _CHILDREN, _NEXT, _FIGURE = "text", "children", "next", "figure"

MAX_HTML_DEPTH = 200
"""Elements nested deeper than this (pages of the corpus nest about 30 deep) are read
as the plain text of the element at this depth, one paragraph, without looking for
boilerplate inside: each such look costs as much as the element holds."""


class _Walker:
    """Collects text from an HTML tree as paragraphs, skipping boilerplate subtrees."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.info: dict[str, Any] = {}
        self.removed: dict[str, int] = {}

    def _drop(self, what: str) -> None:
        self.removed[what] = self.removed.get(what, 0) + 1

    def walk(self, node) -> None:
        """Append the text under ``node``. Iterative, with its own stack, so that no
        depth of nesting exhausts Python's: each entry is a string to append, a node
        whose children are to be read, a node whose next sibling is, or the
        paragraphs of a figure still to be read."""
        parts = self.parts
        stack: list = [(_CHILDREN, node, 0)]
        while stack:
            what, item, depth = stack.pop()
            if what is _TEXT:
                parts.append(item)
                continue
            if what is _FIGURE:
                p = next(item, None)
                if p is not None:
                    stack += [(_FIGURE, item, depth), (_TEXT, "\n", depth), (_CHILDREN, p, depth + 1)]
                    parts.append("\n")
                continue
            child = item.child if what is _CHILDREN else item.next
            if child is None:
                continue
            # the sibling after is looked up only once this child is read: reading it
            # may remove that sibling (a "related" heading takes its list with it)
            stack.append((_NEXT, child, depth))
            tag = child.tag
            if tag == "-text":
                parts.append(child.text_content or "")
            elif tag[0] == "-" or tag.startswith("!"):
                pass
            elif tag == "br":
                parts.append("\n")
            elif tag == "wbr":
                pass
            elif tag == "figure" or tag == "figcaption":
                # captions go; real paragraphs swallowed by broken markup stay
                self._drop("caption")
                stack.append((_FIGURE, self._figure_paragraphs(child), depth + 1))
            elif tag in _DROP_TAGS:
                if tag == "address":
                    self.info.setdefault("byline", clean(child.text() or ""))
                self._drop(tag)
            elif depth >= MAX_HTML_DEPTH:
                parts += ["\n", child.text(separator="") or "", "\n"]
                self._drop("nesting")
            elif self._boiler(child, tag):
                pass
            elif tag in _BLOCK_TAGS:
                parts.append("\n")
                stack += [(_TEXT, "\n", depth), (_CHILDREN, child, depth + 1)]
            else:
                stack.append((_CHILDREN, child, depth + 1))

    @staticmethod
    def _figure_paragraphs(figure):
        credit_start = element_cues().credit_start
        for p in figure.css("p"):
            if p.parent is not None and p.parent.tag != "p" and not _is_boiler_element(p):
                if not credit_start.match(_first_text(p)):
                    yield p

    def _boiler(self, node, tag: str) -> bool:
        cues = element_cues()
        attrs = node.attributes
        if attrs and _attr_boiler(attrs, tag):
            lab = attrs.get("aria-labelledby") or ""
            node_id = (attrs.get("id") or "").lower()
            if any(word in lab or word in node_id for word in cues.byline_ids):
                txt = _byline_text(node.text(separator=" ") or "")
                if txt:
                    self.info.setdefault("byline", txt)
            self._drop("attribute")
            return True
        if tag in ("section", "div", "aside", "ul", "ol") and self._read_more_block(node):
            self._drop("read-more")
            return True
        if (tag in ("h1", "h2", "h3", "h4", "h5", "h6") or (
                tag in ("strong", "b") and node.parent is not None
                and clean(node.parent.text() or "") == clean(node.text() or ""))) \
                and cues.read_more_heading.match(node.text() or ""):
            # a bare "related" heading followed by a list: drop the heading and the list after it
            nxt = node.next
            while nxt is not None and nxt.tag in ("-text", "-comment") and not (nxt.text_content or "").strip():
                nxt = nxt.next
            if nxt is not None and nxt.tag in ("ul", "ol"):
                nxt.decompose()
            self._drop("read-more")
            return True
        if tag in ("i", "em"):
            m = _ISO_BYLINE.match(node.text(separator="\n") or "")
            if m:
                if m.group("who").strip():
                    self.info.setdefault("byline", clean(m.group("who")))
                self._drop("byline")
                return True
        if tag in ("p", "div", "span", "em", "i", "dd", "b") or tag == "strong":
            prev = _prev_element(node)
            if prev is not None and _is_image(prev) and self._caption_like(node, tag):
                self._drop("caption")
                return True
            if ((tag in ("p", "span") or (tag == "div" and node.css_first("p, div, li") is None))
                    and cues.credit_start.match(_first_text(node)) and len(node.text() or "") < 300):
                self._drop("caption")
                return True
        if tag == "small" and self._small_caption(node):
            self._drop("caption")
            return True
        if tag == "time" and node.parent is not None and node.parent.tag not in ("p", "li", "span", "a", "em", "i", "b", "strong", "td"):
            self._drop("time")
            return True
        return False

    @staticmethod
    def _read_more_block(node) -> bool:
        """A block that opens with a "read more"/"related" heading and is mostly links.

        Al Jazeera: <section><h2>阅读更多</h2><span>list of 4 items</span><ul>…</ul></section>
        """
        cues = element_cues()
        kids = [c for c in node.iter() if c.tag not in ("-text", "-comment")]
        if not kids:
            return False
        head = kids[0]
        if not (cues.list_heading.match(head.text() or "") or cues.read_more_heading.match(head.text() or "")
                or any(cues.list_heading.match(k.text() or "") for k in kids[1:3] if k.tag == "span")):
            return False
        if _first_text(node) != _first_text(head):
            return False
        text = clean(node.text() or "")
        rest = len(cues.list_marks_or_space.sub("", text)) - len(re.sub(r"\s", "", head.text() or ""))
        links = sum(len(re.sub(r"\s", "", a.text() or "")) for a in node.css("a"))
        return len(text) <= 2000 and links >= 0.5 * rest

    @staticmethod
    def _small_caption(node) -> bool:
        """<small> right after an image (or alone in a block right after one) is a caption.

        Other <small> is kept: broken markup can make a browser re-open an unclosed
        caption <small> around the paragraphs that follow it.
        """
        if _is_image(_prev_element(node)):
            return True
        text = clean(node.text() or "")
        parent = node.parent
        if parent is not None and clean(parent.text() or "") == text and _is_image(_prev_element(parent)):
            return True
        return len(text) <= 200 and bool(element_cues().small_notice.match(text))

    @staticmethod
    def _caption_like(node, tag: str) -> bool:
        if tag == "dd":
            return True
        attrs = node.attributes
        if attrs.get("role") == "text":
            return True
        text = (node.text() or "").strip()
        if not text or len(text) > 400:
            return False
        if tag in ("em", "i"):
            return True
        # a block whose text all sits in one em/i/small/span child
        kids = [c for c in node.iter(include_text=True)
                if not (c.tag == "-text" and not (c.text_content or "").strip()) and c.tag != "-comment"]
        return len(kids) == 1 and kids[0].tag in ("em", "i", "small", "cite")


MAX_MARKUP_DEPTH = 1000
"""The deepest nesting of tags handed to the HTML parser, whose cost grows with the
square of the depth (20,000 deep takes seconds): the tags of elements nested deeper
are taken out before parsing, their text stays."""

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*?(/?)>")
# elements that never nest (void) or whose end tag may be left out: not counted
_UNCOUNTED = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    "param", "keygen", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody",
    "tfoot", "colgroup", "caption", "rb", "rt", "rp", "html", "head", "body",
})


def shallow(html: str) -> str:
    """``html`` without the tags nested deeper than MAX_MARKUP_DEPTH (counted roughly,
    from the tags alone); unchanged when nothing is that deep."""
    if html.count("<") <= MAX_MARKUP_DEPTH:
        return html
    depth, last, kept = 0, 0, []
    for m in _TAG.finditer(html):
        closing, name, empty = m.group(1), m.group(2).lower(), m.group(3)
        if empty or name in _UNCOUNTED:
            continue
        if closing:
            depth = max(0, depth - 1)
            deep = depth >= MAX_MARKUP_DEPTH
        else:
            deep = depth >= MAX_MARKUP_DEPTH
            depth += 1
        if deep:
            kept.append(html[last:m.start()])
            last = m.end()
    if not kept:
        return html
    kept.append(html[last:])
    return "".join(kept)


def _is_boiler_element(node) -> bool:
    attrs = node.attributes
    return bool(attrs) and _attr_boiler(attrs, node.tag)


def html_to_paragraphs(html: str) -> tuple[list[str], dict]:
    """Main-text paragraphs of an HTML fragment or page, and what was learnt on the way.

    ``info`` may hold ``byline`` (an author line taken out of the text) and
    ``removed`` (how many boilerplate elements of each kind were dropped).
    """
    tree = LexborHTMLParser(shallow(html), scripting=True)
    root = tree.body or tree.root
    if root is None:
        return [], {}
    walker = _Walker()
    walker.walk(root)
    text = "".join(walker.parts)
    if "**" in text:  # stray markdown bold left in some HTML (Al Jazeera)
        text = text.replace("**", "")
    paras = [p for p in (clean(x) for x in text.split("\n")) if p]
    info: dict[str, Any] = dict(walker.info)
    if walker.removed:
        info["removed"] = walker.removed
    return paras, info
