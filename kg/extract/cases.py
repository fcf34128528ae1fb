"""Case counts: 新增2005例感染者, 其中本土病例646例, 包括海南594例，新疆2例, 死亡3例,
累计…例, with the region, category, date and the body that reported them.

A paragraph is read as a running report: a number with its own category sets the
category and region the following numbers refine; a place right before a number
(海南594例) makes a report for that place in the running category.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .. import lexicon
from ..model import AnalysedArticle, EntityRef, Fact
from .common import ORG_TYPES, PLACE_TYPES, clause_of, ref_of, sentence_date

_NUMBER = re.compile(r"(\d[\d,]*(?:\.\d+)?)(?:(万|千)(\d+)?)?\s*(例|人|宗)")
_SCALE = {"万": 10_000, "千": 1_000, None: 1}
_RUNNING_TOTAL = re.compile(r"累计|截至|截止|总数|共计|总计|至今")
_DIED_OF = re.compile(r"^(死于|因[^，。]{1,6}死亡|病逝|病亡)")
_SOURCE = re.compile(r"(?:据|根据|援引)([^，。]{1,30}?)(?:的)?(?:消息|通报|数据|公布|发布)|^()([^，。]{2,20}?)(?:今日|今天|昨日|昨天|日前|周[一二三四五六日])?(?:公布|通报|发布|表示|宣布)")


_DEATHS_BEFORE = re.compile(r"(死亡|病亡|罹难|遇难)(人数)?(为|达|达到|增至|升至|已达)?$")


@dataclass
class _Running:
    region: EntityRef | None = None
    category: str | None = None
    reporter: EntityRef | None = None


def _phrases():
    table = []
    for category in lexicon.case_categories():
        for phrase in category.phrases:
            table.append((phrase, category.concept))
    return sorted(table, key=lambda p: len(p[0]), reverse=True)


_QUALIFIER = re.compile(r"[\u4e00-\u9fff]{0,6}?")


def _category_after(text: str, phrases) -> str | None:
    """The category named right after a count, allowing a short qualifier between
    (12宗登革热个案, 5例新冠确诊病例)."""
    head = text[:14]
    best = None
    for phrase, concept in phrases:
        pos = head.find(phrase)
        if pos == -1 or not _QUALIFIER.fullmatch(head[:pos]):
            continue
        if best is None or pos < best[0] or pos == best[0] and len(phrase) > best[1]:
            best = (pos, len(phrase), concept)
    return best[2] if best else None


def _category_before(text: str, phrases) -> str | None:
    best = None
    for phrase, concept in phrases:
        pos = text.rfind(phrase)
        if pos != -1 and (best is None or pos + len(phrase) > best[0] or pos + len(phrase) == best[0] and len(phrase) > best[2]):
            best = (pos + len(phrase), concept, len(phrase))
    return best[1] if best else None


def extract(doc: AnalysedArticle) -> list[Fact]:
    phrases = _phrases()
    facts: list[Fact] = []
    running = _Running()
    paragraph = -1
    for sentence in doc.sentences:
        if sentence.paragraph != paragraph:
            paragraph, running = sentence.paragraph, _Running()
        text = sentence.norm
        source = _SOURCE.search(text)
        if source:
            group = 1 if source.group(1) is not None else 3
            inside = [m for m in doc.mentions_in(sentence)
                      if sentence.start + source.start(group) <= m.start < sentence.start + source.end(group) and m.type in ORG_TYPES]
            if inside:
                running.reporter = ref_of(doc, inside[0])
        mentions = doc.mentions_in(sentence)
        for match in _NUMBER.finditer(text):
            value = _value(match)
            offset = sentence.start + match.start()
            clause_start, _ = clause_of(doc, offset)
            unit = match.group(4)
            after = _category_after(text[match.end():], phrases)
            if after is None and unit == "人" and _DIED_OF.match(text[match.end():]):
                after = "Deaths"
            before_text = doc.norm[clause_start:offset]
            adjacent_place = next((m for m in mentions if m.type in PLACE_TYPES and m.end == offset), None)
            if adjacent_place is not None and after is None and running.category:
                category, region, refines = running.category, ref_of(doc, adjacent_place), True
            else:
                before = _category_before(before_text, phrases)
                category = after or before
                if category is None or unit != "例" and after is None and not _DEATHS_BEFORE.search(before_text):
                    continue
                places = [m for m in mentions if m.type in PLACE_TYPES and clause_start <= m.start and m.end <= offset]
                earlier = [m for m in mentions if m.type in PLACE_TYPES and m.end <= offset]
                region = ref_of(doc, (places or earlier)[-1]) if places else running.region or (ref_of(doc, earlier[-1]) if earlier else None)
                running.category, running.region, refines = category, region, False
            if region is None:
                continue
            if category == "Confirmed" and _RUNNING_TOTAL.search(_clause_text(doc, offset)):
                category = "CumulativeConfirmed"
            facts.append(Fact("cases", {
                "place": region, "category": category, "value": value,
                "date": sentence_date(doc, sentence) or doc.day, "reporter": running.reporter,
            }, sentence, 0.8 if refines or after else 0.7))
    return facts


def _value(match: re.Match) -> int:
    """3,056 → 3056; 30万 → 300000; 7万100 → 70100."""
    number = float(match.group(1).replace(",", ""))
    return int(round(number * _SCALE[match.group(2)])) + int(match.group(3) or 0)


def _clause_text(doc: AnalysedArticle, offset: int) -> str:
    start, end = clause_of(doc, offset)
    sentence = doc.sentence_at(offset)
    return doc.norm[max(sentence.start, start - 12):end]
