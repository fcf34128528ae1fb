"""Clauses and their subjects: where a clause starts, which agent opens it (not an
object, a possessor or a name inside quotation marks), and whether a cue word stands as a
word of its own. Speech, meetings and visits all need to know who does what."""
from __future__ import annotations

import re
from functools import cache

from .. import lexicon
from ..language_data import pattern, zh
from ..model import AnalysedArticle
from .common import AGENT_TYPES, BRACKETED, ORG_TYPES, PLACE_TYPES, apposition_head, apposition_start, find_all, last_person_before


@cache
def when_pattern() -> str:
    """A pattern of the words that say when (4月9日, 当天, 周二, 此前)."""
    return "|".join(zh("clauses")["when"])


@cache
def adverb_pattern() -> str:
    return "|".join(zh("clauses")["adverbs"])


@cache
def between_pattern() -> re.Pattern:
    """What may stand between a place and its verb when the place acts (北京当时表示):
    a time, adverbs, 在……时, 发表声明时."""
    return re.compile("^(" + when_pattern() + ")?((" + adverb_pattern() + ")|" + "|".join(zh("clauses")["between_phrases"]) + ")*$")


def inside_brackets(text: str, start: int, limit: int) -> bool:
    """Whether ``start`` lies in a bracket (or a dateline's 【】) that closes before
    ``limit``."""
    opened = max(text.rfind("（", 0, start), text.rfind("(", 0, start), text.rfind("【", 0, start))
    if opened == -1 or max(text.rfind("）", opened, start), text.rfind(")", opened, start), text.rfind("】", opened, start)) != -1:
        return False
    closing = min((p for p in (text.find("）", start), text.find(")", start), text.find("】", start)) if p != -1), default=-1)
    return closing != -1 and closing < limit


QUOTE = re.compile(r"[“「『\"]([^”」』\"]{2,})[”」』\"]")


def is_word(doc: AnalysedArticle, offset: int, cue: str) -> bool:
    """A cue is a word of its own or ends one after a joiner (并称, 还说), so 说 in
    说服力 or 称 in 自称 is no cue."""
    tokens = tokens_at(doc)
    first, last = tokens.get(offset), tokens.get(offset + len(cue) - 1)
    if first is None or last is None:
        return True
    if last.end > offset + len(cue) and doc.norm[offset + len(cue):last.end] not in zh("clauses")["cue_suffixes"]:
        return False
    return first.start == offset or doc.norm[first.start:offset] in zh("clauses")["cue_prefixes"]


def cues_in(text: str, cues: list[str]) -> list[tuple[int, str]]:
    """Speech cues in reading order, the longest at each place, none inside a
    quotation or overlapping another."""
    quoted = quoted_spans(text)
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


def quoted_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in QUOTE.finditer(text)]


@cache
def _opening() -> re.Pattern:
    return re.compile("^(" + when_pattern() + "|" + adverb_pattern() + "|" + "|".join(zh("clauses")["opening_phrases"]) + ")*$")


def subject(doc: AnalysedArticle, sentence, start: int, offset: int, polity_near: bool = True):
    """The agent a clause opens with, when it is not an object (对/向/与 X), a
    possessor or modifier (特朗普的……, 川普政府一名官员), inside quotation marks or
    brackets; a body or place gives way to the person it introduces (外交部发言人毛宁,
    首尔西江大学国际贸易教授许允). A place acts only right before the verb
    (北京当时表示) unless ``polity_near`` is off (美乌官员在日内瓦会谈)."""
    words = zh("clauses")
    if start == sentence.start:
        dateline = pattern("zh", "clauses", "dateline").match(sentence.norm)  # 路透上海4月9日 - …: no subject
        start += dateline.end() if dateline else 0
    quoted = [(a + sentence.start, b + sentence.start) for a, b in quoted_spans(sentence.norm)]
    candidates = [m for m in doc.mentions_in(sentence)
                  if start <= m.start and m.end <= offset and m.type in AGENT_OR_POLITY
                  and not any(a <= m.start < b for a, b in quoted)
                  and not inside_brackets(doc.norm, m.start, offset)]
    for i, mention in enumerate(candidates):
        chain = max(start, apposition_start(doc, mention))
        if not _opens(doc, start, chain):
            continue
        if _pronoun_first().match(doc.norm[start:chain].lstrip()):
            return None
        if _object_before().search(doc.norm[max(sentence.start, chain - 5):chain]):
            continue
        after = BRACKETED.sub("", doc.norm[mention.end:offset]).lstrip()
        if mention.type in ORG_TYPES and _reports_to(doc, mention, offset):
            continue  # 法新社报导，帕姆兰此行…: the agency reports, it does nothing the clause tells
        if after.startswith(words["not_the_subject"]) and not pattern("zh", "clauses", "spoken_through").match(after) \
                and not pattern("zh", "clauses", "acting_through").match(after):
            continue
        if pattern("zh", "clauses", "relative_clause").match(after) and any(m.type == "Person" for m in candidates[i + 1:]):
            continue  # 特朗普提名的……理查德·科雷尔告诉国会: the nominee speaks
        head = apposition_head(doc, mention)
        if head.end > offset:
            head = mention
        if head.type != "Person":
            person = next((m for m in candidates[i + 1:] if m.type == "Person"), None)
            between = BRACKETED.sub("", doc.norm[head.end:person.start]) if person else ""
            if person and _introduces(doc, head, person, between):
                head = person
        if head.type != "Person" and doc.norm[start:chain].lstrip().startswith(tuple(lexicon.cues()["person_demonstratives"])):
            return None
        if head.type in PLACE_TYPES and polity_near:
            between = BRACKETED.sub("", doc.norm[head.end:offset]).strip()
            for word in words["polity_words"]:
                between = between.removeprefix(word)
            if not between_pattern().match(between):
                continue
        return head
    return None


@cache
def _object_before() -> re.Pattern:
    """An object marker (对, 向, 与 …, and 据) right before a name, a time word between."""
    objects = tuple(lexicon.cues()["object_markers"]) + zh("clauses")["citing_markers"]
    return re.compile("(" + "|".join(map(re.escape, objects)) + ")" + zh("clauses")["object_before_time"])


@cache
def _lead_in() -> str:
    """Times and joiners that may open a clause before its subject."""
    return "(" + when_pattern() + "|" + "|".join(zh("clauses")["lead_in"]) + ")*"


@cache
def _pronoun_first() -> re.Pattern:
    return re.compile("^" + _lead_in() + zh("clauses")["pronoun_first"])


def _introduces(doc: AnalysedArticle, body, person, between: str) -> bool:
    """Whether the words between a body and a person only describe the person, so that
    the body introduces them: a short descriptor, or a chain of titles that are all
    nouns, with the words of a former or posted office (国家卫健委疾控局副局长、一级巡视员
    雷正龙; 香港大学李嘉诚医学院生物化学系教授、病毒学家金冬雁; 韩国国会外交统一委员会
    委员、前驻英国大使金健), never another verb or a preposition between."""
    possessive = zh("grammar")["possessive"]
    joiners = set(zh("clauses")["descriptor_joiners"])  # 儿科及健康政策教授: fields joined
    blocked = {w for w in zh("clauses")["not_between"] if w in between}
    if len(between) > 20 or blocked and not _titled_field(doc, body, person, blocked <= joiners):
        return False
    if len(between.rsplit(possessive, 1)[-1]) <= 8:
        return True
    start = body.end + doc.norm[body.end:person.start].rfind(possessive) + 1
    named = [(m.start, m.end) for m in doc.mentions if m.start < person.start and m.end > start]
    words = [t for t in doc.tokens if start <= t.start and t.end <= person.start
             and not any(a <= t.start and t.end <= b for a, b in named)]
    office = lexicon.cues()["office"]
    titled = set(office["former"]) | set(office["posted"])
    return all(t.pos.startswith("n") or t.pos in _DESCRIPTOR_TAGS or t.word in titled or t.word in joiners for t in words)


def _titled_field(doc: AnalysedArticle, body, person, only_joiners: bool) -> bool:
    """Whether 和 or 与 between a body and a person joins fields of the person's title
    (传染病和医学病毒学研究员), not two parties: a title ends right before the person and
    nothing named stands between."""
    if not only_joiners:
        return False
    token = next((t for t in doc.tokens if t.end == person.start), None)
    return token is not None and token.pos == "nnt" \
        and not any(body.end <= m.start and m.end <= person.start for m in doc.mentions_within(body.end, person.start))


_DESCRIPTOR_TAGS = ("m", "q", "x", "a")
"""Tags of words that may stand in a chain of titles besides nouns: numerals and
measures (一级巡视员), the enumeration comma, and adjectives of a field (健康政策)."""


def _opens(doc: AnalysedArticle, start: int, chain: int) -> bool:
    """Whether the words before a clause's subject only set the scene (time, 在……时,
    a descriptor ending in 的, 据) and hold no verb of their own."""
    prefix = QUOTE.sub("", doc.norm[start:chain]).strip()
    if _opening().match(prefix):
        return True
    possessive = zh("grammar")["possessive"]
    rest = chain - len(prefix.rsplit(possessive, 1)[-1]) if possessive in prefix else start
    tokens = tokens_at(doc)
    return not any(tokens[i].pos.startswith("v") for i in range(rest, chain) if i in tokens)


def tokens_at(doc: AnalysedArticle) -> dict:
    tokens = doc.notes.get("token_at")
    if tokens is None:
        tokens = doc.notes["token_at"] = {i: t for t in doc.tokens for i in range(t.start, t.end)}
    return tokens


AGENT_OR_POLITY = AGENT_TYPES + ("Country", "AdministrativeArea")


def clause_start(text: str, local: int) -> int:
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


def clause_end(text: str) -> int:
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


def clause_subjects(doc: AnalysedArticle, sentence, offset: int):
    """The subject of each clause of ``sentence`` that starts before ``offset``, in
    order (None for a clause without one), each clause read up to ``offset`` at most."""
    cut = 0
    while cut < len(sentence.norm):
        end = clause_end(sentence.norm[cut:]) + cut
        yield subject(doc, sentence, sentence.start + cut, min(sentence.start + end, offset))
        cut = end + 1
        if sentence.start + cut >= offset:
            break


def last_person_subject(doc: AnalysedArticle, sentence, offset: int):
    """The last person before ``offset``, in this sentence or the two before, who was
    the subject of a clause: 他 continues a subject far more often than an object
    (……接受主持人劳拉·英格拉恩采访时…… 他说 is not the host speaking)."""
    found = None
    for index in range(max(0, sentence.index - 2), sentence.index + 1):
        for opener in clause_subjects(doc, doc.sentences[index], offset):
            if opener is not None and opener.type == "Person" and opener.end <= offset:
                found = opener
    return found


def leading_person_pronoun(text: str) -> str | None:
    """The 他 or 她 ``text`` opens with, not the 他们 or 她们 of several people."""
    plural = zh("grammar")["plural"]
    return next((p for p in lexicon.cues()["person_pronouns"] if text.startswith(p) and not text.startswith(p + plural)), None)


def pronoun_subject(doc: AnalysedArticle, sentence, start: int, offset: int):
    """The person a clause's leading 他/她 stands for (not 他们)."""
    pronoun = leading_person_pronoun(re.sub("^" + _lead_in(), "", doc.norm[start:offset].lstrip()))
    if pronoun is None:
        return None
    where = start + doc.norm[start:offset].find(pronoun)
    return last_person_subject(doc, sentence, where) or last_person_before(doc, where)


@cache
def report_words() -> re.Pattern:
    """The words after a body that make it report (德新社报道称, 法新社的报道指出,
    美联社21日发布一篇调查报导指, 《央视》则报导): what it says is its report, a source
    and not a statement."""
    words = lexicon.cues()["reporting"]
    fillers = "|".join(map(re.escape, words["fillers"]))
    return re.compile("^(?:" + when_pattern() + r"|[（(][^）)]*[）)]|" + fillers + ")*(?:" + "|".join(words["nouns"]) + ")")


def _reports_to(doc: AnalysedArticle, mention, offset: int) -> bool:
    """Whether a body's report words fill its clause up to ``offset`` (法新社报导|，…)."""
    end = report_end(doc, mention, offset - mention.end)
    if end is None:
        return False
    rest, cues = doc.norm[end:offset].strip(), lexicon.cues()
    return not rest or rest in cues["speech"] or rest in cues["speech_needs_punctuation"]


@cache
def _listed_words() -> re.Pattern:
    """The joiners and words between bodies listed before report words (、和一些境外媒体)."""
    return re.compile("^(?:" + "|".join(map(re.escape, lexicon.cues()["reporting"]["list_words"])) + ")+")


def report_end(doc: AnalysedArticle, mention, reach: int = 40) -> int | None:
    """Where the report words after a body end, when it reports what follows (德新社报道|称),
    past the other bodies it is listed with (香港01、头条日报和一些境外媒体报导|); None when
    it does not report."""
    end = mention.end
    listed = _listed_words()
    others = sorted((m for m in doc.mentions_within(end, end + reach) if m.type in ORG_TYPES), key=lambda m: m.start)
    for other in others:
        between = doc.norm[end:other.start]
        if between and not listed.fullmatch(between):
            break
        end = other.end
    rest = doc.norm[end:mention.end + reach]
    words = listed.match(rest)
    skipped = words.end() if words else 0
    found = report_words().match(rest[skipped:])
    return end + skipped + found.end() if found else None


def reported_by_body(doc: AnalysedArticle, sentence, offset: int, cue: str) -> bool:
    """Whether the speech cue at ``offset`` ends a body's report (德新社报道称): a body of
    the clause followed by report words that reach the cue or are the cue."""
    start = clause_start(sentence.norm, offset - sentence.start) + sentence.start
    for mention in doc.mentions_in(sentence):
        if start <= mention.start and mention.end <= offset and mention.type in ORG_TYPES:
            end = report_end(doc, mention, offset + len(cue) - mention.end)
            if end is not None and end >= offset:
                return True
    return False
