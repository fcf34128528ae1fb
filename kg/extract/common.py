"""What every Chinese extractor needs: mentions as entity references, clauses,
titles in a sentence, and the antecedents an article sets up."""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from datetime import date

from .. import lexicon
from ..language_data import pattern, zh
from ..analyse import antecedent_place, find_titles, leading_place, without_names
from ..dates import resolve
from ..gazetteer import load as load_gazetteer
from ..model import AnalysedArticle, EntityRef, Fact, Mention, Sentence
from ..resolve import label_lang

PLACE_TYPES = ("Place", "AdministrativeArea", "Country")
ORG_TYPES = ("Organization", "GovernmentOrganization", "WorkingGroup", "NewsMedia")
AGENT_TYPES = ("Person",) + ORG_TYPES
_CLAUSE_BREAK = re.compile(r"[，。；：！？,;]")
BRACKETED = re.compile(r"[（(][^）)]*[）)]")


def ref_of(doc: AnalysedArticle, mention: Mention) -> EntityRef:
    """The entity a mention names, as resolution will key it: gazetteer places by
    their id, known names by their canonical form, the rest by their normalised text
    with a leading 自治区/该省 spelt out from its antecedent."""
    lang = label_lang(doc)
    if mention.type in PLACE_TYPES and mention.ref:
        return EntityRef(mention.type, "place:" + mention.ref, mention.text, lang)
    anaphora = lexicon.cues()["place_anaphora"]
    if mention.ref and not (mention.type in ORG_TYPES and mention.ref.startswith(tuple(anaphora))):
        return EntityRef(mention.type, mention.ref, mention.text, lang)
    if mention.type == "Person":
        full = full_name(doc, mention.norm, mention.start)
        if full != mention.norm:
            return EntityRef("Person", full, mention.text, lang)
    if mention.type == "WorkingGroup" and mention.norm == zh("dispatch")["generic_group"]:
        group = dispatched_group(doc, mention.start)
        if group is not None:
            return group
    name = mention.ref or mention.norm
    for word, suffix in anaphora.items():
        if name.startswith(word) and len(name) > len(word) and mention.type in ORG_TYPES:
            antecedent = antecedent_place(doc.mentions, mention.start, suffix)
            if antecedent is not None:
                place = load_gazetteer().get(antecedent.ref)
                name = place.name + name[len(word):]
            break
    return EntityRef(mention.type, name, mention.text, lang)


def place_ref(doc: AnalysedArticle, name: str) -> EntityRef | None:
    """The gazetteer's place of a name (香港 → place:cn-81), None when it knows none."""
    places = load_gazetteer().lookup(name)
    if not places:
        return None
    return EntityRef(places[0].kind, "place:" + places[0].id, name, label_lang(doc))


def home_polity(doc: AnalysedArticle, title: str, national: tuple[str, ...]) -> EntityRef | None:
    """The polity whose government an outlet writes of without naming it (共同网's bare
    国土交通相 is Japan's, 香港电台's bare 行政長官 Hong Kong's), from home_polities.tsv,
    when ``title`` is one of its own posts (its listed titles, else the ``national``
    ones); None for outlets written from abroad."""
    home = lexicon.home_polities().get(doc.article.extra.get("outlet", ""))
    if home is None or title not in (home[1] or national):
        return None
    return place_ref(doc, home[0])


def lead_country(doc: AnalysedArticle) -> EntityRef | None:
    """The country an article is about: the one it names at least twice and twice as
    often as any other; the polity of a national post it names with no country
    (巴基斯坦 for 總理伊姆蘭汗 in a report on Pakistan's parliament), none where two
    countries share the story."""
    if "lead_country" not in doc.notes:
        counts: dict[str, list[Mention]] = {}
        for m in sorted(doc.mentions, key=lambda m: m.start):
            country = named_country(m)
            if country:
                places = load_gazetteer().lookup(country)
                counts.setdefault(places[0].id if places else m.ref or m.norm, []).append(m)
        ranked = sorted(counts.values(), key=lambda ms: (-len(ms), ms[0].start))
        leading = ranked and len(ranked[0]) >= 2 and (len(ranked) == 1 or len(ranked[0]) >= 2 * len(ranked[1]))
        if not leading:
            doc.notes["lead_country"] = None
        else:
            named = next((m for m in ranked[0] if m.type == "Country"), None)
            doc.notes["lead_country"] = ref_of(doc, named) if named else place_ref(doc, named_country(ranked[0][0]))
    return doc.notes["lead_country"]


def named_country(m: Mention, media: bool = True) -> str:
    """The country a mention names: itself, or the one a body's name opens with
    (巴基斯坦|最高法院; a medium's too unless ``media`` is off: 英国|广播公司); else ''."""
    if m.type == "Country":
        return m.norm
    if m.type in ORG_TYPES and (media or m.type != "NewsMedia"):
        return leading_place(m.norm, "Country", rest=2, longest=6)
    return ""


def full_name(doc: AnalysedArticle, name: str, offset: int | None = None) -> str:
    """The full form of a person's name that the article uses elsewhere: 斯塔默 for
    基尔·斯塔默, 金井 for 金井正彰 (a surname alone, as Japanese and Korean names are
    cut in later mentions). Of several, the longest; of several as long (小池 for
    小池敦义 and 小池淳义), the one named last before ``offset``, else the first named."""
    index = doc.notes.get("fuller_names")
    if index is None:
        names: dict[str, list[int]] = {}
        for m in sorted(doc.mentions, key=lambda m: m.start):
            if m.type == "Person":
                names.setdefault(m.norm, []).append(m.start)
        index = doc.notes["fuller_names"] = (names, _fuller_names(names))
    names, fuller = index
    candidates = fuller.get(name)
    if not candidates:
        return name
    before = [(names[other][bisect_left(names[other], offset) - 1], other) for other in candidates
              if offset is not None and bisect_left(names[other], offset) > 0]
    return max(before)[1] if before else min(candidates, key=lambda other: names[other][0])


def _fuller_names(names: dict[str, list[int]]) -> dict[str, list[str]]:
    """Each name's fuller forms, the longest ones, in the order the article names them:
    those that end in it after a · and, having no ·, those that begin with it (two
    characters or more, the fuller one four or more). Indexed once, so that each look-up
    costs the same however many persons an article names."""
    fuller: dict[str, list[str]] = {}
    for other in names:
        keys = {other[i + 1:] for i, ch in enumerate(other) if ch in "·・"}
        if "·" not in other and len(other) >= 4:
            keys.update(other[:k] for k in range(2, len(other)))
        for key in sorted(keys):
            fuller.setdefault(key, []).append(other)
    return {key: [o for o in found if len(o) == max(map(len, found))] for key, found in fuller.items()}


def dispatched_group(doc: AnalysedArticle, offset: int) -> EntityRef | None:
    """The group the article reports sent (the last dispatch before ``offset``,
    else the first one at all)."""
    groups = doc.notes.get("groups")
    if groups is None:
        doc.notes["groups"] = []  # while the dispatches are read, a bare 工作组 sending one names none yet
        groups = doc.notes["groups"] = [(_group_at(d), d.args["group"]) for d in _dispatches_of(doc)]
    before = [g for at, g in groups if at < offset]
    if before:
        return before[-1]
    return groups[0][1] if groups else None


def _group_at(dispatch: Fact) -> int:
    """Where the group a dispatch sends is named: a bare 工作组 after it is that group,
    one before it (工作组派出专家组) is an earlier one."""
    found = dispatch.sentence.norm.find(dispatch.args["group"].surface)
    return dispatch.sentence.start + max(found, 0)


_dispatches_of: Callable[[AnalysedArticle], list[Fact]]


def finds_dispatches(finder: Callable[[AnalysedArticle], list[Fact]]) -> Callable[[AnalysedArticle], list[Fact]]:
    """Make ``finder`` (an article's dispatch facts) the one :func:`dispatched_group`
    reads. The dispatch extractor keys its senders and destinations with
    :func:`ref_of`, so it builds on this module and hands its finder down when it is
    loaded (``kg.extract`` loads it with the package) instead of being imported
    here."""
    global _dispatches_of
    _dispatches_of = finder
    return finder


@dataclass
class Item:
    """A mention or a title inside a sentence, in order."""

    start: int
    end: int
    kind: str
    mention: Mention | None = None
    title: str = ""


def items(doc: AnalysedArticle, sentence: Sentence) -> list[Item]:
    found = [Item(m.start, m.end, m.type, mention=m) for m in doc.mentions_in(sentence)]
    for s, e, title in find_titles(sentence.norm):
        s, e = s + sentence.start, e + sentence.start
        overlapping = [i for i in found if i.start < e and s < i.end]
        if not overlapping:
            found.append(Item(s, e, "Title", title=title))
            continue
        body = overlapping[0]
        rest = sentence.norm[body.end - sentence.start:e - sentence.start]
        if len(overlapping) == 1 and body.kind in ORG_TYPES and body.start == s < body.end < e and rest not in lexicon.titles() \
                and body.mention.ref not in _home_bodies() and title in _fused_titles():
            # 以及国防部长苏莱曼·杜库雷, 援引外交部长马克西姆·雷任科夫: the ministry is the title's
            # start; the post is the story's country's, as for the fused title alone
            found[found.index(body)] = Item(s, e, "Title", title=title)
            continue
        if len(overlapping) == 1 and body.kind in ORG_TYPES and body.end < e and (
                body.start < s or body.start == s and (body.mention.ref in _home_bodies() or rest in lexicon.titles())):
            # 美国国防部|长; an outlet's own ministry with its title fused (中央社: 外交部|長林佳龍); and a
            # title that is a body and a title (立法会议员: 立法会|议员)
            found.append(Item(body.end, e, "Title", title=rest if rest in lexicon.titles() else _title_after_body(title, e - body.end)))
    return sorted(found, key=lambda i: i.start)


@lru_cache(maxsize=1)
def _fused_titles() -> frozenset[str]:
    """National ministers' titles that open with their ministry's name (国防部长)."""
    return frozenset(t for t in lexicon.cues()["office"]["national_titles"] if t.endswith(zh("offices")["minister"]))


@lru_cache(maxsize=1)
def _home_bodies() -> frozenset[str]:
    return frozenset(lexicon.home_bodies().values())


def _title_after_body(title: str, visible: int) -> str:
    """The title left when a body's name takes the start of it: 美国国防部|长 is the
    部长 of 美国国防部, not its 国防部长."""
    short = title[len(title) - visible - 1:]
    return short if short in lexicon.titles() else title


def apposition_head(doc: AnalysedArticle, mention: Mention) -> Mention:
    """The person an organisation or place introduces (美国总统特朗普 → 特朗普), else the
    mention itself."""
    if mention.type == "Person":
        return mention
    row = items(doc, doc.sentence_at(mention.start))
    position = next((i for i, item in enumerate(row) if item.mention is mention), None)
    if position is None:
        return mention
    cursor = mention.end
    for item in row[position + 1:]:
        if BRACKETED.sub("", doc.norm[cursor:item.start]).strip() not in zh("offices")["apposition_gaps"]:
            break
        if item.kind == "Person":
            return item.mention
        if item.kind not in ("Title",) + ORG_TYPES + PLACE_TYPES:
            break
        cursor = item.end
    return mention


def apposition_start(doc: AnalysedArticle, mention: Mention) -> int:
    """Where the titles and bodies introducing a person begin (美国国务卿鲁比奥 → 美)."""
    row = items(doc, doc.sentence_at(mention.start))
    position = next((i for i, item in enumerate(row) if item.mention is mention), None)
    start = mention.start
    if position is None:
        return start
    for item in reversed(row[:position]):
        if item.kind not in ("Title",) + ORG_TYPES + PLACE_TYPES \
                or BRACKETED.sub("", doc.norm[item.end:start]).strip() not in zh("offices")["apposition_gaps"]:
            break
        start = item.start
    return start


def clause_of(doc: AnalysedArticle, offset: int) -> tuple[int, int]:
    """Start and end of the clause (between commas or stops) holding ``offset``."""
    sentence = doc.sentence_at(offset)
    local = offset - sentence.start
    starts = [m.end() for m in _CLAUSE_BREAK.finditer(sentence.norm, 0, local)]
    end_match = _CLAUSE_BREAK.search(sentence.norm, local)
    start = sentence.start + (starts[-1] if starts else 0)
    end = sentence.start + (end_match.start() if end_match else len(sentence.norm))
    return start, end


def sentence_date(doc: AnalysedArticle, sentence: Sentence):
    return doc.dates[sentence.index] if doc.dates else None


def event_day(doc: AnalysedArticle, sentence: Sentence, start: int, offset: int, effect: bool = False) -> date | str | None:
    """The day of an event whose verb is at ``offset`` in a clause starting at ``start``:
    the day it takes effect when ``effect`` (任命明日起生效, in the sentence or the next),
    else the day the sentence gives before the verb (周日, 4月25日), else its year and
    month or its year alone as written (今年7月 → "2025-07", 上月 → "2025-10", 2018年 →
    "2018": a meeting in 2018 is dated 2018), else the sentence's date (which a paragraph
    carries), else the article's."""
    persons = [m for m in doc.mentions_in(sentence) if m.type == "Person"]
    dates = zh("dates")
    if effect:
        following = doc.sentences[sentence.index + 1] if sentence.index + 1 < len(doc.sentences) else sentence
        for match in pattern("zh", "dates", "in_effect").finditer(doc.norm, sentence.start, following.start + len(following.norm)):
            day, _ = resolve(without_names(match.group(1), match.start(1), persons), doc.day)
            if day is not None:
                return day
    earlier = next((doc.dates[i] for i in range(sentence.index - 1, -1, -1) if doc.dates[i]), None) if doc.dates else None
    day, _ = resolve(without_names(doc.norm[sentence.start:offset], sentence.start, persons), doc.day, earlier)
    if day is not None:
        return day
    found = None
    year_month = pattern("zh", "dates", "year_month")
    for match in year_month.finditer(doc.norm, start, offset):
        found = match
    if found is None:
        found = next(iter(year_month.finditer(doc.norm, sentence.start, start)), None)
    if found is not None and doc.day is not None:
        if found.group(4):
            months = doc.day.year * 12 + doc.day.month - 1 + dates["relative_months"][found.group(4)]
            return f"{months // 12:04d}-{months % 12 + 1:02d}"
        year = int(found.group(1)) if found.group(1) else doc.day.year + dates["relative_years"][found.group(2)]
        month = int(found.group(3)) if found.group(3) and 1 <= int(found.group(3)) <= 12 else None
        return f"{year:04d}-{month:02d}" if month else f"{year:04d}"
    return sentence_date(doc, sentence) or doc.day


def last_person_before(doc: AnalysedArticle, offset: int) -> Mention | None:
    mentions = doc.mentions
    for i in range(doc.mentions_before(offset) - 1, -1, -1):
        if mentions[i].end <= offset and mentions[i].type == "Person":
            return mentions[i]
    return None


def find_all(word: str, text: str):
    start = text.find(word)
    while start != -1:
        yield start
        start = text.find(word, start + len(word))
