"""The build: read → analyse → extract → resolve → RDF → store → export, article by
article, carrying on past bad input and saying what failed."""
from __future__ import annotations

import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable

from . import export
from .analyse import analyse
from .extract import extract_all
from .model import Article, ReadFailure
from .rdf import article_quads
from .read import ReadError, iter_sources, read_file_with_failures
from .resolve import Resolver
from .translate import Fingerprint, find_pairs, fingerprint
from .store import GraphStore
from .vocab import DEFAULT_BASE

DEFAULT_OUT = Path("exports")


def sample_corpus() -> list[Path]:
    """The bundled sample: the seed article and its English machine translation."""
    folder = resources.files("kg").joinpath("sample")
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".txt"))


@dataclass
class BuildSummary:
    articles: int = 0
    failures: list[ReadFailure] = field(default_factory=list)
    facts: Counter = field(default_factory=Counter)
    graphs: int = 0
    triples: int = 0
    quads: int = 0
    characters: int = 0
    translations: int = 0
    seconds: float = 0.0
    outputs: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    def lines(self) -> list[str]:
        facts = ", ".join(f"{kind} {n}" for kind, n in sorted(self.facts.items())) or "none"
        lines = [
            f"articles read: {self.articles}, failed: {len(self.failures)}",
            f"facts: {sum(self.facts.values())} ({facts})",
            f"translations linked: {self.translations}",
            f"graph: {self.triples} triples in {self.graphs} article graphs ({self.quads} quads)",
            f"time: {self.seconds:.1f} s ({self.characters / max(self.seconds, 1e-9):,.0f} characters/s)",
        ]
        lines += [f"wrote {p}" for p in self.outputs]
        return lines

    def as_dict(self) -> dict:
        return {
            "articles": self.articles,
            "failed": len(self.failures),
            "failures": [{"path": f.path, "reason": f.reason} for f in self.failures],
            "facts": dict(sorted(self.facts.items())),
            "graphs": self.graphs,
            "triples": self.triples,
            "quads": self.quads,
            "translations": self.translations,
            "characters": self.characters,
            "seconds": round(self.seconds, 3),
        }


def process(article: Article, resolver: Resolver, language: str | None = None, *, anchor=None, original: str | None = None):
    """One article through analysis, extraction and RDF: its graph IRI, quads, facts
    and fingerprint. ``original`` is the graph IRI of the article it translates."""
    doc = analyse(article, language, anchor)
    facts = extract_all(doc)
    graph, quads = article_quads(doc, facts, resolver, translation_of=original)
    return graph, quads, facts, doc


def build(
    paths: Iterable[str | Path] | None = None,
    out: str | Path | None = DEFAULT_OUT,
    *,
    memory: bool = False,
    base: str = DEFAULT_BASE,
    language: str | None = None,
    viewer: bool = True,
    progress: bool | None = None,
    report: Callable[[str], None] | None = None,
) -> tuple[BuildSummary, GraphStore]:
    """Build the graph of ``paths`` (default: the sample corpus) into ``out``.

    Bad files are reported through ``report`` (default: one line on stderr) and
    counted; the rest of the build goes on."""
    started = time.perf_counter()
    report = report or (lambda line: print(line, file=sys.stderr))
    paths = list(paths) if paths else sample_corpus()
    out_dir = Path(out) if out is not None else None
    store = GraphStore() if memory or out_dir is None else GraphStore.in_folder(out_dir)
    resolver = Resolver(base)
    summary = BuildSummary()
    sources = list(iter_sources(paths))
    bar = _progress(len(sources), progress)
    prints: dict[str, Fingerprint] = {}
    days: dict[str, object] = {}
    english: dict[str, Article] = {}
    for source in sources:
        bar.update(1)
        if isinstance(source, ReadFailure):
            _fail(summary, source, report)
            continue
        try:
            articles, failures = read_file_with_failures(source)
        except ReadError as error:
            _fail(summary, ReadFailure(str(source), str(error)), report)
            continue
        for failure in failures:
            _fail(summary, failure, report)
        for article in articles:
            try:
                graph, quads, facts, doc = process(article, resolver, language)
            except Exception as error:  # noqa: BLE001 - one article must not stop the build
                _fail(summary, ReadFailure(article.path, f"extraction failed: {type(error).__name__}: {error}"), report)
                continue
            store.replace_graph(graph, quads)
            prints[article.key] = fingerprint(doc, facts)
            days[article.key] = doc.day
            if doc.language == "en":
                english[article.key] = article
            summary.articles += 1
            summary.characters += len(article.text)
            summary.facts.update(f.kind for f in facts)
    bar.close()
    for translation, original, _ in find_pairs(list(prints.values())):
        article = english[translation]
        graph, quads, facts, _ = process(article, resolver, "en", anchor=days[original],
                                         original=f"{resolver.base}article/{original}")
        store.replace_graph(graph, quads)
        summary.translations += 1
    store.flush()
    if summary.articles > 500:
        store.optimize()
    summary.graphs = len(store.graphs())
    summary.quads = len(store)
    if out_dir is not None:
        summary.outputs = write_outputs(store, out_dir, viewer=viewer)
    summary.triples = sum(1 for _ in store.triples())
    summary.seconds = time.perf_counter() - started
    if out_dir is not None:
        import json

        with export.atomic_path(out_dir / "summary.json") as tmp:
            tmp.write_text(json.dumps(summary.as_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
    return summary, store


def write_outputs(store: GraphStore, out_dir: Path, *, viewer: bool = True) -> list[Path]:
    written = [export.write(store, out_dir / "graph.ttl"), export.write(store, out_dir / "graph.trig")]
    if viewer:
        from .viewer import write_viewer

        written.append(write_viewer(store_graph(store), out_dir / "graph.html"))
    return written


def store_graph(store: GraphStore):
    """The merged graph as an rdflib Graph, for the viewer and the Python API."""
    import rdflib

    import pyoxigraph as ox

    graph = rdflib.Graph()
    data = ox.serialize(store.triples(), format=ox.RdfFormat.N_TRIPLES)
    graph.parse(data=data.decode("utf-8"), format="nt")
    return graph


def _fail(summary: BuildSummary, failure: ReadFailure, report) -> None:
    summary.failures.append(failure)
    report(f"error: {failure.path}: {failure.reason}")


class _Silent:
    def update(self, _n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(total: int, wanted: bool | None):
    if wanted is None:
        wanted = sys.stderr.isatty() and total > 20
    if not wanted:
        return _Silent()
    from tqdm import tqdm

    return tqdm(total=total, unit="file", desc="building", file=sys.stderr)
