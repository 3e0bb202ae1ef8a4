"""Tables: sources, articles, article_versions, matches, crawl_runs, crawl_errors.

The full-text index (FTS5 on SQLite, a generated tsvector on PostgreSQL) is created by the
migrations, not here: it is database-specific and kept in step by the database itself.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql.elements import ColumnElement

from storage.base import Base, UTCDateTime


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Source(Base):
    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    homepage: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    health: Mapped[str] = mapped_column(String(20), default="")
    """ok, degraded or broken, as the service last judged it; empty before its first run."""
    health_reason: Mapped[str] = mapped_column(Text, default="")
    health_changed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


FETCHED_ELSEWHERE_SQL = "fetched_url <> url"
"""The predicate of the partial fetched-URL index (migration 0012)."""


class Article(Base):
    __tablename__ = "articles"
    __table_args__ = (
        # Covering index of the known-URL check (storage.articles.known_urls): the dates it
        # needs come from the index, not from the article's row, which is a random read
        # into a multi-gigabyte file for each of up to a thousand URLs.
        Index(
            "ix_articles_url_known",
            "url",
            "entry_updated_at",
            "modified_at",
            "first_seen_at",
            "last_fetched_at",
        ),
        # The fetched URL is looked up only where the canonical URL did not answer, so only
        # the rows where the two differ are indexed (migration 0012).
        Index(
            "ix_articles_fetched_url_differs",
            "fetched_url",
            sqlite_where=text(FETCHED_ELSEWHERE_SQL),
            postgresql_where=text(FETCHED_ELSEWHERE_SQL),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    """Canonical URL: tracking parameters and fragment stripped, rel=canonical honoured."""
    fetched_url: Mapped[str] = mapped_column(Text)
    """The URL the crawler asked for, so a known article is recognised before fetching."""
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    title: Mapped[str] = mapped_column(Text, default="")
    authors: Mapped[list[str]] = mapped_column(JSON, default=list)
    published_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, index=True)
    modified_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    """When the page says it was last edited (dateModified), if it says so."""
    entry_updated_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    """The newest change date an entry point (feed updated, sitemap lastmod) gave for it."""
    first_seen_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_fetched_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    language: Mapped[str] = mapped_column(String(20), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    section: Mapped[str] = mapped_column(String(200), default="")
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    image_url: Mapped[str] = mapped_column(Text, default="")
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary, default=b"")
    """MinHash signature of the body (storage.fingerprints); its LSH bands are in
    article_bands, so candidate copies come from indexed lookups instead of a scan."""
    # Unused since migration 0005 (MinHash replaced the simhash): dropping columns of
    # `articles` on SQLite needs a table rebuild that would drop the FTS triggers.
    simhash: Mapped[int] = mapped_column(BigInteger, default=0)
    sim_band0: Mapped[int] = mapped_column(Integer, default=0)
    sim_band1: Mapped[int] = mapped_column(Integer, default=0)
    sim_band2: Mapped[int] = mapped_column(Integer, default=0)
    sim_band3: Mapped[int] = mapped_column(Integer, default=0)
    sim_band4: Mapped[int] = mapped_column(Integer, default=0)
    sim_band5: Mapped[int] = mapped_column(Integer, default=0)
    duplicate_of: Mapped[int | None] = mapped_column(ForeignKey("articles.id"), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    flagged: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    flag_score: Mapped[float] = mapped_column(Float, default=0.0)
    categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    flagged_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, index=True)
    alert_pending: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    """Newly flagged and not yet handed to alerting. A crawl sets it for new flags; a
    reflag only when asked (``reflag --alert``)."""

    source: Mapped[Source] = relationship(lazy="joined")
    # Loaded when read, not with every article: search pages and the flagged list show no
    # matches, and loading them with each article (one object per match) cost the flagged
    # list of 50 about a third of its time. get_article loads them with the article.
    matches: Mapped[list[Match]] = relationship(
        cascade="all, delete-orphan", order_by="Match.id", lazy="select"
    )


def fetched_elsewhere() -> ColumnElement[bool]:
    """The fetched-URL index's predicate as a condition: a lookup by fetched URL must state it
    for the planners to use the partial index (the canonical index answers the other rows)."""
    return Article.fetched_url != Article.url


class ArticleBand(Base):
    """One LSH band key of an original article's MinHash signature."""

    __tablename__ = "article_bands"
    # Looked up by key alone (band checked after): keys are 64-bit hashes, and an IN list of
    # (band, key) row values is not served by an index on SQLite.
    __table_args__ = (Index("ix_article_bands_key", "key"),)

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    band: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    key: Mapped[int] = mapped_column(BigInteger)


class ArticleVersion(Base):
    """An earlier state of an article, kept when the page changed: nothing is overwritten."""

    __tablename__ = "article_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    published_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    modified_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    fetched_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    superseded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Match(Base):
    """One flagged term in one article: why it was flagged, with where and a snippet."""

    __tablename__ = "matches"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), index=True)
    category: Mapped[str] = mapped_column(String(50))
    term: Mapped[str] = mapped_column(String(200))
    field: Mapped[str] = mapped_column(String(20))
    count: Mapped[int] = mapped_column(Integer)
    offsets: Mapped[list[int]] = mapped_column(JSON, default=list)
    snippet: Mapped[str] = mapped_column(Text)


class CrawlRun(Base):
    __tablename__ = "crawl_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(20), default="running")
    """running, finished, failed or aborted."""
    finish_reason: Mapped[str] = mapped_column(String(100), default="")
    pages: Mapped[int] = mapped_column(Integer, default=0)
    new: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    duplicates: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    flagged: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    stats: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    host: Mapped[str] = mapped_column(String(255), default="")
    pid: Mapped[int] = mapped_column(Integer, default=0)
    """Which process runs it: a run left 'running' by a dead process is aborted."""
    job_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    """The queue task (procrastinate job) that ran it, when a worker did."""

    source: Mapped[Source] = relationship(lazy="joined")


class CrawlError(Base):
    """One URL that failed in a run, with a reason a person can read."""

    __tablename__ = "crawl_errors"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("crawl_runs.id"), index=True)
    url: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Alert(Base):
    """The alert outbox: one row per (thing to tell, channel). A row is marked ``sending``
    before the send and ``sent`` after it, so a crash in between never sends twice."""

    __tablename__ = "alerts"
    __table_args__ = (UniqueConstraint("key", "channel"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200))
    """"article:<id>" or "health:<source>:<time>": what the alert is about."""
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id"), index=True)
    channel: Mapped[str] = mapped_column(String(64))
    """A hash of the apprise URL: the URL itself may hold tokens and never enters the DB."""
    title: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    """pending, sending, sent, failed (retried later), unknown (crashed mid-send), gave_up."""
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class State(Base):
    """What the database records about itself, by key: ``flags.taxonomy`` is the fingerprint of
    the taxonomy its stored flags were computed with (``storage.state``)."""

    __tablename__ = "state"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
