"""RDF: the graph of one article and what the writer of each fact kind builds on (the
article's node, entities with their labels, posts and memberships, events with their
date and provenance). The writers sit with their extractors in ``kg/extract/``.

IRIs are derived from content only (entity keys, fact fields, the article's key), so
building the same input twice yields the same quads.
"""
from __future__ import annotations

import hashlib
from datetime import date, timezone

from pyoxigraph import Literal, NamedNode, Quad

from . import lexicon
from .model import AnalysedArticle, EntityRef, Fact
from .resolve import Entity, Resolver, slug
from .vocab import ENTITY_CLASSES, NKG, ORG, OWL, PROV, RDF, RDFS, SCHEMA, SKOS, WIKIDATA, XSD


def named(term) -> NamedNode:
    """A term of an rdflib namespace as a pyoxigraph node."""
    return NamedNode(str(term))


A = named(RDF.type)
_XSD_DATE, _XSD_DATETIME, XSD_INTEGER, _XSD_DECIMAL = (named(XSD.date), named(XSD.dateTime), named(XSD.integer), named(XSD.decimal))


def date_literal(value: date | str) -> Literal:
    """A day; a month ("2025-07") or a year ("1999") where the text gives no more."""
    if isinstance(value, str):
        return Literal(value, datatype=named(XSD.gYearMonth if len(value) == 7 else XSD.gYear))
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
        self.quads.add(Quad(s, named(p) if not isinstance(p, NamedNode) else p, o, self.iri))

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
            self.add(node, A, named(ENTITY_CLASSES[entity.type]))
            for lang, label in sorted(entity.labels.items()):
                self.add(node, RDFS.label, Literal(label, language=lang))
            for label, lang in sorted(entity.alt_labels):
                if entity.labels.get(lang) != label:
                    self.add(node, SKOS.altLabel, Literal(label, language=lang))
            if entity.wikidata:
                self.add(node, OWL.sameAs, named(WIKIDATA[entity.wikidata]))
            if entity.parent:
                self.add(node, SCHEMA.containedInPlace, NamedNode(entity.parent))

    def provenance(self, node: NamedNode, fact: Fact) -> None:
        self.add(node, PROV.wasDerivedFrom, self.iri)
        self.add(node, NKG.evidence, Literal(fact.evidence))
        self.add(node, NKG.confidence, Literal(f"{fact.confidence:.2f}", datatype=_XSD_DECIMAL))

    def sorted_quads(self) -> list[Quad]:
        """Every quad, the entities described, in a fixed order."""
        self.flush_entities()
        return sorted(self.quads, key=str)


def article_graph(doc: AnalysedArticle, resolver: Resolver, translation_of: str | None = None) -> ArticleGraph:
    """The graph of one article, holding the article's node (and the original it
    translates); ``kg.kinds.article_quads`` adds its entities and facts."""
    graph = ArticleGraph(doc, resolver)
    _article(graph)
    if translation_of:
        graph.add(graph.iri, SCHEMA.translationOfWork, NamedNode(translation_of))
    return graph


def _article(graph: ArticleGraph) -> None:
    article, node = graph.doc.article, graph.iri
    graph.add(node, A, named(SCHEMA.NewsArticle))
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
    graph.add(role, A, named(SKOS.Concept))
    graph.add(role, SKOS.prefLabel, Literal(title, language="zh-Hans"))
    known = lexicon.titles().get(title)
    if known:
        graph.add(role, SKOS.prefLabel, Literal(known.role_en, language="en"))
    return role


def _post(graph: ArticleGraph, org: NamedNode, title: str) -> tuple[NamedNode, NamedNode]:
    """The post (org:Post) of a title in a body or polity, and its role."""
    role = _role(graph, title)
    post = NamedNode(f"{graph.base}post/{org.value.rsplit('/', 1)[-1]}.{slug(title)}")
    graph.add(post, A, named(ORG.Post))
    graph.add(post, ORG.postIn, org)
    graph.add(post, ORG.role, role)
    org_label = graph.entities[org.value].labels.get("zh-Hans", "")
    graph.add(post, RDFS.label, Literal(org_label + title, language="zh-Hans"))
    return post, role


def add_membership(graph: ArticleGraph, fact: Fact) -> tuple[NamedNode, NamedNode, NamedNode]:
    """The person holds the post; the article's membership says when: held on the
    article's day (nkg:attestedOn), over by then (nkg:formerOn: 前, 原, 时任), or from
    or until the day of an appointment or a departure (nkg:heldSince, nkg:heldUntil)."""
    person = graph.entity(fact.args["person"])
    org = graph.entity(fact.args["organization"])
    title = fact.args["role"]
    post, role = _post(graph, org, title)
    graph.add(person, ORG.holds, post)
    membership = graph.node("membership", person.value, org.value, title, graph.iri.value)
    graph.add(membership, A, named(ORG.Membership))
    graph.add(membership, ORG.member, person)
    graph.add(membership, ORG.organization, org)
    graph.add(membership, ORG.role, role)
    when = fact.args.get("date")
    if fact.kind == "appointment" and when:
        graph.add(membership, NKG.heldSince, date_literal(when))
    elif fact.kind == "departure" and when:
        graph.add(membership, NKG.heldUntil, date_literal(when))
    elif fact.args.get("former"):
        if graph.doc.day:
            graph.add(membership, NKG.formerOn, date_literal(graph.doc.day))
    elif when and fact.kind in ("office", "leads"):
        graph.add(membership, NKG.attestedOn, date_literal(when))
    graph.provenance(membership, fact)
    return person, org, post


def add_event(graph: ArticleGraph, fact: Fact, kind: str, cls, *parts) -> NamedNode:
    """An event node keyed by its participants and date, typed, dated and sourced."""
    when = fact.args.get("date")
    event = graph.node(kind, *parts, when)
    graph.add(event, A, named(cls))
    if when:
        graph.add(event, SCHEMA.startDate, date_literal(when))
    graph.provenance(event, fact)
    return event
