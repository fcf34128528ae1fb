"""RDF: an article, its entities and its facts as quads in the article's named graph.

IRIs are derived from content only (entity keys, fact fields, the article's key), so
building the same input twice yields the same quads.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date, timezone

from pyoxigraph import Literal, NamedNode, Quad

from . import lexicon
from .language_data import en, zh
from .english import agent_ref
from .extract.common import ref_of
from .model import AnalysedArticle, EntityRef, Fact
from .resolve import Entity, Resolver, slug
from .vocab import ENTITY_CLASSES, NKG, ORG, OWL, PROV, RDF, RDFS, SCHEMA, SKOS, WIKIDATA, XSD

_TYPES_OF_MENTIONS = ("Person", "Organization", "GovernmentOrganization", "WorkingGroup", "NewsMedia", "AdministrativeArea", "Country", "Place")


def _n(term) -> NamedNode:
    return NamedNode(str(term))


A = _n(RDF.type)
_XSD_DATE, _XSD_DATETIME, _XSD_INTEGER, _XSD_DECIMAL = (_n(XSD.date), _n(XSD.dateTime), _n(XSD.integer), _n(XSD.decimal))


def _date(value: date | str) -> Literal:
    """A day; a month ("2025-07") or a year ("1999") where the text gives no more."""
    if isinstance(value, str):
        return Literal(value, datatype=_n(XSD.gYearMonth if len(value) == 7 else XSD.gYear))
    return Literal(value.isoformat(), datatype=_XSD_DATE)


def _digest(*parts) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


class ArticleGraph:
    """Collects the quads of one article's named graph."""

    def __init__(self, doc: AnalysedArticle, resolver: Resolver):
        self.doc = doc
        self.resolver = resolver
        self.base = resolver.base
        self.iri = NamedNode(f"{self.base}article/{doc.article.key}")
        self.quads: set[Quad] = set()
        self.entities: dict[str, Entity] = {}

    def add(self, s, p, o) -> None:
        self.quads.add(Quad(s, _n(p) if not isinstance(p, NamedNode) else p, o, self.iri))

    def node(self, kind: str, *parts) -> NamedNode:
        return NamedNode(f"{self.base}{kind}/{_digest(*parts)}")

    def entity(self, ref: EntityRef) -> NamedNode:
        entity = self.resolver.resolve(ref)
        self._describe(entity)
        node = NamedNode(entity.iri)
        self.add(self.iri, SCHEMA.mentions, node)
        return node

    def _describe(self, entity: Entity) -> None:
        known = self.entities.get(entity.iri)
        if known is not None:
            known.alt_labels |= entity.alt_labels
        else:
            self.entities[entity.iri] = entity
        if entity.parent and entity.parent not in self.entities:
            parent_id = entity.parent.rsplit("/", 1)[-1]
            self._describe(self.resolver.place_entity(parent_id))

    def flush_entities(self) -> None:
        for entity in self.entities.values():
            node = NamedNode(entity.iri)
            self.add(node, A, _n(ENTITY_CLASSES[entity.type]))
            for lang, label in sorted(entity.labels.items()):
                self.add(node, RDFS.label, Literal(label, language=lang))
            for label, lang in sorted(entity.alt_labels):
                if entity.labels.get(lang) != label:
                    self.add(node, SKOS.altLabel, Literal(label, language=lang))
            if entity.wikidata:
                self.add(node, OWL.sameAs, _n(WIKIDATA[entity.wikidata]))
            if entity.parent:
                self.add(node, SCHEMA.containedInPlace, NamedNode(entity.parent))

    def provenance(self, node: NamedNode, fact: Fact) -> None:
        self.add(node, PROV.wasDerivedFrom, self.iri)
        self.add(node, NKG.evidence, Literal(fact.evidence))
        self.add(node, NKG.confidence, Literal(f"{fact.confidence:.2f}", datatype=_XSD_DECIMAL))


def article_quads(doc: AnalysedArticle, facts: list[Fact], resolver: Resolver, write: Callable[[ArticleGraph, Fact], None],
                  translation_of: str | None = None) -> tuple[str, list[Quad]]:
    """The named graph IRI of the article and every quad it yields; ``write`` adds the
    quads of one fact (``kg.kinds.write_fact``, which picks the writer of its kind)."""
    graph = ArticleGraph(doc, resolver)
    _article(graph)
    if translation_of:
        graph.add(graph.iri, SCHEMA.translationOfWork, NamedNode(translation_of))
    for mention in doc.mentions:
        if mention.type in _TYPES_OF_MENTIONS and mention.source != "jieba":
            ref = mention_ref(doc, mention)
            if ref is not None:
                graph.entity(ref)
    for fact in facts:
        write(graph, fact)
    graph.flush_entities()
    return graph.iri.value, sorted(graph.quads, key=str)


def mention_ref(doc: AnalysedArticle, mention) -> EntityRef | None:
    """The entity a mention names, or None for a bare generic word (工作组, the
    working group) whose antecedent the article never gave."""
    if doc.language == "en":
        ref = agent_ref(doc, mention)
    else:
        ref = ref_of(doc, mention)
    generic = (zh("dispatch")["generic_group"],) + en("dispatch")["generic_groups"]
    if ref.type == "WorkingGroup" and not ref.name.startswith("group:") and ref.name.lower() in generic:
        return None
    return ref


def _article(graph: ArticleGraph) -> None:
    article, node = graph.doc.article, graph.iri
    graph.add(node, A, _n(SCHEMA.NewsArticle))
    if article.title:
        graph.add(node, SCHEMA.headline, Literal(article.title))
    if article.published:
        stamp = article.published if article.published.tzinfo else article.published.replace(tzinfo=timezone.utc)
        graph.add(node, SCHEMA.datePublished, Literal(stamp.isoformat(), datatype=_XSD_DATETIME))
    if article.url:
        url = safe_iri(article.url)
        graph.add(node, SCHEMA.url, NamedNode(url) if _is_iri(url) else Literal(article.url))
    if article.publisher:
        publisher = graph.entity(EntityRef("NewsMedia", article.publisher, article.publisher))
        graph.add(node, SCHEMA.publisher, publisher)
    graph.add(node, SCHEMA.inLanguage, Literal(graph.doc.language))
    graph.add(node, NKG.sourceFile, Literal(article.path.rsplit("/", 1)[-1]))


def safe_iri(url: str) -> str:
    """A URL as an ASCII IRI: spaces (an ideographic space in a Chinese headline slug)
    and other characters some RDF parsers refuse are percent-encoded."""
    from urllib.parse import quote

    return quote(url.strip(), safe="!#$%&'()*+,/:;=?@[]~")


def _is_iri(text: str) -> bool:
    try:
        NamedNode(text)
    except ValueError:
        return False
    return text.startswith(("http://", "https://"))


def _role(graph: ArticleGraph, title: str) -> NamedNode:
    role = NamedNode(f"{graph.base}role/{slug(title)}")
    graph.add(role, A, _n(SKOS.Concept))
    graph.add(role, SKOS.prefLabel, Literal(title, language="zh-Hans"))
    known = lexicon.titles().get(title)
    if known:
        graph.add(role, SKOS.prefLabel, Literal(known.role_en, language="en"))
    return role


def _post(graph: ArticleGraph, org: NamedNode, title: str) -> tuple[NamedNode, NamedNode]:
    """The post (org:Post) of a title in a body or polity, and its role."""
    role = _role(graph, title)
    post = NamedNode(f"{graph.base}post/{org.value.rsplit('/', 1)[-1]}.{slug(title)}")
    graph.add(post, A, _n(ORG.Post))
    graph.add(post, ORG.postIn, org)
    graph.add(post, ORG.role, role)
    org_label = graph.entities[org.value].labels.get("zh-Hans", "")
    graph.add(post, RDFS.label, Literal(org_label + title, language="zh-Hans"))
    return post, role


def _membership(graph: ArticleGraph, fact: Fact) -> tuple[NamedNode, NamedNode, NamedNode]:
    """The person holds the post; the article's membership says when: held on the
    article's day (nkg:attestedOn), over by then (nkg:formerOn: 前, 原, 时任), or from
    or until the day of an appointment or a departure (nkg:heldSince, nkg:heldUntil)."""
    person = graph.entity(fact.args["person"])
    org = graph.entity(fact.args["organization"])
    title = fact.args["role"]
    post, role = _post(graph, org, title)
    graph.add(person, ORG.holds, post)
    membership = graph.node("membership", person.value, org.value, title, graph.iri.value)
    graph.add(membership, A, _n(ORG.Membership))
    graph.add(membership, ORG.member, person)
    graph.add(membership, ORG.organization, org)
    graph.add(membership, ORG.role, role)
    when = fact.args.get("date")
    if fact.kind == "appointment" and when:
        graph.add(membership, NKG.heldSince, _date(when))
    elif fact.kind == "departure" and when:
        graph.add(membership, NKG.heldUntil, _date(when))
    elif fact.args.get("former"):
        if graph.doc.day:
            graph.add(membership, NKG.formerOn, _date(graph.doc.day))
    elif when and fact.kind in ("office", "leads"):
        graph.add(membership, NKG.attestedOn, _date(when))
    graph.provenance(membership, fact)
    return person, org, post


def write_office(graph: ArticleGraph, fact: Fact) -> None:
    _membership(graph, fact)


def write_leads(graph: ArticleGraph, fact: Fact) -> None:
    person, org, _ = _membership(graph, fact)
    graph.add(person, NKG.leads, org)


def write_post_change(graph: ArticleGraph, fact: Fact) -> None:
    """An appointment or a departure: the event, dated, and the membership it begins or
    ends; whom an appointee replaces (nkg:replaces, and nkg:succeeded between persons)."""
    person, org, post = _membership(graph, fact)
    cls = NKG.Appointment if fact.kind == "appointment" else NKG.Departure
    event = graph.node(fact.kind, person.value, post.value, str(fact.args.get("date") or ""))
    graph.add(event, A, _n(cls))
    graph.add(event, NKG.holder, person)
    graph.add(event, NKG.post, post)
    if fact.args.get("date"):
        graph.add(event, SCHEMA.startDate, _date(fact.args["date"]))
    if fact.args.get("replaces") is not None:
        replaced = graph.entity(fact.args["replaces"])
        graph.add(event, NKG.replaces, replaced)
        graph.add(person, NKG.succeeded, replaced)
    graph.provenance(event, fact)


def _event(graph: ArticleGraph, fact: Fact, kind: str, cls, *parts) -> NamedNode:
    """An event node keyed by its participants and date, typed, dated and sourced."""
    when = fact.args.get("date")
    event = graph.node(kind, *parts, when)
    graph.add(event, A, _n(cls))
    if when:
        graph.add(event, SCHEMA.startDate, _date(when))
    graph.provenance(event, fact)
    return event


def write_dispatch(graph: ArticleGraph, fact: Fact) -> None:
    sender = graph.entity(fact.args["sender"])
    group = graph.entity(fact.args["group"])
    destination = graph.entity(fact.args["destination"]) if fact.args.get("destination") else None
    graph.add(sender, NKG.sends, group)
    event = _event(graph, fact, "dispatch", NKG.Dispatch, sender.value, group.value, destination.value if destination else "")
    graph.add(event, NKG.sender, sender)
    graph.add(event, NKG.dispatched, group)
    if destination is not None:
        graph.add(group, NKG.sentTo, destination)
        graph.add(event, NKG.destination, destination)


def write_visit(graph: ArticleGraph, fact: Fact) -> None:
    visitor = graph.entity(fact.args["visitor"])
    place = graph.entity(fact.args["place"])
    graph.add(visitor, NKG.visits, place)
    event = _event(graph, fact, "visit", NKG.Visit, visitor.value, place.value)
    graph.add(event, SCHEMA.attendee, visitor)
    graph.add(event, SCHEMA.location, place)


def write_meeting(graph: ArticleGraph, fact: Fact) -> None:
    parties = [graph.entity(ref) for ref in fact.args["parties"]]
    for a in parties:
        for b in parties:
            if a != b:
                graph.add(a, NKG.meets, b)
    event = _event(graph, fact, "meeting", NKG.Meeting, *sorted(p.value for p in parties))
    for party in parties:
        graph.add(event, SCHEMA.attendee, party)
    graph.add(event, SCHEMA.name, Literal(fact.args.get("name", "meeting"), language=_lang(graph)))


def write_statement(graph: ArticleGraph, fact: Fact) -> None:
    speaker = graph.entity(fact.args["speaker"])
    quote = graph.node("quote", speaker.value, fact.args["text"], str(fact.args.get("date") or ""))
    graph.add(quote, A, _n(SCHEMA.Quotation))
    graph.add(quote, SCHEMA.creator, speaker)
    graph.add(quote, SCHEMA.text, Literal(fact.args["text"], language=_lang(graph)))
    if fact.args.get("date"):
        graph.add(quote, SCHEMA.dateCreated, _date(fact.args["date"]))
    graph.provenance(quote, fact)


def write_cases(graph: ArticleGraph, fact: Fact) -> None:
    place = graph.entity(fact.args["place"])
    when = fact.args.get("date")
    category = fact.args["category"]
    bound = fact.args.get("bound")
    report = graph.node("casereport", place.value, category, when, fact.args["value"], *([bound] if bound else []))
    graph.add(place, NKG.reports, report)
    graph.add(report, A, _n(NKG.CaseReport))
    graph.add(report, SCHEMA.observationAbout, place)
    graph.add(report, NKG.caseCategory, _category(graph, category))
    graph.add(report, SCHEMA.value, Literal(str(fact.args["value"]), datatype=_XSD_INTEGER))
    if when:
        graph.add(report, SCHEMA.observationDate, _date(when))
    if fact.args.get("reporter"):
        graph.add(report, NKG.reportedBy, graph.entity(fact.args["reporter"]))
    if bound:
        graph.add(report, NKG.bound, _n(NKG[bound[0].upper() + bound[1:]]))
    graph.provenance(report, fact)


def _category(graph: ArticleGraph, concept: str) -> NamedNode:
    """The category concept, with its labels, so queries need not load the ontology."""
    node = _n(NKG[concept])
    known = {c.concept: c for c in lexicon.case_categories()}[concept]
    graph.add(node, A, _n(NKG.CaseCategory))
    graph.add(node, SKOS.prefLabel, Literal(known.label_en, language="en"))
    graph.add(node, SKOS.prefLabel, Literal(known.label_zh, language="zh-Hans"))
    return node


def write_source(graph: ArticleGraph, fact: Fact) -> None:
    graph.add(graph.iri, SCHEMA.isBasedOn, graph.entity(fact.args["source"]))


def _lang(graph: ArticleGraph) -> str:
    return graph.doc.language

