"""Find and normalise dates to aware UTC. Never 'now'; implausible dates are no date."""

from __future__ import annotations

import datetime as dt
import re

from dateutil import parser as dateutil_parser

EARLIEST = dt.datetime(1995, 1, 1, tzinfo=dt.UTC)
"""Before the web carried news: a date earlier than this is a placeholder (1970, 0001)."""
FUTURE_SLACK = dt.timedelta(days=2)

_ISO_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


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
                parsed = dateutil_parser.parse(text, fuzzy=False)
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


def modified_after(
    modified: dt.datetime | None, published: dt.datetime | None
) -> dt.datetime | None:
    """The modified date, or None when it is before the publish date: an article is not
    changed before it appears."""
    return modified if modified and (not published or modified >= published) else None
