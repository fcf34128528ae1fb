"""Queries: SPARQL strings, ``.rq`` files and the named queries shipped in
``kg/queries``, and the formats results are written in (:data:`RESULT_FORMATS`, shared
by ``kg query --format`` and the content negotiation of ``kg serve``)."""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from . import sparql
from .export import canonical_tags
from .formats import Format
from .store import GraphStore
from .vocab import PREFIXES


@dataclass(frozen=True)
class ResultFormat(Format):
    """A format of query results, for ``kind`` "results" (SELECT and ASK) or "graph"
    (CONSTRUCT and DESCRIBE), written by Oxigraph in ``serialisation`` (the table by
    :func:`table`). ``names`` are more names the endpoint's ``format`` parameter takes,
    ``aliases`` media types a client may ask for it by; a format not ``served`` is the
    command line's alone."""

    kind: str = "results"
    serialisation: ox.QueryResultsFormat | ox.RdfFormat | None = None
    names: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    served: bool = True

    def write(self, result) -> bytes:
        """``result`` in this format; language tags in their BCP 47 case."""
        if self.serialisation is None:
            return table(result).encode("utf-8")
        buffer = io.BytesIO()
        if self.kind == "graph":
            prefixed = {"prefixes": PREFIXES} if self.serialisation == ox.RdfFormat.TURTLE else {}
            ox.serialize(result, buffer, self.serialisation, **prefixed)
        else:
            result.serialize(buffer, self.serialisation)
        return canonical_tags(buffer.getvalue())


RESULT_FORMATS = {f.name: f for f in (
    ResultFormat("table", "text/plain", "txt", "aligned columns, for reading in a terminal", served=False),
    ResultFormat("json", "application/sparql-results+json", "srj", "SPARQL 1.1 Query Results JSON",
                 serialisation=ox.QueryResultsFormat.JSON, aliases=("application/json",)),
    ResultFormat("xml", "application/sparql-results+xml", "srx", "SPARQL Query Results XML",
                 serialisation=ox.QueryResultsFormat.XML, aliases=("application/xml", "text/xml")),
    ResultFormat("csv", "text/csv", "csv", "SPARQL 1.1 Query Results CSV", serialisation=ox.QueryResultsFormat.CSV),
    ResultFormat("tsv", "text/tab-separated-values", "tsv", "SPARQL 1.1 Query Results TSV",
                 serialisation=ox.QueryResultsFormat.TSV),
    ResultFormat("turtle", "text/turtle", "ttl", "Turtle, with the project's prefixes", kind="graph",
                 serialisation=ox.RdfFormat.TURTLE, names=("ttl",), aliases=("application/x-turtle",)),
    ResultFormat("jsonld", "application/ld+json", "jsonld", "JSON-LD", kind="graph", serialisation=ox.RdfFormat.JSON_LD,
                 names=("json", "json-ld"), aliases=("application/json",)),
    ResultFormat("nt", "application/n-triples", "nt", "N-Triples", kind="graph", serialisation=ox.RdfFormat.N_TRIPLES,
                 names=("ntriples", "n-triples"), aliases=("text/plain",)),
    ResultFormat("rdfxml", "application/rdf+xml", "rdf", "RDF/XML", kind="graph", serialisation=ox.RdfFormat.RDF_XML,
                 names=("xml", "rdf-xml"), aliases=("application/xml", "text/xml")),
)}
"""Result formats by name, each kind's default first: SELECT and ASK in ``json``,
CONSTRUCT and DESCRIBE in ``turtle`` (``kg query`` writes ``table`` unless told)."""


def result_formats(kind: str, *, served: bool = False) -> list[ResultFormat]:
    """The formats of one kind of result, in order; with ``served``, those an HTTP
    client may ask for."""
    return [f for f in RESULT_FORMATS.values() if f.kind == kind and (f.served or not served)]


_PARAM = re.compile(r"^#\s*param\s+(\w+):\s*(.*)$", re.M)


class QueryError(ValueError):
    """A query that cannot be run as given."""


@dataclass
class NamedQuery:
    name: str
    description: str
    params: dict[str, str]
    text: str


def named_queries() -> dict[str, NamedQuery]:
    found = {}
    for item in sorted(resources.files("kg").joinpath("queries").iterdir(), key=lambda p: p.name):
        if not item.name.endswith(".rq"):
            continue
        text = item.read_text(encoding="utf-8")
        first = text.splitlines()[0].lstrip("# ").strip() if text else ""
        name = item.name[:-3]
        found[name] = NamedQuery(name, first, dict(_PARAM.findall(text)), text)
    return found


PAGING = ("limit", "offset")
"""The parameters of a named query that page its rows: ``limit`` rows at most, after
skipping ``offset``; each states its default in its description, as ``(default N)``."""

_DEFAULT = re.compile(r"\(default (\d+)\)")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
"""The datatype a parameter described as ``YYYY-MM-DD`` is bound with, when its value is
one: the query can then look the day up as a term (``?m nkg:attestedOn $day``)."""


def page(named: NamedQuery, params: dict[str, str]) -> dict[str, int]:
    """The paging parameters of ``named`` as numbers: those given, else their defaults."""
    found = {}
    for name in PAGING:
        if name not in named.params:
            continue
        given = params.get(name)
        if given is None:
            default = _DEFAULT.search(named.params[name])
            given = default.group(1) if default else "0"
        if not given.strip().isdigit():
            raise QueryError(f"--param {name}={given}: give a whole number of rows (0 or more)")
        found[name] = int(given.strip())
    return found


def resolve_query(query: str, params: dict[str, str] | None = None) -> str:
    """The SPARQL text of a named query, an ``.rq`` file, or the string itself, with
    ``$name`` parameters bound to string literals in one pass (a named query's
    parameters not given are empty strings); a value is only ever data, whatever
    it holds."""
    params = params or {}
    named = named_queries()
    if query in named:
        text = named[query].text
        required = [p for p, d in named[query].params.items() if "required" in d]
        missing = [p for p in required if p not in params]
        if missing:
            raise QueryError(f"query {query!r} needs --param {missing[0]}=VALUE")
        unknown = sorted(set(params) - set(named[query].params))
        if unknown:
            raise QueryError(f"query {query!r} has no parameter {unknown[0]!r} (it takes: {', '.join(named[query].params) or 'none'})")
        values: dict[str, str | int] = {name: params.get(name, "") for name in named[query].params}
        values.update(page(named[query], params))
        values.update({name: sparql.Typed(values[name], XSD_DATE) for name, description in named[query].params.items()
                       if "YYYY-MM-DD" in description and _DAY.fullmatch(values[name])})
        return sparql.bind(text, values)
    if query.endswith(".rq") or (len(query) < 255 and Path(query).suffix == ".rq"):
        path = Path(query)
        if not path.is_file():
            raise QueryError(f"{query}: no such query file")
        text = path.read_text(encoding="utf-8")
    else:
        text = query
    if not re.search(r"\b(select|construct|describe|ask)\b", text, re.I):
        raise QueryError(f"{query!r} is neither a SPARQL query, an .rq file nor a named query (see `kg query --list`)")
    placeholders = {token[1:] for kind, token in sparql.tokens(text) if kind == "variable" and token[0] == "$"}
    unknown = sorted(set(params) - placeholders)
    if unknown:
        raise QueryError(f"--param {unknown[0]}: the query has no ${unknown[0]}")
    return sparql.bind(text, params)


def run(store: GraphStore, text: str):
    try:
        sparql.check(text, allow_service=True)
        return store.query(text)
    except sparql.QueryRefused as error:
        raise QueryError(str(error)) from error
    except SyntaxError as error:
        raise QueryError(f"SPARQL syntax error: {error}") from error
    except OSError as error:
        raise QueryError(f"query failed: {error}") from error


def _short(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, iri in PREFIXES.items():
            if term.value.startswith(iri):
                return f"{prefix}:{term.value[len(iri):]}"
        return term.value
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def render(result, fmt: str = "table") -> str:
    """Results as text: SELECT in any format of kind "results", ASK as true/false (or
    SPARQL JSON), CONSTRUCT and DESCRIBE as Turtle (or JSON-LD for ``json``)."""
    if isinstance(result, ox.QueryBoolean):
        if fmt == "json":
            return '{"head":{},"boolean":%s}\n' % ("true" if bool(result) else "false")
        return ("true" if bool(result) else "false") + "\n"
    if isinstance(result, ox.QueryTriples):
        return RESULT_FORMATS["jsonld" if fmt == "json" else "turtle"].write(result).decode("utf-8")
    chosen = RESULT_FORMATS.get(fmt)
    if chosen is None or chosen.kind != "results":
        raise QueryError(f"unknown format {fmt!r}: use {', '.join(f.name for f in result_formats('results'))}")
    return chosen.write(result).decode("utf-8")


def table(result) -> str:
    names = [v.value for v in result.variables]
    rows = [[_short(solution[name]) for name in names] for solution in result]
    widths = [min(max([_width(n)] + [_width(r[i]) for r in rows]), 60) for i, n in enumerate(names)]
    lines = [" | ".join(_pad(n, w) for n, w in zip(names, widths)), "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(_pad(_clip(c, w), w) for c, w in zip(row, widths)) for row in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _clip(text: str, width: int) -> str:
    text = text.replace("\n", " ")
    if _width(text) <= width:
        return text
    out = ""
    for ch in text:
        if _width(out + ch) > width - 1:
            break
        out += ch
    return out + "…"


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def chart(result, width: int = 40) -> str:
    """A terminal bar chart of a result with ``date`` and ``value`` columns (the
    ``cases`` query): one block of bars per series (place and category), by date."""
    names = [v.value for v in result.variables]
    if "value" not in names:
        raise QueryError("--chart needs a query with a ?value column (and ?date), such as `cases`")
    series: dict[str, list[tuple[str, int]]] = {}
    for solution in result:
        label = " · ".join(_short(solution[n]) for n in ("placeLabel", "category") if n in names and solution[n] is not None)
        value = solution["value"]
        if value is None:
            continue
        day = _short(solution["date"]) if "date" in names and solution["date"] is not None else "?"
        series.setdefault(label or "values", []).append((day, int(float(value.value))))
    if not series:
        return "(no rows)\n"
    top = max(v for points in series.values() for _, v in points) or 1
    lines = []
    for label, points in sorted(series.items()):
        lines.append(label)
        for day, value in sorted(points):
            bar = "█" * max(1, round(width * value / top)) if value else ""
            lines.append(f"  {day:10} {bar} {value:,}")
    return "\n".join(lines) + "\n"
