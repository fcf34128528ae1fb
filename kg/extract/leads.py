"""Leadership: a title that heads its body (组长, 主席, 总统 of a country, 董事长 …)
held by a named person."""
from __future__ import annotations

from .. import lexicon
from ..model import AnalysedArticle, Fact
from .common import PLACE_TYPES, ref_of, sentence_date
from .office import appositions


def extract(doc: AnalysedArticle) -> list[Fact]:
    titles = lexicon.titles()
    facts = []
    for person, posts, sentence in appositions(doc):
        for org, title in posts:
            if org is None or not titles[title].heads(polity=org.kind in PLACE_TYPES):
                continue
            facts.append(
                Fact(
                    "leads",
                    {"person": ref_of(doc, person), "organization": ref_of(doc, org.mention), "role": title,
                     "date": sentence_date(doc, sentence) or doc.day},
                    sentence,
                    0.85,
                )
            )
    return facts
