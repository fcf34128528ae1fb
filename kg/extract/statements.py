"""Statements: a speaker 表示/指出/强调/说/称 something, with or without quotation
marks; 他/她 refers to the last person named before."""
from __future__ import annotations

import re

from .. import lexicon
from ..model import AnalysedArticle, Fact
from .common import AGENT_TYPES, apposition_start, find_all, last_person_before, ref_of, sentence_date

_WHEN = r"(\d{1,2}月)?\d{1,2}日|今天|今日|昨天|昨日|当天|当日|日前|近日|本周|上周|周[一二三四五六日]|星期[一二三四五六日天]|稍早|早前|此前|随后|其后|最新|首次|再度|再次|本月|上月|(\d{1,2}月)?\d{1,2}日(晚|早|上午|下午|晚间)?"
_ADVERB = r"还|也|又|亦|则|更|曾|已|同时|进一步|明确|特别|公开|会上|再次|重申|坦言|直言"
_BETWEEN = re.compile(r"^(" + _WHEN + r")?((" + _ADVERB + r")|在[^，。]{0,16}?(中|上|时|后)|(发表|发布)(声明|讲话|文章|谈话)(时|后)?，?|(在[^，。]{0,12})?(发文|发帖|撰文)，?)*$")
_BRACKETED = re.compile(r"[（(][^）)]*[）)]")


def _inside_brackets(text: str, start: int, limit: int) -> bool:
    """Whether ``start`` lies in a bracket that closes before ``limit``."""
    opened = max(text.rfind("（", 0, start), text.rfind("(", 0, start))
    if opened == -1 or max(text.rfind("）", opened, start), text.rfind(")", opened, start)) != -1:
        return False
    closing = min((p for p in (text.find("）", start), text.find(")", start)) if p != -1), default=-1)
    return closing != -1 and closing < limit


_WHILE = re.compile(r"^[^，。；：“”]{1,14}(时|上|中|后)$")
_OPENERS = ("，", ",", "：", ":", "“", "「", '"')
_QUOTE = re.compile(r"[“「『\"]([^”」』\"]{2,})[”」』\"]")


def extract(doc: AnalysedArticle) -> list[Fact]:
    cues = lexicon.cues()["speech"]
    pronouns = tuple(lexicon.cues()["person_pronouns"])
    strict = set(lexicon.cues()["speech_needs_punctuation"])
    facts: list[Fact] = []
    for sentence in doc.sentences:
        mentions = [m for m in doc.mentions_in(sentence) if m.type in AGENT_TYPES]
        taken: set[int] = set()
        for cue in cues:
            for local in find_all(cue, sentence.norm):
                if any(i in taken for i in range(local, local + len(cue))):
                    continue
                offset = sentence.start + local
                if cue in strict and sentence.norm[local + len(cue): local + len(cue) + 1] not in _OPENERS:
                    continue
                speaker = _speaker(doc, sentence, mentions, offset, pronouns)
                if speaker is None:
                    continue
                taken.update(range(local, local + len(cue)))
                text = _said(sentence.text[local + len(cue):])
                if len(text) < 4:
                    text = _quoted_before(sentence.text[:local])
                if len(text) < 4:
                    continue
                facts.append(Fact("statement", {"speaker": speaker, "text": text,
                                                "date": sentence_date(doc, sentence) or doc.day}, sentence, 0.75))
        if not taken and facts and _WHOLE_QUOTE.match(sentence.norm) and _follows(doc, facts[-1].sentence, sentence):
            facts.append(Fact("statement", {"speaker": facts[-1].args["speaker"], "text": sentence.text.strip("“”「」\" 。"),
                                            "date": sentence_date(doc, sentence) or doc.day}, sentence, 0.6))
    return facts


_WHOLE_QUOTE = re.compile(r"^[“「][^”」]{4,}[”」]?[。！？]?[”」]?$")


def _follows(doc: AnalysedArticle, previous, sentence) -> bool:
    """A quotation standing alone continues the statement just before it: in the
    same paragraph or the next one, with no other sentence between."""
    return sentence.index == previous.index + 1 and sentence.paragraph - previous.paragraph <= 1


def _speaker(doc, sentence, mentions, offset, pronouns):
    objects = tuple(lexicon.cues()["object_markers"])
    for mention in reversed(mentions):
        if mention.end > offset or _inside_brackets(doc.norm, mention.start, offset):
            continue
        between = _BRACKETED.sub("", doc.norm[mention.end:offset]).strip()
        chain = apposition_start(doc, mention)
        if doc.norm[max(sentence.start, chain - 3):chain].endswith(objects):
            continue
        if _BETWEEN.match(between) or _WHILE.match(between):
            return ref_of(doc, mention)
        break
    head = _LEADING_QUOTE.sub("", doc.norm[sentence.start:offset]).strip()
    for pronoun in pronouns:
        if not head.startswith(pronoun):
            continue
        rest = _OBJECT_PHRASE.sub("", head[len(pronoun):]).strip()
        if head.endswith(pronoun) or _BETWEEN.match(rest) or _WHILE.match(rest) or rest in _ALSO:
            person = last_person_before(doc, sentence.start)
            return ref_of(doc, person) if person else None
    return None


_ALSO = ("补充", "随后", "接着", "又", "再", "还", "也", "则", "同时", "进一步")
_OBJECT_PHRASE = re.compile(r"^(对|向|跟|告诉)[^，。]{1,12}?(?=$)|^(对|向|跟)[^，。]{1,12}")


def _quoted_before(head: str) -> str:
    """A quotation that opens the sentence before its speaker (“……，”毛宁说。)."""
    match = _LEADING_QUOTE.match(head)
    return match.group(1).strip().rstrip("，,。") if match else ""


_LEADING_QUOTE = re.compile(r"^\s*[“「\"]([^”」\"]{2,})[”」\"]")


def _said(rest: str) -> str:
    rest = rest.lstrip("，,：: ")
    quoted = _QUOTE.match(rest)
    if quoted:
        return quoted.group(1).strip()
    return rest.strip().rstrip("。")
