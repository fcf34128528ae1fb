"""Visits and arrivals: someone arrives in, visits or travels to a place (抵达, 访问,
出访, 赴, 前往), a country named by its one-character abbreviation (访华, 赴美, 抵台),
对X进行国事访问, and whoever an invitation names (邀请习近平访美)."""
from __future__ import annotations

from functools import lru_cache

from .. import english, lexicon
from ..gazetteer import load as load_gazetteer
from ..language_data import pattern, zh
from ..model import AnalysedArticle, EntityRef, Fact, FactKind, Matching
from ..rdf import ArticleGraph, add_event
from ..vocab import NKG, SCHEMA
from .clauses import (clause_end, clause_start, cues_in, is_word, last_person_subject, leading_person_pronoun, pronoun_subject,
                      subject)
from ..resolve import label_lang
from .common import AGENT_TYPES, PLACE_TYPES, apposition_head, event_day, ref_of


def extract(doc: AnalysedArticle) -> list[Fact]:
    cues = lexicon.cues()["visit"]
    dispatch_cues = lexicon.cues()["dispatch"]
    facts: list[Fact] = []
    for sentence in doc.sentences:
        mentions = doc.mentions_in(sentence)
        targets: list[tuple[int, EntityRef]] = []
        for local, cue in cues_in(sentence.norm, cues):
            offset = sentence.start + local
            if not is_word(doc, offset, cue):
                continue
            place = next((m for m in mentions if m.start == offset + len(cue) and m.type in PLACE_TYPES + AGENT_TYPES[1:]), None)
            if place is not None and (place.type in PLACE_TYPES or cue in zh("visits")["cues_for_bodies"]):
                targets.append((offset, ref_of(doc, _innermost(doc, mentions, place))))
        for match in pattern("zh", "visits", "abbreviated_visit").finditer(sentence.norm):  # 访华, 赴美, 抵台
            offset = sentence.start + match.start(2)
            if any(m.start <= offset < m.end for m in mentions):
                continue
            place = _abbreviated(match.group(2), doc)
            if place is not None:
                targets.append((sentence.start + match.start(), place))
        for match in pattern("zh", "visits", "formal_visit").finditer(sentence.norm):  # 对X进行国事访问
            inside = [m for m in mentions if sentence.start + match.start(1) <= m.start and m.end <= sentence.start + match.end(1)
                      and m.type in PLACE_TYPES + AGENT_TYPES[1:]]
            if inside:
                targets.append((sentence.start + match.start(), ref_of(doc, inside[0])))
        seen: set[tuple] = set()
        for offset, place in sorted(targets, key=lambda t: t[0]):
            start = clause_start(sentence.norm, offset - sentence.start) + sentence.start
            if any(c in doc.norm[start:offset] for c in dispatch_cues):
                continue
            if _carried(doc, sentence, offset):
                continue
            visitor = _visitor(doc, sentence, start, offset)
            if visitor is None or (visitor, place) in seen or visitor == place:
                continue
            seen.add((visitor, place))
            facts.append(Fact("visit", {"visitor": visitor, "place": place,
                                        "date": event_day(doc, sentence, start, offset)}, sentence, 0.75))
    return facts


def _visitor(doc: AnalysedArticle, sentence, start: int, offset: int) -> EntityRef | None:
    """Who travels: the one invited (邀请X访问), else the clause's subject, the person a
    leading 他/她 stands for, or the subject of the sentence's first clause."""
    invitation = zh("visits")["invitation"]
    if invitation in doc.norm[start:offset]:
        at = start + doc.norm[start:offset].rfind(invitation) + len(invitation)
        invited = [m for m in doc.mentions_in(sentence) if at <= m.start and m.end <= offset and m.type in AGENT_TYPES]
        if invited and invited[0].type == "Person" or invited and not doc.norm[at:invited[0].start].strip():
            return ref_of(doc, apposition_head(doc, invited[0]))
        if leading_person_pronoun(doc.norm[at:at + 2]):
            person = last_person_subject(doc, sentence, start)
            return ref_of(doc, person) if person else None
        return None
    found = subject(doc, sentence, start, offset, polity_near=False) or pronoun_subject(doc, sentence, start, offset)
    if found is None and start > sentence.start and not any(
            m.end <= offset for m in doc.mentions_within(start, offset) if m.type in AGENT_TYPES + PLACE_TYPES):
        found = subject(doc, sentence, sentence.start, sentence.start + clause_end(sentence.norm), polity_near=False)
    if found is None or found.type not in AGENT_TYPES + ("Country",) \
            or doc.norm[found.start - 1:found.start] in zh("visits")["origins"]:
        return None  # 由德國及新加坡抵港: where the travellers came from
    return ref_of(doc, found)


def _carried(doc: AnalysedArticle, sentence, offset: int) -> bool:
    """Whether the cue's words describe a flight or a ship (由首爾飛抵本港的航班KE607)."""
    rest = doc.norm[offset:sentence.start + len(sentence.norm)]
    at = rest.find(zh("grammar")["possessive"])
    return 0 <= at <= 12 and rest[at + 1:].startswith(tuple(zh("visits")["carriers"]))


def _innermost(doc: AnalysedArticle, mentions, place):
    """The place a chain of places narrows to: 美国首都华盛顿 → 华盛顿."""
    for other in mentions:
        if other.start > place.end and other.type in PLACE_TYPES:
            gap = doc.norm[place.end:other.start]
            if len(gap) <= 3 and not any(ch in gap for ch in zh("visits")["chain_breaks"]):
                place = other
            else:
                break
    return place


def _abbreviated(char: str, doc: AnalysedArticle) -> EntityRef | None:
    place = _abbreviations().get(char)
    if place is None:
        return None
    kind = place.kind
    return EntityRef(kind, "place:" + place.id, char, label_lang(doc))


@lru_cache(maxsize=1)
def _abbreviations() -> dict:
    gazetteer = load_gazetteer()
    table = {}
    for char, name in lexicon.cues()["place_abbreviations"].items():
        found = gazetteer.lookup(name)
        if found:
            table[char] = found[0]
    return table


def write_visit(graph: ArticleGraph, fact: Fact) -> None:
    visitor = graph.entity(fact.args["visitor"])
    place = graph.entity(fact.args["place"])
    graph.add(visitor, NKG.visits, place)
    event = add_event(graph, fact, "visit", NKG.Visit, visitor.value, place.value)
    graph.add(event, SCHEMA.attendee, visitor)
    graph.add(event, SCHEMA.location, place)


def _match_visit(gold: dict, args: dict, m: Matching) -> bool:
    return m.party(gold["visitor"], args["visitor"]) and m.party(gold["place"], args["place"]) and m.same_date(gold, args)


KIND = FactKind("visit", "a person or body visits a place", write_visit, _match_visit,
                {"zh": extract, "en": english.find_visits}, node_class="nkg:Visit",
                properties=("visits", "evidence", "confidence"), edges=("visits",))
