"""The build: read → analyse → extract → resolve → RDF → store → export, article by
article, carrying on past bad input and saying what failed."""
from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import pyoxigraph as ox

from . import export, summaries
from .analyse import DEFAULT_NER, analyse
from .files import atomic_path
from .model import Article, ReadFailure
from .normalise import normalise_text
from .kinds import article_quads, extract_all, extractor_names
from .read import ReadError, iter_sources, read_file_with_failures
from .resolve import Resolver
from .store import CONTENT_HASH, DEFAULT_OUT, MEMORY, STORE_DIR, GraphStore, content_hash_quads, open_store
from .translate import Fingerprint, find_pairs, fingerprint, numbers_match, numbers_of
from .vocab import DEFAULT_BASE

FLUSH_EVERY = 250
"""Articles stored between two flushes of the store's write buffers."""


def sample_corpus() -> list[Path]:
    """The bundled sample: the seed article and its English machine translation."""
    folder = resources.files("kg").joinpath("sample")
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".txt"))


@dataclass
class BuildSummary:
    """What one build did, and the store it left.

    ``articles``, ``characters``, ``facts``, ``translations``, ``failures``, ``cut`` and
    ``unchanged`` are this build's: the articles it read, analysed and stored, and the
    files it skipped because the store already held their content. ``graphs``,
    ``triples`` and ``quads`` are the store's totals after the build, earlier builds'
    articles included. ``stale`` names the export files beside the store that do not
    show it as it now is (a build that adds to a store leaves them as they were)."""

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
    unchanged: int = 0
    stale: list[str] = field(default_factory=list)
    folder: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.failures

    def lines(self) -> list[str]:
        facts = ", ".join(f"{kind} {n}" for kind, n in sorted(self.facts.items())) or "none"
        lines = [
            f"articles read: {self.articles}, failed: {len(self.failures)}"
            + (f", cut at the length limit: {len(self.cut)}" if self.cut else "")
            + (f", unchanged files skipped: {self.unchanged} (the store holds them; --force reads them again)"
               if self.unchanged else ""),
            f"facts: {sum(self.facts.values())} ({facts})",
            f"translations linked: {self.translations}",
            f"store: {self.triples} triples in {self.graphs} article graphs ({self.quads} quads)",
            f"time: {self.seconds:.1f} s ({self.characters / max(self.seconds, 1e-9):,.0f} characters/s)",
        ]
        if self.stale:
            folder = self.folder if self.folder is not None else DEFAULT_OUT
            lines.append(f"stale: {', '.join(self.stale)} (the store has changed since they were written); "
                         f"`kg export --store {folder}` rewrites them, `kg view --store {folder}` graph.html alone, "
                         "`kg build --exports` with every build")
        lines += [f"wrote {p}" for p in self.outputs]
        return lines

    def as_dict(self) -> dict:
        return {
            "articles": self.articles,
            "unchanged": self.unchanged,
            "failed": len(self.failures),
            "failures": [{"path": f.path, "reason": f.reason} for f in self.failures],
            "cut": [{"path": f.path, "reason": f.reason} for f in self.cut],
            "facts": dict(sorted(self.facts.items())),
            "translations": self.translations,
            "characters": self.characters,
            "seconds": round(self.seconds, 3),
            "store": {"graphs": self.graphs, "triples": self.triples, "quads": self.quads},
            "exports": {"written": [p.name for p in self.outputs], "stale": list(self.stale)},
        }


def process(article: Article, resolver: Resolver, language: str | None = None, *, anchor=None,
            original: str | None = None, ner: str = DEFAULT_NER, extractors: list[str] | None = None):
    """One article through analysis, extraction (by ``extractors``, default all) and
    RDF: its graph IRI, quads, facts and analysis. ``original`` is the graph IRI of the
    article it translates.
    Raises :class:`StageError` naming the stage that failed."""
    doc = _stage("analysis", analyse, article, language, anchor, ner=ner)
    facts = _stage("extraction", extract_all, doc, extractors)
    graph, quads = _stage("RDF", article_quads, doc, facts, resolver, translation_of=original)
    return graph, quads, facts, doc


class StageError(Exception):
    """One stage of the build failed on one article; the message says which and why."""


def _stage(name: str, step, *args, **kwargs):
    try:
        return step(*args, **kwargs)
    except Exception as error:
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


def _start_worker(base: str, language: str | None, ner: str, extractors: list[str]) -> None:
    _WORKER.update(resolver=Resolver(base), language=language, ner=ner, extractors=extractors)


def _process_file(source: Path) -> tuple[list[Built], list[ReadFailure]]:
    """Read one file and process each of its articles; every failure is returned,
    never raised."""
    resolver, language, ner, extractors = (_WORKER[k] for k in ("resolver", "language", "ner", "extractors"))
    try:
        articles, failures = read_file_with_failures(source)
    except ReadError as error:
        return [], [ReadFailure(str(source), str(error))]
    except Exception as error:  # noqa: BLE001 - a reader's failure is this file's
        return [], [ReadFailure(str(source), _reason("reading", error))]
    built = []
    for article in articles:
        try:
            graph, quads, facts, doc = process(article, resolver, language, ner=ner, extractors=extractors)
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
    extractors: Iterable[str] | None = None,
    jobs: int | None = None,
    viewer: bool = True,
    progress: bool | None = None,
    report: Callable[[str], None] | None = None,
    force: bool = False,
    exports: bool | None = None,
) -> tuple[BuildSummary, GraphStore]:
    """Build the graph of ``paths`` (default: the sample corpus) into ``out``.

    Files are processed by ``jobs`` worker processes (default: one per core, for
    more than 50 files); bad files are reported through ``report`` (default: one line
    on stderr) and counted, and the rest of the build goes on. English articles are
    processed once more at the end, when every Chinese name of the build is known, so
    that the result does not depend on the order of the files.

    A file whose bytes the store already holds (an article of it states their SHA-256,
    ``nkg:contentHash``) is skipped before it is read, unless ``force``; see
    :func:`_plan` for what a translation needs of the files skipped. The exports
    (graph.ttl, graph.trig, graph.html) are written when the store held no article
    before, or when ``exports`` is true; otherwise ``summary.stale`` names them.
    ``extractors`` names the extractors to run (``kg.kinds.EXTRACTORS``; default: all)."""
    started = time.perf_counter()
    check_base(base)
    extractors = extractor_names(extractors)
    report = report or (lambda line: print(line, file=sys.stderr))
    paths = list(paths) if paths else sample_corpus()
    out_dir = Path(out) if out is not None else None
    if memory and out_dir is not None and (out_dir / STORE_DIR).exists():
        raise ValueError(f"--memory: {out_dir} holds the store of an earlier build, whose exports would be replaced "
                         "by this build's alone; build into another --out, or without --memory to add to it")
    store = open_store(MEMORY if memory or out_dir is None else out_dir)
    summary = BuildSummary(folder=out_dir)
    held = store.has_articles()
    sources = list(iter_sources(paths))
    files = [s for s in sources if not isinstance(s, ReadFailure)]
    for failure in (s for s in sources if isinstance(s, ReadFailure)):
        _fail(summary, failure, report)
    resolver = Resolver(base)
    plan = _plan(files, store, f"{resolver.base}article/", force=force or not held)
    summary.unchanged = len(plan.skipped)
    todo = [files[i] for i in plan.todo]
    jobs = jobs or (min(os.cpu_count() or 1, 4) if len(todo) > 50 else 1)
    bar = _progress(len(todo), progress)
    prints: dict[str, Fingerprint] = {}
    days: dict[str, object] = {}
    english: dict[str, tuple[Article, list[str], str]] = {}
    persons: set[str] = set()
    contents: dict[str, set[str]] = {}  # article graph → the hashes of this build's files that give it
    changed = False
    stored = 0
    for position, (built, failures) in zip(plan.todo, _each_file(todo, jobs, base, language, ner, extractors)):
        bar.update(1)
        for failure in failures:
            _fail(summary, failure, report)
        digest = plan.digests[position]
        for item in built:
            claims = plan.claims.get(item.graph, ())
            hashes = contents.setdefault(item.graph, set())
            hashes.update(plan.digests[j] for j in claims if j < position)
            if digest:
                hashes.add(digest)
            later = any(j > position for j in claims)
            try:
                if later:
                    # a later file of the build, unchanged, gives the same article (the same URL): the graph
                    # built from it stays, as in a build that read both, with the hashes of both
                    kept = [q for q in store.quads_of(item.graph) if q.predicate != CONTENT_HASH]
                    hashes.update(plan.digests[j] for j in claims)
                    changed |= store.replace_graph(item.graph, kept + content_hash_quads(item.graph, hashes))
                elif item.language != "en":  # an English article is stored after its second reading
                    changed |= store.replace_graph(item.graph, item.quads + content_hash_quads(item.graph, hashes))
            except Exception as error:  # noqa: BLE001 - a graph the store refuses is this article's failure
                _fail(summary, ReadFailure(item.article.path, _reason("storing", error)), report)
                continue
            stored += 1
            if stored % FLUSH_EVERY == 0:
                store.flush()
            if "cut_from" in item.article.extra:
                _cut(summary, item.article, report)
            prints[item.article.key] = item.fingerprint
            days[item.article.key] = item.day
            persons.update(item.persons)
            if item.language == "en" and not later:
                english[item.article.key] = (item.article, item.kinds, item.graph)
            summary.articles += 1
            summary.characters += len(item.article.text)
            summary.facts.update(item.kinds)
    bar.close()
    if english and plan.skipped:
        skipped = [files[i] for i in sorted(plan.skipped)]
        persons.update(_persons_in_store(store, set().union(*plan.skipped.values())))
        for original, day in _originals_among(skipped, [prints[key] for key in english], language, ner, extractors):
            prints.setdefault(original.key, original)
            days.setdefault(original.key, day)
    resolver.learn_persons(sorted(persons))
    pairs = {translation: original for translation, original, _ in find_pairs(list(prints.values()))}
    for key, (article, kinds, first) in sorted(english.items()):
        original = pairs.get(key)
        summary.facts.subtract(kinds)
        try:
            graph, quads, facts, _ = process(article, resolver, "en", anchor=days[original] if original else None,
                                             original=f"{resolver.base}article/{original}" if original else None, ner=ner,
                                             extractors=extractors)
            changed |= store.replace_graph(graph, quads + content_hash_quads(graph, contents.get(graph, set())))
        except Exception as error:  # noqa: BLE001 - the second reading fails this article alone
            changed |= store.replace_graph(first, [])
            summary.articles -= 1
            summary.characters -= len(article.text)
            _fail(summary, ReadFailure(article.path, str(error) if isinstance(error, StageError) else _reason("storing", error)),
                  report)
            continue
        summary.facts.update(f.kind for f in facts)
        summary.translations += original is not None
    summary.facts = +summary.facts
    if changed or not summaries.current(store):
        summaries.refresh(store)
    store.flush()
    if summary.articles > 500:
        store.optimize()
    summary.graphs, summary.quads, summary.triples = store.counts()
    if out_dir is not None:
        stale = set(export.stale_exports(out_dir)) if held else set()
        if changed:
            stale.update(name for name in export.EXPORTS if (out_dir / name).exists())
        if exports if exports is not None else not held:
            summary.outputs = export.write_outputs(store, out_dir, viewer=viewer)
            stale -= {p.name for p in summary.outputs}
        summary.stale = [name for name in export.EXPORTS if name in stale]
    summary.seconds = time.perf_counter() - started
    if out_dir is not None:
        with atomic_path(out_dir / "summary.json") as tmp:
            tmp.write_text(json.dumps(summary.as_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
    return summary, store


@dataclass
class _Plan:
    """Which files a build reads: ``todo`` (positions in input order) and ``skipped``
    (position → the article graphs the store holds of that file's content);
    ``claims`` is the other way round (article graph → positions of skipped files
    giving it), ``digests`` the SHA-256 of each file's bytes (None when unreadable)."""

    digests: list[str | None]
    todo: list[int]
    skipped: dict[int, set[str]]
    claims: dict[str, list[int]]


def _plan(files: list[Path], store: GraphStore, prefix: str, *, force: bool) -> _Plan:
    """Skip the files whose bytes an article of the store was built from.

    The hash is of the bytes on disk, not of the text read from them: it is known
    before a file is read (a skipped file costs a read of its bytes and a SHA-256),
    and a change of encoding alone makes the file new, which costs a reading but
    never skips a change. A file none of whose articles was stored (it failed) is read
    again.

    A Chinese article's graph depends on its file alone, so skipping others changes
    nothing in it. An English article's does not: the second reading pairs it with its
    original and gives its romanised names the Chinese names of the whole build.
    Hence, when a build reads any file at all, it reads again the unchanged files
    that gave English articles (they are few and cheap to read: no segmentation, no
    model), so a new original or a new name reaches them; and the English articles it
    reads learn from the skipped Chinese ones what :func:`_persons_in_store` and
    :func:`_originals_among` say."""
    digests = [_file_digest(path) for path in files]
    if force:
        return _Plan(digests, list(range(len(files))), {}, {})
    known = store.content_hashes(prefix)
    skipped = {i: known[d] for i, d in enumerate(digests) if d is not None and d in known}
    if len(skipped) < len(files) and skipped:
        english = {graph for graph, lang in store.languages(set().union(*skipped.values())).items() if lang == "en"}
        skipped = {i: graphs for i, graphs in skipped.items() if not graphs & english}
    claims: dict[str, list[int]] = {}
    for i, graphs in skipped.items():
        for graph in graphs:
            claims.setdefault(graph, []).append(i)
    return _Plan(digests, [i for i in range(len(files)) if i not in skipped], skipped, claims)


def _file_digest(path: Path) -> str | None:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None  # the reader says why, when it tries
    return digest.hexdigest()


def _persons_in_store(store: GraphStore, graphs: set[str]) -> set[str]:
    """The Chinese names of the persons the skipped articles' graphs mention, as the
    names an English article learns from them: every name a person has in the
    graph (its label and each form the text wrote, ``skos:altLabel``), in Simplified
    script. A full build learns the forms the text wrote; the store adds the label
    of a known person's canonical name and of the full name a short form stands for,
    which the text also writes in all but rare articles."""
    names = set()
    rows = store.query(
        "SELECT ?g ?name WHERE { GRAPH ?g { ?g schema:mentions ?p . ?p a schema:Person . "
        "{ ?p rdfs:label ?name } UNION { ?p skos:altLabel ?name } "
        "FILTER(langMatches(lang(?name), 'zh-Hans') || langMatches(lang(?name), 'zh-Hant')) } }")
    for row in rows:
        if row["g"].value in graphs:
            names.add(normalise_text(row["name"].value))
    return names


def _originals_among(files: list[Path], translations: list[Fingerprint], language: str | None, ner: str,
                     extractors: list[str]):
    """Fingerprints of the articles of skipped files that could be the original of one
    of ``translations``: each file is read again and only an article that shares
    enough numbers with a translation (without which it scores 0) is analysed, so a
    pairing finds the original it would find in a full build."""
    for path in files:
        for article in _articles_of(path):
            numbers = numbers_of(normalise_text(article.text))
            if any(numbers_match(t.numbers, numbers) for t in translations if t.numbers):
                found = _fingerprint_of(article, language, ner, extractors)
                if found is not None and found[0].language != "en":
                    yield found


def _articles_of(path: Path) -> list[Article]:
    try:
        return read_file_with_failures(path)[0]
    except Exception:  # noqa: BLE001 - it was read before; if it fails now, it pairs with nothing
        return []


def _fingerprint_of(article: Article, language: str | None, ner: str, extractors: list[str]) -> tuple[Fingerprint, object] | None:
    """An article's fingerprint and day, or None where its analysis fails (as in a
    full build, an article that fails is no original)."""
    try:
        doc = analyse(article, language, ner=ner)
        return fingerprint(doc, extract_all(doc, extractors)), doc.day
    except Exception:  # noqa: BLE001 - that article's failure, reported when it was built
        return None


def check_base(base: str) -> None:
    """Raise ValueError unless ``base`` can start the IRIs of entities and facts."""
    try:
        ox.NamedNode(Resolver(base).base + "article/0")
    except ValueError as error:
        raise ValueError(f"--base {base!r} is not an absolute IRI ({error})") from None
    if not urlsplit(base).scheme:
        raise ValueError(f"--base {base!r} is not an absolute IRI (no scheme such as https:)")


def _each_file(files: list[Path], jobs: int, base: str, language: str | None, ner: str, extractors: list[str]):
    """Results file by file, in input order, from this process or from a pool."""
    if jobs <= 1:
        _start_worker(base, language, ner, extractors)
        yield from map(_process_file, files)
        return
    import multiprocessing

    context = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
    window = 32 * jobs
    with context.Pool(jobs, initializer=_start_worker, initargs=(base, language, ner, extractors)) as pool:
        pending = None
        for begin in range(0, len(files), window):
            batch = pool.imap(_process_file, files[begin:begin + window], chunksize=4)
            if pending is not None:
                yield from pending
            pending = batch
        if pending is not None:
            yield from pending


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
