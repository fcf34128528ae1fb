"""Normalisation: one script and one digit form for analysis, offsets kept intact.

The normalised text always has exactly the length of the original, so every offset an
extractor finds in it points at the same characters of the original text, which is
what evidence and labels are taken from.
"""
from __future__ import annotations

import re
from functools import cache, lru_cache

from .language_data import en
from .model import Sentence

_HALF_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)}
_HALF_WIDTH.update({cp: cp - 0xFEE0 for cp in range(0xFF21, 0xFF3B)})
_HALF_WIDTH.update({cp: cp - 0xFEE0 for cp in range(0xFF41, 0xFF5B)})
_HALF_WIDTH.update({0xFF05: ord("%"), 0x3000: ord(" "), 0xFF0E: ord("."), 0xA0: ord(" ")})

_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


@lru_cache(maxsize=None)
def opencc_converter(config: str):
    """The OpenCC converter for ``config`` (``hk2s``, ``s2t`` ...), built once per
    process: loading a configuration's dictionaries takes up to ~50 ms."""
    import opencc

    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Traditional to Simplified with OpenCC (its Hong Kong table, which also knows the
    variants Hong Kong outlets print, such as 衞), falling back to character by
    character where a phrase conversion would change the length."""
    convert = opencc_converter("hk2s").convert
    converted = convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(c if len(c := convert(ch)) == 1 else ch for ch in text)


def to_traditional(text: str) -> str:
    """Simplified to Traditional with OpenCC's ``s2t`` (the labels and search names of
    an entity in both scripts)."""
    return opencc_converter("s2t").convert(text)


def normalise_text(text: str) -> str:
    return to_simplified(text).translate(_HALF_WIDTH)


def detect_language(text: str, simplified: str | None = None) -> str:
    """zh-Hans, zh-Hant or en, from the share of Han characters and of those that
    OpenCC would change."""
    sample = text[:4000]
    han = _HAN.findall(sample)
    latin = sum(len(w) for w in _LATIN_WORD.findall(sample))
    if len(han) < max(5, latin // 4):
        return "en"
    simple = simplified[: len(sample)] if simplified is not None else to_simplified(sample)
    changed = sum(1 for a, b in zip(sample, simple) if a != b)
    return "zh-Hant" if changed >= max(2, 0.03 * len(han)) else "zh-Hans"


_CJK_END = "。！？!?；;"
_CLOSERS = "”’」』）)\"'"
_EN_END = re.compile(r"[.!?](?=[\"”’)]*(\s+|(?=[A-Z\"“])))")


MAX_SENTENCE = 500
"""The longest sentence analysis sees, in characters (the longest in the corpus has 350):
a longer run without an end mark is cut at its last comma, space or other break before
the limit, or at the limit where it has none, so that no step that looks at a sentence
as a whole costs more than a bounded amount per character."""

_SOFT_BREAK = re.compile(r"[，,、：:；;\s）)」』”]")


def split_sentences(text: str, norm: str) -> list[Sentence]:
    """Sentences with offsets: on Chinese end marks, on newlines, and on English
    full stops (including machine translations that drop the space after them); a run
    longer than MAX_SENTENCE is cut into pieces no longer than it."""
    cuts: list[int] = []
    i, n = 0, len(norm)
    while i < n:
        ch = norm[i]
        end = None
        if ch in _CJK_END:
            end = i + 1
        elif ch == "\n":
            end = i + 1
        elif ch in ".!?" and _EN_END.match(norm, i) and not _abbreviation(norm, i):
            end = i + 1
        if end is not None:
            while end < n and norm[end] in _CLOSERS:
                end += 1
            cuts.append(end)
            i = end
            continue
        i += 1
    if not cuts or cuts[-1] != n:
        cuts.append(n)
    cuts = _bounded(cuts, norm)
    sentences: list[Sentence] = []
    start = 0
    paragraph = 0
    for end in cuts:
        s, e = start, end
        while s < e and norm[s].isspace():
            s += 1
        while e > s and norm[e - 1].isspace():
            e -= 1
        if e > s:
            # newlines since the previous sentence ended, blank pieces between included
            paragraph += norm.count("\n", sentences[-1].end, s) if sentences else 0
            sentences.append(Sentence(len(sentences), s, e, text[s:e], norm[s:e], paragraph))
        start = end
    return sentences


def _bounded(cuts: list[int], norm: str) -> list[int]:
    """``cuts`` with extra cuts wherever two are more than MAX_SENTENCE apart. A cut
    with no break to fall on that lands inside a run of digits or Latin letters makes
    the rest of that run a piece of its own, so that no piece opens with the tail of a
    number (…7890|宗 is no count of 7890)."""
    out: list[int] = []
    start = 0
    for end in cuts:
        while end - start > MAX_SENTENCE:
            soft = None
            for soft in _SOFT_BREAK.finditer(norm, start + MAX_SENTENCE // 2, start + MAX_SENTENCE):
                pass
            if soft is not None:
                start = soft.end()
            else:
                start += MAX_SENTENCE
                tail = _RUN.match(norm, start, end)
                if tail and _RUN.match(norm, start - 1, start) and tail.end() - start <= MAX_SENTENCE and tail.end() < end:
                    out.append(start)
                    start = tail.end()
            out.append(start)
        out.append(end)
        start = end
    return out


_RUN = re.compile(r"[A-Za-z0-9]+")


@cache
def _abbreviations() -> tuple[frozenset[str], int]:
    """The abbreviations whose full stop ends no sentence, and the length of the longest."""
    words = frozenset(en("sentences")["abbreviations"])
    return words, max(map(len, words))


def _abbreviation(norm: str, i: int) -> bool:
    abbreviations, longest = _abbreviations()
    j, stop = i, max(0, i - longest - 1)
    while j > stop and (norm[j - 1].isalpha() or norm[j - 1] == "."):
        j -= 1
    word = norm[j:i]
    return word in abbreviations or (len(word) == 1 and word.isupper())
