"""Date filters as users type them (--since / --until, ?since= / ?until=)."""

from __future__ import annotations

import datetime as dt
import re

from crawler.errors import SpacewatchError


def parse_when(value: str | None, option: str, end_of_day: bool = False) -> dt.datetime | None:
    """--since / --until: YYYY-MM-DD (UTC day) or an ISO 8601 time. A date-only --until
    includes that whole day."""
    if value is None:
        return None
    text = value.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            day = dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)
            return day + dt.timedelta(days=1) if end_of_day else day
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise SpacewatchError(
            f"{option}: not a date: {value!r} (use YYYY-MM-DD or an ISO 8601 time)"
        ) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
