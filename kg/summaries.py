"""Summaries: the rows of the named queries that aggregate or list the whole store,
precomputed by each build into summary graphs, so that the shipped queries read a page
of ready rows instead of joining labels to every fact of a kind.

Each :class:`Summary` is one named query's rows, ranked in a fixed order: row
``SUMMARY_BASE + "officials/17"`` has ``nkg:rank 17`` and one triple per bound column
(predicates in the query's own namespace, ``…/summary/officials#orgLabel``), and, for
each parameter the query filters on, the texts the parameter is matched against
(``…#match-org``: the body's label and its other names); the graph's own node lists each
of those texts once (``…#text-org``), so that a filter reads each text once and then
finds its rows by the text. The rows come from the
queries in ``kg/queries/summaries/`` (the shipped queries as they were, without their
filters), or from Python where SPARQL is too slow (``comentions``: every pair of
entities in every article).

A summary is a function of the whole store, so every build that changes the store
writes them all again (:func:`refresh`), as does a build that finds them missing or of
another :data:`VERSION`; the summary graphs are outside the merged graph and the exports.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources

import pyoxigraph as ox

from .store import SUMMARY_BASE, GraphStore
from .vocab import NKG, RDF, XSD

VERSION = "2"
"""The layout of the summaries; a store whose summaries state another is summarised again."""

COMENTION_ROWS = 1000
"""Pairs of co-mentioned entities kept, the most frequent first (the query pages within them)."""

_RANK = ox.NamedNode(str(NKG.rank))
_TYPE = ox.NamedNode(str(RDF.type))
_RESULT_ROW = ox.NamedNode(str(NKG.ResultRow))
_INTEGER = ox.NamedNode(str(XSD.integer))


def _term_key(term) -> tuple:
    return (0, "") if term is None else (1, term.value)


@dataclass(frozen=True)
class Summary:
    """The rows of one named query: ``order`` names the columns they are ranked by (then
    by every column, so that the rank is the same in every build of the same store);
    ``matches`` maps each parameter to the column it filters on and, when given, the
    column of the entity whose other names (``skos:altLabel``) match too."""

    name: str
    order: tuple[str, ...] = ()
    matches: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    compute: Callable[[GraphStore], tuple[list[str], list[dict]]] | None = None

    @property
    def graph(self) -> str:
        return SUMMARY_BASE + self.name

    def term(self, local: str) -> ox.NamedNode:
        """A predicate of this summary's rows (a column, ``match-PARAM`` or ``version``)."""
        return ox.NamedNode(f"{self.graph}#{local}")

    def rows(self, store: GraphStore) -> tuple[list[str], list[dict]]:
        """(columns, rows in rank order): each row maps a column to its term (None when unbound)."""
        if self.compute is not None:
            return self.compute(store)
        text = resources.files("kg").joinpath("queries", "summaries", f"{self.name}.rq").read_text(encoding="utf-8")
        result = store.query(text)
        columns = [v.value for v in result.variables]
        rows = [{c: solution[c] for c in columns} for solution in result]
        rows.sort(key=lambda row: tuple(_term_key(row[c]) for c in (*self.order, *columns)))
        return columns, rows

    def quads(self, store: GraphStore) -> list[ox.Quad]:
        """The summary graph: every row, ranked, with its match texts, and the version last."""
        graph = ox.NamedNode(self.graph)
        columns, rows = self.rows(store)
        others = _other_names(store) if any(entity for _, entity in self.matches.values()) else {}
        quads = []
        texts_of: dict[str, set[str]] = {param: set() for param in self.matches}
        for rank, row in enumerate(rows):
            node = ox.NamedNode(f"{self.graph}/{rank}")
            quads.append(ox.Quad(node, _TYPE, _RESULT_ROW, graph))
            quads.append(ox.Quad(node, _RANK, ox.Literal(str(rank), datatype=_INTEGER), graph))
            quads += [ox.Quad(node, self.term(c), row[c], graph) for c in columns if row[c] is not None]
            for param, (column, entity) in self.matches.items():
                texts = {row[column].value} if row[column] is not None else set()
                texts.update(others.get(row[entity], ()) if entity else ())
                quads += [ox.Quad(node, self.term(f"match-{param}"), ox.Literal(t), graph) for t in sorted(texts)]
                texts_of[param].update(texts)
        for param, texts in texts_of.items():  # each text once, so that a filter reads each once
            quads += [ox.Quad(graph, self.term(f"text-{param}"), ox.Literal(t), graph) for t in sorted(texts)]
        # the version last: a summary written only in part states none, and is written again
        return quads + [ox.Quad(graph, self.term("version"), ox.Literal(VERSION), graph)]


def _other_names(store: GraphStore) -> dict:
    """Entity → the texts of its ``skos:altLabel``s."""
    found: dict = defaultdict(set)
    for solution in store.query("SELECT ?e ?alt WHERE { ?e skos:altLabel ?alt }"):
        found[solution["e"]].add(solution["alt"].value)
    return found


def comention_rows(store: GraphStore) -> tuple[list[str], list[dict]]:
    """Pairs of Simplified Chinese labels of entities that one article mentions, with the
    number of articles mentioning both (an entity pair counted once, its first entity
    the one whose IRI sorts first), the most frequent :data:`COMENTION_ROWS` first, as
    the query ``comentions`` gave them when it counted in SPARQL."""
    labels: dict = defaultdict(list)
    for solution in store.query('SELECT ?e ?l WHERE { ?e rdfs:label ?l FILTER(langMatches(lang(?l), "zh-Hans")) }'):
        labels[solution["e"]].append(solution["l"])
    mentioned: dict = defaultdict(set)
    for solution in store.query("SELECT ?article ?e WHERE { ?article schema:mentions ?e }"):
        if solution["e"] in labels:
            mentioned[solution["article"]].add(solution["e"])
    articles: Counter = Counter()
    for entities in mentioned.values():
        ordered = sorted(entities, key=lambda e: str(e.value))
        pairs = {(la, lb) for i, a in enumerate(ordered) for b in ordered[i + 1:]
                 for la in labels[a] for lb in labels[b]}
        articles.update(pairs)
    top = sorted(articles.items(), key=lambda item: (-item[1], item[0][0].value, item[0][1].value))[:COMENTION_ROWS]
    rows = [{"aLabel": a, "bLabel": b, "articles": ox.Literal(str(n), datatype=_INTEGER)} for (a, b), n in top]
    return ["aLabel", "bLabel", "articles"], rows


SUMMARIES = {s.name: s for s in (
    Summary("officials", ("orgLabel", "role", "personLabel", "date"),
            {"org": ("orgLabel", "org"), "person": ("personLabel", None)}),
    Summary("leaders", ("orgLabel", "personLabel", "date"), {"org": ("orgLabel", None)}),
    Summary("statements", ("date", "speakerLabel"), {"person": ("speakerLabel", None)}),
    Summary("sources", ("fact", "article"), {"text": ("evidence", None)}),
    Summary("comentions", compute=comention_rows),
    Summary("entity", ("name", "entity")),
)}
"""The summaries each build keeps, by the name of the query that reads them."""


def current(store: GraphStore) -> bool:
    """Whether the store holds every summary, of this :data:`VERSION`."""
    return all(bool(store.query(f'ASK {{ GRAPH <{s.graph}> {{ <{s.graph}> <{s.graph}#version> "{VERSION}" }} }}'))
               for s in SUMMARIES.values())


def refresh(store: GraphStore, names: Iterable[str] | None = None) -> None:
    """Write the summaries (all, or those named) again from the store as it is."""
    for name in names or SUMMARIES:
        summary = SUMMARIES[name]
        store.replace_summary(summary.graph, summary.quads(store))
