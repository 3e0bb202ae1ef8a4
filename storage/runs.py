"""Crawl runs: opened when a crawl starts, closed with its counts, stats and URL errors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from storage.articles import ensure_source
from storage.models import CrawlError, CrawlRun

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


def start_run(session: Session, source: str, homepage: str = "") -> int:
    source_id = ensure_source(session, source, homepage)
    run = CrawlRun(source_id=source_id, started_at=dt.datetime.now(dt.UTC), status="running")
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


def abort_orphaned_runs(session: Session) -> int:
    """Runs left 'running' by a killed process become 'aborted'; returns how many."""
    result = session.execute(
        update(CrawlRun)
        .where(CrawlRun.status == "running")
        .values(
            status="aborted", finish_reason="process ended", finished_at=dt.datetime.now(dt.UTC)
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)
