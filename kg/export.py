"""Exports: the store written in each format of :data:`EXPORT_FORMATS` (the merged
graph as Turtle, N-Triples or JSON-LD, the article graphs as TriG or N-Quads, the
entity network as GraphML or GEXF), and the files a build folder keeps beside its store
(graph.ttl, graph.trig, graph.html), with the record in its summary.json of which of
them are stale.

Quads are sorted before serialising, so the same store always gives the same bytes;
every file is written to a temporary name beside its target and then renamed, so a
killed build never leaves a half-written export.
"""
from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pyoxigraph as ox

from .files import atomic_path
from .formats import Format, listing
from .store import DEFAULT_OUT, GraphStore, open_store
from .vocab import NKG, PREFIXES, SCHEMA


def merged_triples(store: GraphStore) -> list[ox.Triple]:
    return sorted(store.triples(), key=str)


def _quads_graph_by_graph(store: GraphStore):
    """Every article graph in IRI order, each sorted: deterministic, and never more than
    one article's quads in memory."""
    for graph in store.graphs():
        yield from sorted(store.quads_of(graph), key=str)


def store_graph(store: GraphStore, *, for_viewer: bool = False):
    """The merged graph as an rdflib Graph; ``for_viewer`` leaves out what the viewer
    never shows (confidences, file names, languages, publishers), which saves memory
    on large builds."""
    import rdflib

    graph = rdflib.Graph()
    wanted = (t for t in store.triples() if not for_viewer or t.predicate.value not in _NOT_VIEWED)
    data = ox.serialize(wanted, format=ox.RdfFormat.N_TRIPLES)
    graph.parse(data=data.decode("utf-8"), format="nt")
    return graph


_NOT_VIEWED = {str(NKG.confidence), str(NKG.sourceFile), str(NKG.contentHash), str(SCHEMA.inLanguage), str(SCHEMA.publisher)}


def _rdf_writer(rdf_format: ox.RdfFormat, *, merged: bool, prefixed: bool) -> Callable[[GraphStore, Path], Path]:
    """A writer of the merged graph (``merged``) or of the article graphs through
    Oxigraph, with the project's prefixes if ``prefixed``."""
    def write_rdf(store: GraphStore, target: Path) -> Path:
        items = merged_triples(store) if merged else _quads_graph_by_graph(store)
        with atomic_path(target) as tmp:
            ox.serialize(items, str(tmp), rdf_format, prefixes=PREFIXES if prefixed else None)
            _restore_tag_case(tmp)
        return target

    return write_rdf


_LOWERED_TAG = re.compile(rb'((?<!\\)"@|"xml:lang"\s*:\s*"|"@language"\s*:\s*"|xml:lang=")zh-(han[st]|latn-pinyin)\b')
_CANONICAL = {b"hans": b"Hans", b"hant": b"Hant", b"latn-pinyin": b"Latn-pinyin"}


def canonical_tags(data: bytes) -> bytes:
    """Oxigraph lower-cases language tags (zh-hans); the contract writes them in
    their BCP 47 form (zh-Hans, zh-Hant), which is what users type. This restores
    that form in serialised RDF and SPARQL results."""
    return _LOWERED_TAG.sub(lambda m: m.group(1) + b"zh-" + _CANONICAL[m.group(2)], data)


def _restore_tag_case(path: Path) -> None:
    data = path.read_bytes()
    fixed = canonical_tags(data)
    if fixed != data:
        path.write_bytes(fixed)


def jsonld_context() -> dict:
    """The JSON-LD context: the project's prefixes, so keys read nkg:leads, schema:Person."""
    return {"@context": {prefix: iri for prefix, iri in PREFIXES.items()}}


def write_jsonld(store: GraphStore, target: Path) -> Path:
    """The merged graph as compacted JSON-LD with the project's context."""
    graph = store_graph(store)
    data = graph.serialize(format="json-ld", context=jsonld_context()["@context"], auto_compact=True, indent=1)
    with atomic_path(target) as tmp:
        tmp.write_bytes(canonical_tags(data.encode("utf-8")))
    json.loads(target.read_text(encoding="utf-8"))
    return target


def write_network(store: GraphStore, target: Path, fmt: str) -> Path:
    """The entity network (entities as nodes, relations as edges, with labels, types
    and evidence counts) as GraphML or GEXF, for Gephi and other network tools."""
    import networkx as nx

    from .viewer import entity_network

    network = entity_network(store_graph(store))
    flat = nx.MultiDiGraph()
    for node, data in sorted(network.nodes(data=True)):
        labels = data.get("labels") or []
        flat.add_node(node, label=str(data.get("label", "")), type=str(data.get("type", "")),
                      labels=" | ".join(f"{text}@{lang}" for text, lang in labels), degree=int(data.get("degree", 0)))
    for u, v, key, data in sorted(network.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2]))):
        evidence = data.get("evidence") or []
        flat.add_edge(u, v, key=str(key), relation=str(data.get("relation", "")), label=str(data.get("label", "")),
                      evidence=len(evidence), sentence=str(evidence[0].get("sentence", "")) if evidence else "")
    writer = nx.write_graphml if fmt == "graphml" else nx.write_gexf
    with atomic_path(target) as tmp:
        writer(flat, str(tmp))
    return target


@dataclass(frozen=True)
class ExportFormat(Format):
    write: Callable[[GraphStore, Path], Path]


EXPORT_FORMATS = {f.name: f for f in (
    ExportFormat("ttl", "text/turtle", "ttl", "Turtle: the merged graph, each triple once",
                 _rdf_writer(ox.RdfFormat.TURTLE, merged=True, prefixed=True)),
    ExportFormat("trig", "application/trig", "trig", "TriG: a named graph per article",
                 _rdf_writer(ox.RdfFormat.TRIG, merged=False, prefixed=True)),
    ExportFormat("nq", "application/n-quads", "nq", "N-Quads: a named graph per article",
                 _rdf_writer(ox.RdfFormat.N_QUADS, merged=False, prefixed=False)),
    ExportFormat("nt", "application/n-triples", "nt", "N-Triples: the merged graph",
                 _rdf_writer(ox.RdfFormat.N_TRIPLES, merged=True, prefixed=False)),
    ExportFormat("jsonld", "application/ld+json", "jsonld", "JSON-LD: the merged graph, the project's prefixes as context",
                 write_jsonld),
    ExportFormat("graphml", "application/graphml+xml", "graphml", "GraphML: the entity network, for network tools",
                 partial(write_network, fmt="graphml")),
    ExportFormat("gexf", "application/gexf+xml", "gexf", "GEXF: the entity network, for Gephi",
                 partial(write_network, fmt="gexf")),
)}
"""What ``kg export FORMAT`` writes, by name."""


def export(store: GraphStore, target: Path, fmt: str | None = None) -> Path:
    """Write ``store`` to ``target`` in the format named ``fmt``, else in the one
    whose extension ``target`` has."""
    suffix = target.suffix.lstrip(".")
    chosen = EXPORT_FORMATS.get(fmt) if fmt else next((f for f in EXPORT_FORMATS.values() if f.extension == suffix), None)
    if chosen is None:
        raise ValueError(f"unknown export format {fmt or suffix!r}: use one of {', '.join(EXPORT_FORMATS)}")
    return chosen.write(store, target)


# --------------------------------------------------------------------------- a build's exports

EXPORTS = ("graph.ttl", "graph.trig", "graph.html")
"""The files a build writes beside its store that show the whole store."""


def write_outputs(store: GraphStore, out_dir: Path, *, viewer: bool = True) -> list[Path]:
    """Write the build folder's exports of the whole store: :data:`EXPORTS`."""
    written = [export(store, out_dir / "graph.ttl"), export(store, out_dir / "graph.trig")]
    if viewer:
        from .viewer import write_viewer

        written.append(write_viewer(store_graph(store, for_viewer=True), out_dir / "graph.html"))
    return written


def stale_exports(out_dir: Path) -> list[str]:
    """The exports an earlier build or command left stale, from its summary.json."""
    try:
        written = json.loads((out_dir / "summary.json").read_text(encoding="utf-8"))
        return [name for name in written["exports"]["stale"] if name in EXPORTS]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def mark_fresh(folder: str | Path, written: Iterable[str | Path]) -> None:
    """Record in the build's summary.json that these exports show the store again."""
    path = Path(folder) / "summary.json"
    names = {Path(p).name for p in written}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        stale = data["exports"]["stale"]
    except (OSError, ValueError, KeyError, TypeError):
        return
    if not names & set(stale):
        return
    data["exports"]["stale"] = [name for name in stale if name not in names]
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def register(verbs) -> None:
    parser = verbs.add_parser("export", help="rewrite a build's exports, or write the graph in another format",
                              formatter_class=argparse.RawDescriptionHelpFormatter,
                              description="Without FORMAT, rewrite the exports of a build folder from its store (graph.ttl,\n"
                              "graph.trig and graph.html), as a build that adds to a store leaves them stale.\n"
                              "With FORMAT, write the built graph in that format (listed below).",
                              epilog=listing("formats:", EXPORT_FORMATS.values()))
    parser.add_argument("format", nargs="?", choices=list(EXPORT_FORMATS),
                        help="output format, listed below (default: the build's exports)")
    parser.add_argument("--store", "--out", dest="store", default=str(DEFAULT_OUT),
                        help="folder of a build (default: %(default)s)")
    parser.add_argument("--output", help="file to write, with FORMAT (default: STORE/graph.FORMAT)")
    parser.add_argument("--no-viewer", action="store_true", help="without FORMAT: leave graph.html as it is")
    parser.set_defaults(handler=_run)


def _run(args) -> int:
    store = open_store(args.store, read_only=True)
    if args.format is None:
        if args.output:
            raise ValueError("--output needs a FORMAT; without one, the build's exports are rewritten in --store")
        written = write_outputs(store, Path(args.store), viewer=not args.no_viewer)
        mark_fresh(args.store, written)
        for path in written:
            print(path)
        return 0
    target = Path(args.output) if args.output else Path(args.store) / f"graph.{EXPORT_FORMATS[args.format].extension}"
    print(export(store, target, args.format))
    if target.parent == Path(args.store) and target.name in ("graph.ttl", "graph.trig"):
        mark_fresh(args.store, [target])
    return 0
