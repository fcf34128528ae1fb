"""Counts over a built graph: articles, entities by type, facts by kind, triples."""
from __future__ import annotations

from .store import GraphStore

_COUNTS = {
    "articles": "?x a schema:NewsArticle",
    "persons": "?x a schema:Person",
    "organisations": "{ ?x a schema:Organization } UNION { ?x a schema:GovernmentOrganization } UNION { ?x a nkg:WorkingGroup } UNION { ?x a schema:NewsMediaOrganization }",
    "places": "{ ?x a schema:AdministrativeArea } UNION { ?x a schema:Country } UNION { ?x a schema:Place }",
    "offices (memberships)": "?x a org:Membership",
    "leads": "?x nkg:leads ?y",
    "dispatches": "?x a nkg:Dispatch",
    "visits": "?x a nkg:Visit",
    "meetings": "?x a nkg:Meeting",
    "statements": "?x a schema:Quotation",
    "case reports": "?x a nkg:CaseReport",
    "cited sources": "?y schema:isBasedOn ?x",
    "translations": "?x schema:translationOfWork ?y",
}


def graph_stats(store: GraphStore) -> dict[str, int]:
    figures = {}
    for name, pattern in _COUNTS.items():
        result = store.query(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }}")
        figures[name] = int(next(iter(result))["n"].value)
    figures["named graphs"] = len(store.graphs())
    figures["quads"] = len(store)
    return figures
