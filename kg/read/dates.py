"""Publication dates from metadata: front matter and JSON values, page meta tags, and
the day an article's address states. (Dates written in the text are ``kg.dates``.)"""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from .data import any_of, chars, date_words


@lru_cache(maxsize=1)
def _date_pattern() -> re.Pattern:
    """ISO dates and times, and the same written with the date words (2025年11月1日 01時36分)."""
    w = date_words()
    year, month, hour, minute = (chars(w[k]) for k in ("year", "month", "hour", "minute"))
    day, second = any_of(w["day"]), any_of(w["second"])
    return re.compile(
        rf"""^\s*(?P<y>\d{{4}})[-/.{year}](?P<m>\d{{1,2}})[-/.{month}](?P<d>\d{{1,2}}){day}?
        (?:[T\s]+(?P<H>\d{{1,2}})[:{hour}](?P<M>\d{{2}})(?:[:{minute}](?P<S>\d{{2}})(?:[.,](?P<f>\d+))?)?{second}?)?
        \s*(?P<tz>Z|UTC|GMT|[+-]\d{{2}}(?::?\d{{2}})?)?\s*$""",
        re.X | re.I,
    )


def parse_date(value: Any) -> datetime | None:
    """A timezone-aware datetime from YAML/JSON date values; naive means UTC.

    Accepts datetime, date, epoch seconds/milliseconds, ISO 8601 with any number of
    fraction digits (``2025-11-01 01:36:03.000000000 +00:00``), ``2025/11/01``,
    ``2025年11月1日``. Returns None when it cannot tell.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=timezone.utc)
    if isinstance(value, (int, float)):
        secs = value / 1000 if value > 1e11 else value
        try:
            return datetime.fromtimestamp(secs, tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    value = "".join(c for c in value if unicodedata.category(c) != "Cf")  # BOM, bidi marks, zero widths
    m = _date_pattern().match(value)
    if not m:
        try:
            dt = datetime.fromisoformat(value.strip())
        except ValueError:
            return None
        return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)
    g = m.groupdict()
    frac = (g["f"] or "0")[:6].ljust(6, "0")
    tz = timezone.utc
    t = g["tz"]
    if t and t.upper() not in ("Z", "UTC", "GMT"):
        sign = -1 if t[0] == "-" else 1
        digits = t[1:].replace(":", "")
        hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
        tz = timezone(sign * timedelta(hours=hours, minutes=minutes))
    try:
        return datetime(int(g["y"]), int(g["m"]), int(g["d"]), int(g["H"] or 0),
                        int(g["M"] or 0), int(g["S"] or 0), int(frac), tzinfo=tz)
    except ValueError:
        return None


_URL_DAY = re.compile(r"/((?:19|20)\d\d)(?:/(\d{1,2})/(\d{1,2})|-(\d\d)-(\d\d)|(\d\d)(\d\d))/")


def url_day(url: str | None) -> date | None:
    """The day an address states (/news/2020/9/9/…, /2021-03-04/, /20210304/): an
    article a feed carried again years later keeps the day it was published, not the
    day it was fetched (the front matter's date is then kept as ``extra["fetched"]``)."""
    if not url:
        return None
    m = _URL_DAY.search(urlsplit(url).path)
    if m is None:
        return None
    month, day = next((m.group(i), m.group(i + 1)) for i in (2, 4, 6) if m.group(i))
    try:
        return date(int(m.group(1)), int(month), int(day))
    except ValueError:
        return None
