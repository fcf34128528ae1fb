"""The triple store: embedded Oxigraph, on disk by default or in memory on request.

One named graph per article (graph IRI = article IRI). Rebuilding an article replaces
its graph, so building the same input twice leaves the store as it was.
"""
from __future__ import annotations

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

    def replace_graph(self, graph_iri: str, quads: Iterable[ox.Quad]) -> None:
        graph = ox.NamedNode(graph_iri)
        if self._store.contains_named_graph(graph):
            self._store.remove_graph(graph)
        self._store.extend(quads)

    def query(self, sparql: str, substitutions: dict | None = None):
        return self._store.query(
            sparql, prefixes=PREFIXES, use_default_graph_as_union=True, substitutions=substitutions
        )

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs())

    def quads(self) -> Iterator[ox.Quad]:
        return self._store.quads_for_pattern(None, None, None, None)

    def __len__(self) -> int:
        return len(self._store)

    def flush(self) -> None:
        if self.location is not None:
            self._store.flush()

    def close(self) -> None:
        self.flush()
        del self._store
