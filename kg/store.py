"""The triple store: embedded Oxigraph, on disk by default or in memory on request.

One named graph per article (graph IRI = article IRI), and the default graph holding
their union as a set: each triple once, however many articles state it, so counts and
joins over the default graph are not multiplied by the number of sources. Rebuilding an
article replaces its graph, so building the same input twice leaves the store as it was.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox

from .vocab import PREFIXES

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
    def in_folder(cls, folder: str | Path, *, read_only: bool = False) -> "GraphStore":
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

    def replace_graph(self, graph_iri: str, quads: Iterable[ox.Quad]) -> None:
        graph = ox.NamedNode(graph_iri)
        quads = list(quads)
        new = {(q.subject, q.predicate, q.object) for q in quads}
        if self._store.contains_named_graph(graph):
            old = [(q.subject, q.predicate, q.object) for q in self._store.quads_for_pattern(None, None, None, graph)]
            self._store.remove_graph(graph)
            for s, p, o in old:
                if (s, p, o) not in new and not self._stated_elsewhere(s, p, o):
                    self._store.remove(ox.Quad(s, p, o, ox.DefaultGraph()))
        self._store.extend(quads)
        self._store.extend(ox.Quad(s, p, o, ox.DefaultGraph()) for s, p, o in new)

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
        return sum(1 for _ in self.quads())

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
