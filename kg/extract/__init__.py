"""Extractors, one per fact kind, each a pure function from an analysed article to
facts. ``EXTRACTORS`` lists them by name; the build runs them in this order."""
from __future__ import annotations

from .. import english
from ..model import AnalysedArticle, Fact
from . import appointments, cases, dispatch, leads, meetings, office, sources, statements, visits

EXTRACTORS = {
    "office": office.extract,
    "leads": leads.extract,
    "dispatch": dispatch.extract,
    "visit": visits.extract,
    "meeting": meetings.extract,
    "statement": statements.extract,
    "cases": cases.extract,
    "source": sources.extract,
    "appointment": appointments.extract,
}


def extract_all(doc: AnalysedArticle, names: list[str] | None = None) -> list[Fact]:
    if doc.language == "en":
        return english.extract_en(doc)
    facts: list[Fact] = []
    for name in names or EXTRACTORS:
        facts.extend(EXTRACTORS[name](doc))
    return _posts_left(facts)


def _posts_left(facts: list[Fact]) -> list[Fact]:
    """A post the article reports being left (入境事务处处长李志明宣布辞职) is held no
    more: its office is a former one, and it leads nothing."""
    left = {_post_key(f) for f in facts if f.kind == "departure"}
    if not left:
        return facts
    kept = []
    for fact in facts:
        if fact.kind in ("office", "leads") and _post_key(fact) in left:
            if fact.kind == "leads":
                continue
            fact = Fact(fact.kind, dict(fact.args, former=True), fact.sentence, fact.confidence)
        kept.append(fact)
    return kept


def _post_key(fact: Fact) -> tuple:
    return fact.args["person"].name, fact.args["organization"].name, fact.args["role"]
