"""Offices: organisation + title + name (外交部发言人毛宁, 中国卫生健康委副主任雷海潮),
and chains of them joined by 、 or 和 before one name (工作组组长、…副主任雷海潮)."""
from __future__ import annotations

from .. import lexicon
from ..model import AnalysedArticle, Fact
from .common import ORG_TYPES, PLACE_TYPES, Item, items, ref_of, sentence_date

_JOINERS = ("、", "和", "兼", "及", "")


def appositions(doc: AnalysedArticle):
    """Each (person mention, [(organisation item or None, title)], sentence) found
    by walking back from a person's name over titles and their organisations."""
    for sentence in doc.sentences:
        row = items(doc, sentence)
        for k, item in enumerate(row):
            if item.kind != "Person":
                continue
            posts: list[tuple[Item | None, str]] = []
            j, cursor, allowed = k - 1, item.start, ("", " ")
            while j >= 0 and row[j].kind == "Title" and _gap(doc, row[j].end, cursor) in allowed:
                title, org = row[j], None
                if j >= 1 and row[j - 1].kind in ORG_TYPES + PLACE_TYPES and _gap(doc, row[j - 1].end, title.start) in ("", "的"):
                    org = row[j - 1]
                    j -= 1
                posts.append((org, title.title))
                cursor, j, allowed = row[j].start, j - 1, _JOINERS
            posts += _posts_after(doc, row, k)
            if posts:
                _inherit_orgs(posts)
                yield item.mention, list(reversed(posts)), sentence


_AFTER_NAME = ("（", "(", "，", ",", "担任", "出任", "任", "被任命为", "获任命为", "现任", "是", "为")
_CLOSE = ("）", ")", "，", ",", "。", "、", "")


def _posts_after(doc: AnalysedArticle, row: list[Item], k: int) -> list:
    """Titles after a name: 李家超（香港特区行政长官）, 毛宁，外交部发言人，…, 王毅担任外交部长,
    and 李在明总统 (a head of state's title straight after the name, of the country
    the article last named)."""
    person = row[k]
    if k + 1 >= len(row):
        return []
    j = k + 1
    opener = _gap(doc, person.end, row[j].start)
    if opener == "" and row[j].kind == "Title" and lexicon.titles()[row[j].title].leads == 2:
        country = _stated_polity(doc, person.mention.norm, row[j].title)
        return [(country, row[j].title)] if country else []
    if opener not in _AFTER_NAME:
        return []
    org = None
    if row[j].kind in ORG_TYPES + PLACE_TYPES and j + 1 < len(row) and row[j + 1].kind == "Title" \
            and _gap(doc, row[j].end, row[j + 1].start) in ("", "的"):
        org, j = row[j], j + 1
    if row[j].kind != "Title" or org is None:
        return []
    end = row[j].end
    closing = doc.norm[end:end + 1]
    if closing not in _CLOSE and closing not in "）)":
        return []
    if opener in ("，", ",") and closing not in ("，", ",", "。", "）", ")"):
        return []
    return [(org, row[j].title)]


def _inherit_orgs(posts):
    """A title without its own organisation in a chain belongs to the one named
    before it (中国卫生健康委副主任、党组成员…)."""
    ordered = list(reversed(posts))
    for i in range(1, len(ordered)):
        if ordered[i][0] is None and ordered[i - 1][0] is not None:
            ordered[i] = (ordered[i - 1][0], ordered[i][1])
    posts[:] = list(reversed(ordered))


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
    return doc.norm[start:end].strip() if end >= start else "?"


def post_facts(doc: AnalysedArticle, kind: str, keep=lambda org, title: True) -> list[Fact]:
    """One fact of ``kind`` per stated post whose body ``keep`` accepts."""
    facts = []
    for person, posts, sentence in appositions(doc):
        for org, title in posts:
            if org is None or not keep(org, title):
                continue
            args = {"person": ref_of(doc, person), "organization": ref_of(doc, org.mention), "role": title,
                    "date": sentence_date(doc, sentence) or doc.day}
            facts.append(Fact(kind, args, sentence, 0.85))
    return facts


def extract(doc: AnalysedArticle) -> list[Fact]:
    return post_facts(doc, "office")
