"""Visits and arrivals: someone arrives in, visits or travels to a place (抵达, 访问, 出访, 赴)."""
from __future__ import annotations

from .. import lexicon
from ..model import AnalysedArticle, Fact
from .common import AGENT_TYPES, PLACE_TYPES, clause_of, find_all, last_person_before, ref_of, sentence_date


def extract(doc: AnalysedArticle) -> list[Fact]:
    cues = lexicon.cues()["visit"]
    dispatch_cues = lexicon.cues()["dispatch"]
    pronouns = lexicon.cues()["person_pronouns"]
    facts: list[Fact] = []
    for sentence in doc.sentences:
        mentions = doc.mentions_in(sentence)
        seen: set[int] = set()
        for cue in cues:
            for local in find_all(cue, sentence.norm):
                if local in seen:
                    continue
                seen.update(range(local, local + len(cue)))
                offset = sentence.start + local
                place = next((m for m in mentions if m.start == offset + len(cue) and m.type in PLACE_TYPES), None)
                if place is None:
                    continue
                clause_start, _ = clause_of(doc, offset)
                before = doc.norm[clause_start:offset]
                if any(c in before for c in dispatch_cues):
                    continue
                visitors = [m for m in mentions if clause_start <= m.start and m.end <= offset and m.type in AGENT_TYPES]
                visitor = ref_of(doc, visitors[0]) if visitors else None
                if visitor is None and before.strip()[:1] in pronouns:
                    person = last_person_before(doc, offset)
                    visitor = ref_of(doc, person) if person else None
                if visitor is None:
                    continue
                facts.append(Fact("visit", {"visitor": visitor, "place": ref_of(doc, place),
                                            "date": sentence_date(doc, sentence) or doc.day}, sentence, 0.75))
    return facts
