"""Leadership: a title that heads its body (组长, 主席, 总统 of a country, 董事长 …)
held by a named person."""
from __future__ import annotations

from .. import lexicon
from ..model import AnalysedArticle, Fact
from .common import PLACE_TYPES
from .office import post_facts


def extract(doc: AnalysedArticle) -> list[Fact]:
    titles = lexicon.titles()
    return post_facts(doc, "leads", lambda org, title: titles[title].heads(polity=org.kind in PLACE_TYPES))
