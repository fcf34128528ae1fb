"""Statements: a speaker 表示/指出/强调/说/称 something, with or without quotation
marks; 他/她 refers to the last person named before."""
from __future__ import annotations

import re
from functools import cache
from itertools import takewhile

from pyoxigraph import Literal

from .. import english, lexicon
from ..language_data import pattern, zh
from ..model import AnalysedArticle, EntityRef, Fact, FactKind, Matching
from ..rdf import A, ArticleGraph, date_literal, named
from ..vocab import SCHEMA
from .clauses import (QUOTE, adverb_pattern, between_pattern, clause_end, clause_start, clause_subjects, cues_in, is_word,
                      last_person_subject, leading_person_pronoun, pronoun_subject, reported_by_body, tokens_at,
                      when_pattern)
from .clauses import subject as clause_subject
from .common import AGENT_TYPES, apposition_head, clause_of, last_person_before, ref_of, sentence_date

_OPENERS = ("，", ",", "：", ":", "“", "「", '"')


def extract(doc: AnalysedArticle) -> list[Fact]:
    cues = lexicon.cues()["speech"]
    strict = set(lexicon.cues()["speech_needs_punctuation"])
    facts: list[Fact] = []
    said: list[tuple[int, int, EntityRef]] = []  # where each speaker's words run
    quoting, last = False, None
    answering = -1  # the paragraph of an interview answer (施泰勒：…), all of it the answerer's words
    for sentence in doc.sentences:
        answerer = _answerer(doc, sentence)
        if answerer is not None:
            text = "".join(s.text for s in takewhile(lambda s: s.paragraph == sentence.paragraph, doc.sentences[sentence.index:]))
            facts.append(Fact("statement", {"speaker": ref_of(doc, answerer), "text": text[answerer.end - sentence.start + 1:].strip(),
                                            "date": sentence_date(doc, sentence) or doc.day}, sentence, 0.7))
            answering, quoting = sentence.paragraph, False
            continue
        if sentence.paragraph == answering:
            continue
        if quoting and facts and _follows(doc, last, sentence) and _closes_later(doc, sentence):
            facts[-1].args["text"] = facts[-1].args["text"].rstrip("。") + "。" + sentence.text.strip("“”「」\" 。")
            quoting, last = _opens_quote(sentence.norm, already_open=True), sentence
            continue
        quoting = False
        found = [(local, cue) for local, cue in cues_in(sentence.norm, cues) if is_word(doc, sentence.start + local, cue)]
        speaker_here = None
        said_here = False
        for local, cue in found:
            if cue in strict and sentence.norm[local + len(cue): local + len(cue) + 1] not in _OPENERS \
                    and not (cue in zh("statements")["clause_cues"] and _clause_follows(doc, sentence.start + local + len(cue), cue)):
                continue
            if sentence.norm[local - 1:local] == zh("grammar")["passive"] \
                    or sentence.norm[local + len(cue):local + len(cue) + 1] in zh("statements")["nominal_after_cue"]:
                continue
            offset = sentence.start + local
            if _cited(sentence, local):
                continue  # 根据《自然》杂志的报道，…: a source, not a statement
            speaker = _quoted_speaker(doc, sentence, offset) or _speaker(doc, sentence, offset, speaker_here, said)
            if speaker is None or speaker.type != "Person" and reported_by_body(doc, sentence, offset, cue):
                continue
            rest = sentence.text[local + len(cue):]
            if _time_clause(rest):
                continue  # 上海宣布封城时，…
            text = _said(_past_addressee(rest) if cue in lexicon.cues()["speech_addressed"] else rest)
            if len(text) < 4:
                text = _quoted_before(sentence.text[:local])
            if len(text) < 4 and sentence.index:
                text = _quotation_before(doc, sentence)
                if text and facts and facts[-1].sentence.index == sentence.index - 1:
                    facts[-1].args["speaker"] = speaker  # the quotation was read as continuing another's
                    continue
            if len(text) < 4:
                continue
            speaker_here, said_here = speaker, True
            said.append((offset + len(cue), sentence.end, speaker))
            facts.append(Fact("statement", {"speaker": speaker, "text": text,
                                            "date": sentence_date(doc, sentence) or doc.day}, sentence, 0.75))
        if not said_here and facts and _WHOLE_QUOTE.match(sentence.norm) and _follows(doc, facts[-1].sentence, sentence):
            facts.append(_continued(doc, facts[-1], sentence))
            said_here = True
        quoting, last = said_here and _opens_quote(sentence.norm), sentence
    return facts


def _clause_follows(doc: AnalysedArticle, offset: int, cue: str) -> bool:
    """Whether a clause of its own follows a cue that takes a plain object too (他预测
    中国可能还是采取…, not 公布最新数据): a noun or pronoun, then an adverb or a verb; a
    preposition and a verb after it (承认向调查人员撒谎); after an admission, a verb
    (承认收受贿赂)."""
    words = zh("statements")
    tokens = tokens_at(doc)
    first = tokens.get(offset)
    if first is None or first.start != offset:
        return False
    if first.pos.startswith("p") or cue in words["admission_cues"] and first.pos.startswith("v"):
        end = offset + clause_end(doc.norm[offset:])
        return any(tokens[i].pos.startswith("v") for i in range(first.end, end) if i in tokens and tokens[i].start == i)
    if not first.pos.startswith(words["clause_subject_tags"]):
        return False
    second = tokens.get(first.end)
    return second is not None and second.pos.startswith(words["clause_predicate_tags"])


def _cited(sentence, local: int) -> bool:
    """Whether the clause of a cue opens with 据 or 根据 (据X称, 根据X的报道): what follows
    is cited from X, which the sources record."""
    head = sentence.norm[clause_start(sentence.norm, local):local].lstrip()
    head = _when_at_start().sub("", head).lstrip()
    return head.startswith(tuple(zh("statements")["citing_openers"]))


def _quoted_speaker(doc: AnalysedArticle, sentence, offset: int) -> EntityRef | None:
    """Whose words a medium quotes (国际文传电讯社援引俄罗斯国防部的话说，…): the one
    named inside 援引…的话 right before the cue; the medium is the source."""
    quoted = pattern("zh", "statements", "quoted_words").search(doc.norm[sentence.start:offset])
    if quoted is None or sentence.start + quoted.end() != offset:
        return None
    inside = [m for m in doc.mentions_in(sentence) if m.type in AGENT_TYPES
              and sentence.start + quoted.start(1) <= m.start and m.end <= sentence.start + quoted.end(1)]
    return ref_of(doc, apposition_head(doc, inside[-1])) if inside else None


def _answerer(doc: AnalysedArticle, sentence):
    """The person opening a paragraph with a colon, as interviews print answers
    (施泰勒：说到底，我们大家都坐在一条船上): the mention, else None."""
    if sentence.index and doc.sentences[sentence.index - 1].paragraph == sentence.paragraph:
        return None
    for m in doc.mentions_in(sentence):
        if m.start == sentence.start and m.type == "Person" and doc.norm[m.end:m.end + 1] in ("：", ":") \
                and len(sentence.norm) - (m.end - sentence.start) > 5:
            return m
    return None


def _continued(doc: AnalysedArticle, previous: Fact, sentence) -> Fact:
    """The next sentence of a quotation, said by whoever said the sentence before."""
    return Fact("statement", {"speaker": previous.args["speaker"], "text": sentence.text.strip("“”「」\" 。"),
                              "date": sentence_date(doc, sentence) or doc.day}, sentence, 0.6)


def _closes_later(doc: AnalysedArticle, sentence) -> bool:
    """Whether an open quotation closes in this sentence or a later one of the same
    paragraph, before any new one opens: a quotation left unclosed by a slip does not
    swallow the sentences after it."""
    for later in doc.sentences[sentence.index:]:
        if later.paragraph != sentence.paragraph:
            return False
        depth = 0
        for ch in later.norm:
            if ch in "“「":
                depth += 1
            elif ch in "”」":
                if depth == 0:
                    return True
                depth -= 1
        if depth > 0:
            return False
    return False


def _opens_quote(text: str, already_open: bool = False) -> bool:
    """Whether a quotation is still open at the end of ``text`` (it runs on into the
    next sentence)."""
    depth = 1 if already_open else 0
    for ch in text:
        if ch in "“「":
            depth += 1
        elif ch in "”」":
            depth = max(0, depth - 1)
    return depth > 0


_WHOLE_QUOTE = re.compile(r"^[“「][^”」]{4,}[”」]?[。！？]?[”」]?$")


def _follows(doc: AnalysedArticle, previous, sentence) -> bool:
    """A quotation standing alone continues the statement just before it: in the
    same paragraph or the next one, with no other sentence between."""
    return sentence.index == previous.index + 1 and sentence.paragraph - previous.paragraph <= 1


def _speaker(doc: AnalysedArticle, sentence, offset: int, previous: EntityRef | None,
             said: list[tuple[int, int, EntityRef]] = ()) -> EntityRef | None:
    """Who says what a cue at ``offset`` introduces: the subject of the cue's clause
    (美国总统特朗普 → 特朗普, not the body or the people named as objects), 他/她 as
    the subject before it, and a clause without a subject (……，并强调) the subject of
    the sentence's statement before it or of its first clause."""
    start = clause_start(sentence.norm, offset - sentence.start) + sentence.start
    subject = clause_subject(doc, sentence, start, offset)
    if subject is not None:
        return ref_of(doc, subject)
    head = _LEADING_QUOTE.sub("", doc.norm[start:offset]).strip()
    head = _joiners().sub("", _when_at_start().sub("", head))
    head = _without_addressee(doc, head, start, offset)
    first = None
    if start > sentence.start:
        first = _main_subject(doc, sentence, start)
    for demonstrative in lexicon.cues()["person_demonstratives"]:
        if head.startswith(demonstrative):
            person = _described_before(doc, head[len(demonstrative):], start)
            return ref_of(doc, person) if person else None
    pronoun = leading_person_pronoun(head)
    if pronoun is not None:
        if previous is not None and previous.type == "Person":
            return previous
        if first is not None and first.type == "Person":
            return ref_of(doc, first)
        where = start + doc.norm[start:offset].find(pronoun)
        person = last_person_subject(doc, sentence, where) or last_person_before(doc, where)
        speaking = [speaker for a, b, speaker in said if person and a <= person.start < b and speaker.type == "Person"]
        if speaking:  # 胡锡进称，钱文雄离世令人悲痛……。但他强调: a person told of in someone's words is not 他
            return speaking[-1]
        return ref_of(doc, person) if person else None
    if _spokesperson().match(head):
        body = _last_body(doc, start)
        return ref_of(doc, body) if body else None
    if not between_pattern().match(_joiners().sub("", head)):
        return None
    if previous is not None:
        return previous
    if first is not None and not doc.norm[first.end:].startswith(zh("statements")["reporting"]):
        return ref_of(doc, first)
    if not head and start > sentence.start:  # 另据上海发布，国务院副总理孙春兰……调研……，强调，……
        nearest = _nearest_subject(doc, sentence, start)
        return ref_of(doc, nearest) if nearest else None
    return None


def _main_subject(doc: AnalysedArticle, sentence, before: int):
    """The subject of the sentence's first clause, past a clause of time that opens it
    (當法新社上週詢問此案時，澤倫斯基回應…，並說: 澤倫斯基, not 法新社)."""
    words = zh("statements")
    opening = clause_end(sentence.norm)
    clause = sentence.norm[:opening]
    start, end = sentence.start, sentence.start + opening
    if clause.startswith(tuple(words["time_clause_openers"])) and clause.endswith(tuple(words["time_clause_closers"])):
        start = sentence.start + opening + 1
        if start >= before:
            return None
        end = start + clause_end(sentence.norm[opening + 1:])
    return clause_subject(doc, sentence, start, end) or pronoun_subject(doc, sentence, start, end)


def _without_addressee(doc: AnalysedArticle, head: str, start: int, offset: int) -> str:
    """The words before a cue without the one spoken to (並對法新社表示: nobody named
    speaks; the clause continues the sentence's subject)."""
    for word in zh("statements")["addressed_to"]:
        if head.startswith(word):
            rest = head[len(word):]
            named = [m for m in doc.mentions_within(start, offset) if m.norm == rest]
            if named:
                return ""
    return head


def _nearest_subject(doc: AnalysedArticle, sentence, offset: int):
    """The subject of the nearest clause of the sentence before ``offset`` that has one."""
    openers = [m for m in clause_subjects(doc, sentence, offset) if m is not None and m.end <= offset]
    return openers[-1] if openers else None


def _described_before(doc: AnalysedArticle, description: str, offset: int):
    """The person 这位/这名 + a description stands for: the last person named before
    with that title (中国工程院院士张伯礼 … 这位中国工程院院士称), none when no person was
    introduced so (这名警察表示: an unnamed officer)."""
    title = _adverbs_at_end().sub("", description)[-2:]
    if len(title) < 2:
        return None
    for person in reversed([m for m in doc.mentions if m.end <= offset and m.type == "Person"]):
        if title in doc.norm[max(clause_of(doc, person.start)[0], person.start - 12):person.start]:
            return person
    return None


@cache
def _adverbs_at_end() -> re.Pattern:
    return re.compile("(" + adverb_pattern() + ")+$")


@cache
def _joiners() -> re.Pattern:
    return re.compile("^(" + "|".join(zh("statements")["joiners"]) + ")")


@cache
def _spokesperson() -> re.Pattern:
    """A bare 发言人 (其发言人, 该部发言人) as the speaker."""
    words = zh("statements")
    return re.compile(words["spokesperson"] + "(" + when_pattern() + ")?(" + "|".join(words["spokesperson_adverbs"]) + ")?$")


def _last_body(doc: AnalysedArticle, offset: int):
    """The body a bare 发言人 speaks for: the last one named with its spokesperson
    before (商务部新闻发言人 … 发言人指出), none if the article never said whose."""
    bodies = [m for m in doc.mentions if m.end <= offset and m.type in ("GovernmentOrganization", "Organization")
              and pattern("zh", "statements", "spokesperson_after_body").match(doc.norm[m.end:m.end + 5])]
    return bodies[-1] if bodies else None


@cache
def _when_at_start() -> re.Pattern:
    return re.compile("^(" + when_pattern() + ")")


def _quotation_before(doc: AnalysedArticle, sentence) -> str:
    """A quotation standing as the sentence before one that only names its speaker
    (“……，以快制快、兵贵神速。” | 孙春兰指出。)."""
    before = doc.sentences[sentence.index - 1]
    if before.paragraph != sentence.paragraph or not _WHOLE_QUOTE.match(before.norm):
        return ""
    return before.text.strip().strip("“”「」\" 。")


def _quoted_before(head: str) -> str:
    """A quotation that opens the sentence before its speaker (“……，”毛宁说。)."""
    match = _LEADING_QUOTE.match(head)
    return match.group(1).strip().rstrip("，,。") if match else ""


_LEADING_QUOTE = re.compile(r"^\s*[“「\"]([^”」\"]{2,})[”」\"]")


def _time_clause(rest: str) -> bool:
    """Whether the words right after a cue close a clause of time (宣布封城时，)."""
    clause = re.split(r"[，,。；;：:]", rest, maxsplit=1)[0]
    return bool(clause) and not QUOTE.match(rest) and clause.endswith(tuple(lexicon.cues()["speech_temporal_endings"]))


def _past_addressee(rest: str) -> str:
    """The words said after an addressee (告诉BBC，封城政策… → 封城政策…)."""
    reach = lexicon.cues()["speech_addressee_reach"]
    found = re.match(rf"[^，,：:“「。\"]{{1,{reach}}}[，,：:]", rest)
    return rest[found.end():] if found else rest


def _said(rest: str) -> str:
    rest = rest.lstrip("，,：: ")
    quoted = QUOTE.match(rest)
    if quoted:
        return quoted.group(1).strip()
    return rest.strip().rstrip("。")


def write_statement(graph: ArticleGraph, fact: Fact) -> None:
    speaker = graph.entity(fact.args["speaker"])
    quote = graph.node("quote", speaker.value, fact.args["text"], str(fact.args.get("date") or ""))
    graph.add(quote, A, named(SCHEMA.Quotation))
    graph.add(quote, SCHEMA.creator, speaker)
    graph.add(quote, SCHEMA.text, Literal(fact.args["text"], language=graph.doc.language))
    if fact.args.get("date"):
        graph.add(quote, SCHEMA.dateCreated, date_literal(fact.args["date"]))
    graph.provenance(quote, fact)


def _match_statement(gold: dict, args: dict, m: Matching) -> bool:
    return m.party(gold["speaker"], args["speaker"]) and m.text_overlap(gold.get("text", ""), args["text"])


KIND = FactKind("statement", "what a person or body said", write_statement, _match_statement,
                {"zh": extract, "en": english.find_statements}, node_class="schema:Quotation",
                properties=("evidence", "confidence"))
