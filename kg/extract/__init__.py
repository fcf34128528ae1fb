"""Extractors, one per fact kind, each a pure function from an analysed article to
facts. ``EXTRACTORS`` lists them by name; the build runs them in this order."""
from __future__ import annotations

from ..model import AnalysedArticle, Fact
from . import cases, dispatch, leads, meetings, office, sources, statements, visits

EXTRACTORS = {
    "office": office.extract,
    "leads": leads.extract,
    "dispatch": dispatch.extract,
    "visit": visits.extract,
    "meeting": meetings.extract,
    "statement": statements.extract,
    "cases": cases.extract,
    "source": sources.extract,
}


def extract_all(doc: AnalysedArticle, names: list[str] | None = None) -> list[Fact]:
    if doc.language == "en":
        from ..english import extract_en

        return extract_en(doc)
    facts: list[Fact] = []
    for name in names or EXTRACTORS:
        facts.extend(EXTRACTORS[name](doc))
    return facts
