"""Offices: organisation + title + name (外交部发言人毛宁, 中国卫生健康委副主任雷海潮),
chains of them joined by 、, 兼 or 和 before one name (工作组组长、…副主任雷海潮), with
the words between a body and its title read too (韩国产业通商部长, 史汀生中心
（Stimson Center）中国项目主任, 香港职工盟前副主席), envoys (中国驻大阪总领事), and a head
of state's title beside a name with no country (李在明总统), from the article or
persons.tsv."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache, lru_cache

from .. import english, lexicon
from ..gazetteer import load as load_gazetteer
from ..language_data import zh
from ..model import AnalysedArticle, Fact, FactKind, Matching, Mention
from ..rdf import ArticleGraph, add_membership
from .common import (ORG_TYPES, PLACE_TYPES, Item, full_name, home_polity, items, lead_country, named_country, place_ref, ref_of,
                     sentence_date)

_BRACKETED = re.compile(r"[（(][^（()）]*[）)]")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+$")
_STEM_STOP_POS = ("p", "r", "c", "uj", "ul", "uz", "ug", "y")


@cache
def _words() -> dict[str, tuple[str, ...]]:
    """The office words of zh/cues.json as tuples: ``former``, words before a title that
    leave the post as it is (前首相, 新任首相, 内阁官房长官), of which ``past`` say it is
    held no more; ``body_endings``, name endings of bodies the recogniser leaves unnamed
    (支联会, 汽车会议所, 职工盟) besides the organisation suffixes; ``heads_of_named``,
    first characters of titles that close the name of the body they head (国家安全保障局长
    is the 局长 of 国家安全保障局); ``title_bodies``, bodies named by a title and what
    follows it (总统府发言人 is not a 总统); ``party_heads``, ``deputy``, ``place_words``,
    ``posted`` (驻), ``missions``, ``qualifiers``, ``after_name``, ``takes_office``."""
    return {key: tuple(words) for key, words in lexicon.cues()["office"].items() if not key.startswith("_about")}


@dataclass
class Post:
    """A post read next to a name: the body (a mention, or one the words name that the
    recogniser missed), the role as written (经济部长, 中国项目主任), the lexicon title
    it ends in, how sure the reading is, and whether 前 or 时任 said it is held no more."""

    body: Mention | None
    role: str
    title: str
    confidence: float = 0.85
    former: bool = False

    def heads(self) -> bool:
        """A role qualified by more words (中国项目主任) heads a part of the body, not it;
        a 部长 heads a ministry (部), not the party a 前部长 belonged to."""
        if self.body is None or self.role != self.title:
            return False
        office = zh("offices")
        return lexicon.titles()[self.title].heads(polity=self.body.type in PLACE_TYPES) \
            and (self.title != office["minister"] or self.body.norm.endswith(office["ministry"]))


def _row(doc: AnalysedArticle, sentence) -> list[Item]:
    """The sentence's items, without titles that begin a body's name (委员会,
    总统办公室): those are words of the name."""
    return [i for i in items(doc, sentence) if not (i.kind == "Title" and _opens_body(doc.norm, i))]


def _opens_body(norm: str, title: Item) -> bool:
    after = norm[title.end:title.end + 4]
    title_text = norm[title.start:title.end]
    words = [s for s in _body_endings() if len(s) >= 2] + list(_words()["title_bodies"])
    return any(after.startswith(s) or len(s) > len(title_text) and (title_text + after).startswith(s) for s in words)


@lru_cache(maxsize=1)
def _body_endings() -> tuple[str, ...]:
    return tuple(lexicon.cues()["org_suffixes"]) + _words()["body_endings"]


def appositions(doc: AnalysedArticle):
    """Each (person mention, [Post], sentence) found by walking back from a person's
    name over titles and their bodies, and on from it over titles that follow."""
    for sentence in doc.sentences:
        row = _row(doc, sentence)
        for k, item in enumerate(row):
            if item.kind != "Person":
                continue
            posts: list[Post] = []
            j, cursor, allowed = k - 1, item.start, ("",)
            while j >= 0 and row[j].kind == "Title" and _gap(doc, row[j].end, cursor) in allowed:
                post, j, cursor = _post_ending(doc, row, j, sentence.start, nearest=not posts)
                if post is not None:
                    posts.append(post)
                j, allowed = j - 1, zh("offices")["joiners"]
            if posts and posts[0].body is None and posts[0].role == posts[0].title and not posts[0].former \
                    and lexicon.titles()[posts[0].title].leads == 2 and (len(posts) == 1 or posts[1].body is None):
                posts[0] = _polity_post(doc, item.mention, posts[0].title) or posts[0]
            posts += _posts_after(doc, row, k)
            if posts:
                _inherit_bodies(posts)
                yield item.mention, list(reversed(posts)), sentence


def _post_ending(doc: AnalysedArticle, row: list[Item], j: int, floor: int, nearest: bool):
    """The post whose title is ``row[j]``, read back over the words before it: 前/时任,
    a stem (经济部长, 国家安保室长, 支联会常委, 中国项目主任, 总统新闻秘书), 驻 and the
    places a mission is in, and a body, a Latin gloss after the body left out; a name
    right before the title is the patron whose country the post serves (普京外交顾问) when
    the title is the one ``nearest`` the person, and else holds the title itself
    (李在明总统、国家安保室长魏圣洛). Returns the post (None when it names no body it can
    stand in), the index of its first item and where its words start."""
    title = row[j]
    norm = doc.norm
    words, office = _words(), zh("offices")
    possessive = zh("grammar")["possessive"]
    first = j
    while first >= 1 and row[first - 1].kind == "Title" and row[first - 1].end == row[first].start:
        first -= 1
    left = row[first - 1].end if first >= 1 else floor
    start, former = _strip_former(norm, left, row[first].start) if first == j else (title.start, False)
    opening = norm[left:start].lstrip(possessive + " ")
    former = former or opening.startswith(words["past"]) and not opening.startswith(office["not_former"])  # 前能源部长, not 前往
    run = _HAN_RUN.search(norm[left:start])
    before = row[first - 1] if first >= 1 else None
    touching = before is not None and before.kind in ORG_TYPES + PLACE_TYPES and run is not None and run.start() == 0
    stem_start = _after_stops(doc, left + run.start() if run else start, start, before.start if touching else None)
    stem = norm[stem_start:start]
    role = title.title
    for word in words["deputy"]:
        if stem.endswith(word):
            stem, role = stem[:-len(word)], word + role
            break
    if stem.endswith(office["nationality"]):
        return None, first, stem_start
    if len(stem) >= 2 and stem.endswith(office["discipline"]) and not stem.endswith(tuple(office["schools"])):
        stem = ""  # 经济学教授: the discipline qualifies the holder, not the post
    elif title.title in office["academic_titles"] and stem and not _names_body(stem) \
            and before is not None and before.kind in ORG_TYPES:
        # 儿科及健康政策教授: the field qualifies the holder; a rank (临床教授) stays the post's
        stem = next((rank for rank in office["academic_ranks"] if stem.endswith(rank)), "")
    prev = before if before is not None and before.kind in ORG_TYPES + PLACE_TYPES else None
    between = _BRACKETED.sub("", norm[left:stem_start]).strip().strip("）)").strip()
    attached = prev is not None and (between in words["former"] + ("",) or norm[left:start].strip() == possessive
                                     or norm[left:start].strip().removeprefix(possessive) in words["qualifiers"])  # 英国广播公司的著名记者
    if attached and prev.kind in PLACE_TYPES and stem in words["place_words"]:
        stem = ""
    if stem.startswith(words["posted"]) and not stem.endswith(words["missions"]) or attached and not _names_body(stem):
        mission = _mission(doc, row, first, j, stem_start if stem.startswith(words["posted"]) else None)
        if mission is not None:
            return mission
    if before is not None and before.kind == "Person" and stem_start == left:
        serves = nearest and not former and lexicon.titles()[title.title].leads < 2
        polity = _known_polity(doc, before.mention) if serves else None
        if polity is None:
            return None, first, title.start
        return Post(polity, stem + role, title.title, 0.7, former=former), first - 1, before.start
    heads_named = title.title[0] in words["heads_of_named"] and title.title[1:2] == office["head"] or title.title in words["party_heads"]
    if heads_named and stem.endswith(title.title[0]):
        heads_named = False
    if not attached:
        if len(stem) >= 3 and _names_body(stem):
            return Post(_body(doc, [(stem_start, stem_start + len(stem))]), role, title.title, former=former), first, stem_start
        if len(stem) >= 2 and heads_named:
            return Post(_body(doc, [(stem_start, start), (title.start, title.start + 1)]), role, title.title, former=former), first, stem_start
        polity = _abbreviated_polity(doc, stem_start, stem)
        if polity is not None:
            return Post(polity, role, title.title, former=former), first, stem_start
        return Post(None, stem + role, title.title, former=former), first, stem_start
    k = first - 1
    if not stem:
        if prev.kind == "Place" and k >= 1 and row[k - 1].kind in ORG_TYPES and _gap(doc, row[k - 1].end, prev.start) == "":
            named = heads_named and not norm[prev.start:prev.end].endswith(title.title[0])
            spans = [(row[k - 1].start, prev.end)] + ([(title.start, title.start + 1)] if named else [])
            return Post(_body(doc, spans), role, title.title, former=former), k - 1, row[k - 1].start
        return Post(prev.mention, role, title.title, former=former), k, prev.start
    pieces = [(prev.start, prev.end), (stem_start, stem_start + len(stem))]
    if stem.endswith(_body_endings()):
        return Post(_body(doc, pieces), role, title.title, former=former), k, prev.start
    if title.title == office["minister"] and prev.kind in PLACE_TYPES:
        return Post(prev.mention, stem + role, title.title, former=former), k, prev.start
    if heads_named or title.title == office["minister"]:
        return Post(_body(doc, pieces + [(title.start, title.start + 1)]), role, title.title, former=former), k, prev.start
    if prev.kind in PLACE_TYPES and k >= 1 and row[k - 1].kind in ORG_TYPES + ("Country",) \
            and _BRACKETED.sub("", norm[row[k - 1].end:prev.start]).strip() == "":
        return Post(row[k - 1].mention, norm[prev.start:prev.end] + stem + role, title.title, former=former), k - 1, row[k - 1].start
    if prev.kind in ORG_TYPES + ("Country",):
        return Post(prev.mention, stem + role, title.title, former=former), k, prev.start
    return Post(None, stem + role, title.title, former=former), k, prev.start


def _abbreviated_polity(doc: AnalysedArticle, start: int, stem: str) -> Mention | None:
    """The country one character stands for before a title (俄总统普京, 英首相约翰逊),
    not a day's 日 after its number (12日首相)."""
    name = zh("offices")["polity_abbreviations"].get(stem)
    if name is None or start > 0 and doc.norm[start - 1].isdigit():
        return None
    places = load_gazetteer().lookup(name)
    return Mention(start, start + 1, doc.article.text[start:start + 1], stem, places[0].kind, "abbreviation", places[0].id) if places else None


def _strip_former(norm: str, left: int, end: int) -> tuple[int, bool]:
    """Where the words before a title end once a 前, 时任 or 现任 before it is left out,
    and whether they said the post is no longer held."""
    text = norm[left:end]
    for word in _words()["former"]:
        if text.endswith(word):
            return end - len(word), word in _words()["past"]
    return end, False


def _after_stops(doc: AnalysedArticle, start: int, end: int, body_start: int | None = None) -> int:
    """The stem's start past any word that cannot be inside a name or a role (会见国家
    安全保障局长 → 国家安全保障, 网友贴出前首相 → nothing): stop words, prepositions,
    pronouns, 的, verbs (when the stem names a body, only one that leads it and does not
    follow a body's name: 听取消防处处长), a leading joiner, 前 or qualifier (著名)."""
    stops = set(lexicon.cues()["modifier_stop"])
    office = zh("offices")
    starts = doc.notes.get("token_starts")
    if starts is None or len(starts) != len(doc.tokens):
        starts = doc.notes["token_starts"] = [t.start for t in doc.tokens]
    first = bisect_left(starts, start)
    inside = [t for t in doc.tokens[first:bisect_left(starts, end)] if t.end <= end]
    if first and doc.tokens[first - 1].end > start and (body_start is None or doc.tokens[first - 1].start > body_start):
        start = min(doc.tokens[first - 1].end, end)
    names_body = _names_body(doc.norm[start:end]) or _names_body(doc.norm[start:end + 1])
    cut = start
    for token in inside:
        if token.word in office["inner_joiners"] or token.word in _body_endings():
            continue
        if token.word in stops or token.pos.startswith(_STEM_STOP_POS) or (token.pos == "v" or token.pos == "a" and body_start is None) and not names_body:
            cut = token.end
        elif token.pos == "v" and token.start == cut and body_start is None and _names_body(doc.norm[token.end:end + 1]):
            cut = token.end
    for token in inside:
        if token.start == cut and (token.word in office["joiners"] + office["inner_joiners"] + _words()["former"] + _words()["qualifiers"]):
            cut = token.end
    while doc.norm.startswith(office["chain_joiners"], cut) and cut < end:
        cut += 1
    return cut


def _names_body(stem: str) -> bool:
    return stem.endswith(_body_endings()) and stem not in _body_endings()


def _mission(doc: AnalysedArticle, row: list[Item], first: int, j: int, zhu: int | None):
    """An envoy's post: 韩国前驻俄罗斯及欧盟大使 is 驻俄罗斯及欧盟大使 of 韩国, 日本驻华大使
    驻华大使 of 日本. None when 驻 is not there; a post without a body when no
    country sends the envoy."""
    norm = doc.norm
    office = zh("offices")
    i = first - 1
    if zhu is None:
        while i >= 0 and row[i].kind in ORG_TYPES + PLACE_TYPES:
            before = norm[row[i - 1].end if i >= 1 else doc.sentence_at(row[i].start).start:row[i].start]
            if before.endswith(_words()["posted"]):
                resident = office["resident_posted"]
                zhu = row[i].start - (len(resident) if before.endswith(resident) else 1)
                break
            if before.strip() not in office["mission_joiners"]:
                return None
            i -= 1
        if zhu is None:
            return None
        i -= 1
    role = norm[zhu:row[j].end]
    left = row[i].end if i >= 0 else zhu
    start, former = _strip_former(norm, left, zhu)
    sender = row[i] if i >= 0 and row[i].kind in ORG_TYPES + PLACE_TYPES and start == left else None
    if sender is None:
        return None, i + 1, start
    return Post(sender.mention, role, row[j].title, former=former), i, sender.start


def _body(doc: AnalysedArticle, spans: list[tuple[int, int]]) -> Mention:
    """A body the words name without a mention of its own (韩国国家安保室, 支联会)."""
    text = "".join(doc.article.text[s:e] for s, e in spans)
    norm = "".join(doc.norm[s:e] for s, e in spans)
    return Mention(spans[0][0], spans[-1][1], text, norm, "Organization", "office")


def _posts_after(doc: AnalysedArticle, row: list[Item], k: int) -> list[Post]:
    """Titles after a name: 李家超（香港特区行政长官）, 毛宁，外交部发言人，…, 王毅担任外交部长,
    and 李在明总统 (a head of state's title straight after the name: see _polity_post)."""
    person = row[k]
    if k + 1 >= len(row):
        return []
    possessive = zh("grammar")["possessive"]
    j = k + 1
    opener = _gap(doc, person.end, row[j].start)
    if opener == "" and row[j].kind == "Title" and lexicon.titles()[row[j].title].leads == 2:
        post = _polity_post(doc, person.mention, row[j].title)
        return [post] if post else []
    opener, former = _past_adverbs(opener)
    if opener not in _words()["after_name"]:
        return []
    org = None
    if row[j].kind in ORG_TYPES + PLACE_TYPES and j + 1 < len(row) and row[j + 1].kind == "Title" \
            and _gap(doc, row[j].end, row[j + 1].start) in ("", possessive):
        org, j = row[j], j + 1
    if row[j].kind != "Title" or org is None:
        return _served_post(doc, row, k, j, opener, former)
    end = row[j].end
    closing = doc.norm[end:end + 1]
    if closing not in zh("offices")["closing"] and closing not in "）)":
        return []
    if opener in ("，", ",") and closing not in ("，", ",", "。", "）", ")") \
            or closing == possessive and opener not in _words()["takes_office"]:
        return []
    return [Post(org.mention, row[j].title, row[j].title, former=former)]


def _past_adverbs(opener: str) -> tuple[str, bool]:
    """The word that introduces a post after a name without the adverbs before it
    (目前担任, 曾担任, 后来还出任), and whether they say the post is held no more (曾)."""
    words = zh("offices")
    former = False
    while True:
        adverb = next((a for a in words["serving_adverbs"] if opener.startswith(a) and len(opener) > len(a)), None)
        if adverb is None:
            return opener, former
        former = former or adverb in words["past_adverbs"]
        opener = opener[len(adverb):]


def _served_post(doc: AnalysedArticle, row: list[Item], k: int, j: int, opener: str, former: bool) -> list[Post]:
    """The post a person 担任/出任/现任 when the words after it are a post read as before a
    name is (目前担任沙特驻美国大使, 现任麦地那总督): its title closes the clause or its
    words."""
    if opener not in zh("offices")["serving_words"]:
        return []
    title = next((i for i in range(j, len(row)) if row[i].kind == "Title"), None)
    if title is None or any(row[i].kind == "Person" for i in range(j, title)) \
            or any(ch in doc.norm[row[k].end:row[title].start] for ch in zh("offices")["clause_breaks"]):
        return []
    end = row[title].end
    if doc.norm[end:end + 1] not in zh("offices")["closing"]:
        return []
    post, _, _ = _post_ending(doc, row, title, row[k].end, nearest=False)
    if post is None or post.body is None and post.role != post.title:
        return []
    post.former = post.former or former
    return [post]


def _inherit_bodies(posts: list[Post]):
    """A title without its own body in a chain belongs to the one named before it
    (中国卫生健康委副主任、党组成员…)."""
    ordered = list(reversed(posts))
    for i in range(1, len(ordered)):
        if ordered[i].body is None and ordered[i - 1].body is not None:
            ordered[i].body = ordered[i - 1].body
    posts[:] = list(reversed(ordered))


def _polity_post(doc: AnalysedArticle, person: Mention, title: str) -> Post | None:
    """A head of state's or government's title next to a name with no country before it
    (李在明总统, 总统普京): the country the article gives the person elsewhere, else
    the one the person heads now by persons.tsv, less surely."""
    stated = _stated_polity(doc, person.norm, title)
    if stated is not None:
        return Post(stated.mention, title, title)
    polity = _known_polity(doc, person, title)
    return Post(polity, title, title, 0.7) if polity else None


def _known_polity(doc: AnalysedArticle, person: Mention, title: str | None = None) -> Mention | None:
    """The country whose post persons.tsv gives this person (with this title, if given)."""
    known = lexicon.known_names().get(person.ref or person.norm) or lexicon.known_names().get(full_name(doc, person.norm, person.start))
    if known is None or known.type != "Person":
        return None
    for post in known.posts:
        polity, _, held = post.partition(":")
        places = load_gazetteer().lookup(polity)
        if title in (None, held) and places:
            kind = places[0].kind
            return Mention(person.start, person.start, polity, polity, kind, "persons", places[0].id)
    return None


def _stated_polity(doc: AnalysedArticle, person: str, title: str) -> Item | None:
    """The country the article itself gives this person with this title elsewhere
    (韩国总统李在明 … 李在明总统)."""
    stated = doc.notes.get("polities")
    if stated is None:
        stated = doc.notes["polities"] = {}
        for sentence in doc.sentences:
            row = items(doc, sentence)
            for k in range(2, len(row)):
                if row[k].kind == "Person" and row[k - 1].kind == "Title" and row[k - 2].kind == "Country" \
                        and _gap(doc, row[k - 2].end, row[k - 1].start) == "" and _gap(doc, row[k - 1].end, row[k].start) == "":
                    stated.setdefault((row[k].mention.norm, row[k - 1].title), row[k - 2])
    return stated.get((person, title))


def _gap(doc: AnalysedArticle, start: int, end: int) -> str:
    return _BRACKETED.sub("", doc.norm[start:end]).strip() if end >= start else "?"


def _unshared(post: Post) -> str:
    """The role without the body's last character that a title took in (民主党|主席
    read as 民主党 and 党主席): the role the body gives."""
    role = post.role
    if post.body is not None and post.body.end > 0 and len(role) >= 3 and post.body.norm.endswith(role[0]) \
            and role[1:] in lexicon.titles():
        return role[1:]
    return role


def _sentence_country(doc: AnalysedArticle, sentence, before: int):
    """The one country a sentence names before ``before`` (英国政府…，外相卓慧思), on its
    own or opening a body's name; None for none or several."""
    found = {}
    for m in doc.mentions_in(sentence):
        if m.end > before:
            break
        name = named_country(m, media=False)
        if name:
            places = load_gazetteer().lookup(name)
            found.setdefault(places[0].id if places else name, name)
    return place_ref(doc, next(iter(found.values()))) if len(found) == 1 else None


def national_polity(doc: AnalysedArticle, post: Post, sentence=None, before: int = 0):
    """The polity of a national post named with no body (国土交通相金子恭之): the outlet's
    own, else the country the story is about (also when the story is about another
    country and never names the outlet's); None for any other post."""
    if post.body is not None:
        return None
    home = home_polity(doc, post.title, _words()["national_titles"])
    if post.title not in _words()["national_titles"]:
        return home if post.role == post.title else None  # not 尊重|行政長官
    if sentence is not None:
        named = _sentence_country(doc, sentence, before)
        if named is not None:
            return named
    lead = lead_country(doc)
    if home is not None and lead is not None and lead.name != home.name \
            and not any(ref_of(doc, m).name == home.name for m in doc.mentions if m.type in PLACE_TYPES):
        return lead  # CNA on Bangladesh, never naming Taiwan: 前總理哈希納 is Bangladesh's
    return home or lead


def post_facts(doc: AnalysedArticle, kind: str, keep=lambda post: True) -> list[Fact]:
    """One fact of ``kind`` per post whose body ``keep`` accepts, once per article (a
    post restated later is the same membership): the surest reading, else the first."""
    facts: dict[tuple, Fact] = {}
    for person, posts, sentence in appositions(doc):
        for post in posts:
            body = ref_of(doc, post.body) if post.body is not None else national_polity(doc, post, sentence, person.start)
            if body is None or not keep(post):
                continue
            args = {"person": ref_of(doc, person), "organization": body, "role": _unshared(post),
                    "date": sentence_date(doc, sentence) or doc.day}
            if post.former:
                args["former"] = True
            key = (args["person"].name, args["organization"].name, post.role)
            if key not in facts or post.confidence > facts[key].confidence:
                facts[key] = Fact(kind, args, sentence, post.confidence)
    return list(facts.values())


def extract(doc: AnalysedArticle) -> list[Fact]:
    return post_facts(doc, "office")


def write_office(graph: ArticleGraph, fact: Fact) -> None:
    add_membership(graph, fact)


def _match_office(gold: dict, args: dict, m: Matching) -> bool:
    """The person, and the body with the role, or the post written fused or split."""
    if not m.party(gold["person"], args["person"], loose=False):
        return False
    return (m.party(gold["organization"], args["organization"]) and m.same_role(gold.get("role", ""), args["role"])
            or m.same_post(gold, args))


POST_PROPERTIES = ("attestedOn", "formerOn", "evidence", "confidence")
"""The properties of a membership: held on the article's day, or over by then."""

KIND = FactKind("office", "a person holds a post in a body or polity", write_office, _match_office,
                {"zh": extract, "en": english.find_offices}, node_class="org:Membership",
                properties=POST_PROPERTIES)
