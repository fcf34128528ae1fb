"""Dates written in news text, resolved against the article's own date.

Works on normalised text (Simplified, half-width digits). Weekdays (周五, 星期五) are
the most recent such day on or before the article's date, as news reports the past;
an explicit date beside them (星期五（8月12日）) wins.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import cache

from .language_data import en, zh

_CHINESE_KINDS = ("ymd", "month_day", "md", "han_md", "weekday", "dian", "day")
"""The Chinese patterns of zh/dates.json, in the order they are tried."""


@cache
def _patterns() -> list[tuple[str, re.Pattern]]:
    """Each kind of date with its pattern, in the order they are tried (of two dates
    found at the same place, the earlier kind wins)."""
    chinese, english = zh("dates"), en("dates")
    return [
        *((kind, re.compile(chinese["patterns"][kind])) for kind in _CHINESE_KINDS),
        ("relative", re.compile("|".join(sorted(chinese["relative_days"], key=len, reverse=True)))),
        ("same_day", re.compile("|".join(chinese["same_day"]))),
        ("en_md", re.compile(r"\b(" + "|".join(english["months"]) + r")\s+(\d{1,2})\b", re.I)),
        ("en_weekday", re.compile(r"\b(" + "|".join(english["weekdays"]) + r")\b", re.I)),
        ("en_relative", re.compile(r"\b(" + "|".join(english["relative"]) + r")\b", re.I)),
    ]


@cache
def _explicit() -> re.Pattern:
    """A month and day, which wins over a weekday beside it."""
    return dict(_patterns())["md"]


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
        match = _patterns()[0][1].search(text)
        if match:
            return _safe(*map(int, match.groups())), match.span()
        return None, None
    base = anchor or previous
    best: tuple[int, date, tuple[int, int]] | None = None
    for kind, pattern in _patterns():
        for match in pattern.finditer(text):
            value = _value(kind, match, base, previous)
            if value is None:
                continue
            rank = match.start()
            if kind in ("weekday", "en_weekday"):
                explicit = _explicit().search(text, match.end(), match.end() + 12)
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
        step = zh("dates")["month_offsets"][match.group(1)]
        if step < 0:
            month_start = (month_start - timedelta(days=1)).replace(day=1)
        elif step > 0:
            month_start = (month_start + timedelta(days=32)).replace(day=1)
        return _safe(month_start.year, month_start.month, int(match.group(2)))
    if kind == "md":
        return _month_day(base, int(match.group(1)), int(match.group(2)))
    if kind == "han_md":  # 三月31日
        return _month_day(base, zh("dates")["months"].index(match.group(1)) + 1, int(match.group(2)))
    if kind == "weekday":
        return base - timedelta(days=(base.weekday() - zh("dates")["weekdays"][match.group(1)]) % 7)
    if kind == "en_weekday":
        return base - timedelta(days=(base.weekday() - en("dates")["weekdays"].index(match.group(1).lower())) % 7)
    if kind == "dian":
        return _safe(base.year, base.month, int(match.group(1)))
    if kind == "day":
        day = int(match.group(1))
        if day <= base.day:
            return _safe(base.year, base.month, day)
        previous_month = (base.replace(day=1) - timedelta(days=1))
        return _safe(previous_month.year, previous_month.month, day)
    if kind == "relative":
        return base + timedelta(days=zh("dates")["relative_days"][match.group()])
    if kind == "same_day":
        return previous or base
    if kind == "en_md":
        return _month_day(base, en("dates")["months"].index(match.group(1).lower()) + 1, int(match.group(2)))
    if kind == "en_relative":
        days = en("dates")["relative"][match.group(1).lower()]
        return (previous or base) if days is None else base + timedelta(days=days)
    return None


def local_day(published: datetime | None, offset_hours: float | None = None) -> date | None:
    """The article's own calendar day, in its time zone (or the one given)."""
    if published is None:
        return None
    if offset_hours is not None:
        from datetime import timezone

        return published.astimezone(timezone(timedelta(hours=offset_hours))).date()
    return published.date()
