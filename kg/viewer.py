"""The interactive HTML network: entities as nodes, their relations as edges, evidence on hover.

Three steps, each usable on its own (a notebook can look at the networkx graph in between):

* :func:`entity_network` turns the merged RDF graph into a ``networkx.MultiDiGraph`` of
  entities (nodes keyed by IRI) and their direct relations (edges carrying the evidence
  sentences, dates and source articles that back them);
* :func:`select` cuts it down to what a page can show: the neighbourhood of one entity,
  or the most connected entities;
* :func:`render_html` writes one self-contained HTML file (vis-network, as shipped
  inside pyvis, is inlined: the page needs no network and no other file).

:func:`write_viewer` does all three.

The page: nodes coloured by entity type or, at a click, by community (Louvain,
:func:`communities`); a side panel with one checkbox per entity type and per relation
(counts shown; hiding a type hides its entities and their relations), a search box
that finds an entity by any of its labels or aliases, in Simplified or Traditional
characters or English, and selects and centres it, and a details panel with the
evidence and links to the sources. Starting positions come from :func:`layout`; the
page refines them with vis-network's physics for a number of steps that shrinks as the
page grows, then turns physics off, so nothing moves once the page is usable. The page
exposes ``window.newskg`` (``network``, ``nodes``, ``edges``, ``ready``, ``readyAt``,
``shownNodeIds()`` ...) for tests and benchmarks.

Which node backs an edge: any node X that has ``prov:wasDerivedFrom`` and
``nkg:evidence`` and links (through any predicate, either way) to both ends of the
edge -- a membership for ``leads``/``holds``, a dispatch for ``sends``/``sentTo``, a
visit, a meeting ... -- so new kinds of event keep working without changes here.
Case reports and quotations are not edges: they are listed in the tooltip of the
place they are about and of the speaker. A case report with ``nkg:reportedBy`` also
gives an edge "reports cases for" from the reporting body to the place.

The page is ``kg/resources/viewer/page.html``, a Jinja2 template rendered with
autoescaping; its script (``viewer.js``) and style (``viewer.css``) sit beside it and
are inlined as they are, like vis-network.

Text that came from an article (labels, headlines, sentences, quotations, URLs) never
reaches the page as markup: the side panel's names are HTML-escaped by the template,
the data travel as JSON inside a ``<script type="application/json">`` block with
``<``, ``>``, ``&`` and ``'`` written as ``\\uXXXX`` escapes (Jinja2's ``tojson``), and
the page's script builds tooltips and the details panel with ``textContent`` only;
links get an ``href`` only for http(s) URLs.
"""
from __future__ import annotations

import json
import math
import os
import re
import unicodedata
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

import networkx as nx
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import ORG, PROV, RDF, RDFS, SKOS

from kg.files import write_text
from kg.kinds import KINDS
from kg.normalise import to_simplified, to_traditional
from kg.vocab import ENTITY_CLASSES, ENTITY_FAMILY, NKG, SCHEMA

if TYPE_CHECKING:
    import jinja2

__all__ = ["entity_network", "select", "communities", "render_html", "write_viewer", "DEFAULT_MAX_NODES"]

_STYLE_PATH = Path(__file__).resolve().parent / "resources" / "viewer_style.json"

# Entities a page shows by default: the most connected ones. From benchmarks/viewer.py
# (2 cores, headless Chromium): up to 2,000 entities the page is usable ~2.5-3 s after
# opening, but each redraw (pan, zoom, drag) costs ~17 ms at 300, ~27 ms at 500, ~35 ms
# at 1,000, ~63 ms at 2,000 and ~190 ms at 5,000 entities, and a filter click ~130 ms at
# 500 against ~340 ms at 2,000. 500 keeps panning above 30 frames a second and every
# click under ~150 ms, and on the November 2025 corpus it holds every entity with three
# or more relations.
DEFAULT_MAX_NODES = 500

# Direct entity-to-entity predicates and the relation id each gives an edge: the edges
# of each fact kind (kg.kinds), and a place within another.
_DIRECT = {NKG[edge]: edge for kind in KINDS.values() for edge in kind.edges} | {
    SCHEMA.containedInPlace: "containedInPlace"}
# Relations without a direction: drawn once, without an arrow.
_SYMMETRIC = {edge for kind in KINDS.values() if kind.symmetric for edge in kind.edges}
# Predicates implied by a more specific one drawn already (org:headOf by nkg:leads).
_IMPLIED_BY = {ORG.headOf: NKG.leads}
# Predicates never drawn as entity edges.
_SKIP = {RDF.type, SCHEMA.mentions, SCHEMA.isBasedOn, ORG.holds}

_DATE_PREDICATES = (
    SCHEMA.startDate,
    NKG.attestedOn,
    SCHEMA.observationDate,
    SCHEMA.dateCreated,
    SCHEMA.datePublished,
    SCHEMA.endDate,
)


# --------------------------------------------------------------------------- style


@lru_cache(maxsize=1)
def _style() -> dict[str, Any]:
    with open(_STYLE_PATH, encoding="utf-8") as fh:
        return json.load(fh)


def _type_priority() -> list[str]:
    return [t["key"] for t in _style()["types"]]


def _type_style(key: str) -> dict[str, str]:
    for t in _style()["types"]:
        if t["key"] == key:
            return t
    return _style()["other_type"]


# --------------------------------------------------------------------------- RDF helpers


def _merged(graph: Graph) -> Graph:
    """A Dataset's named graphs hold the facts; read them as one graph."""
    if isinstance(graph, Dataset) and not graph.default_union:
        merged = Graph()
        for s, p, o, _ in graph.quads((None, None, None, None)):
            merged.add((s, p, o))
        return merged
    return graph


def _lang_rank(lang: str | None) -> int:
    order = _style()["label_languages"]
    lang = lang or ""
    if lang in order:
        return order.index(lang)
    low = lang.lower()
    for i, want in enumerate(order):
        if want and low == want.lower():
            return i
    return len(order)


def _pick(literals: Iterable[Any]) -> str | None:
    """The preferred text: zh-Hans, then zh-Hant, then en, ...; shortest, then first."""
    best = None
    for lit in literals:
        text = str(lit).strip()
        if not text:
            continue
        lang = lit.language if isinstance(lit, Literal) else None
        key = (_lang_rank(lang), len(text), text)
        if best is None or key < best[0]:
            best = (key, text)
    return best[1] if best else None


def _local_name(iri: str) -> str:
    tail = re.split(r"[#/]", str(iri).rstrip("/#"))[-1]
    return tail or str(iri)


def _humanise(name: str) -> str:
    """``containedInPlace`` -> ``contained in place``."""
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).replace("_", " ")
    return words.lower().strip()


def _text_of(graph: Graph, node: Any) -> str:
    """A readable name for any node: its label, else the local part of its IRI."""
    if isinstance(node, Literal):
        return str(node)
    return (
        _pick(graph.objects(node, SKOS.prefLabel))
        or _pick(graph.objects(node, RDFS.label))
        or _pick(graph.objects(node, SCHEMA.name))
        or _local_name(node)
    )


def _date_of(graph: Graph, node: Any) -> str | None:
    for pred in _DATE_PREDICATES:
        values = sorted(str(v) for v in graph.objects(node, pred))
        if values:
            return values[0]
    return None


def _article_info(graph: Graph, article: Any, cache: dict) -> dict[str, str | None]:
    if article not in cache:
        url = sorted(str(u) for u in graph.objects(article, SCHEMA.url))
        cache[article] = {
            "article": str(article),
            "headline": _pick(graph.objects(article, SCHEMA.headline))
            or _pick(graph.objects(article, SCHEMA.name)),
            "url": url[0] if url else None,
            "published": _date_of(graph, article),
        }
    return cache[article]


def _evidence_of(graph: Graph, x: Any, cache: dict, fact: str | None = None) -> list[dict]:
    """One entry per (sentence, article) of a backing node."""
    sentences = sorted({str(s) for s in graph.objects(x, NKG.evidence)}) or [""]
    articles = sorted(graph.objects(x, PROV.wasDerivedFrom), key=str)
    kinds = sorted(_local_name(t) for t in graph.objects(x, RDF.type))
    own_date = _date_of(graph, x)
    out = []
    for article in articles or [None]:
        info = _article_info(graph, article, cache) if article is not None else {
            "article": None, "headline": None, "url": None, "published": None}
        for sentence in sentences:
            entry = {
                "sentence": sentence,
                "date": own_date or info["published"],
                "article": info["article"],
                "headline": info["headline"],
                "url": info["url"],
                "kind": kinds[0] if kinds else None,
            }
            if fact:
                entry["fact"] = fact
            out.append(entry)
    return out


def _sort_evidence(entries: Iterable[dict]) -> list[dict]:
    """Most recent first; duplicates (same sentence, article and date) dropped."""
    seen = {}
    for e in entries:
        key = (e.get("date") or "", e.get("article") or "", e.get("sentence") or "",
               e.get("fact") or "")
        seen.setdefault(key, e)
    return [seen[k] for k in sorted(seen, reverse=True)]


# --------------------------------------------------------------------------- network


def entity_network(graph: Graph) -> nx.MultiDiGraph:
    """The entities of ``graph`` and the relations between them, with their evidence.

    Nodes are keyed by IRI string and carry ``label`` (zh-Hans, else zh-Hant, else en),
    ``labels`` (every ``rdfs:label`` as ``(text, language)``), ``alt_labels``
    (``skos:altLabel`` likewise), ``type`` (the most specific key of
    ``kg.vocab.ENTITY_CLASSES``: ``Person``, ``WorkingGroup``, ``Country`` ...),
    ``types`` (all of them), ``family`` (``person``/``org``/``place``), ``degree``,
    ``mentions`` (articles naming it), ``case_reports`` and ``quotations`` (dicts, most
    recent first).

    Edges are keyed by their readable label and carry ``relation`` (``leads``,
    ``holds``, ``sends``, ``sentTo``, ``visits``, ``meets``, ``containedInPlace``,
    ``reportsCases``, or the local name of any other predicate between two entities),
    ``label`` ("holds 副主任", "sent to" ...), ``predicate`` (IRI), ``directed`` and
    ``evidence``: dicts with ``sentence``, ``date``, ``article`` (IRI), ``headline``,
    ``url`` and ``kind`` (the backing node's class), most recent first.
    """
    graph = _merged(graph)
    relations = _style()["relations"]
    priority = _type_priority()
    class_key = {cls: key for key, cls in ENTITY_CLASSES.items()}

    # -- entities
    types: dict[Any, set[str]] = {}
    for cls, key in class_key.items():
        for e in graph.subjects(RDF.type, cls):
            if isinstance(e, (URIRef, BNode)):
                types.setdefault(e, set()).add(key)
    entities = set(types)

    net = nx.MultiDiGraph()
    for e in sorted(entities, key=str):
        labels = sorted({(str(l), l.language or "") for l in graph.objects(e, RDFS.label)
                         if isinstance(l, Literal)}, key=lambda t: (_lang_rank(t[1]), t))
        alts = sorted({(str(l), l.language or "") for l in graph.objects(e, SKOS.altLabel)
                       if isinstance(l, Literal)}, key=lambda t: (_lang_rank(t[1]), t))
        keys = types[e]
        main = next((k for k in priority if k in keys), sorted(keys)[0])
        net.add_node(
            str(e),
            label=_pick(l for l in graph.objects(e, RDFS.label) if isinstance(l, Literal))
            or _pick(l for l in graph.objects(e, SKOS.altLabel) if isinstance(l, Literal))
            or _pick(graph.objects(e, SCHEMA.name))
            or _local_name(e),
            labels=labels,
            alt_labels=alts,
            type=main,
            types=sorted(keys, key=lambda k: (priority.index(k) if k in priority else 99, k)),
            family=ENTITY_FAMILY.get(main, "other"),
            mentions=len(set(graph.subjects(SCHEMA.mentions, e))),
            case_reports=[],
            quotations=[],
        )

    # -- backing nodes: anything with provenance and an evidence sentence
    article_cache: dict = {}
    backers_of: dict[Any, set[Any]] = {}
    for x in set(graph.subjects(NKG.evidence, None)):
        if (x, PROV.wasDerivedFrom, None) not in graph or x in entities:
            continue
        linked = {o for o in graph.objects(x, None) if o in entities}
        linked |= {s for s in graph.subjects(None, x) if s in entities}
        for e in linked:
            backers_of.setdefault(e, set()).add(x)

    def backing(s: Any, o: Any) -> set[Any]:
        return backers_of.get(s, set()) & backers_of.get(o, set())

    def evidence(xs: Iterable[Any]) -> list[dict]:
        out: list[dict] = []
        for x in xs:
            out.extend(_evidence_of(graph, x, article_cache))
        return _sort_evidence(out)

    def add_edge(s: Any, o: Any, relation: str, label: str, predicate: Any,
                 ev: list[dict], **extra: Any) -> None:
        directed = relation not in _SYMMETRIC
        u, v = str(s), str(o)
        if not directed and v < u:
            u, v = v, u
        if net.has_edge(u, v, key=label):
            data = net.edges[u, v, label]
            data["evidence"] = _sort_evidence(data["evidence"] + ev)
            return
        net.add_edge(u, v, key=label, relation=relation, label=label,
                     predicate=str(predicate), directed=directed, evidence=ev, **extra)

    pending = []  # collected first, added in sorted order (stable output)

    # -- direct relations, and any other predicate between two entities
    for s in entities:
        for p, o in graph.predicate_objects(s):
            if o not in entities or p in _SKIP or o == s:
                continue
            implied = _IMPLIED_BY.get(p)
            if implied is not None and (s, implied, o) in graph:
                continue
            relation = _DIRECT.get(p) or _local_name(p)
            label = relations.get(relation, {}).get("label") or _humanise(relation)
            pending.append((str(s), str(o), relation, label, str(p), s, o, None))

    # -- offices: person org:holds post; post org:postIn org
    for person, post in graph.subject_objects(ORG.holds):
        if person not in entities:
            continue
        roles = sorted(graph.objects(post, ORG.role), key=str)
        role = roles[0] if roles else None
        role_label = (_text_of(graph, role) if role is not None else None) or _pick(
            graph.objects(post, RDFS.label))
        label = f"{relations['holds']['label']} {role_label}" if role_label else \
            relations["holds"]["label"]
        for org in graph.objects(post, ORG.postIn):
            if org in entities:
                pending.append((str(person), str(org), "holds", label, str(ORG.holds),
                                person, org, role))

    for u, v, relation, label, p, s, o, role in sorted(pending, key=lambda t: t[:5]):
        xs = backing(s, o)
        if role is not None:  # memberships in another role back another office
            xs = {x for x in xs
                  if (x, ORG.role, None) not in graph or (x, ORG.role, role) in graph}
        extra = {"role": str(role)} if role is not None else {}
        add_edge(s, o, relation, label, URIRef(p), evidence(xs), **extra)

    # -- case reports (place tooltips; reporting body -> place edges) and quotations
    for x in sorted(set(graph.subjects(RDF.type, NKG.CaseReport)), key=str):
        places = [p for p in graph.objects(x, SCHEMA.observationAbout) if p in entities]
        if not places:
            continue
        categories = sorted(graph.objects(x, NKG.caseCategory), key=str)
        category = _text_of(graph, categories[0]) if categories else "cases"
        values = sorted(str(v) for v in graph.objects(x, SCHEMA.value))
        value = values[0] if values else "?"
        reporters = sorted((r for r in graph.objects(x, NKG.reportedBy)), key=str)
        reporter_labels = [_text_of(graph, r) for r in reporters]
        ev = _evidence_of(graph, x, article_cache) or [{}]
        for place in sorted(places, key=str):
            fact = f"{_text_of(graph, place)} {category} {value}"
            report = {
                "category": category,
                "value": value,
                "date": _date_of(graph, x) or ev[0].get("date"),
                "reported_by": reporter_labels,
                "sentence": ev[0].get("sentence"),
                "article": ev[0].get("article"),
                "headline": ev[0].get("headline"),
                "url": ev[0].get("url"),
            }
            net.nodes[str(place)]["case_reports"].append(report)
            for reporter in reporters:
                if reporter in entities and reporter != place:
                    add_edge(reporter, place, "reportsCases",
                             relations["reportsCases"]["label"], NKG.reportedBy,
                             _sort_evidence(_evidence_of(graph, x, article_cache, fact)))

    for x in sorted(set(graph.subjects(RDF.type, SCHEMA.Quotation)), key=str):
        texts = sorted({str(t) for t in graph.objects(x, SCHEMA.text)})
        ev = _evidence_of(graph, x, article_cache) or [{}]
        for speaker in sorted(graph.objects(x, SCHEMA.creator), key=str):
            if speaker not in entities:
                continue
            net.nodes[str(speaker)]["quotations"].append({
                "text": texts[0] if texts else ev[0].get("sentence") or "",
                "date": _date_of(graph, x) or ev[0].get("date"),
                "sentence": ev[0].get("sentence"),
                "article": ev[0].get("article"),
                "headline": ev[0].get("headline"),
                "url": ev[0].get("url"),
            })

    def recent_first(item: dict) -> tuple:
        return (item.get("date") or "", json.dumps(item, sort_keys=True, ensure_ascii=False))

    for n, data in net.nodes(data=True):
        data["case_reports"].sort(key=recent_first, reverse=True)
        data["quotations"].sort(key=recent_first, reverse=True)
        data["degree"] = net.degree(n)
        data["neighbours"] = len(set(net.predecessors(n)) | set(net.successors(n)))

    net.graph.update(total=net.number_of_nodes(),
                     articles=len(set(graph.subjects(RDF.type, SCHEMA.NewsArticle))))
    return net


# --------------------------------------------------------------------------- selection


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().strip()


def _names(data: dict) -> set[str]:
    names = {data.get("label") or ""}
    names |= {t for t, _ in data.get("labels", ())}
    names |= {t for t, _ in data.get("alt_labels", ())}
    return {_norm(n) for n in names if n}


def _rank(network: nx.MultiDiGraph, n: str) -> tuple:
    """Most connected first; ties by mentions, then label and IRI (stable)."""
    d = network.nodes[n]
    return (-d.get("degree", network.degree(n)), -d.get("mentions", 0),
            d.get("label") or "", n)


def select(network: nx.MultiDiGraph, focus: str | None = None, depth: int = 2,
           max_nodes: int | None = DEFAULT_MAX_NODES) -> tuple[nx.MultiDiGraph, int]:
    """What the page shows, and how many entities were left out.

    With ``focus``: the entities whose label (any language, aliases too, or the IRI)
    equals it -- or, when none does, contains it (case- and width-insensitive) --
    and everything within ``depth`` steps of them, ignoring edge direction. Without:
    the ``max_nodes`` most connected entities. Either way no more than ``max_nodes``
    (a neighbourhood that is too big keeps the nearest, then the most connected).
    Raises ``LookupError`` when ``focus`` names no entity.
    """
    if max_nodes is not None and max_nodes < 1:
        raise ValueError("max_nodes must be at least 1")
    total = network.number_of_nodes()
    info: dict[str, Any] = {"total": network.graph.get("total", total)}
    if focus is not None:
        query = _norm(focus)
        exact = sorted(n for n, d in network.nodes(data=True)
                       if n == focus or query in _names(d))
        centres = exact or sorted(
            n for n, d in network.nodes(data=True) if query and any(query in x for x in _names(d)))
        if not centres:
            raise LookupError(f"no entity labelled {focus!r}")
        keep: set[str] = set()
        for c in centres:
            keep |= set(nx.ego_graph(network, c, radius=depth, undirected=True))
        if max_nodes is not None and len(keep) > max_nodes:
            und = network.to_undirected(as_view=True)
            dist: dict[str, int] = {}
            for c in centres:
                for n, k in nx.single_source_shortest_path_length(und, c, cutoff=depth).items():
                    dist[n] = min(k, dist.get(n, k))
            keep = set(sorted(keep, key=lambda n: (dist.get(n, depth + 1),) + _rank(network, n))
                       [:max_nodes])
        info.update(focus=focus, focus_nodes=[c for c in centres if c in keep], depth=depth)
    else:
        ordered = sorted(network.nodes, key=lambda n: _rank(network, n))
        keep = set(ordered if max_nodes is None else ordered[:max_nodes])
    sub = network.subgraph(sorted(keep)).copy()
    omitted = total - sub.number_of_nodes()
    sub.graph.update(network.graph)
    sub.graph.update(info, omitted=omitted)
    if focus is None:
        sub.graph.pop("focus", None)
        sub.graph.pop("focus_nodes", None)
    return sub, omitted


# --------------------------------------------------------------------------- tooltips


def _clip(text: str | None, limit: int | None = None) -> str:
    limit = limit or _style()["tooltip"]["max_text"]
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _day(date: str | None) -> str:
    return (date or "")[:10] or "undated"


def _source_line(item: dict) -> str:
    parts = [p for p in (item.get("headline"), item.get("url")) if p]
    if not parts and item.get("article"):
        parts = [item["article"]]
    return " — ".join(_clip(p, 160) for p in parts)


def _links(items: Iterable[dict], limit: int = 20) -> list[list[str]]:
    """[headline, url] of the sources, most recent first, for the details panel."""
    seen: dict[str, str] = {}
    for item in items:
        if len(seen) >= limit:
            break
        url = item.get("url")
        if url and re.match(r"https?://", url, re.I) and url not in seen:  # no javascript: links
            seen[url] = _clip(item.get("headline") or url, 120)
    return [[text, url] for url, text in seen.items()]


def _node_tooltip(data: dict, shown_degree: int) -> str:
    tip = _style()["tooltip"]
    legend = _type_style(data.get("type", "")).get("legend", data.get("type", ""))
    lines = [data.get("label", ""),
             f"{legend} · {data.get('degree', shown_degree)} relations"
             f" · mentioned in {data.get('mentions', 0)} article(s)"]
    labels = data.get("labels") or []
    if labels:
        lines.append("Labels: " + "; ".join(f"{t} ({l or '-'})" for t, l in labels))
    alts = data.get("alt_labels") or []
    if alts:
        lines.append("Also: " + "; ".join(f"{t} ({l or '-'})" for t, l in alts))
    quotes = data.get("quotations") or []
    if quotes:
        lines += ["", f"Statements ({len(quotes)}):"]
        for q in quotes[: tip["max_quotations"]]:
            lines.append(f"{_day(q.get('date'))}  “{_clip(q.get('text'))}”")
            if _source_line(q):
                lines.append(f"    {_source_line(q)}")
        if len(quotes) > tip["max_quotations"]:
            lines.append(f"+{len(quotes) - tip['max_quotations']} more")
    reports = data.get("case_reports") or []
    if reports:
        lines += ["", f"Case reports ({len(reports)}):"]
        for r in reports[: tip["max_reports"]]:
            by = f" (reported by {', '.join(r['reported_by'])})" if r.get("reported_by") else ""
            lines.append(f"{_day(r.get('date'))}  {r.get('category')}: {r.get('value')}{by}")
            if _source_line(r):
                lines.append(f"    {_source_line(r)}")
        if len(reports) > tip["max_reports"]:
            lines.append(f"+{len(reports) - tip['max_reports']} more")
    return "\n".join(lines)


def _edge_tooltip(src: str, dst: str, data: dict) -> str:
    tip = _style()["tooltip"]
    arrow = "→" if data.get("directed", True) else "↔"
    lines = [f"{src} {arrow} {data.get('label')} {arrow} {dst}"]
    ev = data.get("evidence") or []
    if not ev:
        lines.append("No evidence sentence recorded (e.g. from the gazetteer).")
    else:
        lines.append(f"{len(ev)} piece(s) of evidence:")
    for e in ev[: tip["max_evidence"]]:
        lines.append("")
        head = _day(e.get("date"))
        if e.get("fact"):
            head += f"  {e['fact']}"
        lines.append(head)
        if e.get("sentence"):
            lines.append(f"“{_clip(e['sentence'])}”")
        if _source_line(e):
            lines.append(_source_line(e))
    if len(ev) > tip["max_evidence"]:
        lines += ["", f"+{len(ev) - tip['max_evidence']} more"]
    return "\n".join(lines)


# --------------------------------------------------------------------------- page


def _vis_lib() -> tuple[str, str, str]:
    """vis-network's JS and CSS as shipped inside pyvis (newest copy), and its version."""
    import pyvis

    root = Path(pyvis.__file__).resolve().parent
    candidates = [d for base in (root / "templates" / "lib", root / "lib") if base.is_dir()
                  for d in base.glob("vis-*") if (d / "vis-network.min.js").is_file()]
    if not candidates:
        raise FileNotFoundError("vis-network is not in the installed pyvis package")

    def version(d: Path) -> tuple:
        return tuple(int(x) if x.isdigit() else 0 for x in d.name[4:].split("."))

    lib = max(candidates, key=version)
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    # the source-map comment names a file that is not there
    js = re.sub(r"^\s*//[#@]\s*sourceMappingURL=.*$", "", js, flags=re.M)
    css = re.sub(r"/\*[#@]\s*sourceMappingURL=.*?\*/", "", css)
    # core-js writes "<script>" in a string literal: same string, but no tag-like text
    js = js.replace('"<script>"', '"\\x3cscript>"').replace("'<script>'", "'\\x3cscript>'")
    if re.search(r"</script|<!--", js, re.I) or re.search(r"</style", css, re.I):
        raise ValueError("vis-network cannot be inlined safely")
    return js, css, lib.name[4:]


def _script_json(value: Any) -> str:
    """JSON as the page's data block holds it: compact, keys sorted, text as it is, but
    U+2028 and U+2029 escaped; ``tojson`` then writes ``<``, ``>``, ``&`` and ``'`` as
    ``\\uXXXX``, so the block can neither end its ``<script>`` element nor open markup."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


@lru_cache(maxsize=1)
def _templates() -> jinja2.Environment:
    """The page template's environment: autoescaping, block tags leave no blank lines.
    Jinja2 is imported here, when a page is written: at the top of the module it would
    add ~40 ms to every ``kg`` command."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("kg", "resources/viewer"), autoescape=True,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined)
    env.policies["json.dumps_function"] = _script_json
    env.policies["json.dumps_kwargs"] = {}
    env.filters["thousands"] = "{:,}".format
    return env


@lru_cache(maxsize=None)
def _resource(name: str) -> str:
    """The page's own script or style, inlined as it is (``kg/resources/viewer/NAME``)."""
    return resources.files("kg").joinpath("resources", "viewer", name).read_text(encoding="utf-8")


def _count_line(network: nx.MultiDiGraph, omitted: int) -> str:
    shown = network.number_of_nodes()
    total = max(network.graph.get("total", shown + omitted), shown + omitted)
    edges = network.number_of_edges()
    focus = network.graph.get("focus")
    rel = f"{edges:,} relation{'s' if edges != 1 else ''}"
    if focus is not None:
        line = (f"showing {shown:,} of {total:,} entities within "
                f"{network.graph.get('depth', '?')} step(s) of “{focus}”; {rel}")
        return line + (f"; {omitted:,} left out" if omitted else "")
    if omitted:
        return (f"showing {shown:,} of {total:,} entities; {rel}; "
                f"{omitted:,} less-connected left out")
    return f"showing all {shown:,} entities; {rel}"


def _search_names(data: dict) -> list[str]:
    """Every name the search box matches a node by: its labels in every language and
    its aliases, each also in Simplified and in Traditional characters."""
    names = [data.get("label") or ""]
    names += [t for t, _ in data.get("labels", ())]
    names += [t for t, _ in data.get("alt_labels", ())]
    out: dict[str, None] = {}
    for name in names:
        name = " ".join(str(name).split())
        if not name:
            continue
        for variant in (name, to_simplified(name), to_traditional(name)):
            out.setdefault(variant, None)
    return list(out)


def communities(network: nx.MultiDiGraph, seed: int | None = None) -> list[list[str]]:
    """Communities of ``network`` (relations as undirected links weighted by how many
    there are between two entities), largest first, each a sorted list of node ids.

    Louvain (``networkx.community.louvain_communities``) with a fixed seed, on a graph
    built in sorted order, so the same network always gives the same communities; greedy
    modularity where Louvain is not available.
    """
    seed = _style()["random_seed"] if seed is None else seed
    simple = _simple_graph(network)
    if simple.number_of_edges() == 0:
        found = [{n} for n in simple.nodes]
    else:
        try:
            found = nx.community.louvain_communities(simple, weight="weight", seed=seed)
        except AttributeError:  # pragma: no cover - networkx without Louvain
            found = nx.community.greedy_modularity_communities(simple, weight="weight")
    groups = [sorted(c) for c in found]
    return sorted(groups, key=lambda c: (-len(c), c[0]))


def _simple_graph(network: nx.MultiDiGraph) -> nx.Graph:
    """``network`` as an undirected graph built in sorted order, weighted by the number of
    relations between two entities (what communities and the layout work on)."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(network.nodes))
    weights: dict[tuple[str, str], int] = {}
    for u, v in network.edges():
        if u != v:
            pair = (u, v) if u < v else (v, u)
            weights[pair] = weights.get(pair, 0) + 1
    simple.add_weighted_edges_from((u, v, w) for (u, v), w in sorted(weights.items()))
    return simple


def _spring(graph: nx.Graph, radius: float, seed: int) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold (networkx, dense) scaled to ``radius`` around (0, 0)."""
    nodes = sorted(graph.nodes)
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    if len(nodes) == 2:
        return {nodes[0]: (-radius, 0.0), nodes[1]: (radius, 0.0)}
    ordered = nx.Graph()
    ordered.add_nodes_from(nodes)
    ordered.add_weighted_edges_from(sorted((u, v, d.get("weight", 1)) for u, v, d in graph.edges(data=True)))
    iterations = 50 if len(nodes) <= 600 else 25
    pos = nx.spring_layout(ordered, seed=seed, iterations=iterations, method="force", scale=radius)
    return {n: (float(pos[n][0]), float(pos[n][1])) for n in nodes}


def layout(network: nx.MultiDiGraph, groups: list[list[str]] | None = None) -> dict[str, tuple[float, float]]:
    """Starting positions for the page, in pixels: each connected part laid out on its own
    (Fruchterman-Reingold; a large part first places its communities, then the entities of
    each community around its place), the parts packed largest first on a sunflower
    spiral. The page refines them with vis-network's physics for a number of steps that
    shrinks as the page grows, so big pages become usable quickly. Same network, same
    positions."""
    style = _style()
    seed = style["random_seed"]
    unit = style["layout"]["unit"]
    simple = _simple_graph(network)
    groups = communities(network) if groups is None else groups
    community_of = {n: i for i, members in enumerate(groups) for n in members}
    parts = sorted((sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c[0]))
    placed: list[tuple[dict[str, tuple[float, float]], float]] = []
    for part in parts:
        size = len(part)
        radius = unit * 0.6 * math.sqrt(size)
        sub = simple.subgraph(part)
        if size <= style["layout"]["direct"]:
            pos = _spring(sub, radius, seed)
        else:  # communities first, then their members around them
            members: dict[int, list[str]] = {}
            for n in part:
                members.setdefault(community_of.get(n, -1), []).append(n)
            coarse = nx.Graph()
            coarse.add_nodes_from(sorted(members))
            links: dict[tuple[int, int], int] = {}
            for u, v in sub.edges():
                a, b = community_of.get(u, -1), community_of.get(v, -1)
                if a != b:
                    key = (min(a, b), max(a, b))
                    links[key] = links.get(key, 0) + 1
            coarse.add_weighted_edges_from((a, b, w) for (a, b), w in sorted(links.items()))
            centres = _spring(coarse, radius, seed)
            pos = {}
            for c in sorted(members):
                cx, cy = centres[c]
                inner = _spring(sub.subgraph(members[c]), unit * 0.5 * math.sqrt(len(members[c])), seed)
                pos.update({n: (cx + x, cy + y) for n, (x, y) in inner.items()})
        cx = sum(x for x, _ in pos.values()) / size
        cy = sum(y for _, y in pos.values()) / size
        pos = {n: (x - cx, y - cy) for n, (x, y) in pos.items()}
        extent = max(math.hypot(x, y) for x, y in pos.values()) + unit * 0.5
        placed.append((pos, extent))

    out: dict[str, tuple[float, float]] = {}
    area = 0.0
    golden = math.pi * (3 - math.sqrt(5))
    for k, (pos, extent) in enumerate(placed):
        if k == 0:
            r = 0.0
        else:
            r = 1.1 * math.sqrt((area + math.pi * extent ** 2) / math.pi)
        area += math.pi * extent ** 2
        ox, oy = r * math.cos(k * golden), r * math.sin(k * golden)
        out.update({n: (round(x + ox, 1), round(y + oy, 1)) for n, (x, y) in pos.items()})
    return out


def _page_data(network: nx.MultiDiGraph) -> tuple[dict, dict]:
    """Nodes, edges and options for vis-network (assembled through pyvis), and what the
    side panel lists: types, relations and communities with their counts and colours."""
    from pyvis.edge import Edge
    from pyvis.network import Network

    style = _style()
    size = style["node_size"]
    pv = Network(directed=True, cdn_resources="in_line")

    # communities: the largest get a colour each, the rest (and lone entities) grey
    palette = style["community_colors"]
    groups = communities(network)
    community_of: dict[str, int] = {}
    community_rows = []
    for i, members in enumerate(groups):
        coloured = i < len(palette) and len(members) > 1
        for n in members:
            community_of[n] = i if coloured else -1
        if coloured:
            top = sorted(members, key=lambda n: _rank(network, n))
            community_rows.append({
                "id": i, "color": palette[i], "size": len(members),
                "names": [network.nodes[n].get("label") or _local_name(n) for n in top[:3]],
            })
    rank = {n: i for i, n in enumerate(sorted(network.nodes, key=lambda n: _rank(network, n)))}
    positions = layout(network, groups)

    type_counts: dict[str, int] = {}
    for n in sorted(network.nodes):
        d = network.nodes[n]
        t = _type_style(d.get("type", ""))
        type_counts[t["key"]] = type_counts.get(t["key"], 0) + 1
        degree = d.get("degree", network.degree(n))
        c = community_of.get(n, -1)
        pv.add_node(
            n,
            label=d.get("label") or _local_name(n),
            shape="dot",
            color=t["color"],
            size=round(min(size["max"], size["min"] + size["per_sqrt_degree"] * math.sqrt(degree)), 2),
            title=_node_tooltip(d, network.degree(n)),
            x=positions[n][0],
            y=positions[n][1],
            kgType=t["key"],
            kgTypeColor=t["color"],
            kgCommunity=c,
            kgCommunityColor=palette[c] if c >= 0 else style["community_other_color"],
            kgNames=_search_names(d),
            kgRank=rank[n],
            kgLinks=_links((d.get("quotations") or []) + (d.get("case_reports") or [])),
        )

    relation_counts: dict[str, int] = {}
    relation_order: list[str] = []
    parallel: dict[tuple[str, str], int] = {}
    edges = sorted(network.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2])))
    for i, (u, v, k, d) in enumerate(edges):
        pair = (min(u, v), max(u, v))
        nth = parallel.get(pair, 0)
        parallel[pair] = nth + 1
        relation = d.get("relation") or str(k)
        if relation not in relation_counts:
            relation_order.append(relation)
        relation_counts[relation] = relation_counts.get(relation, 0) + 1
        rel = style["relations"].get(relation, {})
        ev = d.get("evidence") or []
        options: dict[str, Any] = dict(
            id=f"e{i}",
            label=d.get("label") or str(k),
            title=_edge_tooltip(network.nodes[u].get("label", u), network.nodes[v].get("label", v), d),
            color=rel.get("color", style["other_relation_color"]),
            width=round(1 + min(len(ev), 6) * 0.5, 2),
            arrows="to" if d.get("directed", True) else "",
            kgRelation=relation,
            kgLinks=_links(ev),
        )
        if nth:  # bend parallel edges apart so their labels stay readable
            options["smooth"] = {"enabled": True, "type": "curvedCW" if nth % 2 else "curvedCCW",
                                 "roundness": round(0.15 * ((nth + 1) // 2), 2)}
        pv.edges.append(Edge(u, v, True, **options).options)

    n_nodes = pv.num_nodes()
    physics = json.loads(json.dumps(style["physics"]))
    steps = style["layout"]["browser_steps"]  # the page refines the layout, fewer steps when big
    physics["stabilization"]["iterations"] = max(steps["min"], min(steps["max"], round(steps["budget"] / max(n_nodes, 1))))
    big = style["large_graph"]
    options = {
        "autoResize": True,
        "layout": {"randomSeed": style["random_seed"], "improvedLayout": n_nodes <= 100},
        "physics": physics,
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": n_nodes > 150,
                        "hideEdgesOnZoom": n_nodes > 1000,
                        "navigationButtons": False, "keyboard": False},
        "nodes": {"shape": "dot", "borderWidth": 1,
                  "font": {"size": 14, "face": "system-ui, sans-serif", "strokeWidth": 3,
                           "strokeColor": "#ffffff"}},
        "edges": {"font": {"size": 10, "align": "horizontal", "strokeWidth": 3, "strokeColor": "#ffffff",
                           "color": "#444444"},
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "smooth": {"enabled": True, "type": "continuous", "roundness": 0.5},
                  "selectionWidth": 2},
    }
    if n_nodes > big["nodes"]:  # straight edges draw far faster
        options["edges"]["smooth"] = {"enabled": False}
    pv.options = options
    nodes, vis_edges, _, _, _, _ = pv.get_network_data()

    types = [{"key": t["key"], "legend": t["legend"], "color": t["color"], "count": type_counts[t["key"]]}
             for t in style["types"] + [style["other_type"]] if type_counts.get(t["key"])]
    relations = [{"key": r, "label": style["relations"].get(r, {}).get("label") or _humanise(r),
                  "color": style["relations"].get(r, {}).get("color", style["other_relation_color"]),
                  "count": relation_counts[r]}
                 for r in sorted(relation_order, key=lambda r: (-relation_counts[r], r))]
    other = sum(1 for n in network.nodes if community_of.get(n, -1) < 0)
    panel = {"types": types, "relations": relations, "communities": community_rows,
             "community_total": len(groups), "community_other": other,
             "community_other_color": style["community_other_color"]}
    return {"nodes": nodes, "edges": vis_edges, "options": options}, panel


def _page(network: nx.MultiDiGraph, title: str, omitted: int) -> str:
    js, css, vis_version = _vis_lib()
    payload, panel = _page_data(network)
    return _templates().get_template("page.html").render(
        title=title, count_line=_count_line(network, omitted), vis_version=vis_version,
        vis_js=js, vis_css=css, script=_resource("viewer.js"), style=_resource("viewer.css"),
        data=payload, **panel)


def render_html(network: nx.MultiDiGraph, path: str | os.PathLike, *, title: str = "newskg",
                omitted: int = 0) -> Path:
    """Write ``network`` as one self-contained HTML page at ``path`` (atomically)."""
    path = Path(path)
    write_text(path, _page(network, title, omitted))
    return path


def view_path(store: str | os.PathLike, focus: str | None = None, output: str | os.PathLike | None = None) -> Path:
    """Where ``kg view`` writes: ``output`` if given, else ``STORE/graph.html``, or
    ``STORE/view-FOCUS.html`` with a focus (path separators in it become ``_``)."""
    if output:
        return Path(output)
    if focus:
        return Path(store) / ("view-" + re.sub(r"[/\\\x00]", "_", focus) + ".html")
    return Path(store) / "graph.html"


def write_viewer(graph: Graph, path: str | os.PathLike, *, focus: str | None = None,
                 depth: int = 2, max_nodes: int | None = DEFAULT_MAX_NODES) -> Path:
    """``entity_network`` → ``select`` → ``render_html``: the viewer page for ``graph``."""
    network = entity_network(graph)
    shown, omitted = select(network, focus=focus, depth=depth, max_nodes=max_nodes)
    title = "newskg" if focus is None else f"newskg: {focus}"
    return render_html(shown, path, title=title, omitted=omitted)
