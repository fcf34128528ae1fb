"""Dispatch: a body sends a group somewhere (X派出工作组到新疆, 派工作组赴…)."""
from __future__ import annotations

from .. import english, lexicon
from ..language_data import zh
from ..model import AnalysedArticle, Fact, FactKind, Matching
from ..rdf import ArticleGraph, add_event
from ..resolve import group_ref
from ..vocab import NKG
from .common import ORG_TYPES, PLACE_TYPES, clause_of, find_all, event_day, finds_dispatches, ref_of


@finds_dispatches
def find_dispatches(doc: AnalysedArticle) -> list[Fact]:
    cues = lexicon.cues()["dispatch"]
    facts: list[Fact] = []
    for sentence in doc.sentences:
        text = sentence.norm
        seen: set[int] = set()
        for cue in cues:
            for local in find_all(cue, text):
                if local in seen:
                    continue
                seen.update(range(local, local + len(cue)))
                facts += _dispatch_at(doc, sentence, local, cue)
    return facts


def _dispatch_at(doc, sentence, local, cue) -> list[Fact]:
    offset = sentence.start + local
    after = sentence.norm[local + len(cue): local + len(cue) + 12]
    words = zh("dispatch")
    group_word = next((w for w in words["group_words"] if w in after[:8]), None)
    if group_word is None:
        return []
    clause_start, _ = clause_of(doc, offset)
    mentions = doc.mentions_in(sentence)
    senders = [m for m in mentions if m.end <= offset and doc.norm[m.start - 1:m.start] != words["toward"]
               and (m.start >= clause_start - 40 and m.type in ORG_TYPES + ("Person", "Country")
                    or m.start >= clause_start and m.type in PLACE_TYPES)]
    if not senders:
        return []
    group_at = offset + len(cue) + after.index(group_word)
    destinations = [
        m for m in mentions
        if m.start > group_at and m.type in PLACE_TYPES
        and any(doc.norm[m.start - len(t): m.start] == t for t in words["to"])
    ] or [m for m in mentions if clause_start <= m.start and m.end <= offset and m.type in PLACE_TYPES
          and doc.norm[m.start - 1:m.start] == words["toward"]]
    destination = ref_of(doc, destinations[0]) if destinations else None
    day = event_day(doc, sentence, clause_start, offset)
    facts = []
    for mention in _listed(doc, senders):
        sender = ref_of(doc, mention)
        facts.append(Fact("dispatch", {"sender": sender, "group": group_ref(doc, sender, destination, group_word),
                                       "destination": destination, "date": day}, sentence, 0.8 if destination else 0.6))
    return facts


def _listed(doc: AnalysedArticle, senders: list) -> list:
    """The sender nearest the cue and those listed with it (安徽、湖北、天津等多地纷派医疗队)."""
    chosen = [senders[-1]]
    for m in reversed(senders[:-1]):
        if doc.norm[m.end:chosen[0].start] not in zh("dispatch")["sender_joiners"] or m.type != chosen[0].type \
                and {m.type, chosen[0].type} - set(PLACE_TYPES):
            break
        chosen.insert(0, m)
    return chosen


def extract(doc: AnalysedArticle) -> list[Fact]:
    return find_dispatches(doc)


def write_dispatch(graph: ArticleGraph, fact: Fact) -> None:
    sender = graph.entity(fact.args["sender"])
    group = graph.entity(fact.args["group"])
    destination = graph.entity(fact.args["destination"]) if fact.args.get("destination") else None
    graph.add(sender, NKG.sends, group)
    event = add_event(graph, fact, "dispatch", NKG.Dispatch, sender.value, group.value, destination.value if destination else "")
    graph.add(event, NKG.sender, sender)
    graph.add(event, NKG.dispatched, group)
    if destination is not None:
        graph.add(group, NKG.sentTo, destination)
        graph.add(event, NKG.destination, destination)


def _match_dispatch(gold: dict, args: dict, m: Matching) -> bool:
    return m.party(gold.get("sender", ""), args["sender"]) and m.party(gold.get("destination", ""), args.get("destination"))


KIND = FactKind("dispatch", "a body sends a group, somewhere", write_dispatch, _match_dispatch,
                {"zh": extract, "en": english.find_dispatches}, node_class="nkg:Dispatch",
                properties=("sends", "sentTo", "sender", "dispatched", "destination", "evidence", "confidence"),
                edges=("sends", "sentTo"))
