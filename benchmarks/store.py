"""Store choice: Oxigraph (pyoxigraph) against rdflib's in-memory store, in one run.

    python benchmarks/store.py TRIG_FILE

Loads a build's graph.trig into each, runs the same SPARQL query (officials and their
bodies) and serialises the merged graph as Turtle, printing seconds and peak memory
added by each step.
"""
from __future__ import annotations

import resource
import sys
import time

QUERY = """
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?person ?org (COUNT(*) AS ?n) WHERE {
  ?m org:member ?person ; org:organization ?org .
  ?person rdfs:label ?l .
} GROUP BY ?person ?org
"""


def rss() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(label: str, action):
    before, started = rss(), time.perf_counter()
    result = action()
    print(f"  {label:28} {time.perf_counter() - started:7.2f} s   peak +{rss() - before:,.0f} MB")
    return result


def main(path: str) -> int:
    import pyoxigraph as ox
    import rdflib

    print(f"{path}")
    print("pyoxigraph (in memory)")
    store = ox.Store()
    timed("load TriG", lambda: store.bulk_load(path=path, format=ox.RdfFormat.TRIG))
    rows = timed("SPARQL officials", lambda: len(list(store.query(QUERY, use_default_graph_as_union=True))))
    timed("serialise Turtle", lambda: ox.serialize((q.triple for q in store), format=ox.RdfFormat.TURTLE))
    print(f"  rows: {rows}")

    print("rdflib Dataset (in memory)")
    dataset = rdflib.Dataset(default_union=True)
    timed("load TriG", lambda: dataset.parse(path, format="trig"))
    rows = timed("SPARQL officials", lambda: len(list(dataset.query(QUERY))))
    timed("serialise Turtle", lambda: dataset.serialize(format="turtle"))
    print(f"  rows: {rows}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
