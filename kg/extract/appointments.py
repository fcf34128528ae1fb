"""Appointments and departures: a person takes up a post (就任, 出任, 被任命为, 任命X为,
接替Y出任), or leaves one (辞职, 辞去, 卸任, 被免去, 免去X的…职务), on the day the sentence
gives. Offices change hands; these events let a query ask who held a post on a given day
and who succeeded whom. A demand, a plan or a denial (要求X下台, 将出任, 拒绝辞职) is no
event. The words live in ``kg/resources/zh/cues.json`` (``appointment``)."""
from __future__ import annotations

from datetime import date

from .. import lexicon
from ..dates import resolve
from ..language_data import pattern, zh
from ..model import AnalysedArticle, Fact, FactKind, Matching, Mention
from ..rdf import A, ArticleGraph, add_membership, date_literal, named
from ..vocab import NKG, SCHEMA
from .clauses import (between_pattern, clause_end, clause_start, cues_in, is_word, leading_person_pronoun, pronoun_subject,
                      subject)
from .common import apposition_start, event_day, find_all, items, last_person_before, ref_of
from .office import Post, _post_ending, appositions, national_polity


def extract(doc: AnalysedArticle) -> list[Fact]:
    words = lexicon.cues()["appointment"]
    held: dict[str, list[Post]] | None = None  # read only for an article that has a cue
    facts: dict[tuple, Fact] = {}
    for sentence in doc.sentences:
        found = [(local, cue, "in") for local, cue in cues_in(sentence.norm, words["takes_up"])]
        found += [(local, cue, "appoints") for local, cue in cues_in(sentence.norm, words["appoints"])]
        found += [(local, cue, "out") for local, cue in cues_in(sentence.norm, words["leaves"])]
        found += [(local, cue, "removes") for local, cue in cues_in(sentence.norm, words["removes"])]
        for local, cue, kind in _outermost(found):
            offset = sentence.start + local
            if not is_word(doc, offset, cue):
                continue
            start = clause_start(sentence.norm, local) + sentence.start
            end = sentence.start + local + len(cue) + clause_end(sentence.norm[local + len(cue):])
            after = offset + len(cue)
            taking_up = kind == "in"
            if kind in ("appoints", "removes"):
                closers = words["as"] if kind == "appoints" else (zh("grammar")["possessive"],) + tuple(words["post_words"])
                persons, after = _object(doc, sentence, after, end, closers)
                if not persons:
                    continue
                kind = "in" if kind == "appoints" else "out"
            else:
                persons = _described(doc, sentence, after, end) or _subjects(doc, sentence, start, offset)
            if not persons or _not_an_event(doc, start, offset, words["not_events"]):
                continue
            replaced = _replaced(doc, sentence, start, sentence.start + len(sentence.norm), words["replaces"])
            posts = _posts(doc, sentence, after, end)
            post = posts[0] if posts else None
            if post is None and kind == "out":
                post = _served(doc, sentence, start)
            day = event_day(doc, sentence, start, offset, effect=True)
            if _looked_back_on(doc, sentence, offset, after):
                day = None  # 奥斯汀上任一年多以来: taken up some time before, on a day the text does not give
            if taking_up and isinstance(day, date) and doc.day is not None and day > doc.day:
                continue  # 5月10日就任韩国总统的尹锡悦, told on 28 April: not yet an event (an appointment made is one)
            if (post is None or post.body is None) and held is None:
                held = _posts_held(doc)
            for post in posts or [post]:
                polity = national_polity(doc, post, sentence, offset) if post is not None else None
                for person in persons:
                    known = post if post is not None and (post.body is not None or polity is not None) else _held(doc, held, person, post)
                    if known is None:
                        continue
                    fact_kind = "appointment" if kind == "in" else "departure"
                    body = ref_of(doc, known.body) if known.body is not None else polity
                    args = {"person": ref_of(doc, person), "organization": body, "role": known.role, "date": day}
                    if fact_kind == "appointment":
                        args["replaces"] = ref_of(doc, replaced) if replaced is not None and replaced is not person else None
                    key = (fact_kind, args["person"].name, args["organization"].name, known.role)
                    facts.setdefault(key, Fact(fact_kind, args, sentence, 0.75 if post else 0.6))
                    if fact_kind == "appointment" and replaced is not None and replaced is not person \
                            and _removed_before(doc, replaced):
                        # 接替被罷免的伊姆蘭汗: the one replaced, removed, leaves the post
                        out = {"person": ref_of(doc, replaced), "organization": body, "role": known.role, "date": day}
                        facts.setdefault(("departure", out["person"].name, body.name, known.role),
                                         Fact("departure", out, sentence, 0.6))
    return list(facts.values())


def _outermost(found: list[tuple[int, str, str]]) -> list[tuple[int, str, str]]:
    """The longest cue where cues overlap (被任命为 over 任命, 宣誓就任 over 就任)."""
    found.sort(key=lambda f: (f[0], -len(f[1])))
    kept: list[tuple[int, str, str]] = []
    for f in found:
        if kept and f[0] < kept[-1][0] + len(kept[-1][1]):
            continue
        kept.append(f)
    return kept


def _subjects(doc: AnalysedArticle, sentence, start: int, offset: int) -> list[Mention]:
    """Who takes up or leaves the post: the clause's subject (or the person a leading
    他/她 stands for, or the sentence's subject when the clause names nobody: 高市早苗……
    上月就任自民党总裁之后), with the persons joined to it (A和B于周日辞职)."""
    inner = _inner_subject(doc, sentence, offset)
    if inner is not None:
        return [inner]  # 大卫·弗罗斯特在普京出任总统的几周之前采访了他: 普京 takes office
    touching = next((m for m in doc.mentions_in(sentence) if m.end == offset and m.type == "Person"), None)
    if touching is not None and subject(doc, sentence, start, offset, polity_near=False) is None:
        return [touching]  # 这是奥斯汀上任一年多以来: the name right before the cue takes office
    head = subject(doc, sentence, start, offset, polity_near=False) or pronoun_subject(doc, sentence, start, offset)
    if head is None and start > sentence.start and not any(start <= m.start < offset for m in doc.mentions_in(sentence)):
        head = subject(doc, sentence, sentence.start, sentence.start + clause_end(sentence.norm), polity_near=False)
    if head is None or head.type != "Person":
        return []
    persons = [head]
    for m in doc.mentions_in(sentence):
        if m.type == "Person" and head.end <= m.start and m.end <= offset and m is not head:
            gap = doc.norm[persons[-1].end:m.start]
            if gap[:1] in zh("appointments")["joiners"] and "，" not in gap and zh("grammar")["possessive"] not in gap:
                persons.append(m)
    return persons


def _inner_subject(doc: AnalysedArticle, sentence, offset: int) -> Mention | None:
    """The person of a clause opened by 在 right before the cue (在普京出任总统的几周之前):
    the event is theirs, not the sentence's subject's."""
    for m in reversed(doc.mentions_in(sentence)):
        if m.end <= offset:
            if m.type == "Person" and between_pattern().match(doc.norm[m.end:offset]) \
                    and doc.norm[m.start - 1:m.start] in zh("appointments")["clause_openers"]:
                return m
            return None
    return None


def _described(doc: AnalysedArticle, sentence, after: int, end: int) -> list[Mention]:
    """The person a clause of taking up a post describes (5月10日就任韩国总统的尹锡悦):
    the one right after the 的 that closes the cue's words, not the sentence's subject."""
    possessive = zh("grammar")["possessive"]
    for m in doc.mentions_in(sentence):
        if m.type == "Person" and after < m.start <= end + 1 and doc.norm[m.start - 1:m.start] == possessive \
                and not any(ch in doc.norm[after:m.start] for ch in "，,。；"):
            return [m]
    return []


def _object(doc: AnalysedArticle, sentence, after: int, end: int, closers) -> tuple[list[Mention], int]:
    """Whom 任命/免去 acts on: the persons right after the verb, up to 为/担任 (or the
    的/职务 of the post removed), and where their words end."""
    persons = [m for m in doc.mentions_in(sentence) if after <= m.start and m.end <= end and m.type == "Person"]
    pronoun = _pronoun_object(doc, sentence, after)
    if pronoun is not None:
        person, pronoun_end = pronoun
        return ([person], pronoun_end) if doc.norm[pronoun_end:end].startswith(tuple(closers)) else ([], after)
    if not persons:
        return [], after
    gap = doc.norm[after:persons[0].start].strip(" ，")
    # 选出反对派领袖、穆斯林联盟主席夏巴兹谢里夫为新总理: the person's titles stand between
    chain = apposition_start(doc, persons[0])
    titled = 0 < len(gap) <= 24 and chain < persons[0].start and chain - after <= zh("appointments")["object_descriptor_reach"]
    if gap not in zh("appointments")["before_object"] and not titled:
        return [], after
    chosen = [persons[0]]
    for m in persons[1:]:
        if doc.norm[chosen[-1].end:m.start] in zh("appointments")["joiners"]:
            chosen.append(m)
    rest = doc.norm[chosen[-1].end:end]
    return (chosen, chosen[-1].end) if rest.startswith(tuple(closers)) or any(c in rest for c in closers) else ([], after)


def _pronoun_object(doc: AnalysedArticle, sentence, after: int) -> tuple[Mention, int] | None:
    """The person 他/她 right after 任命 or 委任 stands for (李家超表示，感謝林鄭月娥委任他出任
    保安局局長: the sentence's subject, else the last person named), and where the
    pronoun ends."""
    pronoun = leading_person_pronoun(doc.norm[after:after + 3])
    if pronoun is None:
        return None
    first = subject(doc, sentence, sentence.start, sentence.start + clause_end(sentence.norm), polity_near=False)
    person = first if first is not None and first.type == "Person" and first.end <= after else last_person_before(doc, after)
    return (person, after + len(pronoun)) if person is not None else None


def _looked_back_on(doc: AnalysedArticle, sentence, offset: int, after: int) -> bool:
    """Whether the event is told as the start of a time since (上任一年多以来, 就任后) and
    the sentence gives no day for it."""
    if not pattern("zh", "appointments", "since_event").match(doc.norm, after):
        return False
    stated = doc.norm[sentence.start:offset]
    return resolve(stated, doc.day)[0] is None and not pattern("zh", "dates", "year_month").search(stated)


def _not_an_event(doc: AnalysedArticle, start: int, offset: int, markers) -> bool:
    """要求马科斯下台, 即将就任, 拒绝辞职: a word of its own before the cue in its clause."""
    text = doc.norm[start:offset]
    return any(is_word(doc, start + i, marker) for marker in markers for i in find_all(marker, text))


def _removed_before(doc: AnalysedArticle, person: Mention) -> bool:
    """Whether the words right before a person replaced say the person was removed or
    left (被罷免的伊姆蘭汗, 下台的)."""
    before = doc.norm[max(0, person.start - 6):person.start].rstrip(zh("grammar")["possessive"])
    return before.endswith(tuple(zh("appointments")["removed_before_replaced"]))


def _replaced(doc: AnalysedArticle, sentence, start: int, end: int, cues) -> Mention | None:
    """接替Y, 取代Y: the person replaced."""
    for cue in cues:
        at = doc.norm.find(cue, start, end)
        if at != -1:
            return next((m for m in doc.mentions_in(sentence) if m.type == "Person" and at + len(cue) <= m.start <= at + len(cue) + 8
                         and not doc.norm[at + len(cue):m.start].strip(zh("appointments")["before_replaced"])), None)
    return None


def _post(doc: AnalysedArticle, sentence, after: int, end: int) -> Post | None:
    """The post named after the cue, up to the clause's end: a body and a title read as
    an office is (国家卫健委副主任, 警务处副处长)."""
    return _first_post(doc, sentence, after, end)[0]


def _posts(doc: AnalysedArticle, sentence, after: int, end: int) -> list[Post]:
    """The posts named after the cue: the first, and those joined to it by 及, 和 or 、
    (委任他出任保安局局長及政務司司長)."""
    posts: list[Post] = []
    while True:
        post, title_end = _first_post(doc, sentence, after, end)
        if post is None:
            return posts
        posts.append(post)
        if doc.norm[title_end:title_end + 1] not in zh("appointments")["joiners"]:
            return posts
        after = title_end + 1


def _first_post(doc: AnalysedArticle, sentence, after: int, end: int) -> tuple[Post | None, int]:
    """The first post after ``after`` and where its title ends."""
    row = [i for i in items(doc, sentence) if after <= i.start and i.end <= end]
    for j, item in enumerate(row):
        if item.kind == "Title":
            post, _, _ = _post_ending(doc, row, j, after, nearest=True)
            return post, item.end
        if item.kind == "Person" and not doc.norm.startswith(zh("grammar")["possessive"], _past_titles(row, j)):
            return None, after  # a person's post (福特总统的白宫幕僚长) reads on past the possessor
    return None, after


def _past_titles(row, j: int) -> int:
    """Where the words of the person ``row[j]`` and the titles right after it end."""
    end = row[j].end
    for item in row[j + 1:]:
        if item.kind != "Title" or item.start != end:
            break
        end = item.end
    return end


def _served(doc: AnalysedArticle, sentence, start: int) -> Post | None:
    """The post a departure leaves when the sentence said before it that the person
    served in it (一直担任总统府主席，直到2000年……卸任)."""
    serving = zh("appointments")["serving"]
    at = doc.norm.rfind(serving, sentence.start, start)
    if at == -1:
        return None
    after = at + len(serving)
    return _post(doc, sentence, after, after + clause_end(doc.norm[after:sentence.start + len(sentence.norm)]))


def _posts_held(doc: AnalysedArticle) -> dict[str, list[Post]]:
    """The posts the article gives each person, by the name resolution keys them by."""
    held: dict[str, list[Post]] = {}
    for person, posts, _ in appositions(doc):
        held.setdefault(ref_of(doc, person).name, []).extend(p for p in posts if p.body is not None)
    return held


def _held(doc: AnalysedArticle, held: dict, person: Mention, named: Post | None) -> Post | None:
    """The post an event means when the sentence names no body: the one post the article
    gives the person (BBC总裁蒂姆·戴维……于周日辞职), or the one with the title named
    (韩国总理金民锡……今年7月就任总理)."""
    posts = list({(p.body.norm, p.role): p for p in held.get(ref_of(doc, person).name, [])}.values())
    if named is not None:
        posts = [p for p in posts if p.title == named.title]
    return posts[0] if len(posts) == 1 else None


def write_post_change(graph: ArticleGraph, fact: Fact) -> None:
    """An appointment or a departure: the event, dated, and the membership it begins or
    ends; whom an appointee replaces (nkg:replaces, and nkg:succeeded between persons)."""
    person, org, post = add_membership(graph, fact)
    cls = NKG.Appointment if fact.kind == "appointment" else NKG.Departure
    event = graph.node(fact.kind, person.value, post.value, str(fact.args.get("date") or ""))
    graph.add(event, A, named(cls))
    graph.add(event, NKG.holder, person)
    graph.add(event, NKG.post, post)
    if fact.args.get("date"):
        graph.add(event, SCHEMA.startDate, date_literal(fact.args["date"]))
    if fact.args.get("replaces") is not None:
        replaced = graph.entity(fact.args["replaces"])
        graph.add(event, NKG.replaces, replaced)
        graph.add(person, NKG.succeeded, replaced)
    graph.provenance(event, fact)


def _match_post_change(gold: dict, args: dict, m: Matching) -> bool:
    """An appointment or a departure: the person and the date; whom it replaces where
    gold says; the post where gold names one."""
    if not m.party(gold["person"], args["person"], loose=False) or not m.same_date(gold, args):
        return False
    if gold.get("replaces") and (args.get("replaces") is None or not m.party(gold["replaces"], args["replaces"], loose=False)):
        return False
    return not gold.get("organization") or m.party(gold["organization"], args["organization"]) and (
        not gold.get("role") or m.same_role(gold["role"], args["role"])) or m.same_post(gold, args)


APPOINTMENT = FactKind("appointment", "a person is appointed to a post", write_post_change, _match_post_change,
                       {"zh": extract}, node_class="nkg:Appointment",
                       properties=("holder", "post", "replaces", "succeeded", "heldSince", "evidence", "confidence"))
DEPARTURE = FactKind("departure", "a person leaves a post", write_post_change, _match_post_change,
                     made_by="appointment", node_class="nkg:Departure",
                     properties=("holder", "post", "heldUntil", "evidence", "confidence"))
