"""Queries: SPARQL strings, ``.rq`` files and the named queries shipped in
``kg/queries``, with results as a table, CSV, TSV or SPARQL 1.1 JSON."""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from . import sparql
from .export import canonical_tags
from .store import GraphStore
from .vocab import PREFIXES

RESULT_FORMATS = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
}
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
        return sparql.bind(text, {name: params.get(name, "") for name in named[query].params})
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
    """Results as text: SELECT in any format, ASK as true/false, CONSTRUCT and
    DESCRIBE as Turtle."""
    if isinstance(result, ox.QueryBoolean):
        if fmt == "json":
            return '{"head":{},"boolean":%s}\n' % ("true" if bool(result) else "false")
        return ("true" if bool(result) else "false") + "\n"
    if isinstance(result, ox.QueryTriples):
        buffer = io.BytesIO()
        rdf_format = ox.RdfFormat.JSON_LD if fmt == "json" else ox.RdfFormat.TURTLE
        ox.serialize(result, buffer, rdf_format, **({"prefixes": PREFIXES} if rdf_format == ox.RdfFormat.TURTLE else {}))
        return canonical_tags(buffer.getvalue()).decode("utf-8")
    if fmt in RESULT_FORMATS:
        buffer = io.BytesIO()
        result.serialize(buffer, RESULT_FORMATS[fmt])
        return canonical_tags(buffer.getvalue()).decode("utf-8")
    if fmt != "table":
        raise QueryError(f"unknown format {fmt!r}: use table, csv, tsv or json")
    return table(result)


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
