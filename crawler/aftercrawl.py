"""What follows each crawl in a long-running process (`run`, `worker`): the run's log line and
the source's health; a change to broken goes into the alert outbox (the leader delivers it)."""

from __future__ import annotations

import datetime as dt
import logging

from crawler.config import Config
from storage.database import Database

log = logging.getLogger("spacewatch.service")


def report_run(database: Database, config: Config, name: str, run_id: int | None) -> None:
    """Log the run's counts and judge the source's health. Blocking: run it in a thread."""
    from crawler import alerts
    from crawler.health import BROKEN, RunFacts, judge
    from crawler.schedule import parse_schedule
    from storage import queries, runs

    now = dt.datetime.now(dt.UTC)
    with database.session() as session:
        summary = queries.runs(session, ids=[run_id])[0] if run_id else None
        recent = [RunFacts.from_run(r) for r in runs.recent_runs(session, name)]
    if summary is not None:
        counts = {
            k: getattr(summary, k)
            for k in ("pages", "new", "updated", "duplicates", "unchanged", "flagged", "errors")
        }
        log.info(
            "crawl %s: %s %s",
            name,
            summary.status,
            " ".join(f"{k}={v}" for k, v in counts.items()),
            extra={
                "fields": {
                    "event": "crawl_finished",
                    "source": name,
                    "status": summary.status,
                    "run_id": run_id,
                    **counts,
                }
            },
        )
    source = config.source(name)
    interval = parse_schedule(source.schedule or config.schedule.default).interval
    status, reason = judge(recent, interval, now, config.health)
    if status:
        with database.session() as session:
            before = runs.set_health(session, name, status, reason, now)
        if status != before:
            log.info("source %s is %s%s", name, status, f": {reason}" if reason else "")
            if status == BROKEN:
                alerts.enqueue_health_change(database, config.alerts, name, status, reason, now)
