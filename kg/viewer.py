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

Which node backs an edge: any node X that has ``prov:wasDerivedFrom`` and
``nkg:evidence`` and links (through any predicate, either way) to both ends of the
edge -- a membership for ``leads``/``holds``, a dispatch for ``sends``/``sentTo``, a
visit, a meeting ... -- so new kinds of event keep working without changes here.
Case reports and quotations are not edges: they are listed in the tooltip of the
place they are about and of the speaker. A case report with ``nkg:reportedBy`` also
gives an edge "reports cases for" from the reporting body to the place.

Text that came from an article (labels, headlines, sentences, quotations, URLs) never
reaches the page as markup: the data travel as JSON inside a
``<script type="application/json">`` block with ``<``, ``>``, ``&`` and ``'``
written as ``\\uXXXX`` escapes, and the page's script builds tooltips and the
details panel with ``textContent`` only; links get an ``href`` only for http(s) URLs.
"""
from __future__ import annotations

import html
import json
import math
import os
import re
import tempfile
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import networkx as nx
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import ORG, PROV, RDF, RDFS, SKOS

from kg.vocab import ENTITY_CLASSES, ENTITY_FAMILY, NKG, SCHEMA

__all__ = ["entity_network", "select", "render_html", "write_viewer"]

_STYLE_PATH = Path(__file__).resolve().parent / "resources" / "viewer_style.json"

# Direct entity-to-entity predicates and the relation id each gives an edge.
_DIRECT = {
    NKG.leads: "leads",
    NKG.sends: "sends",
    NKG.sentTo: "sentTo",
    NKG.visits: "visits",
    NKG.meets: "meets",
    SCHEMA.containedInPlace: "containedInPlace",
}
# Relations without a direction: drawn once, without an arrow.
_SYMMETRIC = {"meets"}
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
           max_nodes: int = 300) -> tuple[nx.MultiDiGraph, int]:
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


def _json_for_script(value: Any) -> str:
    """JSON that cannot end its ``<script>`` element or open markup (as Jinja's tojson)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("'", "\\u0027").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


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


def _page_data(network: nx.MultiDiGraph) -> tuple[dict, list[tuple[str, str, int]]]:
    """Nodes, edges and options for vis-network, assembled through pyvis."""
    from pyvis.edge import Edge
    from pyvis.network import Network

    style = _style()
    size = style["node_size"]
    pv = Network(directed=True, cdn_resources="in_line")

    counts: dict[str, int] = {}
    for n in sorted(network.nodes):
        d = network.nodes[n]
        t = _type_style(d.get("type", ""))
        counts[t["key"]] = counts.get(t["key"], 0) + 1
        degree = d.get("degree", network.degree(n))
        pv.add_node(
            n,
            label=d.get("label") or _local_name(n),
            shape="dot",
            color=t["color"],
            size=round(min(size["max"], size["min"] + size["per_sqrt_degree"] * math.sqrt(degree)), 2),
            title=_node_tooltip(d, network.degree(n)),
            kgType=t["key"],
            kgLinks=_links((d.get("quotations") or []) + (d.get("case_reports") or [])),
        )

    parallel: dict[tuple[str, str], int] = {}
    edges = sorted(network.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2])))
    for i, (u, v, k, d) in enumerate(edges):
        pair = (min(u, v), max(u, v))
        nth = parallel.get(pair, 0)
        parallel[pair] = nth + 1
        rel = style["relations"].get(d.get("relation", ""), {})
        ev = d.get("evidence") or []
        options: dict[str, Any] = dict(
            id=f"e{i}",
            label=d.get("label") or str(k),
            title=_edge_tooltip(network.nodes[u].get("label", u), network.nodes[v].get("label", v), d),
            color=rel.get("color", style["other_relation_color"]),
            width=round(1 + min(len(ev), 6) * 0.5, 2),
            arrows="to" if d.get("directed", True) else "",
            kgRelation=d.get("relation"),
            kgLinks=_links(ev),
        )
        if nth:  # bend parallel edges apart so their labels stay readable
            options["smooth"] = {"enabled": True, "type": "curvedCW" if nth % 2 else "curvedCCW",
                                 "roundness": round(0.15 * ((nth + 1) // 2), 2)}
        pv.edges.append(Edge(u, v, True, **options).options)

    options = {
        "autoResize": True,
        "layout": {"randomSeed": style["random_seed"], "improvedLayout": pv.num_nodes() <= 100},
        "physics": style["physics"],
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": pv.num_nodes() > 150,
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
    pv.options = options
    nodes, vis_edges, _, _, _, _ = pv.get_network_data()
    legend = [(t["key"], t["legend"], t["color"]) for t in style["types"] + [style["other_type"]]
              if counts.get(t["key"])]
    return {"nodes": nodes, "edges": vis_edges, "options": options}, [
        (legend_text, color, counts[key]) for key, legend_text, color in legend]


_CSS = """
html, body { margin: 0; height: 100%; font-family: system-ui, sans-serif; color: #222; }
body { display: flex; flex-direction: column; }
header { padding: 8px 16px; border-bottom: 1px solid #ddd; }
header h1 { font-size: 20px; margin: 0 0 2px 0; }
#kg-count { margin: 0; color: #555; font-size: 14px; }
#kg-main { flex: 1; display: flex; min-height: 0; }
#mynetwork { flex: 1; min-width: 0; position: relative; background: #fff; }
#kg-side { width: 320px; overflow-y: auto; border-left: 1px solid #ddd; padding: 8px 12px;
           font-size: 13px; box-sizing: border-box; }
#kg-side h2 { font-size: 14px; margin: 8px 0 4px 0; }
#kg-legend ul { list-style: none; padding: 0; margin: 0; }
#kg-legend li { margin: 2px 0; display: flex; align-items: center; gap: 6px; }
.kg-swatch { display: inline-block; width: 12px; height: 12px; border-radius: 50%;
             border: 1px solid rgba(0,0,0,.3); }
.kg-n { color: #777; }
#kg-search { width: 100%; box-sizing: border-box; padding: 4px; margin: 4px 0; }
#kg-details-text, .kg-tip { white-space: pre-wrap; overflow-wrap: anywhere; }
.kg-tip { max-width: 460px; font-size: 12px; line-height: 1.35; font-family: system-ui, sans-serif; }
#kg-details-links { padding-left: 18px; }
#kg-details-links a { overflow-wrap: anywhere; }
#kg-status { color: #777; font-size: 12px; }
"""

_SCRIPT = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  // Tooltips become text-only elements: nothing from an article is ever parsed as HTML.
  function textElement(text, className) {
    var el = document.createElement("div");
    el.className = className;
    el.textContent = text;
    return el;
  }
  var plain = {};
  data.nodes.concat(data.edges).forEach(function (item) {
    plain[item.id] = item;
    if (typeof item.title === "string") {
      item.kgText = item.title;
      item.title = textElement(item.title, "kg-tip");
    }
  });
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("mynetwork");
  var status = document.getElementById("kg-status");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, data.options);
  network.on("stabilizationProgress", function (p) {
    status.textContent = "laying out… " + Math.round(100 * p.iterations / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({physics: {enabled: false}});
    status.textContent = "";
  });

  var detailsText = document.getElementById("kg-details-text");
  var detailsLinks = document.getElementById("kg-details-links");
  function show(item) {
    while (detailsLinks.firstChild) { detailsLinks.removeChild(detailsLinks.firstChild); }
    detailsText.textContent = item ? item.kgText || "" : "Click an entity or a relation.";
    ((item && item.kgLinks) || []).forEach(function (link) {
      var li = document.createElement("li");
      var url = String(link[1]);
      if (/^https?:\/\//i.test(url)) {
        var a = document.createElement("a");
        a.textContent = link[0];
        a.setAttribute("href", url);
        a.setAttribute("target", "_blank");
        a.setAttribute("rel", "noopener noreferrer");
        li.appendChild(a);
      } else {
        li.textContent = link[0] + " — " + url;
      }
      detailsLinks.appendChild(li);
    });
  }
  network.on("click", function (p) {
    if (p.nodes.length) { show(plain[p.nodes[0]]); }
    else if (p.edges.length) { show(plain[p.edges[0]]); }
    else { show(null); }
  });

  var search = document.getElementById("kg-search");
  search.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") { return; }
    var q = search.value.trim().toLowerCase();
    if (!q) { return; }
    var hit = null;
    data.nodes.forEach(function (n) {
      var names = (n.kgText || "").toLowerCase();
      if (hit === null && String(n.label).toLowerCase() === q) { hit = n; }
      if (hit === null && names.indexOf(q) >= 0) { hit = n; }
    });
    if (hit === null) { status.textContent = "not on this page: " + search.value; return; }
    status.textContent = "";
    network.selectNodes([hit.id]);
    network.focus(hit.id, {scale: 1.2, animation: true});
    show(plain[hit.id]);
  });
})();
"""


def _page(network: nx.MultiDiGraph, title: str, omitted: int) -> str:
    js, css, vis_version = _vis_lib()
    payload, legend = _page_data(network)
    esc = html.escape
    legend_html = "\n".join(
        f'<li><span class="kg-swatch" style="background:{esc(color)}"></span>'
        f'<span class="kg-type">{esc(text)}</span> <span class="kg-n">({n:,})</span></li>'
        for text, color, n in legend) or "<li>(no entities)</li>"
    return f"""<!DOCTYPE html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="newskg viewer; pyvis, vis-network {esc(vis_version)} inlined">
<title>{esc(title)}</title>
<style>
{css}
</style>
<style>{_CSS}</style>
<script>
{js}
</script>
</head>
<body>
<header>
<h1>{esc(title)}</h1>
<p id="kg-count">{esc(_count_line(network, omitted))}</p>
</header>
<div id="kg-main">
<div id="mynetwork"></div>
<aside id="kg-side">
<section id="kg-legend">
<h2>Legend</h2>
<ul>
{legend_html}
</ul>
<p class="kg-n">Size: number of relations. Arrows point from subject to object.</p>
</section>
<section>
<input id="kg-search" type="search" placeholder="find an entity on this page (Enter)">
<div id="kg-status"></div>
</section>
<section id="kg-details">
<h2>Details</h2>
<div id="kg-details-text">Click an entity or a relation.</div>
<ul id="kg-details-links"></ul>
</section>
</aside>
</div>
<script id="kg-data" type="application/json">{_json_for_script(payload)}</script>
<script>{_SCRIPT}</script>
</body>
</html>
"""


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = (path.stat().st_mode & 0o777) if path.exists() else 0o644
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def render_html(network: nx.MultiDiGraph, path: str | os.PathLike, *, title: str = "newskg",
                omitted: int = 0) -> Path:
    """Write ``network`` as one self-contained HTML page at ``path`` (atomically)."""
    path = Path(path)
    _write_atomic(path, _page(network, title, omitted))
    return path


def write_viewer(graph: Graph, path: str | os.PathLike, *, focus: str | None = None,
                 depth: int = 2, max_nodes: int = 300) -> Path:
    """``entity_network`` → ``select`` → ``render_html``: the viewer page for ``graph``."""
    network = entity_network(graph)
    shown, omitted = select(network, focus=focus, depth=depth, max_nodes=max_nodes)
    title = "newskg" if focus is None else f"newskg: {focus}"
    return render_html(shown, path, title=title, omitted=omitted)
