"""The triple store, behind one small interface (:class:`GraphStore`) and chosen by a
string: ``open_store("DIR")`` is the store a build keeps in the folder DIR (embedded
Oxigraph on disk, in DIR/store), ``open_store(":memory:")`` a new one in memory. Each
kind of store is one entry of :data:`STORE_KINDS`, so that another (a remote SPARQL
endpoint at ``https://…``) is one more entry; the rest of kg knows the interface
alone.

One named graph per article (graph IRI = article IRI), and the default graph holding
their union as a set: each triple once, however many articles state it, so counts and
joins over the default graph are not multiplied by the number of sources. Rebuilding an
article replaces its graph, so building the same input twice leaves the store as it was.

Each article states the SHA-256 of the file it was read from (``nkg:contentHash``, in
its own graph), which is how a later build knows a file it is given is already in the
store: the hash lives and dies with the article's graph (replaced with it, removed with
it), so no other record can fall out of step with the articles.

Besides the article graphs, the store keeps summary graphs (IRIs under
:data:`SUMMARY_BASE`): what the slow named queries aggregate, precomputed by each build
(``kg.summaries``). They are not article graphs: not in the merged default graph, not
listed by :meth:`GraphStore.graphs`, not in :meth:`GraphStore.quads` (so not in the
exports), not counted.
"""
from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from .vocab import NKG, PREFIXES, SCHEMA

STORE_DIR = "store"
"""The folder inside a build folder that holds its store."""
SUMMARY_BASE = "https://w3id.org/newskg/summary/"
"""The IRIs of the summary graphs start with this; no article graph's does."""
DEFAULT_OUT = Path("exports")
"""The build folder of every command given none."""
MEMORY = ":memory:"
"""The string naming a new store in memory."""


class StoreError(RuntimeError):
    """The store could not be opened or does not exist."""


class GraphStore(ABC):
    """What kg asks of a store: article graphs replaced whole, the merged graph kept in
    step with them, SPARQL over it, its quads and triples, and counts."""

    location: Path | None = None
    """The folder the store keeps its files in; None when it has none of its own."""

    @abstractmethod
    def replace_graph(self, graph_iri: str, quads: Iterable[ox.Quad]) -> bool:
        """Make ``quads`` the article graph ``graph_iri`` (an empty list removes it) and
        keep the merged graph in step. Returns whether the graph changed."""

    @abstractmethod
    def replace_summary(self, graph_iri: str, quads: Iterable[ox.Quad]) -> None:
        """Make ``quads`` the summary graph ``graph_iri`` (under :data:`SUMMARY_BASE`),
        outside the merged graph."""

    @abstractmethod
    def has_articles(self) -> bool:
        """Whether the store holds any article graph."""

    @abstractmethod
    def content_hashes(self, prefix: str = "") -> dict[str, set[str]]:
        """Each ``nkg:contentHash`` an article states of itself in its own graph → the
        graphs of the articles stating it, for articles whose IRI starts with ``prefix``."""

    @abstractmethod
    def languages(self, graph_iris: Iterable[str]) -> dict[str, str]:
        """The ``schema:inLanguage`` each of these articles states in its graph."""

    @abstractmethod
    def query(self, sparql: str, substitutions: dict | None = None, *, default_graph: list | None = None,
              named_graphs: list | None = None):
        """A SPARQL query over the merged graph (or the graphs given, as the SPARQL
        Protocol's dataset), with kg's prefixes declared: pyoxigraph's
        ``QuerySolutions``, ``QueryBoolean`` or ``QueryTriples``."""

    @abstractmethod
    def graphs(self) -> list[str]:
        """The IRIs of the article graphs, in order."""

    @abstractmethod
    def quads(self) -> Iterator[ox.Quad]:
        """The quads of the article graphs (not the merged default graph)."""

    @abstractmethod
    def quads_of(self, graph_iri: str) -> Iterator[ox.Quad]:
        """The quads of one article graph."""

    @abstractmethod
    def triples(self) -> Iterator[ox.Triple]:
        """The merged graph: every triple once."""

    @abstractmethod
    def counts(self) -> tuple[int, int, int]:
        """(article graphs, quads in them, triples in the merged graph); summary graphs
        are not counted."""

    def __len__(self) -> int:
        """Quads in the article graphs."""
        return self.counts()[1]

    def disk_state(self) -> tuple:
        """What changes whenever a build writes to the store's files; empty for a store
        that keeps none."""
        return ()

    def flush(self) -> None:
        """Write what is buffered to the store's files."""

    def optimize(self) -> None:
        """Compact the store's files after a large build."""

    def close(self) -> None:
        self.flush()


class OxigraphStore(GraphStore):
    """Embedded Oxigraph: on disk in ``location`` (read-only on request), else in memory."""

    def __init__(self, location: Path | None = None, *, read_only: bool = False):
        self.location = location
        try:
            if location is None:
                self._store = ox.Store()
            elif read_only:
                if not location.is_dir():
                    raise StoreError(f"no graph store at {location}: run `kg build --out {location.parent}` first")
                self._store = ox.Store.read_only(str(location))
            else:
                location.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(location))
        except OSError as error:
            raise StoreError(f"cannot open the graph store at {location}: {error}") from error

    def disk_state(self) -> tuple:
        """Names, sizes and times of the store's files (RocksDB's own log left out)."""
        if self.location is None:
            return ()
        try:
            entries = list(os.scandir(self.location))
        except OSError:
            return ()
        state = []
        for entry in entries:
            if entry.name.startswith("LOG"):  # RocksDB's own log of what it did, not data
                continue
            try:
                info = entry.stat()
            except OSError:
                continue
            state.append((entry.name, info.st_size, info.st_mtime_ns))
        return tuple(sorted(state))

    def replace_graph(self, graph_iri: str, quads: Iterable[ox.Quad]) -> bool:
        """A graph given the quads it holds is not written again."""
        graph = ox.NamedNode(graph_iri)
        quads = list(quads)
        new = {(q.subject, q.predicate, q.object) for q in quads}
        old = {(q.subject, q.predicate, q.object) for q in self._store.quads_for_pattern(None, None, None, graph)}
        if old == new or (old and old == _as_stored(quads)):
            return False
        if self._store.contains_named_graph(graph):
            self._store.remove_graph(graph)
            for s, p, o in old:
                if (s, p, o) not in new and not self._stated_elsewhere(s, p, o):
                    self._store.remove(ox.Quad(s, p, o, ox.DefaultGraph()))
        self._store.extend(quads)
        self._store.extend(ox.Quad(s, p, o, ox.DefaultGraph()) for s, p, o in new)
        return True

    def replace_summary(self, graph_iri: str, quads: Iterable[ox.Quad]) -> None:
        if not graph_iri.startswith(SUMMARY_BASE):
            raise ValueError(f"{graph_iri} is not a summary graph (under {SUMMARY_BASE})")
        graph = ox.NamedNode(graph_iri)
        if self._store.contains_named_graph(graph):
            self._store.remove_graph(graph)
        # the bulk loader writes a summary in about a quarter of the time a transaction
        # takes (0.4 s against 2.7 s for 59,000 quads); it is not atomic, so a summary's
        # version comes last and one cut short is written again by the next build
        self._store.bulk_extend(quads)

    def _article_graphs(self) -> Iterator[ox.NamedNode]:
        return (g for g in self._store.named_graphs() if is_article_graph(g))

    def has_articles(self) -> bool:
        return next(self._article_graphs(), None) is not None

    def content_hashes(self, prefix: str = "") -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for quad in self._store.quads_for_pattern(None, CONTENT_HASH, None, None):
            graph = quad.graph_name
            if isinstance(graph, ox.NamedNode) and quad.subject == graph and graph.value.startswith(prefix):
                found.setdefault(quad.object.value, set()).add(graph.value)
        return found

    def languages(self, graph_iris: Iterable[str]) -> dict[str, str]:
        found = {}
        for iri in graph_iris:
            node = ox.NamedNode(iri)
            for quad in self._store.quads_for_pattern(node, _IN_LANGUAGE, None, node):
                found[iri] = quad.object.value
        return found

    def _stated_elsewhere(self, s, p, o) -> bool:
        return any(is_article_graph(q.graph_name) for q in self._store.quads_for_pattern(s, p, o, None))

    def query(self, sparql: str, substitutions: dict | None = None, *, default_graph: list | None = None,
              named_graphs: list | None = None):
        return self._store.query(sparql, prefixes=PREFIXES, substitutions=substitutions, default_graph=default_graph,
                                 named_graphs=named_graphs)

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._article_graphs())

    def quads(self) -> Iterator[ox.Quad]:
        return (q for q in self._store.quads_for_pattern(None, None, None, None) if is_article_graph(q.graph_name))

    def quads_of(self, graph_iri: str) -> Iterator[ox.Quad]:
        return self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph_iri))

    def triples(self) -> Iterator[ox.Triple]:
        return (q.triple for q in self._store.quads_for_pattern(None, None, None, ox.DefaultGraph()))

    def counts(self) -> tuple[int, int, int]:
        """Counted by the store: Oxigraph counts every quad (the merged graph's and the
        summaries' among them) and, by SPARQL, the merged graph's triples and the summaries'
        quads, without a quad crossing into Python."""
        graphs = sum(1 for _ in self._article_graphs())
        triples = self._count("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        summaries = [g for g in self._store.named_graphs() if not is_article_graph(g)]
        held = sum(self._count(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{g.value}> {{ ?s ?p ?o }} }}") for g in summaries)
        return graphs, len(self._store) - triples - held, triples

    def _count(self, sparql: str) -> int:
        return int(next(iter(self._store.query(sparql)))["n"].value)

    def flush(self) -> None:
        if self.location is not None:
            self._store.flush()

    def optimize(self) -> None:
        if self.location is not None:
            self._store.optimize()

    def close(self) -> None:
        self.flush()
        del self._store


STORE_KINDS: dict[str, Callable[[str, bool], GraphStore]] = {
    "memory": lambda where, read_only: OxigraphStore(),
    "folder": lambda where, read_only: OxigraphStore(Path(where) / STORE_DIR, read_only=read_only),
}
"""The kinds of store, each a function opening one from the string that names it and
whether it is to be read only: ``memory`` for :data:`MEMORY`, ``folder`` for a build
folder, and any other kind for the strings ``kind://…`` (a remote SPARQL endpoint
would be the kinds http and https)."""


def open_store(where: str | Path, *, read_only: bool = False) -> GraphStore:
    """The store ``where`` names: :data:`MEMORY` a new one in memory, ``scheme://…``
    the kind :data:`STORE_KINDS` holds for that scheme, anything else the store of the
    build folder it names (made when missing, unless ``read_only``)."""
    where = str(where)
    scheme, separator, _ = where.partition("://")
    if where == MEMORY:
        scheme = "memory"
    elif not separator or scheme not in STORE_KINDS:
        scheme = "folder"
    return STORE_KINDS[scheme](where, read_only)


CONTENT_HASH = ox.NamedNode(str(NKG.contentHash))
_IN_LANGUAGE = ox.NamedNode(str(SCHEMA.inLanguage))


def is_article_graph(graph) -> bool:
    """Whether ``graph`` (a quad's graph name) is an article graph: named, and not a
    summary graph."""
    return isinstance(graph, ox.NamedNode) and not graph.value.startswith(SUMMARY_BASE)


def content_hash_quads(graph_iri: str, hashes: Iterable[str]) -> list[ox.Quad]:
    """``nkg:contentHash`` of the article whose graph is ``graph_iri``, one per file it
    was read from, in its own graph (what :meth:`GraphStore.content_hashes` reads)."""
    node = ox.NamedNode(graph_iri)
    return [ox.Quad(node, CONTENT_HASH, ox.Literal(h), node) for h in sorted(hashes)]


def _as_stored(quads: list[ox.Quad]) -> set[tuple]:
    """The triples of ``quads`` as the store gives them back: Oxigraph writes typed
    literals in their canonical form (0.70 as 0.7, +00:00 as Z)."""
    scratch = ox.Store()
    scratch.extend(quads)
    return {(q.subject, q.predicate, q.object) for q in scratch.quads_for_pattern(None, None, None, None)}
