"""The build: read → analyse → extract → resolve → RDF → store → export, article by
article, carrying on past bad input and saying what failed."""
from __future__ import annotations

import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import urlsplit

from . import export
from .analyse import DEFAULT_NER, analyse
from .extract import extract_all
from .model import Article, ReadFailure
from .rdf import article_quads
from .read import ReadError, iter_sources, read_file_with_failures
from .resolve import Resolver
from .translate import Fingerprint, find_pairs, fingerprint
from .store import STORE_DIR, GraphStore
from .vocab import DEFAULT_BASE, NKG, SCHEMA

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
    cut: list[ReadFailure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    def lines(self) -> list[str]:
        facts = ", ".join(f"{kind} {n}" for kind, n in sorted(self.facts.items())) or "none"
        lines = [
            f"articles read: {self.articles}, failed: {len(self.failures)}"
            + (f", cut at the length limit: {len(self.cut)}" if self.cut else ""),
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
            "cut": [{"path": f.path, "reason": f.reason} for f in self.cut],
            "facts": dict(sorted(self.facts.items())),
            "graphs": self.graphs,
            "triples": self.triples,
            "quads": self.quads,
            "translations": self.translations,
            "characters": self.characters,
            "seconds": round(self.seconds, 3),
        }


def process(article: Article, resolver: Resolver, language: str | None = None, *, anchor=None,
            original: str | None = None, ner: str = DEFAULT_NER):
    """One article through analysis, extraction and RDF: its graph IRI, quads, facts
    and analysis. ``original`` is the graph IRI of the article it translates.
    Raises :class:`StageError` naming the stage that failed."""
    doc = _stage("analysis", analyse, article, language, anchor, ner=ner)
    facts = _stage("extraction", extract_all, doc)
    graph, quads = _stage("RDF", article_quads, doc, facts, resolver, translation_of=original)
    return graph, quads, facts, doc


class StageError(Exception):
    """One stage of the build failed on one article; the message says which and why."""


def _stage(name: str, step, *args, **kwargs):
    try:
        return step(*args, **kwargs)
    except Exception as error:  # noqa: BLE001 - any failure is this article's, named
        raise StageError(_reason(name, error)) from error


def _reason(stage: str, error: BaseException) -> str:
    """One line: the stage, the kind of error and the first line of its message."""
    message = (str(error).strip().splitlines() or [""])[0]
    if len(message) > 200:
        message = message[:200] + "…"
    return f"{stage} failed: {type(error).__name__}" + (f": {message}" if message else "")


@dataclass
class Built:
    """What processing one article hands back to the build."""

    article: Article
    graph: str
    quads: list
    kinds: list[str]
    fingerprint: Fingerprint
    day: object
    language: str
    persons: list[str]


_WORKER: dict = {}


def _start_worker(base: str, language: str | None, ner: str) -> None:
    _WORKER.update(resolver=Resolver(base), language=language, ner=ner)


def _process_file(source: Path) -> tuple[list[Built], list[ReadFailure]]:
    """Read one file and process each of its articles; every failure is returned,
    never raised."""
    resolver, language, ner = _WORKER["resolver"], _WORKER["language"], _WORKER["ner"]
    try:
        articles, failures = read_file_with_failures(source)
    except ReadError as error:
        return [], [ReadFailure(str(source), str(error))]
    except Exception as error:  # noqa: BLE001 - a reader's failure is this file's
        return [], [ReadFailure(str(source), _reason("reading", error))]
    built = []
    for article in articles:
        try:
            graph, quads, facts, doc = process(article, resolver, language, ner=ner)
        except StageError as error:
            failures.append(ReadFailure(article.path, str(error)))
            continue
        persons = [m.norm for m in doc.mentions if m.type == "Person" and doc.language != "en"]
        built.append(Built(article, graph, quads, [f.kind for f in facts], fingerprint(doc, facts), doc.day,
                           doc.language, persons))
    return built, failures


def build(
    paths: Iterable[str | Path] | None = None,
    out: str | Path | None = DEFAULT_OUT,
    *,
    memory: bool = False,
    base: str = DEFAULT_BASE,
    language: str | None = None,
    ner: str = DEFAULT_NER,
    jobs: int | None = None,
    viewer: bool = True,
    progress: bool | None = None,
    report: Callable[[str], None] | None = None,
) -> tuple[BuildSummary, GraphStore]:
    """Build the graph of ``paths`` (default: the sample corpus) into ``out``.

    Files are processed by ``jobs`` worker processes (default: one per core, for
    more than 50 files); bad files are reported through ``report`` (default: one line
    on stderr) and counted, and the rest of the build goes on. English articles are
    processed once more at the end, when every Chinese name of the build is known, so
    that the result does not depend on the order of the files."""
    started = time.perf_counter()
    check_base(base)
    report = report or (lambda line: print(line, file=sys.stderr))
    paths = list(paths) if paths else sample_corpus()
    out_dir = Path(out) if out is not None else None
    if memory and out_dir is not None and (out_dir / STORE_DIR).exists():
        raise ValueError(f"--memory: {out_dir} holds the store of an earlier build, whose exports would be replaced "
                         "by this build's alone; build into another --out, or without --memory to add to it")
    store = GraphStore() if memory or out_dir is None else GraphStore.in_folder(out_dir)
    summary = BuildSummary()
    sources = list(iter_sources(paths))
    files = [s for s in sources if not isinstance(s, ReadFailure)]
    for failure in (s for s in sources if isinstance(s, ReadFailure)):
        _fail(summary, failure, report)
    jobs = jobs or (min(os.cpu_count() or 1, 4) if len(files) > 50 else 1)
    bar = _progress(len(files), progress)
    prints: dict[str, Fingerprint] = {}
    days: dict[str, object] = {}
    english: dict[str, tuple[Article, list[str]]] = {}
    persons: set[str] = set()
    for built, failures in _each_file(files, jobs, base, language, ner):
        bar.update(1)
        for failure in failures:
            _fail(summary, failure, report)
        for item in built:
            try:
                store.replace_graph(item.graph, item.quads)
            except Exception as error:  # noqa: BLE001 - a graph the store refuses is this article's failure
                _fail(summary, ReadFailure(item.article.path, _reason("storing", error)), report)
                continue
            if "cut_from" in item.article.extra:
                _cut(summary, item.article, report)
            prints[item.article.key] = item.fingerprint
            days[item.article.key] = item.day
            persons.update(item.persons)
            if item.language == "en":
                english[item.article.key] = (item.article, item.kinds, item.graph)
            summary.articles += 1
            summary.characters += len(item.article.text)
            summary.facts.update(item.kinds)
    bar.close()
    resolver = Resolver(base)
    resolver.learn_persons(sorted(persons))
    pairs = {translation: original for translation, original, _ in find_pairs(list(prints.values()))}
    for key, (article, kinds, first) in sorted(english.items()):
        original = pairs.get(key)
        summary.facts.subtract(kinds)
        try:
            graph, quads, facts, _ = process(article, resolver, "en", anchor=days[original] if original else None,
                                             original=f"{resolver.base}article/{original}" if original else None, ner=ner)
            store.replace_graph(graph, quads)
        except Exception as error:  # noqa: BLE001 - the second reading fails this article alone
            store.replace_graph(first, [])
            summary.articles -= 1
            summary.characters -= len(article.text)
            _fail(summary, ReadFailure(article.path, str(error) if isinstance(error, StageError) else _reason("storing", error)),
                  report)
            continue
        summary.facts.update(f.kind for f in facts)
        summary.translations += original is not None
    summary.facts = +summary.facts
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


def check_base(base: str) -> None:
    """Raise ValueError unless ``base`` can start the IRIs of entities and facts."""
    import pyoxigraph as ox

    try:
        ox.NamedNode(Resolver(base).base + "article/0")
    except ValueError as error:
        raise ValueError(f"--base {base!r} is not an absolute IRI ({error})") from None
    if not urlsplit(base).scheme:
        raise ValueError(f"--base {base!r} is not an absolute IRI (no scheme such as https:)")


def _each_file(files: list[Path], jobs: int, base: str, language: str | None, ner: str):
    """Results file by file, in input order, from this process or from a pool."""
    if jobs <= 1:
        _start_worker(base, language, ner)
        yield from map(_process_file, files)
        return
    import multiprocessing

    context = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
    window = 32 * jobs
    with context.Pool(jobs, initializer=_start_worker, initargs=(base, language, ner)) as pool:
        pending = None
        for begin in range(0, len(files), window):
            batch = pool.imap(_process_file, files[begin:begin + window], chunksize=4)
            if pending is not None:
                yield from pending
            pending = batch
        if pending is not None:
            yield from pending


def write_outputs(store: GraphStore, out_dir: Path, *, viewer: bool = True) -> list[Path]:
    written = [export.write(store, out_dir / "graph.ttl"), export.write(store, out_dir / "graph.trig")]
    if viewer:
        from .viewer import write_viewer

        written.append(write_viewer(store_graph(store, for_viewer=True), out_dir / "graph.html"))
    return written


def store_graph(store: GraphStore, *, for_viewer: bool = False):
    """The merged graph as an rdflib Graph; ``for_viewer`` leaves out what the viewer
    never shows (confidences, file names, languages, publishers), which saves memory
    on large builds."""
    import rdflib

    import pyoxigraph as ox

    graph = rdflib.Graph()
    wanted = (t for t in store.triples() if not for_viewer or t.predicate.value not in _NOT_VIEWED)
    data = ox.serialize(wanted, format=ox.RdfFormat.N_TRIPLES)
    graph.parse(data=data.decode("utf-8"), format="nt")
    return graph


_NOT_VIEWED = {str(NKG.confidence), str(NKG.sourceFile), str(SCHEMA.inLanguage), str(SCHEMA.publisher)}


def _fail(summary: BuildSummary, failure: ReadFailure, report) -> None:
    summary.failures.append(failure)
    report(f"error: {failure.path}: {failure.reason}")


def _cut(summary: BuildSummary, article: Article, report) -> None:
    note = ReadFailure(article.path, f"article cut at the length limit: its first {len(article.text):,} "
                                     f"characters of {article.extra['cut_from']:,} are read")
    summary.cut.append(note)
    report(f"warning: {note.path}: {note.reason}")


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
