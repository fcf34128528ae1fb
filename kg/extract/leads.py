"""Leadership: a title that heads its body (组长, 主席, 总统 of a country, 董事长 …)
held by a named person; a former head (前总统, 时任首相) leads no more."""
from __future__ import annotations

from .. import english
from ..model import AnalysedArticle, Fact, FactKind, Matching
from ..rdf import ArticleGraph, add_membership
from ..vocab import NKG
from .office import POST_PROPERTIES, post_facts


def extract(doc: AnalysedArticle) -> list[Fact]:
    return post_facts(doc, "leads", lambda post: post.heads() and not post.former)


def write_leads(graph: ArticleGraph, fact: Fact) -> None:
    person, org, _ = add_membership(graph, fact)
    graph.add(person, NKG.leads, org)


def _match_leads(gold: dict, args: dict, m: Matching) -> bool:
    """The person and the body: a head's title is not scored."""
    return m.party(gold["person"], args["person"], loose=False) and m.party(gold["organization"], args["organization"])


KIND = FactKind("leads", "a person heads a body or polity", write_leads, _match_leads,
                {"zh": extract, "en": english.find_offices}, node_class="org:Membership",
                properties=("leads", *POST_PROPERTIES), edges=("leads",))
