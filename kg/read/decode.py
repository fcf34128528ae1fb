"""Bytes → text: UTF-8 (with or without BOM), GB18030/GBK and Big5 (chosen by which
decodes cleanly and yields more common CJK characters), UTF-16/32 with a BOM, and
Windows-1252 for Western text; binary and empty files are refused."""
from __future__ import annotations

import codecs
from functools import lru_cache

from .errors import BINARY, EMPTY, UNREADABLE, ReadError

_CTRL_OK = {9, 10, 12, 13, 27}
_CTRL = bytes(b for b in range(32) if b not in _CTRL_OK) + b"\x7f"


def _looks_binary(data: bytes) -> bool:
    """More than a few control bytes (NUL among them), and more than 5% of the first
    64 KB: a stray NUL in a text file is no reason to refuse it."""
    head = data[:65536]
    ctrl = len(head) - len(head.translate(None, _CTRL))
    return ctrl > max(2, len(head) * 0.05)


@lru_cache(maxsize=65536)
def _common_cjk(ch: str) -> bool:
    """True for the ~3,800 most used Simplified or ~5,400 most used Traditional characters.

    GB2312 level 1 (lead bytes B0-D7) and Big5 level 1 (A440-C67E) are both
    frequency-selected sets, so no table is needed.
    """
    try:
        b = ch.encode("gb2312")
        if len(b) == 2 and 0xB0 <= b[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        b = ch.encode("big5")
        if len(b) == 2 and 0xA440 <= (b[0] << 8 | b[1]) <= 0xC67E:
            return True
    except UnicodeEncodeError:
        pass
    return False


def _cjk_score(text: str) -> float:
    """Share of non-ASCII characters that are common CJK characters or CJK punctuation."""
    sample = [c for c in text[:20000] if ord(c) > 127]
    if not sample:
        return 1.0
    good = sum(1 for c in sample if _common_cjk(c) or "\u3000" <= c <= "\u303f" or "\uff01" <= c <= "\uff5e")
    return good / len(sample)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode file bytes; returns ``(text, encoding)``. Raises ReadError.

    Order: BOM; binary check; strict UTF-8; UTF-8 with a handful of bad bytes replaced
    (only when the rest is plainly UTF-8); strict GB18030 and Big5(-HKSCS), the one whose
    text has more common CJK characters wins (``benchmarks/encoding.py``: right on 99.9%
    of 8-character GBK snippets of corpus text and on all Big5 ones, on all from 16
    characters; charset-normalizer picks cp949 for many short Simplified texts).
    """
    if not data.strip():
        raise ReadError(EMPTY)
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF8, "utf-8-sig"),
                     (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                raise ReadError(UNREADABLE) from None
            return _check_empty(text), enc.replace("-sig", "")
    if _looks_binary(data):
        raise ReadError(BINARY)
    try:
        return _check_empty(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    # UTF-8 with a few stray bytes (a truncated character, a bad copy): keep it when the
    # rest is plainly UTF-8, i.e. many well-formed multi-byte characters per bad byte
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    wide = sum(1 for c in text if ord(c) > 127 and c != "\ufffd")
    if 0 < bad <= len(data) // 2000 + 1 and wide >= 20 * bad:
        return _check_empty(text), f"utf-8 ({bad} bad byte{'s' if bad > 1 else ''} replaced)"
    # GB18030 (a superset of GBK and GB2312) against Big5: both often decode the same
    # bytes; the right one gives common characters, the wrong one rare ones and symbols
    best: tuple[float, str, str] | None = None
    for encs, label in ((("gb18030",), "gb18030"), (("big5", "big5hkscs"), "big5")):
        for enc in encs:  # Hong Kong's HKSCS extends Big5 (and maps kana differently)
            try:
                text = data.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        else:
            continue
        score = _cjk_score(text)
        if best is None or score > best[0]:
            best = (score, text, label)
    if best is not None and best[0] >= 0.6:
        return _check_empty(best[1]), best[2]
    latin = _latin(data)
    if latin is not None:
        return _check_empty(latin), "cp1252"
    raise ReadError(UNREADABLE)


_LATIN_MARKS = set("“”‘’–—…«»°£€§©®·¿¡•™\xa0")


def _latin(data: bytes) -> str | None:
    """Western European text in Windows-1252 (Latin-1 and its curly quotes): mostly
    ASCII, and every other byte a letter or a mark such text uses (café, “quoted”)."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    wide = [c for c in text if ord(c) > 127]
    if len(wide) > 0.3 * len(text):
        return None
    return text if all(c.isalpha() or c in _LATIN_MARKS for c in wide) else None


def _check_empty(text: str) -> str:
    if not text.strip().strip("\ufeff\u200b"):
        raise ReadError(EMPTY)
    return text
