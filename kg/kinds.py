"""The fact kinds, registered in one place: each ``FactKind`` bundles what the rest of
kg needs of a kind (its extractor per language, its RDF writer, how evaluation matches
it against a gold item, its ontology terms and the edges the viewer draws for it).

``KINDS`` lists them in the order the build runs the extractors and ``kg eval`` lists
the scores; ``EXTRACTORS`` (what ``kg build --extractors`` chooses from), the writer
``article_quads`` calls, ``kg.evaluate.FACT_KINDS`` and the viewer's relations are all
read from it. Adding a kind is one entry here, with its extractor module and its data
(docs/architecture.md, "Fact kinds").
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from . import english, rdf
from .extract import appointments, cases, dispatch, leads, meetings, office, sources, statements, visits
from .model import AnalysedArticle, EntityRef, Fact


class Matching(Protocol):
    """What a matcher asks of the evaluation (``kg.evaluate.Matching``)."""

    def party(self, gold_name: str, ref: EntityRef | None, loose: bool = True) -> bool: ...

    def same_date(self, gold: dict, args: dict) -> bool: ...

    def same_role(self, gold_role: str, role: str) -> bool: ...

    def same_post(self, gold: dict, args: dict) -> bool: ...

    def text_overlap(self, gold_text: str, text: str) -> bool: ...


@dataclass(frozen=True)
class FactKind:
    """One kind of fact and everything kg does with it."""

    name: str
    about: str
    """A line for ``kg build --help``."""
    write: Callable[[rdf.ArticleGraph, Fact], None]
    """Adds the quads of one fact to its article's graph."""
    match: Callable[[dict, dict, Matching], bool]
    """Whether a gold item (a dict of eval/README.md) and a fact's ``args`` are one fact."""
    extract: Mapping[str, Callable[[AnalysedArticle], list[Fact]]] = field(default_factory=dict)
    """The extractor per language ("zh", "en"); one function may make several kinds
    (the English offices make ``office`` and ``leads`` facts)."""
    made_by: str | None = None
    """The kind whose extractor makes this one, when it has none of its own."""
    node_class: str | None = None
    """The class of the node a fact becomes (a CURIE of ``kg.vocab.PREFIXES``)."""
    properties: tuple[str, ...] = ()
    """The ``nkg:`` properties its writer uses (declared in ``kg.vocab.NKG_TERMS``)."""
    edges: tuple[str, ...] = ()
    """The ``nkg:`` properties between two entities the viewer draws as edges, labelled
    under "relations" in ``kg/resources/viewer_style.json``."""
    symmetric: bool = False
    """Whether its edges have no direction (drawn once, without an arrow)."""

    @property
    def extractor(self) -> str:
        """The name of the extractor that makes facts of this kind."""
        return self.made_by or self.name


def _match_office(gold: dict, args: dict, m: Matching) -> bool:
    """The person, and the body with the role, or the post written fused or split."""
    if not m.party(gold["person"], args["person"], loose=False):
        return False
    return (m.party(gold["organization"], args["organization"]) and m.same_role(gold.get("role", ""), args["role"])
            or m.same_post(gold, args))


def _match_leads(gold: dict, args: dict, m: Matching) -> bool:
    """The person and the body: a head's title is not scored."""
    return m.party(gold["person"], args["person"], loose=False) and m.party(gold["organization"], args["organization"])


def _match_dispatch(gold: dict, args: dict, m: Matching) -> bool:
    return m.party(gold.get("sender", ""), args["sender"]) and m.party(gold.get("destination", ""), args.get("destination"))


def _match_visit(gold: dict, args: dict, m: Matching) -> bool:
    return m.party(gold["visitor"], args["visitor"]) and m.party(gold["place"], args["place"]) and m.same_date(gold, args)


def _match_meeting(gold: dict, args: dict, m: Matching) -> bool:
    """Two of the gold parties found (or the one, when gold names one)."""
    wanted = gold.get("parties", [])
    found = sum(any(m.party(w, ref) for ref in args["parties"]) for w in wanted)
    return found >= min(2, len(wanted))


def _match_statement(gold: dict, args: dict, m: Matching) -> bool:
    return m.party(gold["speaker"], args["speaker"]) and m.text_overlap(gold.get("text", ""), args["text"])


def _match_cases(gold: dict, args: dict, m: Matching) -> bool:
    return (m.party(gold.get("place", ""), args["place"]) and gold["category"] == args["category"]
            and int(gold["value"]) == int(args["value"]) and m.same_date(gold, args))


def _match_source(gold: dict, args: dict, m: Matching) -> bool:
    return m.party(gold["source"], args["source"])


def _match_post_change(gold: dict, args: dict, m: Matching) -> bool:
    """An appointment or a departure: the person and the date; whom it replaces where
    gold says; the post where gold names one."""
    if not m.party(gold["person"], args["person"], loose=False) or not m.same_date(gold, args):
        return False
    if gold.get("replaces") and (args.get("replaces") is None or not m.party(gold["replaces"], args["replaces"], loose=False)):
        return False
    return not gold.get("organization") or m.party(gold["organization"], args["organization"]) and (
        not gold.get("role") or m.same_role(gold["role"], args["role"])) or m.same_post(gold, args)


_POST_PROPERTIES = ("attestedOn", "formerOn", "evidence", "confidence")
_EVENT_PROPERTIES = ("evidence", "confidence")

KINDS: dict[str, FactKind] = {kind.name: kind for kind in (
    FactKind("office", "a person holds a post in a body or polity", rdf.write_office, _match_office,
             {"zh": office.extract, "en": english.find_offices}, node_class="org:Membership",
             properties=_POST_PROPERTIES),
    FactKind("leads", "a person heads a body or polity", rdf.write_leads, _match_leads,
             {"zh": leads.extract, "en": english.find_offices}, node_class="org:Membership",
             properties=("leads", *_POST_PROPERTIES), edges=("leads",)),
    FactKind("dispatch", "a body sends a group, somewhere", rdf.write_dispatch, _match_dispatch,
             {"zh": dispatch.extract, "en": english.find_dispatches}, node_class="nkg:Dispatch",
             properties=("sends", "sentTo", "sender", "dispatched", "destination", *_EVENT_PROPERTIES),
             edges=("sends", "sentTo")),
    FactKind("visit", "a person or body visits a place", rdf.write_visit, _match_visit,
             {"zh": visits.extract, "en": english.find_visits}, node_class="nkg:Visit",
             properties=("visits", *_EVENT_PROPERTIES), edges=("visits",)),
    FactKind("meeting", "two or more parties meet", rdf.write_meeting, _match_meeting,
             {"zh": meetings.extract, "en": english.find_meetings}, node_class="nkg:Meeting",
             properties=("meets", *_EVENT_PROPERTIES), edges=("meets",), symmetric=True),
    FactKind("statement", "what a person or body said", rdf.write_statement, _match_statement,
             {"zh": statements.extract, "en": english.find_statements}, node_class="schema:Quotation",
             properties=_EVENT_PROPERTIES),
    FactKind("cases", "a count of cases a place reports, by category", rdf.write_cases, _match_cases,
             {"zh": cases.extract, "en": english.find_cases}, node_class="nkg:CaseReport",
             properties=("reports", "caseCategory", "reportedBy", "bound", *_EVENT_PROPERTIES)),
    FactKind("source", "a medium or body the article cites", rdf.write_source, _match_source,
             {"zh": sources.extract, "en": english.find_sources}),
    FactKind("appointment", "a person is appointed to a post",
             rdf.write_post_change, _match_post_change, {"zh": appointments.extract}, node_class="nkg:Appointment",
             properties=("holder", "post", "replaces", "succeeded", "heldSince", *_EVENT_PROPERTIES)),
    FactKind("departure", "a person leaves a post", rdf.write_post_change, _match_post_change,
             made_by="appointment", node_class="nkg:Departure",
             properties=("holder", "post", "heldUntil", *_EVENT_PROPERTIES)),
)}

EXTRACTORS: dict[str, FactKind] = {name: kind for name, kind in KINDS.items() if kind.made_by is None}
"""The extractors by name, in the order the build runs them."""


def extractor_names(names: Iterable[str] | None) -> list[str]:
    """The extractors named (all of them for None), in the order the build runs them;
    ValueError for a name no extractor has, or for no name."""
    if names is None:
        return list(EXTRACTORS)
    names = list(names)
    unknown = [n for n in names if n not in EXTRACTORS]
    if unknown or not names:
        wrong = f"unknown extractor{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}" if unknown else "no extractor named"
        raise ValueError(f"{wrong}; the extractors are {', '.join(EXTRACTORS)}")
    return [n for n in EXTRACTORS if n in names]


def extract_all(doc: AnalysedArticle, names: Iterable[str] | None = None) -> list[Fact]:
    """The facts of the extractors named (default: all) in one article. An English
    article's extractor may make several kinds: it runs once, and only the facts of
    the kinds chosen are kept."""
    chosen = extractor_names(names)
    if doc.language == "en":
        kinds = {k.name for k in KINDS.values() if k.extractor in chosen}
        runs: list[Callable[[AnalysedArticle], list[Fact]]] = []
        for kind in KINDS.values():
            run = kind.extract.get("en")
            if kind.name in kinds and run is not None and run not in runs:
                runs.append(run)
        return [fact for run in runs for fact in run(doc) if fact.kind in kinds]
    facts: list[Fact] = []
    for name in chosen:
        facts.extend(KINDS[name].extract["zh"](doc))
    return _posts_left(facts)


def _posts_left(facts: list[Fact]) -> list[Fact]:
    """A post the article reports being left (入境事务处处长李志明宣布辞职) is held no
    more: its office is a former one, and it leads nothing."""
    left = {_post_key(f) for f in facts if f.kind == "departure"}
    if not left:
        return facts
    kept = []
    for fact in facts:
        if fact.kind in ("office", "leads") and _post_key(fact) in left:
            if fact.kind == "leads":
                continue
            fact = Fact(fact.kind, dict(fact.args, former=True), fact.sentence, fact.confidence)
        kept.append(fact)
    return kept


def _post_key(fact: Fact) -> tuple:
    return fact.args["person"].name, fact.args["organization"].name, fact.args["role"]


def write_fact(graph: rdf.ArticleGraph, fact: Fact) -> None:
    """The quads of one fact, by the writer of its kind."""
    KINDS[fact.kind].write(graph, fact)

