"""The triple store: embedded Oxigraph, on disk by default or in memory on request.

One named graph per article (graph IRI = article IRI), and the default graph holding
their union as a set: each triple once, however many articles state it, so counts and
joins over the default graph are not multiplied by the number of sources. Rebuilding an
article replaces its graph, so building the same input twice leaves the store as it was.

Each article states the SHA-256 of the file it was read from (``nkg:contentHash``, in
its own graph), which is how a later build knows a file it is given is already in the
store: the hash lives and dies with the article's graph (replaced with it, removed with
it), so no other record can fall out of step with the articles, and every named graph
stays an article graph.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from .vocab import NKG, PREFIXES, SCHEMA

STORE_DIR = "store"


class StoreError(RuntimeError):
    """The store could not be opened or does not exist."""


class GraphStore:
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

    @classmethod
    def in_folder(cls, folder: str | Path, *, read_only: bool = False) -> GraphStore:
        """The store a build keeps inside its output folder."""
        return cls(Path(folder) / STORE_DIR, read_only=read_only)

    def disk_state(self) -> tuple:
        """Names, sizes and times of the store's files: it changes whenever a build
        writes to the store (empty for a store in memory)."""
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
        """Make ``quads`` the article graph ``graph_iri`` (an empty list removes it) and
        keep the merged graph in step. Returns whether the graph changed: a graph
        given the quads it holds is not written again."""
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

    def has_articles(self) -> bool:
        """Whether the store holds any article graph."""
        return next(iter(self._store.named_graphs()), None) is not None

    def content_hashes(self, prefix: str = "") -> dict[str, set[str]]:
        """Each ``nkg:contentHash`` an article states of itself in its own graph → the
        graphs of the articles stating it, for articles whose IRI starts with ``prefix``."""
        found: dict[str, set[str]] = {}
        for quad in self._store.quads_for_pattern(None, CONTENT_HASH, None, None):
            graph = quad.graph_name
            if isinstance(graph, ox.NamedNode) and quad.subject == graph and graph.value.startswith(prefix):
                found.setdefault(quad.object.value, set()).add(graph.value)
        return found

    def languages(self, graph_iris: Iterable[str]) -> dict[str, str]:
        """The ``schema:inLanguage`` each of these articles states in its graph."""
        found = {}
        for iri in graph_iris:
            node = ox.NamedNode(iri)
            for quad in self._store.quads_for_pattern(node, _IN_LANGUAGE, None, node):
                found[iri] = quad.object.value
        return found

    def _stated_elsewhere(self, s, p, o) -> bool:
        return any(not isinstance(q.graph_name, ox.DefaultGraph) for q in self._store.quads_for_pattern(s, p, o, None))

    def query(self, sparql: str, substitutions: dict | None = None):
        return self._store.query(sparql, prefixes=PREFIXES, substitutions=substitutions)

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs())

    def quads(self) -> Iterator[ox.Quad]:
        """The quads of the article graphs (not the merged default graph)."""
        return (q for q in self._store.quads_for_pattern(None, None, None, None) if not isinstance(q.graph_name, ox.DefaultGraph))

    def quads_of(self, graph_iri: str) -> Iterator[ox.Quad]:
        return self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph_iri))

    def triples(self) -> Iterator[ox.Triple]:
        """The merged graph: every triple once."""
        return (q.triple for q in self._store.quads_for_pattern(None, None, None, ox.DefaultGraph()))

    def __len__(self) -> int:
        """Quads in the article graphs."""
        return self.counts()[1]

    def counts(self) -> tuple[int, int, int]:
        """(article graphs, quads in them, triples in the merged graph), counted by the
        store: Oxigraph counts every quad (the merged graph's among them) and, by
        SPARQL, the merged graph's triples, without a quad crossing into Python."""
        graphs = sum(1 for _ in self._store.named_graphs())
        triples = int(next(iter(self._store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"].value)
        return graphs, len(self._store) - triples, triples

    def flush(self) -> None:
        if self.location is not None:
            self._store.flush()

    def optimize(self) -> None:
        """Compact the on-disk files after a large build."""
        if self.location is not None:
            self._store.optimize()

    def close(self) -> None:
        self.flush()
        del self._store


CONTENT_HASH = ox.NamedNode(str(NKG.contentHash))
_IN_LANGUAGE = ox.NamedNode(str(SCHEMA.inLanguage))


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
