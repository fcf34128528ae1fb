"""Meetings and calls: A与B会谈, A同B通话, A会见B, A与B进行了工作对接."""
from __future__ import annotations

from .. import lexicon
from ..model import AnalysedArticle, Fact
from .common import AGENT_TYPES, PLACE_TYPES, apposition_head, clause_of, find_all, ref_of, sentence_date

_WITH = ("与", "和", "同", "跟")
_PARTY_TYPES = AGENT_TYPES + PLACE_TYPES


def extract(doc: AnalysedArticle) -> list[Fact]:
    cues = lexicon.cues()["meeting"]
    facts: list[Fact] = []
    for sentence in doc.sentences:
        mentions = [m for m in doc.mentions_in(sentence) if m.type in _PARTY_TYPES]
        seen: set[int] = set()
        for cue in cues:
            if cue == "出席":
                continue
            for local in find_all(cue, sentence.norm):
                if local in seen:
                    continue
                seen.update(range(local, local + len(cue)))
                offset = sentence.start + local
                parties = _parties(doc, mentions, offset, cue)
                if parties:
                    facts.append(Fact("meeting", {"parties": parties, "name": cue,
                                                  "date": sentence_date(doc, sentence) or doc.day}, sentence, 0.7))
    return facts


def _parties(doc, mentions, offset, cue):
    clause_start, clause_end = clause_of(doc, offset)
    sentence_start = doc.sentence_at(offset).start
    before = [m for m in mentions if m.end <= offset and m.start >= sentence_start]
    if cue in ("会见", "会晤", "接见") and not any(doc.norm[m.end - 1:m.end + 1].strip()[-1:] in _WITH for m in before if m.end < offset):
        after = [m for m in mentions if m.start >= offset + len(cue) and m.end <= clause_end]
        subjects = [m for m in before if m.type in AGENT_TYPES] or before
        if subjects and after:
            people = [m for m in subjects if m.type == "Person"]
            return _refs(doc, [people[0] if people else subjects[0], apposition_head(doc, after[0])])
        return None
    joined = [m for m in before if doc.norm[m.start - 1:m.start] in _WITH]
    if not joined:
        return None
    other = joined[-1]
    other_clause, _ = clause_of(doc, other.start)
    firsts = [m for m in before if other_clause <= m.start and m.end <= other.start and m.type in AGENT_TYPES]
    if not firsts:
        return None
    people = [m for m in firsts if m.type == "Person"]
    return _refs(doc, [people[0] if people else firsts[0], apposition_head(doc, other)])


def _refs(doc, mentions):
    refs = []
    for m in mentions:
        ref = ref_of(doc, m)
        if ref not in refs:
            refs.append(ref)
    return refs if len(refs) >= 2 else None
