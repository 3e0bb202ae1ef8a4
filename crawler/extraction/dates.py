"""Find and normalise dates to aware UTC. Never 'now'; implausible dates are no date."""

from __future__ import annotations

import datetime as dt
import re
import warnings
from urllib.parse import urlsplit

from dateutil import parser as dateutil_parser

EARLIEST = dt.datetime(1995, 1, 1, tzinfo=dt.UTC)
"""Before the web carried news: a date earlier than this is a placeholder (1970, 0001)."""
FUTURE_SLACK = dt.timedelta(days=2)

_ZONE_HOURS = {
    **dict.fromkeys(("UTC", "GMT", "UT", "Z", "WET"), 0),
    **{"EST": -5, "EDT": -4, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7},
    **{"AKST": -9, "AKDT": -8, "HST": -10, "BST": 1, "WEST": 1, "CET": 1, "MEZ": 1},
    **{"CEST": 2, "MESZ": 2, "EET": 2, "EEST": 3, "MSK": 3, "HKT": 8, "SGT": 8},
    **{"JST": 9, "KST": 9, "AEST": 10, "AEDT": 11},
}
ZONE_NAMES = {name: hours * 3600 for name, hours in _ZONE_HOURS.items()}
"""Zone abbreviations with one meaning, for dateutil (which knows only UTC and the machine's
own, and reads "19:20 CEST" as 19:20 UTC). Not CST (US Central or China), IST or AST: a
name it cannot place is read as UTC, as before."""

_YEAR, _MONTH = r"(?P<year>(?:19|20)\d\d)", r"(?P<month>0[1-9]|1[0-2])"
_DAY = r"(?P<day>0[1-9]|[12]\d|3[01])"
_URL_DAYS = (
    re.compile(rf"/{_YEAR}(?P<sep>[/-]){_MONTH}(?P=sep){_DAY}(?=[/_.-]\w)"),  # /2019/08/02/x
    re.compile(rf"/{_YEAR}/?{_MONTH}/?{_DAY}(?=/\w)"),  # /2024/0424/, /202311/17/, /20231117/
    re.compile(rf"/{_YEAR}-{_MONTH}/{_DAY}(?=/\w)"),  # /2023-11/17/ (Xinhua)
)
"""A day in a URL's path, as news CMSes file their articles, with the article's name after it
(a path that ends at the day is the day's archive). The compact forms only as whole folders,
so a number in a slug ("/2020/1105-widget") is no day."""


def parse_date(value: object, now: dt.datetime | None = None) -> dt.datetime | None:
    """An aware UTC datetime from an ISO 8601 / RFC 2822 / common string, else None.

    A time without a zone is taken as UTC. Dates before 1995 or more than two days after
    ``now`` are refused as placeholders or errors.
    """
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, str) and value.strip():
        text = value.strip()
        try:
            parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            try:
                with warnings.catch_warnings():  # a zone name it cannot place: UTC, below
                    warnings.simplefilter("ignore", dateutil_parser.UnknownTimezoneWarning)
                    parsed = dateutil_parser.parse(text, fuzzy=False, tzinfos=ZONE_NAMES)
            except (ValueError, OverflowError, TypeError):
                return None
    else:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    try:
        parsed = parsed.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        return None
    now = now or dt.datetime.now(dt.UTC)
    if parsed < EARLIEST or parsed > now + FUTURE_SLACK:
        return None
    return parsed


def url_date(url: str, now: dt.datetime | None = None) -> dt.datetime | None:
    """The day the URL's path files the page under, at midnight UTC (the day is all a path
    says), or None. A date in a query string or a host is no publication date."""
    path = urlsplit(url).path
    for pattern in _URL_DAYS:
        if found := pattern.search(path):
            year, month, day = found["year"], found["month"], found["day"]
            break
    else:
        return None
    try:
        return parse_date(dt.datetime(int(year), int(month), int(day), tzinfo=dt.UTC), now)
    except ValueError:  # 2023/02/30
        return None


def modified_after(
    modified: dt.datetime | None, published: dt.datetime | None
) -> dt.datetime | None:
    """The modified date, or None when it is before the publish date: an article is not
    changed before it appears."""
    return modified if modified and (not published or modified >= published) else None
