"""Dates written in news text, resolved against the article's own date.

Works on normalised text (Simplified, half-width digits). Weekdays (周五, 星期五) are
the most recent such day on or before the article's date, as news reports the past;
an explicit date beside them (星期五（8月12日）) wins.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta

_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_EN_WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
_EN_MONTHS = {m: i + 1 for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"])}
_RELATIVE = {"今天": 0, "今日": 0, "本日": 0, "昨天": -1, "昨日": -1, "前一日": -1, "前一天": -1, "过去一日": -1, "过去一天": -1,
             "前天": -2, "前日": -2, "明天": 1, "明日": 1}

_PATTERNS = [
    ("ymd", re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})[日号]")),
    ("month_day", re.compile(r"(上|本|下)月(\d{1,2})[日号]")),
    ("md", re.compile(r"(?<!\d)(\d{1,2})月(\d{1,2})[日号]")),
    ("han_md", re.compile(r"(?<![一二三四五六七八九十\d])(十[一二]?|[一二三四五六七八九])月(\d{1,2})[日号]")),
    ("weekday", re.compile(r"(?:星期|周|礼拜)([一二三四五六日天])")),
    ("dian", re.compile(r"(?<![\d月])(\d{1,2})日电")),
    ("day", re.compile(r"(?<![\d月年])(\d{1,2})日(?!电)")),
    ("relative", re.compile("|".join(sorted(_RELATIVE, key=len, reverse=True)))),
    ("same_day", re.compile(r"当天|当日|同日|同一天")),
    ("en_md", re.compile(r"\b(" + "|".join(_EN_MONTHS) + r")\s+(\d{1,2})\b", re.I)),
    ("en_weekday", re.compile(r"\b(" + "|".join(_EN_WEEKDAYS) + r")\b", re.I)),
    ("en_relative", re.compile(r"\b(today|yesterday|on the same day)\b", re.I)),
]


_EXPLICIT = dict(_PATTERNS)["md"]
_HAN_MONTHS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_day(anchor: date, month: int, day: int) -> date | None:
    """A month and day without a year: the anchor's year, or the year before when
    that would put it more than two months after the anchor."""
    found = _safe(anchor.year, month, day)
    if found and (found - anchor).days > 60:
        found = _safe(anchor.year - 1, month, day)
    return found


def resolve(text: str, anchor: date | None, previous: date | None = None) -> tuple[date | None, tuple[int, int] | None]:
    """The first date the text states, and where; ``previous`` is the date last
    mentioned before it (for 当天)."""
    if anchor is None and previous is None:
        match = _PATTERNS[0][1].search(text)
        if match:
            return _safe(*map(int, match.groups())), match.span()
        return None, None
    base = anchor or previous
    best: tuple[int, date, tuple[int, int]] | None = None
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            value = _value(kind, match, base, previous)
            if value is None:
                continue
            rank = match.start()
            if kind in ("weekday", "en_weekday"):
                explicit = _EXPLICIT.search(text, match.end(), match.end() + 12)
                if explicit:
                    continue
            if best is None or rank < best[0]:
                best = (rank, value, match.span())
            break
    if best is None:
        return None, None
    return best[1], best[2]


def _value(kind: str, match: re.Match, base: date, previous: date | None) -> date | None:
    if kind == "ymd":
        return _safe(*map(int, match.groups()))
    if kind == "month_day":
        month_start = base.replace(day=1)
        if match.group(1) == "上":
            month_start = (month_start - timedelta(days=1)).replace(day=1)
        elif match.group(1) == "下":
            month_start = (month_start + timedelta(days=32)).replace(day=1)
        return _safe(month_start.year, month_start.month, int(match.group(2)))
    if kind == "md":
        return _month_day(base, int(match.group(1)), int(match.group(2)))
    if kind == "han_md":  # 三月31日
        return _month_day(base, _HAN_MONTHS.index(match.group(1)) + 1, int(match.group(2)))
    if kind == "weekday":
        return base - timedelta(days=(base.weekday() - _WEEKDAYS[match.group(1)]) % 7)
    if kind == "en_weekday":
        return base - timedelta(days=(base.weekday() - _EN_WEEKDAYS[match.group(1).lower()]) % 7)
    if kind == "dian":
        return _safe(base.year, base.month, int(match.group(1)))
    if kind == "day":
        day = int(match.group(1))
        if day <= base.day:
            return _safe(base.year, base.month, day)
        previous_month = (base.replace(day=1) - timedelta(days=1))
        return _safe(previous_month.year, previous_month.month, day)
    if kind == "relative":
        return base + timedelta(days=_RELATIVE[match.group()])
    if kind == "same_day":
        return previous or base
    if kind == "en_md":
        return _month_day(base, _EN_MONTHS[match.group(1).lower()], int(match.group(2)))
    if kind == "en_relative":
        word = match.group(1).lower()
        return base - timedelta(days=1) if word == "yesterday" else (previous or base) if word != "today" else base
    return None


def local_day(published: datetime | None, offset_hours: float | None = None) -> date | None:
    """The article's own calendar day, in its time zone (or the one given)."""
    if published is None:
        return None
    if offset_hours is not None:
        from datetime import timezone

        return published.astimezone(timezone(timedelta(hours=offset_hours))).date()
    return published.date()
