"""Cited sources: 据…消息, 根据…报道, 据…介绍, 援引…, 引述…, 综合…报导, and media
that report (路透社近日报导) name what the article is based on."""
from __future__ import annotations

import re

from .. import lexicon
from ..model import AnalysedArticle, EntityRef, Fact
from .clauses import WHEN, inside_brackets
from ..resolve import label_lang
from .common import AGENT_TYPES, ORG_TYPES, apposition_head, ref_of

_QUOTED = re.compile(r"^[“「\"]([^”」\"]{2,20})[”」\"]")


def extract(doc: AnalysedArticle) -> list[Fact]:
    cues = lexicon.cues()
    ends = "|".join(sorted(cues["source_end"], key=len, reverse=True))
    pattern = re.compile("(?:" + "|".join(cues["source"]) + ")(?!报|悉|称|了解|信)([^，。；,]{1,30}?)(?:的)?(?:(" + ends + ")|(?=[，,]))")
    media_verbs = re.compile("^(?:" + WHEN + "|[（(][^）)]*[）)]|[A-Za-z ]+)*(?:" + "|".join(_MEDIA_VERBS) + ")")
    lang = label_lang(doc)
    facts: list[Fact] = []

    def cite(source: EntityRef, sentence, confidence: float) -> None:
        if not any(f.sentence is sentence and f.args["source"] == source for f in facts):
            facts.append(Fact("source", {"source": source}, sentence, confidence))

    for sentence in doc.sentences:
        for match in pattern.finditer(sentence.norm):
            start = sentence.start + match.start(1)
            end = sentence.start + match.end(1)
            if doc.norm[end:end + 2] == "的话" or doc.norm[end:end + 3] == "的话说":
                continue
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
            if mention.type in ORG_TYPES and media_verbs.match(doc.norm[mention.end:mention.end + 16]):
                verb = media_verbs.match(doc.norm[mention.end:mention.end + 16]).group()
                if mention.type == "NewsMedia" or verb.endswith(("援引", "引述")):
                    cite(ref_of(doc, mention), sentence, 0.75)
    return facts


def _named(doc: AnalysedArticle, sentence, start: int, end: int):
    """The bodies and people a citation names: each listed one (路透社和法新社), a
    person for the title chain introducing them, never a possessor (X的产品负责人…)."""
    inside = [m for m in doc.mentions_in(sentence) if start <= m.start and m.end <= end and m.type in AGENT_TYPES
              and not inside_brackets(doc.norm, m.start, end + 1)]
    named = []
    for i, mention in enumerate(inside):
        if doc.norm[mention.end:mention.end + 3].startswith(("的", "媒体", "官媒", "旗下")) and i + 1 < len(inside):
            continue
        head = apposition_head(doc, mention)
        head = head if head.end <= end else mention
        if head not in named:
            named.append(head)
    return [m for m in named if not any(o is not m and o.start <= m.start and m.end <= o.end for o in named)]


_MEDIA_VERBS = ("报道", "报导", "援引", "引述", "报称", "消息", "称", "指出", "获得", "取得", "披露", "分析")
