"""One transaction, retried with back-off while the database is locked by another writer past
SQLite's busy timeout, or unreachable (a PostgreSQL restart). A full disk is not retried: it
does not clear while a transaction waits."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from storage.database import Database

T = TypeVar("T")
RETRY_FOR = 300.0
"""Seconds a transaction is retried before the error is raised."""
log = logging.getLogger("spacewatch.store")


def reason(exc: OperationalError) -> str:
    """The driver's message, first line: "database is locked", "connection refused", ..."""
    return str(exc.orig or exc).strip().splitlines()[0]


def lasting(exc: OperationalError) -> bool:
    """A full disk (SQLite's SQLITE_FULL, PostgreSQL's disk_full 53100)."""
    return getattr(exc.orig, "sqlstate", None) == "53100" or "database or disk is full" in reason(
        exc
    )


def in_transaction(
    database: Database, work: Callable[[Session], T], what: str, retry_for: float = RETRY_FOR
) -> T:
    """``work(session)`` in one transaction; rolled back and run again after 0.5 s, doubling
    to 10 s, until ``retry_for`` seconds have passed. Each retry is logged with ``what``."""
    deadline = time.monotonic() + retry_for
    delay = 0.5
    while True:
        try:
            with database.session() as session:
                return work(session)
        except OperationalError as exc:
            if lasting(exc) or time.monotonic() + delay > deadline:
                raise
            log.warning("database unavailable (%s): %s retried in %.1f s", reason(exc), what, delay)
            time.sleep(delay)
            delay = min(delay * 2, 10.0)
