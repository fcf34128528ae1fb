"""Leadership: a title that heads its body (组长, 主席, 总统 of a country, 董事长 …)
held by a named person; a former head (前总统, 时任首相) leads no more."""
from __future__ import annotations

from ..model import AnalysedArticle, Fact
from .office import post_facts


def extract(doc: AnalysedArticle) -> list[Fact]:
    return post_facts(doc, "leads", lambda post: post.heads() and not post.former)
