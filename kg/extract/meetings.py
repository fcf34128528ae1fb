"""Meetings and calls: A与B会谈, A同B通话, A和B举行会晤, A会见B、C, A致电B, and a
schedule's 会见B whose subject the article set before."""
from __future__ import annotations

import re

from .. import lexicon
from ..analyse import find_titles
from ..model import AnalysedArticle, Fact, Mention
from .clauses import (ACTING_THROUGH, BRACKETED, WHEN, clause_end, clause_start, cues_in, inside_brackets, is_word,
                      pronoun_subject, quoted_spans, subject)
from .common import AGENT_TYPES, PLACE_TYPES, apposition_head, apposition_start, event_day, ref_of

_PARTY_TYPES = AGENT_TYPES + PLACE_TYPES
_VENUE = ("在", "于", "赴", "到", "抵", "访", "前往")


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
            if _INTENT.search(doc.norm[start:offset]):
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


_INTENT = re.compile(r"愿意|期待|希望|准备好|邀请|打算|寻求|拒绝|不会")
_WITH = ("与", "和", "同", "跟", "及", "、", "以及")
_WITH_BEFORE = re.compile(r"(与|和|同|跟)(彼时|当时|时任|现任|前任|前)?$")


def _subjectless(doc: AnalysedArticle, start: int, offset: int) -> bool:
    """Whether a clause has no subject of its own: only time and manner before the
    verb (09:28 会见…) or a partner introduced by 与 (……，先后与泽连斯基及特朗普通话)."""
    words = _LEADING_MANNER.sub("", doc.norm[start:offset].strip())
    return words.startswith(("与", "同", "跟", "和")) or not any(
        m.end <= offset for m in doc.mentions_within(start, offset) if m.type in _PARTY_TYPES)


_LEADING_MANNER = re.compile(r"^[\d:：\s]*(" + WHEN + r"|先后|分别|随后|又|还|也|再|并|首先|当天|当日)*")


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
        with_phrase = bool(_WITH_BEFORE.search(doc.norm[max(sentence.start, chain - 4):chain]))
        if with_phrase or gap is not None and _joiner(gap):
            joined.append(mention)
            last = mention
    return joined


def _joiner(gap: str) -> bool:
    """与, 、, 及 … alone or before a title (蔡英文及副总统赖清德)."""
    joiner = next((w for w in sorted(_WITH, key=len, reverse=True) if gap.startswith(w)), None)
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
        if doc.norm[max(sentence.start, chain - 2):chain].endswith(_VENUE):
            continue
        after = BRACKETED.sub("", doc.norm[mention.end:end]).lstrip()
        if after.startswith("的") and mention.type != "Person" and not ACTING_THROUGH.match(after):
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
