"""Cited sources: 据…消息, 根据…报道, 援引…, 引述… name what the article is based on."""
from __future__ import annotations

import re

from .. import lexicon
from ..model import AnalysedArticle, EntityRef, Fact
from .common import ORG_TYPES, ref_of

_QUOTED = re.compile(r"^[“「\"]([^”」\"]{2,20})[”」\"]")


def extract(doc: AnalysedArticle) -> list[Fact]:
    cues = lexicon.cues()
    pattern = re.compile(
        "(?:" + "|".join(cues["source"]) + ")([^，。；,]{1,30}?)(?:的)?(?:" + "|".join(cues["source_end"]) + ")"
    )
    lang = "zh-Hant" if doc.language == "zh-Hant" else "zh-Hans"
    facts: list[Fact] = []
    for sentence in doc.sentences:
        for match in pattern.finditer(sentence.norm):
            start = sentence.start + match.start(1)
            end = sentence.start + match.end(1)
            source = None
            quoted = _QUOTED.match(match.group(1))
            inside = [m for m in doc.mentions_in(sentence) if start <= m.start and m.end <= end and m.type in ORG_TYPES]
            if inside:
                source = ref_of(doc, inside[0])
            elif quoted:
                name = quoted.group(1)
                source = EntityRef("NewsMedia", name, sentence.text[match.start(1) + 1: match.start(1) + 1 + len(name)], lang)
            if source is not None:
                facts.append(Fact("source", {"source": source}, sentence, 0.8))
        for mention in doc.mentions_in(sentence):
            after = doc.norm[mention.end:mention.end + 4]
            if mention.type == "NewsMedia" and after.startswith(_MEDIA_VERBS):
                if not any(f.sentence is sentence and f.args["source"] == ref_of(doc, mention) for f in facts):
                    facts.append(Fact("source", {"source": ref_of(doc, mention)}, sentence, 0.75))
    return facts


_MEDIA_VERBS = ("报道", "报导", "援引", "引述", "报称", "消息", "称", "指出", "获得", "取得", "披露", "分析")
