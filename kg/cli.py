"""The command line: ``kg build``, ``kg query``, ``kg view``, ``kg stats``."""
from __future__ import annotations

import argparse
import sys

from . import __version__
from .analyse import DEFAULT_NER, NER_BACKENDS
from .formats import listing
from .kinds import EXTRACTORS, KINDS, extractor_names
from .query import result_formats
from .store import DEFAULT_OUT
from .viewer import DEFAULT_MAX_NODES
from .vocab import DEFAULT_BASE

EPILOG = """examples:
  kg build                                  build the bundled sample corpus into exports/
  kg build news/ more/*.html --out graph/   build folders and globs into graph/
  kg build news/ --out graph/               again: only new and changed files are read
  kg export --store graph/                  rewrite graph.ttl, graph.trig, graph.html
  kg query officials --param org=外交部      run a named query with a parameter
  kg query 'SELECT * WHERE { ?s nkg:leads ?o }' --format csv
  kg view --focus 雷海潮 --depth 2           draw one entity's neighbourhood
  kg stats --store graph/
  kg query cases --param place=海南 --chart   case counts over time as bars
  kg export jsonld --store graph/             JSON-LD, N-Quads, GraphML, GEXF …
  kg serve --store graph/ --port 7878         SPARQL endpoint on 127.0.0.1
  kg eval eval/gold                           precision, recall and F1 on the gold set
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg",
        description="Build a knowledge graph from news articles (Chinese and English): entities, offices, "
        "leadership, dispatches, visits, meetings, statements, case counts and cited sources, as RDF with "
        "the sentence behind every fact.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"newskg {__version__}")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB")

    build = verbs.add_parser("build", help="read articles and build the graph, its exports and viewer",
                             description="Read articles (Jekyll posts, .txt, .md, .html, .jsonl; files, folders or globs), "
                             "extract facts, store them (one named graph per article) and write graph.ttl, graph.trig, "
                             "graph.html and summary.json. A file whose bytes the store already holds is skipped. Into a "
                             "store that already held articles, the exports are left as they were and said to be stale "
                             "(`kg export` rewrites them) unless --exports is given. Exits 1 when any file failed; the "
                             "others are built all the same.",
                             formatter_class=argparse.RawDescriptionHelpFormatter, epilog=_build_epilog())
    build.add_argument("paths", nargs="*", metavar="PATH", help="files, folders (recursive) or globs; default: the bundled sample corpus")
    build.add_argument("--out", default=str(DEFAULT_OUT), help="output folder, holding the store and the exports (default: %(default)s)")
    build.add_argument("--memory", action="store_true", help="keep the store in memory only: the exports hold exactly this build's articles "
                       "(refused when --out holds the store of an earlier build)")
    build.add_argument("--base", default=DEFAULT_BASE, help="base IRI of entities and facts (default: %(default)s)")
    build.add_argument("--language", choices=["zh-Hans", "zh-Hant", "en"], help="force the language of every article instead of detecting it")
    build.add_argument("--ner", default=DEFAULT_NER, choices=NER_BACKENDS,
                       help="statistical entity recogniser beside the lexicons and rules, listed below (default: %(default)s)")
    build.add_argument("--extractors", type=_extractors, metavar="NAME,...",
                       help="the extractors to run, by name, separated by commas (listed below; default: all)")
    build.add_argument("--jobs", type=int, help="worker processes (default: one per core for more than 50 files)")
    build.add_argument("--no-viewer", action="store_true", help="do not write graph.html")
    build.add_argument("--force", action="store_true",
                       help="read every file, also those whose bytes the store already holds (after changing --ner, "
                       "--extractors or --language, or upgrading newskg)")
    build.add_argument("--exports", action="store_true",
                       help="rewrite graph.ttl, graph.trig and graph.html of the whole store also when adding to a store "
                       "that held articles (the default then is to leave them, stale)")
    build.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                       help="show a progress bar (default: only on a terminal)")

    query = verbs.add_parser("query", help="run SPARQL over the graph", formatter_class=argparse.RawDescriptionHelpFormatter,
                             description="Run a SPARQL query (a string, an .rq file, or the name of a shipped query) over "
                             "the merged graph. Prefixes nkg, schema, org, prov, skos, rdfs, rdf, owl, xsd, wd are predeclared.",
                             epilog=listing("result formats (--format); a CONSTRUCT or DESCRIBE query gives Turtle, or "
                                            "JSON-LD with json:", result_formats("results")))
    query.add_argument("query", nargs="?", help="SPARQL text, a .rq file, or a named query (see --list)")
    query.add_argument("--list", action="store_true", help="list the named queries and their parameters")
    query.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="a parameter of a named query (repeatable)")
    query.add_argument("--format", default="table", choices=[f.name for f in result_formats("results")],
                       help="result format, listed below (default: %(default)s)")
    query.add_argument("--store", default=str(DEFAULT_OUT), help="folder of a build (default: %(default)s)")
    query.add_argument("--chart", action="store_true", help="draw the ?value column as bars by ?date in the terminal (e.g. with `cases`)")

    view = verbs.add_parser("view", help="write the interactive HTML network",
                            description="Write an interactive network of the graph (works offline) and print its path.")
    view.add_argument("--focus", help="draw only this entity's neighbourhood (any of its labels)")
    view.add_argument("--depth", type=int, default=2, help="hops around --focus (default: %(default)s)")
    view.add_argument("--max-nodes", type=int, default=DEFAULT_MAX_NODES, help="most connected entities to draw (default: %(default)s)")
    view.add_argument("--store", default=str(DEFAULT_OUT), help="folder of a build (default: %(default)s)")
    view.add_argument("--output", help="HTML file to write (default: STORE/graph.html, or STORE/view-FOCUS.html with --focus)")

    stats = verbs.add_parser("stats", help="count articles, entities and facts in the graph",
                             description="Print counts of articles, entities by type, facts by kind and triples.")
    stats.add_argument("--store", default=str(DEFAULT_OUT), help="folder of a build (default: %(default)s)")
    stats.add_argument("--format", default="table", choices=["table", "json"], help="output format (default: %(default)s)")

    for module in VERB_MODULES:
        import importlib

        importlib.import_module(module).register(verbs)
    return parser


VERB_MODULES: list[str] = ["kg.evaluate", "kg.serve", "kg.export"]
"""Modules adding a verb: each has ``register(subparsers)``, which adds its parser and
sets ``handler`` (a function of the parsed arguments returning the exit status)."""


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.verb is None:
        parser.print_help()
        return 2
    handlers = {"build": _build, "query": _query, "view": _view, "stats": _stats}
    try:
        return (handlers.get(args.verb) or args.handler)(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except (ValueError, LookupError, RuntimeError) as error:
        print(f"kg {args.verb}: error: {error}", file=sys.stderr)
        return 2


def _build_epilog() -> str:
    """The extractors and recognisers ``kg build`` chooses from, as their registries
    list them."""
    width = max(map(len, EXTRACTORS))
    lines = ["extractors (--extractors):"]
    for name, kind in EXTRACTORS.items():
        also = [k.name for k in KINDS.values() if k.made_by == name]
        lines.append(f"  {name:{width}}  {kind.about}" + (f" (facts: {', '.join([name, *also])})" if also else ""))
    lines.append("recognisers (--ner): " + ", ".join(NER_BACKENDS))
    return "\n".join(lines) + "\n"


def _extractors(text: str) -> list[str]:
    """``--extractors office,statement``: the names, checked against the registry."""
    try:
        return extractor_names(n.strip() for n in text.split(",") if n.strip())
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _build(args) -> int:
    from .pipeline import build

    summary, store = build(args.paths, args.out, memory=args.memory, base=args.base, language=args.language,
                           ner=args.ner, extractors=args.extractors, jobs=args.jobs, viewer=not args.no_viewer, progress=args.progress,
                           force=args.force, exports=True if args.exports else None)
    store.close()
    for line in summary.lines():
        print(line)
    for failure in summary.failures:
        print(f"failed: {failure}")
    return 0 if summary.ok else 1


def _params(pairs: list[str]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise ValueError(f"--param {pair!r}: expected NAME=VALUE")
        params[name] = value
    return params


def _query(args) -> int:
    from .query import named_queries, render, resolve_query, run
    from .sparql import on_large_stack
    from .store import open_store

    if args.list:
        for name, named in named_queries().items():
            params = "".join(f" [--param {p}=…]" for p in named.params)
            print(f"{name:12} {named.description}{params}")
        return 0
    if not args.query:
        raise ValueError("give a query (SPARQL text, an .rq file or a named query), or --list")
    sparql = resolve_query(args.query, _params(args.param))
    store = open_store(args.store, read_only=True)
    if args.chart:
        from .query import chart

        sys.stdout.write(on_large_stack(lambda: chart(run(store, sparql))))
        return 0
    sys.stdout.write(on_large_stack(lambda: render(run(store, sparql), args.format)))
    return 0


def _view(args) -> int:
    from .export import mark_fresh, store_graph
    from .store import open_store
    from .viewer import view_path, write_viewer

    store = open_store(args.store, read_only=True)
    path = write_viewer(store_graph(store, for_viewer=True), view_path(args.store, args.focus, args.output),
                        focus=args.focus, depth=args.depth, max_nodes=args.max_nodes)
    if args.focus is None and path == view_path(args.store):
        mark_fresh(args.store, [path])
    print(path)
    return 0


def _stats(args) -> int:
    import json

    from .stats import graph_stats
    from .store import open_store

    figures = graph_stats(open_store(args.store, read_only=True))
    if args.format == "json":
        print(json.dumps(figures, ensure_ascii=False, indent=1))
    else:
        width = max(len(k) for k in figures)
        for key, value in figures.items():
            print(f"{key:{width}}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
