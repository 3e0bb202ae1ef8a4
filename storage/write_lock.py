"""One writer of articles at a time, whatever process it runs in.

Saving a batch decides new / update / copy from what it reads, then writes; the alert round
takes what waits to be alerted, then clears it. Interleaved, two crawls would each store a
copy of one story as its original, and an alert round could take a copy that a crawl is
demoting (the story alerted twice). Each of these takes the lock before its first read.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

ARTICLE_WRITES_LOCK = 0x5357_4445  # "SWDE": the PostgreSQL advisory lock key


def one_article_writer_at_a_time(session: Session) -> None:
    """Take the article write lock for the rest of the caller's transaction (released at
    commit or rollback); waits while another transaction holds it."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ARTICLE_WRITES_LOCK})
    elif dialect == "sqlite":
        # pysqlite opens the transaction at the first write; a write that changes nothing
        # takes SQLite's write lock before the reads that follow (busy_timeout waits for it).
        session.execute(text("UPDATE sources SET id = id WHERE 0 = 1"))
