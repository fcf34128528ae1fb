"""newskg: knowledge graphs from news articles.

The Python API mirrors the command line; each is a plain function that can be called
any number of times::

    import kg
    dataset = kg.build(["articles/"], out="exports")   # an rdflib.Dataset
    rows = kg.query("officials", store="exports", params={"org": "外交部"})
    kg.view(store="exports", focus="雷海潮")            # exports/view-雷海潮.html
    kg.stats(store="exports")
"""
from __future__ import annotations

__version__ = "0.1.0"

# The submodules named like the functions below are imported first: importing a
# submodule sets the package attribute of its name, which would otherwise replace the
# function the first time the function imports it.
from . import query as _query_module  # noqa: E402
from . import stats as _stats_module  # noqa: E402


def build(paths=None, out="exports", **options):
    """Build ``paths`` (files, folders, globs; default: the sample corpus) into the
    folder ``out``, as ``kg build`` does (options: ``memory``, ``base``, ``language``,
    ``ner``, ``extractors``, ``jobs``, ``viewer``, ``progress``, ``force``, ``exports``),
    and return the graph of the whole store as an ``rdflib.Dataset`` (one named graph
    per article); the build's summary is its ``summary`` attribute."""
    import pyoxigraph as ox
    import rdflib

    from .pipeline import build as run_build

    summary, store = run_build(paths, out, **options)
    dataset = rdflib.Dataset()
    data = ox.serialize(store.quads(), format=ox.RdfFormat.N_QUADS)
    dataset.parse(data=data.decode("utf-8"), format="nquads")
    dataset.summary = summary
    store.close()
    return dataset


def query(query, store="exports", params=None, format=None):
    """Run ``query`` (SPARQL text, an ``.rq`` file or a named query) over the build in
    ``store``, as ``kg query`` does, with ``params`` (a dict) bound to its ``$name``
    parameters as string literals. SELECT gives a list of rows (dicts of strings, None
    where unbound), ASK a bool-like result, CONSTRUCT and DESCRIBE an iterator of
    triples; with ``format`` ("table", "csv", "tsv", "json", "xml") the rendered text."""
    from .store import open_store

    graph_store = open_store(store, read_only=True)
    result = _query_module.run(graph_store, _query_module.resolve_query(query, params))
    if format:
        return _query_module.render(result, format)
    if hasattr(result, "variables"):
        names = [v.value for v in result.variables]
        return [{n: (s[n].value if s[n] is not None else None) for n in names} for s in result]
    return result


def view(store="exports", output=None, focus=None, depth=2, max_nodes=None):
    """Write the interactive HTML network of the build in ``store``, as ``kg view``
    does, and return its path: ``output`` if given, else ``STORE/graph.html``, or
    ``STORE/view-FOCUS.html`` for the neighbourhood of ``focus`` (``depth`` hops)."""
    from .export import mark_fresh, store_graph
    from .store import open_store
    from .viewer import DEFAULT_MAX_NODES, view_path, write_viewer

    path = write_viewer(store_graph(open_store(store, read_only=True), for_viewer=True),
                        view_path(store, focus, output), focus=focus, depth=depth,
                        max_nodes=max_nodes or DEFAULT_MAX_NODES)
    if focus is None and path == view_path(store):
        mark_fresh(store, [path])
    return path


def stats(store="exports"):
    """Counts over the build in ``store``, as ``kg stats`` prints them: a dict of
    articles, entities by type, facts by kind, named graphs and quads."""
    from .store import open_store

    return _stats_module.graph_stats(open_store(store, read_only=True))
