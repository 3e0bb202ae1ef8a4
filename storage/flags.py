"""Re-flagging stored articles: read them in batches, write new flags, report the changes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import delete, func, literal, select
from sqlalchemy.orm import Session

from storage.articles import match_rows
from storage.database import Database
from storage.models import Article, Match
from storage.records import MatchRecord
from storage.write_lock import one_article_writer_at_a_time


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredText:
    id: int
    title: str
    body: str
    flagged: bool
    categories: list[str]


@dataclass(frozen=True, slots=True, kw_only=True)
class NewFlags:
    id: int
    flagged: bool
    score: float
    categories: list[str]
    matches: list[MatchRecord]


def texts_to_reflag(
    session: Session, since: dt.datetime | None, after_id: int, limit: int
) -> list[StoredText]:
    """Up to ``limit`` original (non-duplicate) articles with id > ``after_id``, by id."""
    statement = (
        select(Article.id, Article.title, Article.body, Article.flagged, Article.categories)
        .where(Article.duplicate_of.is_(None), Article.id > after_id)
        .order_by(Article.id)
        .limit(limit)
    )
    if since is not None:
        statement = statement.where(
            func.coalesce(Article.published_at, Article.first_seen_at)
            >= literal(since, Article.published_at.type)
        )
    return [
        StoredText(id=i, title=t, body=b, flagged=f, categories=list(c))
        for i, t, b, f, c in session.execute(statement)
    ]


def batches(database: Database, since: dt.datetime | None, size: int) -> Iterator[list[StoredText]]:
    """Batches of articles to re-flag, each read in its own short transaction."""
    after = 0
    while True:
        with database.session() as session:
            batch = texts_to_reflag(session, since, after, size)
        if not batch:
            return
        yield batch
        after = batch[-1].id


def write_flags(session: Session, flags: list[NewFlags], now: dt.datetime, alert: bool) -> None:
    """Store new flag results; newly flagged articles get flagged_at (and alert_pending only
    when ``alert``); an article no longer flagged keeps its history in nothing but the log."""
    if not flags:
        return
    # A crawl may have demoted one of these to a copy since it was read: copies hold no flags.
    one_article_writer_at_a_time(session)
    ids = [f.id for f in flags]
    before = dict(
        session.execute(select(Article.id, Article.flagged).where(Article.id.in_(ids))).all()
    )
    session.execute(delete(Match).where(Match.article_id.in_(ids)))
    for new in flags:
        article = session.get(Article, new.id)
        if article is None or article.duplicate_of is not None:
            continue
        article.flagged = new.flagged
        article.flag_score = new.score
        article.categories = list(new.categories)
        if new.flagged and not before.get(new.id):
            article.flagged_at = now
            article.alert_pending = alert
        if not new.flagged:
            article.flagged_at = None
            article.alert_pending = False
        session.add_all(match_rows(new.id, new.matches))
