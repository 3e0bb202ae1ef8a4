"""Alerts: new flagged articles and broken sources go to apprise channels through the outbox
(storage.outbox), and an Atom feed of flagged articles is rewritten after each run.

Channels are identified in the database by a hash of their apprise URL: the URL can hold a
token or a password and is never stored or logged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import apprise

from crawler.atom import flagged_feed
from crawler.config import AlertSettings
from storage import outbox
from storage.database import Database

log = logging.getLogger(__name__)


def channel_id(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


def redact(url: str) -> str:
    """scheme://… : enough to tell channels apart in a log, nothing secret."""
    return url.split("://", 1)[0] + "://…"


def article_message(article: outbox.FlaggedArticle) -> tuple[str, str]:
    title = f"[spacewatch] {', '.join(article.categories)}: {article.title}"
    published = article.published.strftime("%Y-%m-%d") if article.published else "undated"
    lines = [article.title, f"{article.source} · {published} · {', '.join(article.categories)}", ""]
    lines += [f"• {s}" for s in article.snippets]
    lines += ["", article.url]
    return title, "\n".join(lines)


@dataclass(frozen=True, slots=True)
class Delivery:
    sent: int
    failed: int


def enqueue_new_flags(database: Database, settings: AlertSettings, now: dt.datetime) -> int:
    """Move newly flagged articles into the outbox, one row per channel; returns how many
    articles. With no channel configured they are only marked as handled."""
    channels = [channel_id(u) for u in settings.urls]
    with database.session() as session:
        articles = outbox.take_newly_flagged(session)
        for article in articles:
            title, body = article_message(article)
            outbox.enqueue(session, f"article:{article.id}", channels, title, body, now, article.id)
    return len(articles)


def enqueue_health_change(
    database: Database,
    settings: AlertSettings,
    source: str,
    status: str,
    reason: str,
    now: dt.datetime,
) -> None:
    channels = [channel_id(u) for u in settings.urls]
    with database.session() as session:
        outbox.enqueue(
            session,
            f"health:{source}:{now.isoformat()}",
            channels,
            f"[spacewatch] source {source} is {status}",
            f"{source} is {status}: {reason}",
            now,
        )


def send(url: str, title: str, body: str) -> bool:
    """One message through apprise; False when the channel did not take it."""
    sender = apprise.Apprise()
    if not sender.add(url):
        return False
    return bool(sender.notify(title=title, body=body))


def deliver(database: Database, settings: AlertSettings, now: dt.datetime) -> Delivery:
    """Send what is due: per article, or one digest per channel. Never raises for a channel.

    Rows are claimed (marked ``sending``, committed) before the send and confirmed after it:
    a crash in between leaves them ``sending``, and they are never sent again.
    """
    by_channel = {channel_id(u): u for u in settings.urls}
    with database.session() as session:
        items = outbox.due(session, now, list(by_channel))
    grouped: dict[str, list[outbox.OutboxItem]] = defaultdict(list)
    for item in items:
        grouped[item.channel].append(item)
    sent = failed = 0
    for channel, channel_items in grouped.items():
        batches = [channel_items] if settings.digest else [[i] for i in channel_items]
        for candidates in batches:
            with database.session() as session:
                claimed = outbox.claim(session, [i.id for i in candidates])
            batch = [i for i in candidates if i.id in claimed]
            if not batch:
                continue  # another deliverer took them
            if settings.digest and len(batch) > 1:
                title = f"[spacewatch] {len(batch)} new alerts"
                body = "\n\n———\n\n".join(i.body for i in batch)
            else:
                title, body = batch[0].title, batch[0].body
            try:
                ok = send(by_channel[channel], title, body)
                error = "" if ok else "the channel did not accept the message"
            except Exception as exc:  # a broken channel must not stop the service
                ok, error = False, type(exc).__name__
            ids = [i.id for i in batch]
            with database.session() as session:
                if ok:
                    outbox.mark_sent(session, ids, dt.datetime.now(dt.UTC))
                    sent += len(batch)
                else:
                    outbox.mark_failed(
                        session, batch, error, dt.datetime.now(dt.UTC), settings.max_attempts
                    )
                    failed += len(batch)
                    log.warning("alert channel %s failed: %s", redact(by_channel[channel]), error)
    return Delivery(sent, failed)


def write_atom(database: Database, path: str, limit: int = 50) -> Path:
    """Rewrite the Atom feed of the latest flagged articles at ``path``, atomically."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".atom-")
    with os.fdopen(handle, "wb") as stream:
        stream.write(flagged_feed(database, limit))
    os.replace(temporary, target)
    return target
