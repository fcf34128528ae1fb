"""Case counts from official bulletins and reports: every figure with its region,
category, value, date, the body that announced it, and whether it is a bound.

A paragraph is read clause by clause as a running report. A figure's category comes
from the words around it (新增本土确诊病例425例, 16766宗本土個案, 87名患者死亡), else
from the figure before it (包括海南594例，新疆2例); its region is the place right
before it, with lists shared out (深圳、佛山及湛江各1宗), else the place the clause
is about, else the running one; its date is the last date stated before it in the
sentence or paragraph, else the date of the figure before it, else the article's day
(the day before, for a health commission's bulletin). Sub-totals (转归, 在隔离管控中发现),
rates, doses, places of origin, sites smaller than a district and deaths with no
disease in sight are no case reports. The words live in ``kg/resources/bulletins.json``,
the function words and weekdays other rules read too in ``kg/resources/zh/``.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

from pyoxigraph import Literal, NamedNode

from .. import english, lexicon
from ..dates import resolve
from ..language_data import zh
from ..model import AnalysedArticle, EntityRef, Fact, FactKind, Matching, Mention
from ..rdf import A, XSD_INTEGER, ArticleGraph, date_literal, named
from ..vocab import NKG, SCHEMA, SKOS
from .common import ORG_TYPES, PLACE_TYPES, place_ref, ref_of

_CLAUSE = re.compile(r"(?:[^，。；：！？,;!?]|(?<=\d),(?=\d))+")


@lru_cache(maxsize=1)
def words() -> dict:
    with resources.files("kg").joinpath("resources", "bulletins.json").open(encoding="utf-8") as fh:
        return json.load(fh)


def _either(phrases) -> str:
    """Phrases as the alternatives of a pattern, in the order given."""
    return "|".join(map(re.escape, phrases))


def _any_of(characters) -> str:
    """Characters as the inside of a character class."""
    return "".join(map(re.escape, characters))


def _perfective() -> str:
    """了, which may follow a verb of reaching or of change (上升至了, 增加了)."""
    return re.escape(zh("grammar")["perfective"])


def _bound_words() -> str:
    """The words of a bound before a figure (超过, 逾, 近), longest first."""
    w = words()
    return "|".join(sorted(map(re.escape, w["at_least"] + w["at_most"]), key=len, reverse=True))


def _bound(match: re.Match) -> str | None:
    """atLeast or atMost, from the words of a figure's match (逾3万宗, 30余例, 100例以上, 近248万)."""
    w = words()
    if match.group("pre") in w["at_least"] or match.group("more") or match.groupdict().get("above"):
        return "atLeast"
    return "atMost" if match.group("pre") in w["at_most"] else None


@lru_cache(maxsize=1)
def _figure() -> re.Pattern:
    w = words()
    numerals, around = w["numerals"], w["figure"]
    pre = _bound_words()
    units = "".join(w["units"])
    scales, chinese = _any_of(numerals["scales"]), _any_of([*numerals["digits"], numerals["ten"]])
    more, above = _either(around["more"]), _either(around["above"])
    # one reading per figure (each repeat opens with its scale), so no run of digits can
    # make the matcher backtrack without end
    return re.compile(rf"(?P<pre>{pre})?(?P<num>\d[\d,]*(?:\.\d+)?(?:[{scales}](?:\d+(?:\.\d+)?)?)*|[{chinese}]{{1,3}})"
                      rf"(?P<more>{more})?\s*(?P<unit>[{units}])(?P<above>{above})?")


@lru_cache(maxsize=1)
def _measured_figure() -> re.Pattern:
    """A number counted with 个 before a noun of cases (超过23,000个本地新增病例)."""
    w = words()
    around = w["figure"]
    return re.compile(rf"(?P<pre>{_bound_words()})?(?P<num>\d[\d,]*(?:\.\d+)?[{_any_of(w['numerals']['scales'])}]?)"
                      rf"(?P<more>{_either(around['more'])})?{re.escape(around['measured_by'])}"
                      rf"(?=[^，。；\d]{{0,{around['measured_reach']}}}?(?:{_either(around['measured_nouns'])}))")


@lru_cache(maxsize=1)
def _scaled_numbers() -> re.Pattern:
    """The runs of digits of a figure's number, each with the scale after it (116万5千)."""
    return re.compile(rf"(\d[\d,]*(?:\.\d+)?)([{_any_of(words()['numerals']['scales'])}]?)")


@lru_cache(maxsize=1)
def _paired_figure() -> re.Pattern:
    """The first of two numbers joined before one unit of cases (7和4宗)."""
    around = words()["figure"]
    return re.compile(rf"(?<![\d.])(\d+)(?=[{_any_of(around['pair_joiners'])}](\d+)([{_any_of(around['case_units'])}]))")


@lru_cache(maxsize=1)
def _level_words() -> tuple[str, str, str]:
    """The alternations of a level a count has reached (死亡人数已经超过): count nouns,
    adverbs, verbs of reaching."""
    w = words()
    nouns, adverbs = (_either(w[key]) for key in ("level_nouns", "level_adverbs"))
    return nouns, adverbs, _either(sorted(w["level_verbs"] + w["at_least"], key=len, reverse=True))


@lru_cache(maxsize=1)
def _level_figure() -> re.Pattern:
    """A count's level given without a unit (上海感染数已超过40万, 确诊人数达到1.3万): only
    after a count noun and a verb of reaching, and a figure with a scale."""
    nouns, adverbs, verbs = _level_words()
    scale, not_followed = re.escape(words()["numerals"]["level_scale"]), _any_of(words()["figure"]["level_not_followed_by"])
    return re.compile(rf"(?:{nouns})(?:{adverbs})*(?P<verb>{verbs}){_perfective()}?"
                      rf"(?P<num>\d[\d,]*(?:\.\d+)?{scale})(?![\d{not_followed}])")


@lru_cache(maxsize=1)
def _level_end() -> re.Pattern:
    """A clause that ends with a count noun, and perhaps a verb of reaching, right before its figure."""
    nouns, adverbs, verbs = _level_words()
    return re.compile(f"(?:{nouns})(?:{adverbs})*((?:{verbs}){_perfective()}?)?$")


@lru_cache(maxsize=1)
def _none_new() -> re.Pattern:
    """没有新增个案, 无新增本土病例: a count of zero (never 抢救无效死亡)."""
    none = words()["none_new"]
    return re.compile(rf"(?:{_either(none['none'])})(?!{_either(none['not_after'])}){re.escape(none['again'])}?"
                      rf"(?:(?:{_either(none['reporting'])})+[^，。；\d]{{0,10}}?|[^，。；\d]{{0,2}}?)"
                      rf"(?:{_either(none['nouns'])})")


@dataclass
class _Running:
    kind: str | None = None
    scope: str | None = None
    region: list[EntityRef] = field(default_factory=list)
    region_sentence: int = -1
    sentence: int = -1
    previous: list[EntityRef] = field(default_factory=list)
    reporter: EntityRef | None = None
    scope_sentence: int = -1
    header_scope: bool = False
    cumulative: bool = False
    weak: str = ""  # the word of cases a clause without figures named but no kind of (新增本土個案遍及17個縣市)
    day: date | None = None  # the day the paragraph's last figure covers


@dataclass
class _Figure:
    start: int
    end: int
    value: int
    unit: str
    bound: str | None
    words: str = ""  # a zero told in words: the whole phrase (無新增疑似及境外輸入個案), which names its kind


def extract(doc: AnalysedArticle) -> list[Fact]:
    w = words()
    facts: list[Fact] = []
    paragraph, running = -1, _Running()
    reported: set[tuple] = set()
    last_date: date | None = None
    disease_in_article = any(word in doc.norm for word in w["disease"])
    for sentence in doc.sentences:
        if sentence.paragraph != paragraph:
            paragraph, running = sentence.paragraph, _Running(previous=running.region or running.previous)
        text = sentence.norm
        running.sentence = sentence.index
        # a place named as a measure of size (面积相当于两个葡萄牙) is no place anything here is for
        mentions = [m for m in doc.mentions_in(sentence) if not _likened(text[:m.start - sentence.start])]
        reporter = _reporter(doc, text, sentence.start, mentions)
        if reporter is not None:
            running.reporter = reporter
        clauses = [m.span() for m in _CLAUSE.finditer(text)]
        figures_by_clause = [_figures(text, c_start, c_end) for c_start, c_end in clauses]
        last_regions: list[EntityRef] = []
        for index, ((c_start, c_end), figures) in enumerate(zip(clauses, figures_by_clause)):
            if not figures:
                _carry(doc, text, c_start, c_end, sentence, mentions, running)
                continue
            tail = _tail(text, clauses, figures_by_clause, index)
            respective = _respective(doc, text, sentence.start, c_start, figures, mentions)
            previous_end = c_start
            for k, figure in enumerate(figures):
                before = text[previous_end:figure.start]
                after = figure.words or _after(text[figure.end:(figures[k + 1].start if k + 1 < len(figures) else c_end)])
                previous_end = figure.end
                completion = text[c_start:figure.start] + "|" + after + "|" + text[figures[-1].end:c_end] + "|" + tail
                if _subtotal(completion, text[c_start:figure.start]) or _not_a_count(before, after) \
                        or _among(text, c_start, figure, c_end) \
                        or _difference(text[c_start:figure.start]) \
                        or any(word in text[c_start:figure.start] for word in w["per_capita"] + w["conditional"]) \
                        or any(word in text[max(0, figure.start - w["estimate_reach"]):figure.start] for word in w["estimate"]):
                    continue
                if respective:
                    regions = [respective[k]]
                elif last_regions and _breaks_down(text, c_start, figure.start, sentence.start, mentions):
                    regions = last_regions  # 廣州佔27宗，包括18宗確診及9宗無症狀感染: the parts of 廣州's figure
                else:
                    regions = _regions(doc, text, sentence.start, c_start, figure, mentions, running, reporter)
                last_regions = regions
                if not regions:
                    continue
                category, kind, scope, inherited = _category(text[c_start:figure.start], text[:figure.start], before, after,
                                                             figure, running, sentence.index, _mainland(regions[0]),
                                                             text[figure.end:c_end])
                if category is None or kind == "deaths" and not disease_in_article:
                    continue
                category = _outside_china(category, regions[0])
                if _mainland(regions[0]) and _asymptomatic_among_parts(text[figure.end:]):
                    category = _infections(category)
                stated = _stated_date(doc, sentence, text[:figure.start], running.reporter, regions[0], last_date,
                                      running.day)
                day = stated or last_date or _default_day(doc, running.reporter, regions[0])
                if _compared_with(text[:figure.start]) is None:
                    last_date = running.day = day
                if not inherited and kind not in w["side_kinds"]:
                    running.kind, running.region, running.header_scope = kind, regions[:1], False
                    running.region_sentence = sentence.index
                    running.cumulative = category.startswith("Cumulative")
                if scope is not None:
                    running.scope, running.scope_sentence = scope, sentence.index
                for region in regions:
                    key = (region.name, category, figure.value, day)
                    if key in reported:  # a figure restated (新增1334宗本土确诊病例中，上海…) is one report
                        continue
                    reported.add(key)
                    facts.append(Fact("cases", {
                        "place": region, "category": category, "value": figure.value, "date": day,
                        "reporter": running.reporter, "bound": figure.bound,
                    }, sentence, 0.85 if stated else 0.75))
    _infections_by_sum(facts)
    return facts


@lru_cache(maxsize=1)
def _parts() -> re.Pattern:
    sums = words()["sums"]
    return re.compile(r"^[^。；\d]*?(?:" + "|".join(sums["parts"]) + ")([^。；，]{0,16}?)(?:" + "|".join(sums["asymptomatic_words"]) + ")")


def _asymptomatic_among_parts(rest: str) -> bool:
    """Whether the words after a figure, before any other figure, give asymptomatic
    infections as a part of it (……確診病例，其中1萬5698宗為無症狀), and not an earlier
    asymptomatic case now confirmed (其中20例为此前无症状感染者转归)."""
    found = _parts().match(rest)
    return bool(found) and not any(marker in rest[:found.end() + 6] for marker in words()["subtotal"] + words()["found_in"])


def _infections(category: str) -> str:
    """The infections category a figure read as confirmed counts instead, when it
    counts both confirmed and asymptomatic."""
    sums = words()["sums"]
    if category not in sums["confirmed"]:
        return category
    return sums["local"] if category.startswith("Local") else sums["any"]


def _infections_by_sum(facts: list[Fact]) -> None:
    """Give a figure read as confirmed the category of infections when it is the sum
    of a confirmed and an asymptomatic figure for the same place and day (本土病例 of a
    day that the article also splits into confirmed and asymptomatic): 病例 and 个案
    name either, the arithmetic tells which. A bound (逾2.9万宗) may exceed its figure
    by a tenth."""
    sums = words()["sums"]
    by_day: dict[tuple, list[Fact]] = {}
    for fact in facts:
        by_day.setdefault((fact.args["place"].name, fact.args["date"]), []).append(fact)
    for group in by_day.values():
        confirmed = [f for f in group if f.args["category"] in sums["confirmed"] and f.args["value"]]
        asymptomatic = [f for f in group if f.args["category"] in sums["asymptomatic"] and f.args["value"]]
        for fact in group:
            if fact.args["category"] not in sums["ambiguous"] or not fact.args["value"]:
                continue
            value, bound = fact.args["value"], fact.args["bound"]
            parts = next(((c, a) for c in confirmed if c is not fact for a in asymptomatic if a is not fact
                          if c.args["value"] + a.args["value"] == value
                          or bound == "atLeast" and fact.args["category"] in sums["confirmed"]
                          and value <= c.args["value"] + a.args["value"] < value * 1.1), None)
            if parts is not None:
                local = any(f.args["category"].startswith("Local") for f in (fact, *parts))
                fact.args["category"] = sums["local"] if local else sums["any"]


# --------------------------------------------------------------------------- figures

def _figures(text: str, start: int, end: int) -> list[_Figure]:
    w = words()
    out = []
    for match in _figure().finditer(text, start, end):
        value = _value(match.group("num"))
        if value is None or match.group("num") + match.group("unit") in w["one_person"]:
            continue  # 另一名77岁的肾病患者: a person the story tells of, no count
        out.append(_Figure(match.start("num"), match.end(), value, match.group("unit"), _bound(match)))
    for match in _measured_figure().finditer(text, start, end):  # 23,000个确诊病例
        value = _value(match.group("num"))
        if value is not None:
            out.append(_Figure(match.start("num"), match.end(), value, w["figure"]["unwritten_unit"], _bound(match)))
    for match in _level_figure().finditer(text, start, end):  # 感染数已超过40万: a level with no unit
        value = _value(match.group("num"))
        if value is not None:
            bound = "atLeast" if match.group("verb") in w["at_least"] else None
            out.append(_Figure(match.start("num"), match.end("num"), value, w["figure"]["unwritten_unit"], bound))
    for match in _paired_figure().finditer(text[start:end]):
        out.append(_Figure(start + match.start(1), start + match.end(1), int(match.group(1)), match.group(3), None))
    if not any(word in text for word in w["not_zero"]):  # 防范区是指…没有阳性感染者: a definition
        for match in _none_new().finditer(text, start, end):
            if text[max(start, match.start() - 3):match.start()].endswith(tuple(w["almost"] + w["none_new"]["not_before"])) \
                    or text.startswith(w["none_new"]["modifier"], match.end()):
                continue  # 几乎没有, 清零死亡, 没有阳性感染者的小区: no count of none
            out.append(_Figure(match.start(), match.start(), 0, w["figure"]["unwritten_unit"], None, match.group()))
    return sorted(out, key=lambda f: f.start)


def _after(text: str) -> str:
    """The words right after a figure, up to a conjunction (425例和本土无症状… stops at 和)."""
    cut = min((i for i in (text.find(c) for c in words()["conjunctions"]) if i >= 0), default=len(text))
    return text[:min(cut, 12)]


def _origin(text: str, offset: int, c_start: int, m: Mention, mentions: list[Mention]) -> bool:
    """A place of origin (来自美国, 自香港): one right after a word of origin, or listed
    after one (患者分別來自越南、南韓、英國、新加坡及加拿大等)."""
    w = words()
    before = text[c_start:m.start - offset]
    at = max((before.rfind(o) + len(o) for o in w["origin"]["before"] if o in before), default=-1)
    if at < 0:
        return False
    between = before[at:]
    for other in mentions:
        if c_start + at <= other.start - offset and other.end <= m.start:
            between = between.replace(other.norm, "")
    return all(ch in w["list_joiners"] for ch in between)


def _subtotal(completion: str, clause_before: str) -> bool:
    """Figures completed as a part of a total (转归, 其中…在隔离管控中发现); where they were
    found makes no part of new figures (新增…，都在閉環管控中發現)."""
    w = words()
    if any(marker in completion for marker in w["subtotal"]):
        return True
    new = any(word in clause_before for word in w["new"]) and w["among_them"] not in clause_before
    return not new and any(marker in completion for marker in w["found_in"])


def _breaks_down(text: str, c_start: int, f_start: int, offset: int, mentions: list[Mention]) -> bool:
    """A clause that opens with a word of parts (包括, 其中) and names no place before its
    figure breaks down the figure before it."""
    return text[c_start:f_start].lstrip().startswith(tuple(words()["sums"]["parts"])) and not any(
        _is_region(m) and c_start <= m.start - offset < f_start for m in mentions)


def _patients_who_died(clause_after: str) -> bool:
    """有96名確診患者於過去一天在公立醫院離世: the patients counted are the dead."""
    w = words()
    return clause_after.startswith(tuple(w["patients"])) and any(d in clause_after for d in w["kinds"]["deaths"])


def _tail(text: str, clauses, figures_by_clause, index: int) -> str:
    """The clauses that complete a clause's figures (…，在隔离管控中发现; …，是之前无症状感染者
    转为确诊): up to the next clause with figures or one that starts a new part
    (其余…, 另外…)."""
    starts = tuple(words()["breakdown_starts"])
    out = []
    for (c_start, c_end), figures in zip(clauses[index + 1:], figures_by_clause[index + 1:]):
        if figures or text[c_start:c_end].startswith(starts):
            break
        out.append(text[c_start:c_end])
    return "".join(out)


def _outside_china(category: str, region: EntityRef) -> str:
    """Only Chinese bulletins tell infections (确诊 and 无症状 together) from confirmed
    cases; elsewhere 感染人数 is the confirmed count."""
    if _mainland(region) or region.name.startswith(("place:cn-71", "place:cn-81", "place:cn-82")):
        return category
    return {"NewInfections": "Confirmed", "CumulativeInfections": "CumulativeConfirmed"}.get(category, category)


def _mainland(region: EntityRef | None) -> bool:
    if region is None or not region.name.startswith("place:"):
        return False
    place = region.name[len("place:"):]
    return (place == "country-CN" or place.startswith("cn-")) and not place.startswith(tuple(words()["not_mainland"]))


def _value(number: str) -> int | None:
    """3,056 → 3056; 30万 → 300000; 7万100 → 70100; 116万5千 → 1165000; 两 → 2."""
    numerals = words()["numerals"]
    chinese, ten = numerals["digits"], numerals["ten"]
    if number[0] in chinese or number[0] == ten:
        if number == ten:
            return 10
        if ten in number:
            tens, _, ones = number.partition(ten)
            return chinese.get(tens, 1) * 10 + chinese.get(ones, 0)
        return chinese[number] if len(number) == 1 else None
    total = 0.0
    for digits, scale in _scaled_numbers().findall(number):
        if len(digits) > 15:
            return None  # a run of digits no count is written as
        total += float(digits.replace(",", "")) * numerals["scales"].get(scale, 1)
    return int(round(total))


# --------------------------------------------------------------------------- categories

def _found(text: str, table: dict[str, list[str]]) -> list[tuple[int, int, str]]:
    """(start, end, name) of the words of ``table`` in ``text``, longest first, never
    overlapping."""
    hits = sorted(((m.start(), m.end(), name) for name, ws in table.items() for word in ws
                   for m in re.finditer(re.escape(word), text)), key=lambda h: (h[0] - h[1], h[0]))
    taken: list[tuple[int, int, str]] = []
    for hit in hits:
        if all(hit[1] <= s or e <= hit[0] for s, e, _ in taken):
            taken.append(hit)
    return sorted(taken)


@lru_cache(maxsize=1)
def _since() -> re.Pattern:
    """A count since a day (从3月开始, 自2月26日以来, 自上周五以来): a running total."""
    since = words()["since"]
    opening, closing, units, parts, weeks = (_either(since[key]) for key in ("open", "close", "date_units", "date_parts", "weeks"))
    weekdays = _any_of(zh("dates")["weekdays"])
    return re.compile(rf"(?:{opening})(?:[^，。；]{{1,10}}?(?:{units})(?:{parts})?|(?:{weeks})[{weekdays}])(?:{closing})")


@lru_cache(maxsize=1)
def _window() -> re.Pattern:
    w = words()
    return re.compile(rf"(?<![{_any_of(w['window_not_after'])}])(?:{_either(w['window'])})")


def _masked_windows(text: str) -> str:
    """至今日下午3时 closes a window of hours, no count up to now (至今); 截至今天 is a count up to now."""
    return _window().sub(lambda m: "　" * len(m.group()), text)


def _cumulative(clause_before: str, sentence_before: str) -> bool:
    """A running total: 累计 or a count since a day in the sentence before the figure; 截至 or 总数 too, unless
    their clause counts new cases (截至今日下午5时，新增…; 新增确诊与无症状的总数)."""
    w = words()
    if any(word in sentence_before for word in w["cumulative"]) or _since().search(sentence_before):
        return True
    for clause in re.split(r"[，,；;]", sentence_before):
        if any(word in clause for word in w["cumulative_unless_new"]) and not any(word in clause for word in w["new"]):
            return True
    return False


def _level(clause_before: str, figure: _Figure) -> bool:
    """A level a count has reached is a running total: 巴西感染新冠病毒的人数超过400万人,
    死亡人数已经上升至87618人; not with a new or a single day's count in the clause
    (新增死亡人数达到260人, 单日死亡人数超过1000)."""
    w = words()
    if any(word in clause_before for word in w["new"] + w["daily"]):
        return False
    reached = _level_end().search(clause_before.rstrip())
    return reached is not None and (reached.group(1) is not None or figure.bound == "atLeast")


def _category(clause_before: str, sentence_before: str, before: str, after: str, figure: _Figure, running: _Running,
              sentence: int, mainland: bool, clause_after: str = ""):
    """(category, kind, scope, whether the kind was the running one) of a figure;
    ``clause_after`` is the rest of its clause."""
    w = words()
    clause_before, sentence_before = _masked_windows(clause_before), _masked_windows(sentence_before)
    priority = w["kind_priority"]
    after_kinds = sorted((h for h in _found(after, w["kinds"]) if h[0] <= 8), key=lambda h: priority.index(h[2]))
    before_kinds = _found(before, w["kinds"])
    kind = after_kinds[0][2] if after_kinds else before_kinds[-1][2] if before_kinds else None
    bare_cases = bool(after_kinds) and after[after_kinds[0][0]:after_kinds[0][1]] in w["mainland_local_cases"]
    if kind == "confirmed" and _patients_who_died(clause_after):
        kind = "deaths"
    weak = any(word in after[:8] or word in before for word in w["weak_kinds"]["confirmed"])
    if kind is None and not weak and running.kind is None and running.weak and figure.unit in w["figure"]["case_units"]:
        weak, before = True, running.weak + before  # 新增本土個案遍及17個縣市，新北市佔最多，有115宗
    scopes = _found(after[:8], w["scopes"]) or _found(before, w["scopes"])
    scope = scopes[-1][2] if scopes else None
    if any(word in clause_before or word in after for word in w["combined"]):
        kind = "infections"
    inherited = False
    case_units = w["figure"]["case_units"]
    if kind is None and running.kind and (scope or weak or figure.unit in case_units):
        kind, inherited = running.kind, True
    if kind is None and not weak and scope == "local" and mainland and figure.unit in case_units \
            and any(word in before for word in w["new"]):
        kind = "infections"  # 上海当局通報新增本土9764例: the mainland's local figure of no kind counts both
    if kind is None and weak and figure.unit in case_units:
        near = after[:8] + before
        kind = "infections" if mainland and any(word in near for word in w["weak_kinds"]["mainland_infections"]) else "confirmed"
    if kind == "confirmed" and bare_cases and scope == "local" and mainland and running.kind != kind:
        kind = "infections"  # 新增逾2.9萬宗本土新冠病例: the mainland's local cases of no kind count both
    if kind is None:
        return None, None, None, False
    explicit_scope = scope is not None
    if scope is None and (inherited or running.scope_sentence == sentence or kind == running.kind and running.header_scope):
        scope = running.scope
    in_clause = any(word in clause_before for word in w["cumulative"]) or inherited and running.cumulative and not explicit_scope
    if clause_before.lstrip().startswith(w["among_them"]) and running.cumulative and kind != running.kind:
        # 累计…13万1524例，其中无症状感染者12万7131例: a part of another kind of a running
        # total is a running total too, and none where no category holds it
        return _CATEGORIES.get((kind, None, True)), kind, scope, inherited
    if in_clause or scope is None and _cumulative(clause_before, sentence_before) or _level(clause_before, figure):
        category = _CATEGORIES.get((kind, None, True)) or _CATEGORIES.get((kind, scope, False))
    else:
        category = _CATEGORIES.get((kind, scope, False))
    if category is None and kind in w["side_kinds"]:
        category = _CATEGORIES.get((kind, None, in_clause))
    return category, kind, scope, inherited


_CATEGORIES = {
    ("confirmed", None, False): "Confirmed", ("confirmed", "local", False): "LocalConfirmed",
    ("confirmed", "imported", False): "ImportedConfirmed", ("confirmed", None, True): "CumulativeConfirmed",
    ("asymptomatic", None, False): "Asymptomatic", ("asymptomatic", "local", False): "LocalAsymptomatic",
    ("asymptomatic", "imported", False): "ImportedAsymptomatic",
    ("infections", None, False): "NewInfections", ("infections", "local", False): "LocalInfections",
    ("infections", None, True): "CumulativeInfections",
    ("deaths", None, False): "Deaths", ("deaths", None, True): "CumulativeDeaths",
    ("recovered", None, False): "Recovered", ("released", None, False): "ReleasedFromObservation",
    ("current", None, False): "InHospital", ("severe", None, False): "Severe",
    ("current", None, True): "InHospital", ("severe", None, True): "Severe",
}


def _difference(clause_before: str) -> bool:
    """A change against another count is no count (较昨日公布的确诊病例少3万多宗,
    比前一周的同一天增加了69600例)."""
    return _change_end().search(clause_before) is not None


@lru_cache(maxsize=1)
def _change_end() -> re.Pattern:
    w = words()
    opening, change = (_either(sorted(w[key], key=len, reverse=True)) for key in ("comparisons", "change_verbs"))
    return re.compile(rf"(?:{opening})[^，。；]{{0,16}}?(?:{change}){_perfective()}?$")


def _among(text: str, c_start: int, figure: _Figure, c_end: int) -> bool:
    """A figure that only names the cases the rest of the sentence picks from (13万例确诊中，
    官方报告只有1例重症), not a new figure heading its breakdown (新增1334宗本土確診病例中，
    上海1015宗…, which the list's categories follow)."""
    w = words()
    return text[figure.end:c_end].endswith(tuple(w["among"])) and c_end - figure.end <= w["among_reach"] \
        and not any(word in text[c_start:figure.start] for word in w["new"])


def _not_a_count(before: str, after: str) -> bool:
    """Rates, doses, tests, staff: numbers that are no case counts."""
    w = words()
    return any(word in before[-6:] or word in after[:6] for word in w["not_counts"])


# --------------------------------------------------------------------------- regions

def _region_words(doc: AnalysedArticle, text: str) -> EntityRef | None:
    """本港 → 香港, 内地/全国 → 中国: the last such word in ``text``."""
    best = None
    for word, name in words()["regions"].items():
        position = text.rfind(word)
        if position != -1 and (best is None or position > best[0]):
            best = (position, name)
    return place_ref(doc, best[1]) if best else None


def _region_ref(doc: AnalysedArticle, m: Mention) -> EntityRef:
    """The region a mention names; 大陆, 内地, 本港 as the places they stand for."""
    named = words()["regions"].get(m.norm)
    return (place_ref(doc, named) if named else None) or ref_of(doc, m)


def _is_region(m: Mention) -> bool:
    """A place the gazetteer holds (countries and divisions), or one it does not that
    is no site (非洲, 达尔富尔地区; never an estate, a building, a school or a span
    holding digits)."""
    return m.type in PLACE_TYPES and not any(ch.isdigit() for ch in m.norm) and (
        bool(m.ref) or not m.norm.endswith(tuple(words()["site_endings"])))


def _opens_site(after: str) -> bool:
    """东海|养老院: a place whose name runs straight into a site's ending of two characters
    or more opens the site's name (a recogniser that cut the site short)."""
    return any(after.startswith(e) and len(e) >= 2 and not after[len(e):].startswith(tuple(words()["district_endings"]))
               for e in words()["site_endings"])


def _regions(doc: AnalysedArticle, text: str, offset: int, c_start: int, figure: _Figure, mentions: list[Mention],
             running: _Running, reporter: EntityRef | None = None) -> list[EntityRef]:
    """Where a figure is for; ``text`` is the sentence, starting at ``offset`` in the
    article. Places of origin (来自美国, 自香港输入) are never where a figure is for; a
    figure for a site (a housing estate; an institution in a place: 上海的东海养老院有至少100名)
    is none; 12例在朝阳区 is for 朝阳区. A
    clause that names no place gives its figures to the place of the body the sentence
    names as announcing them (上海卫健委2日通报，新增…), before the paragraph's."""
    w = words()
    following = [m for m in mentions if _is_region(m) and m.start - offset == figure.end + 1 and text[figure.end] == w["at"]]
    if following:
        return [_region_ref(doc, following[0])]
    imported = any(word in text for word in w["scopes"]["imported"])
    site_openers = (w["at"], zh("grammar")["possessive"])
    candidates = [m for m in mentions if _is_region(m) and not (
        imported and _origin(text, offset, c_start, m, mentions)
        or text[m.end - offset:m.end - offset + 2].startswith(w["origin"]["after"]))]
    chain = _chain(text, offset, c_start, figure.start, candidates)
    sites = [m for m in mentions if c_start <= m.start - offset and m.end - offset <= figure.start and (
        m.type in PLACE_TYPES and (not _is_region(m) or _opens_site(text[m.end - offset:figure.start]))
        or m.type in ORG_TYPES and text[m.start - offset - 1:m.start - offset] in site_openers
        and m.norm.endswith(tuple(w["site_endings"])))]
    if sites and (not chain or sites[-1].start >= chain[-1].start):
        return []
    if chain:
        gap = text[chain[-1].end - offset:figure.start]
        if len(gap) > 10:
            return [_region_ref(doc, chain[-1])]
        if len(chain) > 1 and any(word in gap for word in w["joint"]):
            return []
        return [_region_ref(doc, m) for m in chain]
    named = _region_words(doc, text[c_start:figure.start])
    if named is not None:
        return [named]
    local = [m for m in mentions if _is_region(m)]
    if any(word in text[c_start:figure.start] for word in w["nationwide"]):
        countries = [m for m in local if m.type == "Country" and m.end - offset <= figure.start]
        if countries:
            return [_region_ref(doc, countries[-1])]
        return [_jurisdiction(doc, reporter) or place_ref(doc, w["home_country"])]  # 牙买加方面通报…全国
    if running.region and running.region_sentence == running.sentence:
        return running.region[:1]
    earlier = [m for m in local if m.end - offset <= c_start]
    if earlier:
        return [_region_ref(doc, earlier[-1])]
    jurisdiction = _jurisdiction(doc, reporter)
    if jurisdiction is not None:
        return [jurisdiction]
    if running.region:
        return running.region[:1]
    named = _region_words(doc, text[:figure.start])
    if named is not None:
        return [named]
    if running.previous:
        return running.previous[:1]
    lead = _lead_region(doc)
    return [_region_ref(doc, lead)] if lead is not None and lead.end <= offset else []


def _likened(before: str) -> bool:
    """A place named as a measure of size (面积相当于两个葡萄牙) is no place a figure is for."""
    return _likeness_end().search(before[-8:]) is not None


@lru_cache(maxsize=1)
def _likeness_end() -> re.Pattern:
    w = words()
    likeness, numerals, measure = _either(w["likeness"]), _any_of(w["likeness_numerals"]), re.escape(w["likeness_measure"])
    return re.compile(rf"(?:{likeness})[{numerals}\d]*{measure}?$")


def _lead_region(doc: AnalysedArticle) -> Mention | None:
    """The first region the article names: its subject, for figures no sentence places."""
    if "lead_region" not in doc.notes:
        doc.notes["lead_region"] = next((m for m in sorted(doc.mentions, key=lambda m: m.start) if _is_region(m)), None)
    return doc.notes["lead_region"]


def _carry(doc: AnalysedArticle, text: str, c_start: int, c_end: int, sentence, mentions: list[Mention], running: _Running) -> None:
    """A clause without figures sets what the next figures are about: a kind
    (至于无症状感染，…; 新增确诊与无症状的总数，…), a scope (本土确诊病例方面，…;
    本土疫情，…) or a region (上海情况最严峻，…; 以新北市占最多，有…), where it names one."""
    w = words()
    clause = text[c_start:c_end]
    kinds = _found(clause, w["kinds"])
    scopes = _found(clause, w["scopes"])
    kinds = [k for k in kinds if k[2] not in w["side_kinds"]]
    if any(word in clause for word in w["combined"]):
        running.kind = "infections"
    elif kinds:
        running.kind = kinds[-1][2]
    elif any(word in clause for word in w["new"]):
        running.weak = next((word for word in w["weak_kinds"]["confirmed"] if word in clause), running.weak)
    if scopes:
        running.scope, running.scope_sentence = scopes[-1][2], sentence.index
        running.header_scope = bool(kinds)
    elif kinds:
        running.scope, running.header_scope = None, False
    places = [m for m in mentions if _is_region(m) and sentence.start + c_start <= m.start and m.end <= sentence.start + c_end
              and not _origin(text, sentence.start, c_start, m, mentions)
              and not doc.norm.startswith(tuple(w["place_as_modifier"]), m.end)]  # 再创中国城市单日感染纪录
    if len({m.norm for m in places}) == 1:  # two regions (上海和吉林省合计占比…) set none
        running.region, running.region_sentence = [_region_ref(doc, places[-1])], sentence.index


def _respective(doc: AnalysedArticle, text: str, offset: int, c_start: int, figures: list[_Figure], mentions: list[Mention]):
    """海珠区及越秀区分别有7宗及4宗 (or 其次是台北市和桃园市，分别有206宗和159宗): as
    many regions as figures, each its own."""
    w = words()
    first = figures[0].start
    if not any(word in text[c_start:first] for word in w["respective"]):
        return None
    chain = _chain(text, offset, c_start, first, mentions)
    if not chain and text[c_start:first].startswith(tuple(w["respective"])):
        chain = _chain(text, offset, 0, first, mentions)
    return [_region_ref(doc, m) for m in chain] if len(chain) == len(figures) > 1 else None


def _chain(text: str, offset: int, c_start: int, end: int, mentions: list[Mention]) -> list[Mention]:
    """The regions listed last before ``end`` in the clause, joined by 、/及/和."""
    local = [(m, m.start - offset, m.end - offset) for m in mentions
             if _is_region(m) and c_start <= m.start - offset and m.end - offset <= end]
    if not local:
        return []
    joiners = words()["list_joiners"]
    chain = [local[-1]]
    for prev in reversed(local[:-1]):
        joiner = text[prev[2]:chain[0][1]]
        if not joiner or not all(ch in joiners for ch in joiner):
            break
        chain.insert(0, prev)
    return [m for m, _, _ in chain]


# --------------------------------------------------------------------------- reporter and date

def _jurisdiction(doc: AnalysedArticle, reporter: EntityRef | None) -> EntityRef | None:
    """The place a reporting body answers for, read from its name: 上海卫健委 → 上海,
    巴西卫生部 → 巴西, 牙买加(方面) → 牙买加, 国家卫健委 → 中国, 非洲疾病控制和预防中心 → 非洲 where the
    article names 非洲 as a place; none for a bare 卫生部. Read once per body an article
    names."""
    if reporter is None:
        return None
    known = doc.notes.setdefault("jurisdictions", {})
    if reporter.name not in known:
        known[reporter.name] = _place_of_name(doc, reporter.name)
    return known[reporter.name]


def _place_of_name(doc: AnalysedArticle, name: str) -> EntityRef | None:
    if name.startswith(tuple(words()["national_bodies"])):
        return place_ref(doc, words()["home_country"])
    for end in range(min(len(name), 8), 1, -1):  # 牙买加(方面) names a body by its country
        place = place_ref(doc, name[:end])
        if place is not None:
            return place
    named = [m for m in doc.mentions if _is_region(m) and len(m.norm) < len(name) and name.startswith(m.norm)]
    return ref_of(doc, max(named, key=lambda m: (len(m.norm), -m.start))) if named else None


def _reporter(doc: AnalysedArticle, text: str, start: int, mentions: list[Mention]) -> EntityRef | None:
    """The body the sentence names as announcing figures: X公布/通报/表示, 据X, 根据X消息;
    a gloss in brackets after its name is passed over (X（隶属非盟的…）表示)."""
    verbs, citing = words()["report_verbs"], zh("clauses")["citing_markers"]
    for m in mentions:
        if m.type not in ORG_TYPES or m.norm in words()["reporting_units"]:
            continue
        s, e = m.start - start, m.end - start
        if text[e:e + 1] in ("（", "("):
            close = min((i for i in (text.find("）", e), text.find(")", e)) if i != -1), default=-1)
            e = close + 1 if close != -1 else e
        following = text[e:e + 8]
        if any(following.find(v) != -1 and following.find(v) <= 6 for v in verbs) or text[max(0, s - 2):s].endswith(citing):
            return ref_of(doc, m)
    return None


@lru_cache(maxsize=1)
def _compared_day() -> re.Pattern:
    """A day a figure is compared with (比昨日, 较上周五), which dates no figure."""
    w = words()
    compared = w["compared_day"]
    weekdays = _any_of(zh("dates")["weekdays"])
    return re.compile(rf"(?:{_either(compared['comparisons'])})"
                      rf"(?:{_either(w['previous_day'])}|{re.escape(compared['last_week'])}[{weekdays}]?)")


def _compared_with(before: str) -> int | None:
    """Where the day a figure is compared with starts when it stands right before the
    figure (低于前一日的|10例), else None."""
    joined = words()["compared_day"]["joined"]
    found = [m.start() for m in _compared_day().finditer(before) if not before[m.end():].strip(joined)]
    return found[-1] if found else None


@lru_cache(maxsize=1)
def _weekday_with_date() -> re.Pattern:
    """A weekday or today with its date in brackets after it (周日（4月24日）, 今早（4月28日）):
    the weekday or today names the day."""
    announced = words()["announced_on"]
    week, last = _either(announced["week"]), _either(announced["week_prefixes"])
    return re.compile(rf"((?:{last})?(?:{week})[{_any_of(zh('dates')['weekdays'])}]|{_either(announced['today'])})"
                      rf"[（(][^（()）]{{2,12}}[）)]")


@lru_cache(maxsize=1)
def _announced_on() -> re.Pattern:
    """A weekday or today a bulletin was announced on (上海周四公布), the whole of a date found."""
    announced = words()["announced_on"]
    return re.compile(rf"(?:{_either(announced['week'])})[{_any_of(zh('dates')['weekdays'])}]|{_either(announced['today'])}")


def _stated_date(doc: AnalysedArticle, sentence, before: str, reporter: EntityRef | None, region: EntityRef,
                 previous: date | None, paragraph_day: date | None = None) -> date | None:
    """The last date the sentence states before the figure (not one it compares with:
    比昨日, nor the day a running total began: 自上周五以来), else the one its paragraph carries. A weekday or 今日 the mainland's
    bulletin was announced on (上海周四公布，新增…) is the day after the one it covers; a
    sentence that states none takes the day of the paragraph's figures before it
    (``paragraph_day``: 今早（4月28日）通報新增…。新增死亡病例47例 covers the 27th too)."""
    w = words()
    compared = _compared_with(before)
    if compared is not None:  # 8日新增2例，低于前一日的10例: the figure compared with is the day before's
        day = _stated_date(doc, sentence, before[:compared], reporter, region, previous, paragraph_day)
        day = day or previous or _default_day(doc, reporter, region)
        return day - timedelta(days=1) if day else None
    before = _compared_day().sub(lambda m: "　" * len(m.group()), before)
    before = _since().sub(lambda m: "　" * len(m.group()), before)  # 自上周五以来，累计…: the day counting began
    before = _weekday_with_date().sub(r"\1", before)  # 周日（4月24日）公布: the weekday, as 周日公布
    found, announced, position = None, False, 0
    while True:
        value, span = resolve(before[position:], doc.day, previous)
        if value is None:
            break
        start, end = position + span[0], position + span[1]
        found, position = value, end
        announced = bool(_announced_on().fullmatch(before[start:end])) and any(
            0 <= before.find(verb, end) - end <= 4 for verb in w["announce_verbs"])
    if found is not None:
        mainland = _mainland(region) or reporter is not None and any(word in reporter.name for word in w["morning_reporters"])
        return found - timedelta(days=1) if announced and mainland else found
    earlier = doc.sentences[sentence.index - 1] if sentence.index else None
    if earlier is not None and earlier.paragraph == sentence.paragraph and doc.dates:
        return paragraph_day or doc.dates[earlier.index]
    return None


def _default_day(doc: AnalysedArticle, reporter: EntityRef | None, region: EntityRef | None = None) -> date | None:
    """The article's day; a health commission's bulletin covers the day before, and so
    does a mainland figure no sentence dates (the mainland's bulletins come out in the
    morning for the day before: 內地增1787宗本土確診)."""
    if doc.day is None:
        return None
    if reporter is not None and any(word in reporter.name for word in words()["morning_reporters"]):
        return doc.day - timedelta(days=1)
    if reporter is None and _mainland(region):
        return doc.day - timedelta(days=1)
    return doc.day


def write_cases(graph: ArticleGraph, fact: Fact) -> None:
    place = graph.entity(fact.args["place"])
    when = fact.args.get("date")
    category = fact.args["category"]
    bound = fact.args.get("bound")
    report = graph.node("casereport", place.value, category, when, fact.args["value"], *([bound] if bound else []))
    graph.add(place, NKG.reports, report)
    graph.add(report, A, named(NKG.CaseReport))
    graph.add(report, SCHEMA.observationAbout, place)
    graph.add(report, NKG.caseCategory, _category_node(graph, category))
    graph.add(report, SCHEMA.value, Literal(str(fact.args["value"]), datatype=XSD_INTEGER))
    if when:
        graph.add(report, SCHEMA.observationDate, date_literal(when))
    if fact.args.get("reporter"):
        graph.add(report, NKG.reportedBy, graph.entity(fact.args["reporter"]))
    if bound:
        graph.add(report, NKG.bound, named(NKG[bound[0].upper() + bound[1:]]))
    graph.provenance(report, fact)


def _category_node(graph: ArticleGraph, concept: str) -> NamedNode:
    """The category concept, with its labels, so queries need not load the ontology."""
    node = named(NKG[concept])
    known = {c.concept: c for c in lexicon.case_categories()}[concept]
    graph.add(node, A, named(NKG.CaseCategory))
    graph.add(node, SKOS.prefLabel, Literal(known.label_en, language="en"))
    graph.add(node, SKOS.prefLabel, Literal(known.label_zh, language="zh-Hans"))
    return node


def _match_cases(gold: dict, args: dict, m: Matching) -> bool:
    return (m.party(gold.get("place", ""), args["place"]) and gold["category"] == args["category"]
            and int(gold["value"]) == int(args["value"]) and m.same_date(gold, args))


KIND = FactKind("cases", "a count of cases a place reports, by category", write_cases, _match_cases,
                {"zh": extract, "en": english.find_cases}, node_class="nkg:CaseReport",
                properties=("reports", "caseCategory", "reportedBy", "bound", "evidence", "confidence"))
