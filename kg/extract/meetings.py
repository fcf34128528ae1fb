"""Meetings and calls: A与B会谈, A同B通话, A和B举行会晤, A会见B、C, A致电B, and a
schedule's 会见B whose subject the article set before."""
from __future__ import annotations

import re
from functools import cache

from pyoxigraph import Literal

from .. import english, lexicon
from ..analyse import find_titles
from ..language_data import pattern, zh
from ..model import AnalysedArticle, Fact, FactKind, Matching, Mention
from ..rdf import ArticleGraph, add_event
from ..vocab import NKG, SCHEMA
from .clauses import (BRACKETED, clause_end, clause_start, cues_in, inside_brackets, is_word,
                      pronoun_subject, quoted_spans, subject, when_pattern)
from .common import AGENT_TYPES, PLACE_TYPES, apposition_head, apposition_start, event_day, ref_of

_PARTY_TYPES = AGENT_TYPES + PLACE_TYPES


def extract(doc: AnalysedArticle) -> list[Fact]:
    cues = lexicon.cues()["meeting"]
    transitive = set(lexicon.cues()["meeting_transitive"])
    facts: list[Fact] = []
    topic: Mention | None = None
    for sentence in doc.sentences:
        for local, cue in cues_in(sentence.norm, cues):
            offset = sentence.start + local
            if not is_word(doc, offset, cue):
                continue
            start = clause_start(sentence.norm, local) + sentence.start
            if _intent().search(doc.norm[start:offset]):
                continue
            end = sentence.start + local + len(cue) + clause_end(sentence.norm[local + len(cue):])
            first = subject(doc, sentence, start, offset, polity_near=False) or pronoun_subject(doc, sentence, start, offset)
            partners = _joined(doc, sentence, start, offset, first)
            objects = _parties(doc, sentence, offset + len(cue), end, None) if cue in transitive and not partners else []
            if first is None and _subjectless(doc, start, offset):
                if start > sentence.start:
                    first = subject(doc, sentence, sentence.start, sentence.start + clause_end(sentence.norm), polity_near=False)
                elif objects:
                    first = topic
            parties = _refs(doc, ([first] if first else []) + partners + objects)
            if len(parties) >= 2:
                facts.append(Fact("meeting", {"parties": parties, "name": cue,
                                              "date": event_day(doc, sentence, start, offset)}, sentence, 0.7))
        opening = subject(doc, sentence, sentence.start, sentence.start + clause_end(sentence.norm))
        if opening is not None and opening.type == "Person":
            topic = opening
    return facts


@cache
def _intent() -> re.Pattern:
    """A wish, a plan or a refusal before the verb: no meeting took place."""
    return re.compile("|".join(zh("meetings")["intent"]))


@cache
def _with_before() -> re.Pattern:
    """与/和/同/跟 right before a partner's name, a time word between (与时任总统)."""
    return re.compile("(" + "|".join(zh("meetings")["with_markers"]) + ")" + zh("clauses")["object_before_time"])


def _subjectless(doc: AnalysedArticle, start: int, offset: int) -> bool:
    """Whether a clause has no subject of its own: only time and manner before the
    verb (09:28 会见…) or a partner introduced by 与 (……，先后与泽连斯基及特朗普通话)."""
    words = _leading_manner().sub("", doc.norm[start:offset].strip())
    return words.startswith(zh("meetings")["with_markers"]) or not any(
        m.end <= offset for m in doc.mentions_within(start, offset) if m.type in _PARTY_TYPES)


@cache
def _leading_manner() -> re.Pattern:
    return re.compile(r"^[\d:：\s]*(" + when_pattern() + "|" + "|".join(zh("meetings")["manner"]) + ")*")


def _joined(doc: AnalysedArticle, sentence, start: int, end: int, first: Mention | None) -> list[Mention]:
    """Partners named before the verb: listed straight after the subject (英国、法国及
    乌克兰的官员), introduced by 与/和/同/跟, or listed after one so introduced."""
    joined: list[Mention] = []
    last = first if first is not None and start <= first.start < end else None
    for mention in _parties(doc, sentence, last.end if last else start, end, first):
        chain = apposition_start(doc, mention)
        if last is not None and chain < last.end:
            chain = mention.start
        gap = BRACKETED.sub("", doc.norm[last.end:chain]).strip() if last is not None else None
        with_phrase = bool(_with_before().search(doc.norm[max(sentence.start, chain - 4):chain])) \
            or _with_before_modifier(doc, max(start, chain - zh("meetings")["modifier_reach"]), chain)
        if with_phrase or gap is not None and _joiner(gap):
            joined.append(mention)
            last = mention
    return joined


def _with_before_modifier(doc: AnalysedArticle, floor: int, chain: int) -> bool:
    """与/和/同/跟 before a partner described by a clause ending in 的 (与在台湾居住的学生
    领袖吾尔开希): no punctuation and no other name between."""
    text = doc.norm[floor:chain]
    possessive = zh("grammar")["possessive"]
    if possessive not in text[-4:]:
        return False  # 与在台湾居住的学生|领袖吾尔开希: the clause, then perhaps a word before the title
    marker = max((text.rfind(w) for w in zh("meetings")["with_markers"]), default=-1)
    if marker < 0 or any(ch in text[marker:] for ch in "，。；、,"):
        return False
    return not any(floor + marker < m.start and m.end <= chain for m in doc.mentions_within(floor, chain) if m.type not in PLACE_TYPES)


def _joiner(gap: str) -> bool:
    """与, 、, 及 … alone or before a title (蔡英文及副总统赖清德)."""
    joiner = next((w for w in sorted(zh("meetings")["joiners"], key=len, reverse=True) if gap.startswith(w)), None)
    if joiner is None:
        return False
    rest = gap[len(joiner):]
    return sum(e - s for s, e, _ in find_titles(rest)) == len(rest)


def _parties(doc: AnalysedArticle, sentence, start: int, end: int, first: Mention | None) -> list[Mention]:
    """The people, bodies and polities named between ``start`` and ``end`` as taking
    part: each title chain counted once by the person it introduces, without venues
    (在韩国釜山), possessors (特朗普的) or names inside quotation marks or brackets."""
    quoted = [(a + sentence.start, b + sentence.start) for a, b in quoted_spans(sentence.norm)]
    found: list[Mention] = []
    for mention in doc.mentions_in(sentence):
        if not (start <= mention.start and mention.end <= end) or mention.type not in _PARTY_TYPES:
            continue
        if any(a <= mention.start < b for a, b in quoted) or inside_brackets(doc.norm, mention.start, end):
            continue
        chain = apposition_start(doc, mention)
        if doc.norm[max(sentence.start, chain - 2):chain].endswith(zh("meetings")["venue_before"]):
            continue
        after = BRACKETED.sub("", doc.norm[mention.end:end]).lstrip()
        if after.startswith(zh("grammar")["possessive"]) and mention.type != "Person" and not pattern("zh", "clauses", "acting_through").match(after):
            continue
        head = apposition_head(doc, mention)
        if head.end > end:
            head = mention
        if head is not first and head not in found and (first is None or head.start >= first.end or head.type == "Person"):
            found.append(head)
    return [m for m in found if m is first or not any(o is not m and o.start <= m.start and m.end <= o.end for o in found)]


def _refs(doc, mentions):
    refs = []
    for m in mentions:
        ref = ref_of(doc, m)
        if ref not in refs:
            refs.append(ref)
    return refs


def write_meeting(graph: ArticleGraph, fact: Fact) -> None:
    parties = [graph.entity(ref) for ref in fact.args["parties"]]
    for a in parties:
        for b in parties:
            if a != b:
                graph.add(a, NKG.meets, b)
    event = add_event(graph, fact, "meeting", NKG.Meeting, *sorted(p.value for p in parties))
    for party in parties:
        graph.add(event, SCHEMA.attendee, party)
    graph.add(event, SCHEMA.name, Literal(fact.args.get("name", "meeting"), language=graph.doc.language))


def _match_meeting(gold: dict, args: dict, m: Matching) -> bool:
    """Two of the gold parties found (or the one, when gold names one)."""
    wanted = gold.get("parties", [])
    found = sum(any(m.party(w, ref) for ref in args["parties"]) for w in wanted)
    return found >= min(2, len(wanted))


KIND = FactKind("meeting", "two or more parties meet", write_meeting, _match_meeting,
                {"zh": extract, "en": english.find_meetings}, node_class="nkg:Meeting",
                properties=("meets", "evidence", "confidence"), edges=("meets",), symmetric=True)
