"""Statements: a speaker 表示/指出/强调/说/称 something, with or without quotation
marks; 他/她 refers to the last person named before."""
from __future__ import annotations

import re

from .. import lexicon
from ..model import AnalysedArticle, Fact
from ..model import EntityRef
from .common import AGENT_TYPES, PLACE_TYPES, apposition_head, apposition_start, find_all, last_person_before, ref_of, sentence_date

_WHEN = r"(\d{1,2}月)?\d{1,2}日|当时|(\d{1,2}月)份?|今天|今日|昨天|昨日|当天|当日|日前|近日|本周|上周|周[一二三四五六日]|星期[一二三四五六日天]|稍早|早前|此前|随后|其后|最新|首次|再度|再次|本月|上月|(\d{1,2}月)?\d{1,2}日(晚|早|上午|下午|晚间)?"
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
    strict = set(lexicon.cues()["speech_needs_punctuation"])
    facts: list[Fact] = []
    for sentence in doc.sentences:
        found = [(local, cue) for local, cue in _cues_in(sentence.norm, cues) if _is_word(doc, sentence.start + local, cue)]
        speaker_here = None
        said_here = False
        for local, cue in found:
            if cue in strict and sentence.norm[local + len(cue): local + len(cue) + 1] not in _OPENERS:
                continue
            offset = sentence.start + local
            speaker = _speaker(doc, sentence, offset, speaker_here)
            if speaker is None:
                continue
            text = _said(sentence.text[local + len(cue):])
            if len(text) < 4:
                text = _quoted_before(sentence.text[:local])
            if len(text) < 4:
                continue
            speaker_here, said_here = speaker, True
            facts.append(Fact("statement", {"speaker": speaker, "text": text,
                                            "date": sentence_date(doc, sentence) or doc.day}, sentence, 0.75))
        if not said_here and facts and _WHOLE_QUOTE.match(sentence.norm) and _follows(doc, facts[-1].sentence, sentence):
            facts.append(Fact("statement", {"speaker": facts[-1].args["speaker"], "text": sentence.text.strip("“”「」\" 。"),
                                            "date": sentence_date(doc, sentence) or doc.day}, sentence, 0.6))
    return facts


def _is_word(doc: AnalysedArticle, offset: int, cue: str) -> bool:
    """A cue is a word of its own or ends one after a joiner (并称, 还说), so 说 in
    说服力 or 称 in 自称 is no cue."""
    tokens = _tokens_at(doc)
    first, last = tokens.get(offset), tokens.get(offset + len(cue) - 1)
    if first is None or last is None:
        return True
    if last.end > offset + len(cue) and doc.norm[offset + len(cue):last.end] not in _CUE_SUFFIXES:
        return False
    return first.start == offset or doc.norm[first.start:offset] in _CUE_PREFIXES


_CUE_PREFIXES = ("并", "还", "也", "又", "则", "更", "再", "亦", "而", "均", "都", "曾", "另", "并且", "他", "她", "再次", "同时", "时", "中", "后", "上", "先")


def _cues_in(text: str, cues: list[str]) -> list[tuple[int, str]]:
    """Speech cues in reading order, the longest at each place, none inside a
    quotation or overlapping another."""
    quoted = _quoted_spans(text)
    taken: set[int] = set()
    found = []
    for cue in sorted(cues, key=len, reverse=True):
        for local in find_all(cue, text):
            span = range(local, local + len(cue))
            if any(i in taken for i in span) or any(a <= local < b for a, b in quoted):
                continue
            taken.update(span)
            found.append((local, cue))
    return sorted(found)


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTE.finditer(text)]


_WHOLE_QUOTE = re.compile(r"^[“「][^”」]{4,}[”」]?[。！？]?[”」]?$")


def _follows(doc: AnalysedArticle, previous, sentence) -> bool:
    """A quotation standing alone continues the statement just before it: in the
    same paragraph or the next one, with no other sentence between."""
    return sentence.index == previous.index + 1 and sentence.paragraph - previous.paragraph <= 1


def _last_person_subject(doc: AnalysedArticle, sentence, offset: int):
    """The last person before ``offset``, in this sentence or the two before, who was
    the subject of a clause: 他 continues a subject far more often than an object
    (……接受主持人劳拉·英格拉恩采访时…… 他说 is not the host speaking)."""
    found = None
    for index in range(max(0, sentence.index - 2), sentence.index + 1):
        here = doc.sentences[index]
        cut = 0
        while cut < len(here.norm):
            end = _clause_end(here.norm[cut:]) + cut
            subject = _subject(doc, here, here.start + cut, min(here.start + end, offset))
            if subject is not None and subject.type == "Person" and subject.end <= offset:
                found = subject
            cut = end + 1
            if here.start + cut >= offset:
                break
    return found


def _speaker(doc: AnalysedArticle, sentence, offset: int, previous: EntityRef | None) -> EntityRef | None:
    """Who says what a cue at ``offset`` introduces: the subject of the cue's clause
    (美国总统特朗普 → 特朗普, not the body or the people named as objects), 他/她 as
    the subject before it, and a clause without a subject (……，并强调) the subject of
    the sentence's statement before it or of its first clause."""
    start = _clause_start(sentence.norm, offset - sentence.start) + sentence.start
    subject = _subject(doc, sentence, start, offset)
    if subject is not None:
        return ref_of(doc, subject)
    head = _LEADING_QUOTE.sub("", doc.norm[start:offset]).strip()
    head = _WHEN_AT_START.sub("", head)
    first = None
    if start > sentence.start:
        first = _subject(doc, sentence, sentence.start, sentence.start + _clause_end(sentence.norm))
    for pronoun in lexicon.cues()["person_pronouns"]:
        if head.startswith(pronoun) and not head.startswith(pronoun + "们"):
            if previous is not None and previous.type == "Person":
                return previous
            if first is not None and first.type == "Person":
                return ref_of(doc, first)
            where = start + doc.norm[start:offset].find(pronoun)
            person = _last_person_subject(doc, sentence, where) or last_person_before(doc, where)
            return ref_of(doc, person) if person else None
    if not _BETWEEN.match(_JOINERS.sub("", head)):
        return None
    if previous is not None:
        return previous
    if first is not None and not doc.norm[first.end:].startswith(_REPORTING):
        return ref_of(doc, first)
    return None


_JOINERS = re.compile(r"^(并且|并|而且|而|但|但是|此外|另外|同时|随后|其后|接着|之后|后来|且)")
_WHEN_AT_START = re.compile(r"^(" + _WHEN + r")")
_REPORTING = ("报道", "报导", "消息", "援引", "引述", "引用")
_OPENING = re.compile(r"^(" + _WHEN + r"|" + _ADVERB + r"|对此|对于[^，。]{1,20}|另外|此外|与此同时|同时|但|而|并|然而|不过|但是|而且|据|根据|其中|前|原|现任|时任|已故|[^，。]{0,24}(的|后|时|中|上|期间|之际)|[“「（(《])*$")
_NOT_THE_SUBJECT = ("的", "一名", "一位", "一些", "多名", "所", "方面人士")


def _subject(doc: AnalysedArticle, sentence, start: int, offset: int):
    """The agent a clause opens with, when it is not an object (对/向/与 X), a
    possessor or modifier (特朗普的……, 川普政府一名官员), inside quotation marks or
    brackets; a body or place gives way to the person it introduces (外交部发言人毛宁,
    首尔西江大学国际贸易教授许允)."""
    objects = tuple(lexicon.cues()["object_markers"]) + ("据", "根据")
    quoted = [(a + sentence.start, b + sentence.start) for a, b in _quoted_spans(sentence.norm)]
    candidates = [m for m in doc.mentions_in(sentence)
                  if start <= m.start and m.end <= offset and m.type in _SPEAKER_TYPES
                  and not any(a <= m.start < b for a, b in quoted)
                  and not _inside_brackets(doc.norm, m.start, offset)]
    for i, mention in enumerate(candidates):
        chain = max(start, apposition_start(doc, mention))
        if not _opens(doc, start, chain):
            continue
        if doc.norm[max(sentence.start, chain - 3):chain].endswith(objects):
            continue
        after = _BRACKETED.sub("", doc.norm[mention.end:offset]).lstrip()
        if after.startswith(_NOT_THE_SUBJECT) and not _SPOKEN_THROUGH.match(after):
            continue
        head = apposition_head(doc, mention)
        if head.end > offset:
            head = mention
        if head.type != "Person":
            person = next((m for m in candidates[i + 1:] if m.type == "Person"), None)
            between = _BRACKETED.sub("", doc.norm[head.end:person.start]) if person else ""
            if person and len(between) <= 20 and len(between.rsplit("的", 1)[-1]) <= 8 and not any(w in between for w in _NOT_BETWEEN):
                head = person
        if head.type in PLACE_TYPES:
            between = _BRACKETED.sub("", doc.norm[head.end:offset]).strip()
            if not _BETWEEN.match(between.removeprefix("方面").removeprefix("官方")):
                continue
        return head
    return None


_NOT_THE_SUBJECT = ("的", "一名", "一位", "一些", "多名", "所", "方面人士")
_SPOKEN_THROUGH = re.compile(r"^的(社论|报道|报导|声明|文章|评论|公告|通报|消息|说法|发言人表示)")
_NOT_BETWEEN = ("对", "向", "与", "和", "同", "跟", "在", "接受", "告诉", "，")


def _opens(doc: AnalysedArticle, start: int, chain: int) -> bool:
    """Whether the words before a clause's subject only set the scene (time, 在……时,
    a descriptor ending in 的, 据) and hold no verb of their own."""
    prefix = _QUOTE.sub("", doc.norm[start:chain]).strip()
    if _OPENING.match(prefix):
        return True
    rest = chain - len(prefix.rsplit("的", 1)[-1]) if "的" in prefix else start
    tokens = _tokens_at(doc)
    return not any(tokens[i].pos.startswith("v") for i in range(rest, chain) if i in tokens)


_CUE_SUFFIXES = ("道", "了", "过", "着", "说", "称", "指", "出")


def _tokens_at(doc: AnalysedArticle) -> dict:
    tokens = doc.notes.get("token_at")
    if tokens is None:
        tokens = doc.notes["token_at"] = {i: t for t in doc.tokens for i in range(t.start, t.end)}
    return tokens


_SPEAKER_TYPES = AGENT_TYPES + ("Country", "AdministrativeArea")


def _clause_start(text: str, local: int) -> int:
    """Where the clause holding ``local`` starts: after the last comma, stop or colon
    outside quotation marks and brackets."""
    depth = 0
    start = 0
    for i, ch in enumerate(text[:local]):
        if ch in "“「『（(":
            depth += 1
        elif ch in "”」』）)":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in _BREAKS:
            start = i + 1
    return start


def _clause_end(text: str) -> int:
    depth = 0
    for i, ch in enumerate(text):
        if ch in "“「『（(":
            depth += 1
        elif ch in "”」』）)":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in _BREAKS:
            return i
    return len(text)


_BREAKS = "，。；：！？,;:"


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
