"""Cited sources: 据…消息, 根据…报道, 据…介绍, 援引…, 引述…, 综合…报导, and media
that report (路透社近日报导) name what the article is based on."""
from __future__ import annotations

import re
from functools import cache

from .. import english, lexicon
from ..language_data import zh
from ..model import AnalysedArticle, EntityRef, Fact, FactKind, Matching
from ..rdf import ArticleGraph
from ..vocab import SCHEMA
from .clauses import inside_brackets, report_end, when_pattern
from ..resolve import label_lang
from .common import AGENT_TYPES, ORG_TYPES, apposition_head, ref_of

_QUOTED = re.compile(r"^[“「\"]([^”」\"]{2,20})[”」\"]")


def extract(doc: AnalysedArticle) -> list[Fact]:
    pattern, media_verbs = _citation(), _media_verbs()
    lang = label_lang(doc)
    facts: list[Fact] = []

    def cite(source: EntityRef, sentence, confidence: float) -> None:
        if not any(f.sentence is sentence and f.args["source"] == source for f in facts):
            facts.append(Fact("source", {"source": source}, sentence, confidence))

    for sentence in doc.sentences:
        for match in pattern.finditer(sentence.norm):
            start = sentence.start + match.start(1)
            end = sentence.start + match.end(1)
            if any(doc.norm.startswith(words, end) for words in zh("sources")["not_a_source_after"]):
                continue
            if sentence.norm.startswith(tuple(zh("sources")["quoting_verbs"]), match.start()) \
                    and _cited_by_medium(doc, sentence, sentence.start + match.start()):
                continue  # 《新消息报》援引以色列内政部长办公室的声明: the paper's source, not the article's
            named = _named(doc, sentence, start, end)
            if match.group(2) is None and (end - start > 12 or sum(m.end - m.start for m in named) < 0.6 * (end - start)):
                continue
            quoted = _QUOTED.match(match.group(1))
            for mention in named:
                cite(ref_of(doc, mention), sentence, 0.8)
            if not named and quoted:
                name = quoted.group(1)
                cite(EntityRef("NewsMedia", name, sentence.text[match.start(1) + 1: match.start(1) + 1 + len(name)], lang), sentence, 0.8)
        for mention in doc.mentions_in(sentence):
            if mention.type in ORG_TYPES and report_end(doc, mention) is not None:
                cite(ref_of(doc, mention), sentence, 0.75)
            elif mention.type in ORG_TYPES and doc.norm.startswith(tuple(zh("sources")["data_verbs"]), mention.end):
                cite(ref_of(doc, mention), sentence, 0.7)  # 中国卫健委统计, 上海政府的数据显示
            elif mention.type in ORG_TYPES and media_verbs.match(doc.norm[mention.end:mention.end + 16]):
                verb = media_verbs.match(doc.norm[mention.end:mention.end + 16]).group()
                if mention.type == "NewsMedia" or verb.endswith(zh("sources")["quoting_verbs"]):
                    cite(ref_of(doc, mention), sentence, 0.75)
    return facts


def _cited_by_medium(doc: AnalysedArticle, sentence, cue: int) -> bool:
    """Whether a quotation follows a body that makes it (《新消息报》援引…): the body
    is the article's source, the words it quotes are its own (德国之声根据上海市卫健委…
    is no quotation: the figures are the commission's)."""
    return any(m.type in ORG_TYPES and doc.norm[m.end:cue].strip(zh("sources")["around_names"]) == ""
               for m in doc.mentions_in(sentence) if m.end <= cue)


def _named(doc: AnalysedArticle, sentence, start: int, end: int):
    """The bodies and people a citation names: each listed one (路透社和法新社), a
    person for the title chain introducing them, never a possessor (X的产品负责人…)."""
    inside = [m for m in doc.mentions_in(sentence) if start <= m.start and m.end <= end and m.type in AGENT_TYPES
              and not inside_brackets(doc.norm, m.start, end + 1)]
    named = []
    for i, mention in enumerate(inside):
        if doc.norm[mention.end:mention.end + 3].startswith(zh("sources")["before_possessed"]) and i + 1 < len(inside):
            continue
        head = apposition_head(doc, mention)
        head = head if head.end <= end else mention
        if head not in named:
            named.append(head)
    return [m for m in named if not any(o is not m and o.start <= m.start and m.end <= o.end for o in named)]


@cache
def _citation() -> re.Pattern:
    """据/根据/援引 …, the words cited (group 1), and what ends them (group 2: 消息,
    报道 …) or a comma."""
    cues = lexicon.cues()
    ends = "|".join(sorted(cues["source_end"], key=len, reverse=True))
    return re.compile("(?:" + "|".join(cues["source"]) + ")(?!" + "|".join(zh("sources")["not_after_source"])
                      + ")([^，。；,]{1,30}?)(?:" + zh("grammar")["possessive"] + ")?(?:(" + ends + ")|(?=[，,]))")


@cache
def _media_verbs() -> re.Pattern:
    """A body's name followed by a reporting verb (路透社近日报导, 《新消息报》援引), times
    and glosses between."""
    return re.compile("^》?(?:" + when_pattern() + "|[（(][^）)]*[）)]|[A-Za-z ]+)*(?:" + "|".join(zh("sources")["media_verbs"]) + ")")


def write_source(graph: ArticleGraph, fact: Fact) -> None:
    graph.add(graph.iri, SCHEMA.isBasedOn, graph.entity(fact.args["source"]))


def _match_source(gold: dict, args: dict, m: Matching) -> bool:
    return m.party(gold["source"], args["source"])


KIND = FactKind("source", "a medium or body the article cites", write_source, _match_source,
                {"zh": extract, "en": english.find_sources})
