"""newskg: knowledge graphs from news articles.

The Python API mirrors the command line::

    import kg
    dataset = kg.build(["articles/"], out="exports")   # an rdflib.Dataset
    rows = kg.query("officials", store="exports", params={"org": "外交部"})
    kg.view(store="exports", focus="雷海潮")
    kg.stats(store="exports")
"""
from __future__ import annotations

__version__ = "0.1.0"


def build(paths=None, out="exports", **options):
    """Build ``paths`` (default: the sample corpus) into ``out`` and return the graph
    as an ``rdflib.Dataset`` (one named graph per article); the build's summary is
    its ``summary`` attribute."""
    import rdflib

    from .pipeline import build as run_build

    summary, store = run_build(paths, out, **options)
    import pyoxigraph as ox

    dataset = rdflib.Dataset()
    data = ox.serialize(store.quads(), format=ox.RdfFormat.N_QUADS)
    dataset.parse(data=data.decode("utf-8"), format="nquads")
    dataset.summary = summary
    store.close()
    return dataset


def query(query, store="exports", params=None, format=None):
    """Run a SPARQL string, ``.rq`` file or named query; rows as dicts of strings, or
    the rendered text when ``format`` is given."""
    from .query import render, resolve_query, run
    from .store import GraphStore

    graph_store = GraphStore.in_folder(store, read_only=True)
    result = run(graph_store, resolve_query(query, params))
    if format:
        return render(result, format)
    if hasattr(result, "variables"):
        names = [v.value for v in result.variables]
        return [{n: (s[n].value if s[n] is not None else None) for n in names} for s in result]
    return result


def view(store="exports", output=None, focus=None, depth=2, max_nodes=None):
    """Write the HTML network and return its path."""
    from pathlib import Path

    from .pipeline import store_graph
    from .store import GraphStore
    from .viewer import DEFAULT_MAX_NODES, write_viewer

    max_nodes = max_nodes or DEFAULT_MAX_NODES
    output = Path(output) if output else Path(store) / "graph.html"
    return write_viewer(store_graph(GraphStore.in_folder(store, read_only=True), for_viewer=True), output,
                        focus=focus, depth=depth, max_nodes=max_nodes)


def stats(store="exports"):
    from .stats import graph_stats
    from .store import GraphStore

    return graph_stats(GraphStore.in_folder(store, read_only=True))
