"""Boilerplate rules: which paragraphs, and which HTML elements, are no part of an
article's main text. The logic is here; the phrases and cue words are data
(``kg/resources/boilerplate.json`` and ``kg/resources/outlets/<code>.json``), compiled
into patterns the first time they are needed."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from .data import any_of, boilerplate_rules, chars, date_words
from .text import clean


@dataclass(frozen=True)
class ParagraphRules:
    """The patterns a paragraph is tested against, compiled once."""

    starts: re.Pattern
    """A short paragraph that opens so is boilerplate: a caption credit, a "read more"
    label, an editor or source credit, a widget's text, a byline field."""
    notices: re.Pattern
    """A short paragraph holding one of these anywhere: copyright, subscription and
    follow-us offers, outlets' standing notices."""
    source_credit: re.Pattern
    """A paragraph that is only a bracketed list of sources: （路透社、法新社、德新社等）."""
    byline: re.Pattern
    """A byline standing as its own paragraph: "BBC中文记者  吕嘉鸿", "作者：X"."""
    date_only: re.Pattern
    """A paragraph that is only a date, or an age (3 hours ago)."""
    dateline: re.Pattern
    """A dateline at the start of the first paragraph: （中央社記者X台北1日電） 【共同社东京11月1日电】."""
    trailer: re.Pattern
    """A trailer at the end of the last paragraph: （完） （編輯：X）1141101."""
    end_mark: re.Pattern
    """An end-of-story mark (an editor credit with its date code, （完）): whatever follows
    it in the same paragraph or after it is a standing notice, not the story."""
    bullet: re.Pattern


@lru_cache(maxsize=1)
def paragraph_rules() -> ParagraphRules:
    r = boilerplate_rules()
    w = date_words()
    return ParagraphRules(
        starts=re.compile(
            "^(?:" + any_of(r["caption_labels"]) + r"\s*[，,：:]"
            + "|" + any_of(r["read_more_labels"]) + r"\s*(?:[：:>»]|$)"
            + "|" + any_of(r["credit_labels"]) + r"\s*[：:]"
            + "|" + any_of(r["widget_patterns"], patterns=True)
            + "|" + any_of(r["lone_labels"]) + "$"
            + "|" + any_of(r["byline_fields"]) + r"\s*,"
            + ")",
            re.I),
        notices=re.compile(any_of(r["notices"]) + "|" + any_of(r["notice_patterns"], patterns=True), re.I),
        source_credit=re.compile(
            r"^[（(][^（）()]{1,40}" + any_of(r["source_credit_endings"]) + r"[^（）()]{0,10}[）)]$"),
        byline=re.compile(
            "^(?:" + any_of(r["reporter_outlets"]) + r"\S{0,6}" + any_of(r["reporter_titles"]) + r"\s+\S.{0,24}"
            + "|" + any_of(r["author_labels"]) + r"\s*[：:｜|]\s*\S.{0,24})$"),
        date_only=re.compile(
            rf"^(?:\d{{4}}[-/.{chars(w['year'])}]\d{{1,2}}[-/.{chars(w['month'])}]\d{{1,2}}{any_of(w['day'])}?"
            rf"|\d{{1,2}}\s*{any_of(w['ago_units'])}{any_of(w['ago'])})"
            r"(?:[T\s]*\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$"),
        dateline=re.compile(
            r"^\s*(?:[（(](?P<a>[^（）()]{0,50}?" + any_of(r["dateline_endings"]) + r")\s*[）)]"
            r"|【(?P<b>[^【】]{0,50}?" + any_of(r["square_dateline_endings"]) + r")】)\s*"),
        trailer=re.compile(
            r"\s*(?:[（(]" + any_of(r["closing_marks"]) + r"[）)]+"
            + "|【" + any_of(r["square_closing_marks"]) + "】"
            + r"|[（(]" + any_of(r["closing_credit_labels"]) + r"[：:][^（）()]{0,60}[）)]\s*\d{0,8})\s*$"),
        end_mark=re.compile(
            r"[（(]" + any_of(r["story_end_credit_labels"]) + r"[：:][^（）()]{0,60}[）)]\s*\d{7}"
            + r"|[（(]" + any_of(r["story_end_marks"]) + r"[）)]+"),
        bullet=re.compile("^[" + chars(r["bullets"]) + r"]\s*"),
    )


@dataclass(frozen=True)
class ElementCues:
    """What marks an HTML element as boilerplate, compiled once."""

    class_words: frozenset[str]
    """Words of an id or class (ad, share, related …)."""
    aria_label: re.Pattern
    roles: frozenset[str]
    data_e2e: re.Pattern
    data_testid: re.Pattern
    labelledby: re.Pattern
    byline_ids: tuple[str, ...]
    """Words of an id or aria-labelledby that make a boilerplate element the byline."""
    embed_attribute_parts: tuple[str, ...]
    embed_attribute_prefixes: tuple[str, ...]
    """Attributes of embedded social posts (Threads, Instagram, TikTok)."""
    credit_start: re.Pattern
    read_more_heading: re.Pattern
    list_heading: re.Pattern
    """A screen-reader line that opens a box of links (list of 4 items)."""
    list_marks_or_space: re.Pattern
    small_notice: re.Pattern
    byline_author: re.Pattern
    byline_role: re.Pattern
    byline_heading: re.Pattern


@lru_cache(maxsize=1)
def element_cues() -> ElementCues:
    r = boilerplate_rules()
    block = r["byline_block"] or {}
    heading, author, role, place = (re.escape(block[k]) if block.get(k) else "(?!)"
                                    for k in ("heading", "author", "role", "place"))
    dates = "".join("|" + p for p in block.get("date_patterns", ()))
    return ElementCues(
        class_words=frozenset(r["class_words"]),
        aria_label=re.compile("^" + any_of(r["aria_labels"]), re.I),
        roles=frozenset(r["roles"]),
        data_e2e=re.compile(any_of(r["data_e2e_words"]), re.I),
        data_testid=re.compile(any_of(r["data_testid_words"]), re.I),
        labelledby=re.compile(any_of(r["labelledby_words"]), re.I),
        byline_ids=tuple(r["byline_ids"]),
        embed_attribute_parts=tuple(r["embed_attribute_parts"]),
        embed_attribute_prefixes=tuple(r["embed_attribute_prefixes"]),
        credit_start=re.compile(r"^\s*" + any_of(r["credit_starts"])),
        read_more_heading=re.compile(r"^\s*" + any_of(r["read_more_headings"]) + r"\s*[:：]?\s*$", re.I),
        list_heading=re.compile(r"^\s*" + any_of(r["list_heading_patterns"], patterns=True) + r"\s*$"),
        list_marks_or_space=re.compile(any_of(r["list_mark_patterns"], patterns=True) + r"|\s"),
        small_notice=re.compile("^" + any_of(r["small_notice_labels"]) + r"\s*[:：]"),
        byline_author=re.compile(rf"{author},\s*(.*?)(?=\s*(?:{role},|{place}|$))"),
        byline_role=re.compile(rf"{role},\s*(.*?)(?=\s*(?:{author},|{place}{dates}|$))"),
        byline_heading=re.compile(rf"^{heading}\s*"),
    )


_HAS_WORD = re.compile(r"\w")


def is_boiler_paragraph(p: str) -> bool:
    rules = paragraph_rules()
    if len(p) <= 120 and (rules.starts.match(p) or rules.source_credit.match(p) or rules.date_only.match(p)
                          or rules.byline.match(p)):
        return True
    if not _HAS_WORD.search(p):  # a lone "。" or a row of dashes
        return True
    if len(p) <= 200 and rules.notices.search(p):
        return True
    return False


def finish(paras: Iterable[str], title: str | None, extra: dict) -> list[str]:
    """Clean paragraphs, drop boilerplate ones, strip datelines and trailers."""
    rules = paragraph_rules()
    out = [p for p in (clean(x) for x in paras) if p]
    _cut_after_end_mark(out, extra)
    out = [rules.bullet.sub("", p) for p in out if not is_boiler_paragraph(p)]
    out = [p for p in out if p]
    # a repeated title at the top is not article text
    if out and title and clean(title) == out[0]:
        out.pop(0)
    if out:
        m = rules.dateline.match(out[0])
        if m:
            extra.setdefault("dateline", (m.group("a") or m.group("b") or "").strip())
            out[0] = out[0][m.end():].strip()
            if not out[0]:
                out.pop(0)
    while out:
        m = rules.trailer.search(out[-1])
        if not m:
            break
        extra.setdefault("trailer", out[-1][m.start():].strip())
        rest = out[-1][:m.start()].strip()
        if rest:
            out[-1] = rest
            break
        out.pop()
    return out


def _cut_after_end_mark(out: list[str], extra: dict) -> None:
    """Drop a standing notice that follows an end-of-story mark near the end."""
    end_mark = paragraph_rules().end_mark
    for i in range(len(out) - 1, max(-1, len(out) - 4), -1):
        m = None
        for m in end_mark.finditer(out[i]):
            pass
        if m is not None:
            tail = clean(out[i][m.end():] + " " + " ".join(out[i + 1:]))
            if tail and len(tail) <= 300:
                extra.setdefault("notice", tail)
                out[i] = out[i][:m.end()]
                del out[i + 1:]
            return
