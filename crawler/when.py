"""Date filters as users type them (--since / --until, ?since= / ?until=)."""

from __future__ import annotations

import datetime as dt
import re

from crawler.errors import SpacewatchError

_FORMS = "YYYY-MM-DD, an ISO 8601 time, or 12h / 7d / 2w ago, today, yesterday"
_AGO = re.compile(r"(\d+)\s*(h|hours?|d|days?|w|weeks?)(?:\s+ago)?", re.IGNORECASE)
_UNIT = {"h": dt.timedelta(hours=1), "d": dt.timedelta(days=1), "w": dt.timedelta(weeks=1)}
_DAYS_BACK = {"today": 0, "yesterday": 1}


def parse_when(
    value: str | None, option: str, end_of_day: bool = False, now: dt.datetime | None = None
) -> dt.datetime | None:
    """--since / --until: YYYY-MM-DD (UTC day), an ISO 8601 time, a span back from now
    ("7d", "12 hours ago"; what a cron line wants), or "today" / "yesterday" (UTC days). A
    date-only --until, or a named day, includes that whole day."""
    if value is None:
        return None
    text = value.strip()
    moment = now or dt.datetime.now(dt.UTC)
    if ago := _AGO.fullmatch(text):
        return moment - int(ago.group(1)) * _UNIT[ago.group(2)[0].lower()]
    try:
        if text.lower() in _DAYS_BACK:
            midnight = moment.astimezone(dt.UTC).replace(hour=0, minute=0, second=0, microsecond=0)
            day = midnight - dt.timedelta(days=_DAYS_BACK[text.lower()])
        elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            day = dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)
        else:
            parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
    except ValueError:
        raise SpacewatchError(f"{option}: not a date: {value!r} (use {_FORMS})") from None
    # A whole day: under --until it ends where the next one starts.
    return day + dt.timedelta(days=1) if end_of_day else day
