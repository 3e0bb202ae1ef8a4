"""Schedules: "every 10s" / "every 30m" / "every 6h" / "every 1d" or a cron expression.

Parsing is pure (``parse_schedule``); ``trigger_for`` builds the APScheduler 3.x trigger, and
``next_due`` answers "when should this source run next, given its last run" for ``run --once``
and ``status`` without a scheduler.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

_EVERY = re.compile(
    r"^every\s+(\d+(?:\.\d+)?)\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?|d|days?)$"
)
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


class ScheduleError(ValueError):
    """Not a schedule spacewatch understands."""


@dataclass(frozen=True, slots=True)
class Schedule:
    text: str
    interval: dt.timedelta | None
    """Set for "every N unit" schedules."""
    cron: str = ""


def parse_schedule(text: str) -> Schedule:
    cleaned = " ".join(text.strip().lower().split())
    match = _EVERY.match(cleaned)
    if match:
        seconds = float(match.group(1)) * _UNITS[match.group(2)[0]]
        if seconds < 1:
            raise ScheduleError(f"{text!r}: an interval must be at least one second")
        return Schedule(text, dt.timedelta(seconds=seconds))
    try:
        CronTrigger.from_crontab(cleaned, timezone=dt.UTC)
    except ValueError as exc:
        raise ScheduleError(
            f"{text!r} is neither 'every N s|m|h|d' nor a cron expression ({exc})"
        ) from None
    return Schedule(text, None, cleaned)


def trigger_for(schedule: Schedule, jitter: float = 0.0) -> BaseTrigger:
    jitter_seconds = int(jitter) or None
    if schedule.interval is not None:
        return IntervalTrigger(
            seconds=schedule.interval.total_seconds(), timezone=dt.UTC, jitter=jitter_seconds
        )
    trigger = CronTrigger.from_crontab(schedule.cron, timezone=dt.UTC)
    trigger.jitter = jitter_seconds
    return trigger


def next_due(schedule: Schedule, last_started: dt.datetime | None, now: dt.datetime) -> dt.datetime:
    """When the source should next run: now if it never ran or is overdue (one catch-up run,
    not one per missed tick), else its next tick after the last run."""
    if last_started is None:
        return now
    if schedule.interval is not None:
        due = last_started + schedule.interval
        return due if due > now else now
    trigger = CronTrigger.from_crontab(schedule.cron, timezone=dt.UTC)
    following: dt.datetime | None = trigger.get_next_fire_time(None, last_started)
    if following is None or following <= now:
        return now
    return following
