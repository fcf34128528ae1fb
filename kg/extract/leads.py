"""Leadership: a title that heads its body (组长, 主席, 总统 of a country, 董事长 …)
held by a named person."""
from __future__ import annotations

from ..model import AnalysedArticle, Fact
from .office import post_facts


def extract(doc: AnalysedArticle) -> list[Fact]:
    return post_facts(doc, "leads", lambda post: post.heads())
