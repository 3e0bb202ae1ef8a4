"""Crawl runs: opened when a crawl starts, closed with its counts, stats and URL errors."""

from __future__ import annotations

import datetime as dt
import os
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from storage.articles import ensure_source
from storage.models import CrawlError, CrawlRun, Source

MAX_ERRORS_PER_RUN = 1000


@dataclass(frozen=True, slots=True, kw_only=True)
class RunCounts:
    pages: int = 0
    new: int = 0
    updated: int = 0
    duplicates: int = 0
    unchanged: int = 0
    flagged: int = 0
    errors: int = 0


def start_run(session: Session, source: str, homepage: str = "", job_id: int | None = None) -> int:
    source_id = ensure_source(session, source, homepage)
    run = CrawlRun(
        source_id=source_id,
        started_at=dt.datetime.now(dt.UTC),
        status="running",
        host=socket.gethostname(),
        pid=os.getpid(),
        job_id=job_id,
    )
    session.add(run)
    session.flush()
    return run.id


def finish_run(
    session: Session,
    run_id: int,
    *,
    status: str,
    reason: str,
    counts: RunCounts,
    stats: dict[str, Any],
) -> None:
    session.execute(
        update(CrawlRun)
        .where(CrawlRun.id == run_id)
        .values(
            finished_at=dt.datetime.now(dt.UTC),
            status=status,
            finish_reason=reason[:100],
            stats=stats,
            pages=counts.pages,
            new=counts.new,
            updated=counts.updated,
            duplicates=counts.duplicates,
            unchanged=counts.unchanged,
            flagged=counts.flagged,
            errors=counts.errors,
        )
    )


def record_errors(session: Session, run_id: int, errors: Iterable[tuple[str, str]]) -> None:
    """Keep up to MAX_ERRORS_PER_RUN (url, reason) pairs for a run; the count is in the run."""
    already = len(session.scalars(select(CrawlError.id).where(CrawlError.run_id == run_id)).all())
    room = max(0, MAX_ERRORS_PER_RUN - already)
    session.add_all(
        CrawlError(run_id=run_id, url=url[:2000], reason=reason[:1000])
        for url, reason in list(errors)[:room]
    )


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def abort_orphaned_runs(session: Session) -> int:
    """Runs left 'running' by a process of this machine that no longer exists become
    'aborted'; returns how many. Runs of other machines are left to their own service."""
    host = socket.gethostname()
    orphans = [
        run_id
        for run_id, pid in session.execute(
            select(CrawlRun.id, CrawlRun.pid).where(
                CrawlRun.status == "running", CrawlRun.host == host
            )
        )
        if pid != os.getpid() and not _alive(pid)
    ]
    if orphans:
        session.execute(
            update(CrawlRun)
            .where(CrawlRun.id.in_(orphans))
            .values(
                status="aborted",
                finish_reason="process ended",
                finished_at=dt.datetime.now(dt.UTC),
            )
        )
    return len(orphans)


def abort_runs_of_jobs(session: Session, job_ids: Iterable[int], reason: str) -> int:
    """Runs still 'running' for these queue tasks become 'aborted' (their worker died)."""
    ids = list(job_ids)
    if not ids:
        return 0
    result = session.execute(
        update(CrawlRun)
        .where(CrawlRun.status == "running", CrawlRun.job_id.in_(ids))
        .values(status="aborted", finish_reason=reason[:100], finished_at=dt.datetime.now(dt.UTC))
    )
    return int(getattr(result, "rowcount", 0) or 0)


def last_runs(session: Session) -> dict[str, tuple[dt.datetime, dt.datetime | None, str]]:
    """Each source's latest run: (started, finished, status)."""
    latest = (
        select(CrawlRun.source_id, func.max(CrawlRun.id).label("run_id"))
        .group_by(CrawlRun.source_id)
        .subquery()
    )
    rows = session.execute(
        select(Source.name, CrawlRun.started_at, CrawlRun.finished_at, CrawlRun.status)
        .join(latest, CrawlRun.id == latest.c.run_id)
        .join(Source, Source.id == CrawlRun.source_id)
    )
    return {name: (started, finished, status) for name, started, finished, status in rows}


def recent_runs(session: Session, source: str, limit: int = 10) -> list[CrawlRun]:
    """A source's latest finished (not running) runs, newest first."""
    return list(
        session.scalars(
            select(CrawlRun)
            .join(Source, Source.id == CrawlRun.source_id)
            .where(Source.name == source, CrawlRun.status != "running")
            .order_by(CrawlRun.id.desc())
            .limit(limit)
        )
    )


def set_health(session: Session, source: str, status: str, reason: str, now: dt.datetime) -> str:
    """Store a source's health; returns the status it had before."""
    row = session.scalar(select(Source).where(Source.name == source))
    if row is None:
        return ""
    before = row.health
    if (row.health, row.health_reason) != (status, reason):
        if row.health != status:
            row.health_changed_at = now
        row.health, row.health_reason = status, reason
    return before


def health_of(session: Session) -> dict[str, tuple[str, str, dt.datetime | None]]:
    """Each stored source's (health, reason, since)."""
    return {
        name: (health, reason, since)
        for name, health, reason, since in session.execute(
            select(Source.name, Source.health, Source.health_reason, Source.health_changed_at)
        )
    }


INTERRUPTED = ("running", "aborted", "cancelled")
"""Runs that did not get to do their work: they do not postpone a source's next crawl."""


def last_completed_starts(session: Session) -> dict[str, dt.datetime]:
    """Each source's latest start among runs that were not interrupted."""
    rows = session.execute(
        select(Source.name, func.max(CrawlRun.started_at))
        .join(Source, Source.id == CrawlRun.source_id)
        .where(CrawlRun.status.not_in(INTERRUPTED))
        .group_by(Source.name)
    )
    return {name: started for name, started in rows}
