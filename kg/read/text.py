"""Plain text: whitespace cleaning, and paragraphs from lines (blank lines separate,
hard-wrapped lines are rejoined). Markdown, JSON Lines and plain-text files end here."""
from __future__ import annotations

import re

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_WS = re.compile(r"\s+")


def clean(s: str) -> str:
    return _WS.sub(" ", _ZERO_WIDTH.sub("", s)).strip()


_TERMINAL = tuple("。！？!?…」』”）：；.") + ('."', '?"', '!"', ".'", '.”')
LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d+[.)、])\s+")


def text_to_paragraphs(text: str) -> list[str]:
    """Paragraphs of plain text: blank lines separate; hard-wrapped lines are rejoined."""
    paras: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        cur = ""
        for ln in lines:
            if not cur:
                cur = ln
            elif cur.endswith(_TERMINAL) or LIST_ITEM.match(ln) or len(lines) > 1 and _short_line(cur, lines):
                paras.append(cur)
                cur = ln
            else:
                cur = _join_wrapped(cur, ln)
        if cur:
            paras.append(cur)
    return paras


def _short_line(line: str, lines: list[str]) -> bool:
    widest = max(len(x) for x in lines)
    return widest >= 40 and len(line) < widest * 0.5


def _join_wrapped(a: str, b: str) -> str:
    if a.endswith("-") and a[-2:-1].isalpha() and b[:1].islower():
        return a[:-1] + b
    if _is_cjk(a[-1]) or _is_cjk(b[0]):
        return a + b
    return a + " " + b


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF or 0x20000 <= o <= 0x3FFFF
