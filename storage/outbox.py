"""The alert outbox: at least once, never twice.

A row per (thing to tell, channel) is inserted once (unique key); delivery marks it
``sending`` and commits *before* sending, then ``sent`` or ``failed``. A row found in
``sending`` at start-up was interrupted mid-send: it becomes ``unknown`` and is not sent
again (it may have gone out). Failed rows are retried with exponential backoff.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.models import Alert, Article, Source
from storage.queries import flag_reasons
from storage.write_lock import one_article_writer_at_a_time

BACKOFF_BASE = dt.timedelta(seconds=30)
BACKOFF_MAX = dt.timedelta(hours=6)


@dataclass(frozen=True, slots=True, kw_only=True)
class FlaggedArticle:
    id: int
    url: str
    source: str
    title: str
    published: dt.datetime | None
    categories: list[str]
    snippets: list[str]


@dataclass(frozen=True, slots=True, kw_only=True)
class OutboxItem:
    id: int
    key: str
    channel: str
    title: str
    body: str
    attempts: int


def take_newly_flagged(session: Session, limit: int = 500) -> list[FlaggedArticle]:
    """Articles waiting to be alerted (``alert_pending``), cleared as they are taken: the
    caller enqueues them in the same transaction. Taken under the article write lock: a
    crawl demoting a waiting copy to its original's duplicate hands the alert on to the
    original, and must not do so while this round takes the copy."""
    one_article_writer_at_a_time(session)
    rows = session.execute(
        select(
            Article.id,
            Article.url,
            Source.name,
            Article.title,
            Article.published_at,
            Article.categories,
        )
        .join(Source, Source.id == Article.source_id)
        .where(Article.alert_pending.is_(True), Article.duplicate_of.is_(None))
        .order_by(Article.id)
        .limit(limit)
    ).all()
    if not rows:
        return []
    ids = [r[0] for r in rows]
    # What it was flagged for: not the context's snippets ("«China»") nor a category's it
    # did not reach.
    reasons = flag_reasons(session, ids)
    session.execute(update(Article).where(Article.id.in_(ids)).values(alert_pending=False))
    return [
        FlaggedArticle(
            id=i,
            url=u,
            source=s,
            title=t,
            published=p,
            categories=list(c),
            snippets=list(reasons[i].snippets[:3]) if i in reasons else [],
        )
        for i, u, s, t, p, c in rows
    ]


def enqueue(
    session: Session,
    key: str,
    channels: Sequence[str],
    title: str,
    body: str,
    now: dt.datetime,
    article_id: int | None = None,
) -> None:
    """One outbox row per channel; a (key, channel) already there is left as it is."""
    if not channels:
        return
    rows: list[dict[str, Any]] = [
        {
            "key": key,
            "article_id": article_id,
            "channel": channel,
            "title": title,
            "body": body,
            "status": "pending",
            "attempts": 0,
            "last_error": "",
            "created_at": now,
            "next_attempt_at": now,
        }
        for channel in channels
    ]
    insert: Any = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}[
        session.get_bind().dialect.name
    ]
    session.execute(
        insert(Alert).values(rows).on_conflict_do_nothing(index_elements=["key", "channel"])
    )


def recover_interrupted(session: Session) -> int:
    """Rows left ``sending`` by a crash become ``unknown``: never sent twice."""
    result = session.execute(
        update(Alert)
        .where(Alert.status == "sending")
        .values(status="unknown", last_error="interrupted while sending")
    )
    return int(getattr(result, "rowcount", 0) or 0)


def due(
    session: Session, now: dt.datetime, channels: Sequence[str], limit: int = 200
) -> list[OutboxItem]:
    rows = session.scalars(
        select(Alert)
        .where(
            Alert.status.in_(("pending", "failed")),
            Alert.next_attempt_at <= now,
            Alert.channel.in_(list(channels)),
        )
        .order_by(Alert.id)
        .limit(limit)
    )
    return [
        OutboxItem(
            id=a.id, key=a.key, channel=a.channel, title=a.title, body=a.body, attempts=a.attempts
        )
        for a in rows
    ]


def claim(session: Session, ids: Sequence[int]) -> set[int]:
    """Mark the rows ``sending`` if still pending or failed; returns the ids this caller got.
    Two deliverers racing for one row: exactly one claims it."""
    claimed = session.scalars(
        update(Alert)
        .where(Alert.id.in_(list(ids)), Alert.status.in_(("pending", "failed")))
        .values(status="sending", attempts=Alert.attempts + 1)
        .returning(Alert.id)
    )
    return set(claimed)


def mark_sent(session: Session, ids: Sequence[int], now: dt.datetime) -> None:
    session.execute(
        update(Alert)
        .where(Alert.id.in_(list(ids)))
        .values(status="sent", sent_at=now, last_error="")
    )


def mark_failed(
    session: Session, items: Sequence[OutboxItem], error: str, now: dt.datetime, max_attempts: int
) -> None:
    for item in items:
        attempts = item.attempts + 1
        backoff = min(BACKOFF_BASE * (2 ** (attempts - 1)), BACKOFF_MAX)
        session.execute(
            update(Alert)
            .where(Alert.id == item.id)
            .values(
                status="gave_up" if attempts >= max_attempts else "failed",
                last_error=error[:500],
                next_attempt_at=now + backoff,
            )
        )


def counts(session: Session) -> dict[str, int]:
    """Outbox rows per status."""
    from sqlalchemy import func

    return {
        s: int(n)
        for s, n in session.execute(select(Alert.status, func.count()).group_by(Alert.status))
    }
