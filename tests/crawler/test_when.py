"""The date filters users type: calendar dates, ISO times, spans back from now, named days."""

from __future__ import annotations

import datetime as dt

import pytest

from crawler.errors import SpacewatchError
from crawler.when import parse_when

NOW = dt.datetime(2026, 3, 10, 15, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("text", "end_of_day", "expected"),
    [
        ("2026-03-01", False, dt.datetime(2026, 3, 1, tzinfo=dt.UTC)),
        ("2026-03-01", True, dt.datetime(2026, 3, 2, tzinfo=dt.UTC)),
        ("2026-03-01T08:00:00+02:00", False, dt.datetime(2026, 3, 1, 6, tzinfo=dt.UTC)),
        ("2026-03-01T08:00:00Z", False, dt.datetime(2026, 3, 1, 8, tzinfo=dt.UTC)),
        ("7d", False, NOW - dt.timedelta(days=7)),
        ("7d", True, NOW - dt.timedelta(days=7)),  # a span ends where it ends
        ("12h", False, NOW - dt.timedelta(hours=12)),
        ("2w", False, NOW - dt.timedelta(weeks=2)),
        ("3 days ago", False, NOW - dt.timedelta(days=3)),
        ("1 hour ago", False, NOW - dt.timedelta(hours=1)),
        (" 10D ", False, NOW - dt.timedelta(days=10)),
        ("today", False, dt.datetime(2026, 3, 10, tzinfo=dt.UTC)),
        ("today", True, dt.datetime(2026, 3, 11, tzinfo=dt.UTC)),
        ("Yesterday", False, dt.datetime(2026, 3, 9, tzinfo=dt.UTC)),
        ("yesterday", True, dt.datetime(2026, 3, 10, tzinfo=dt.UTC)),
    ],
)
def test_forms_users_type(text: str, end_of_day: bool, expected: dt.datetime) -> None:
    assert parse_when(text, "--since", end_of_day=end_of_day, now=NOW) == expected


def test_named_days_are_utc_days_whatever_the_clock_zone() -> None:
    tokyo_morning = dt.datetime(2026, 3, 11, 7, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    assert parse_when("today", "--since", now=tokyo_morning) == dt.datetime(
        2026, 3, 10, tzinfo=dt.UTC
    )


@pytest.mark.parametrize("text", ["last tuesday", "7", "d", "7 months", "-3d", "2026-13-01", ""])
def test_anything_else_is_a_clear_error(text: str) -> None:
    with pytest.raises(SpacewatchError, match=r"--since: not a date: .*\(use YYYY-MM-DD.*7d"):
        parse_when(text, "--since", now=NOW)


def test_no_value_is_no_filter() -> None:
    assert parse_when(None, "--since") is None
