"""Writes: save a batch of articles in one transaction, deciding new / updated / duplicate.

The database is the dedupe authority, so two crawls writing at once still store each article
once: new rows go in with ``INSERT ... ON CONFLICT (url) DO NOTHING RETURNING``, and the rows
it returns are exactly the new articles.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import delete, or_, select, text, tuple_, update
from sqlalchemy import insert as insert_rows
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.fingerprints import NEAR_DUPLICATE_JACCARD, band_keys, similarity
from storage.models import Article, ArticleBand, ArticleVersion, Match, Source
from storage.records import ArticleRecord, KnownUrl, MatchRecord, SaveResult

KNOWN_URL_CHUNK = 500


def ensure_source(session: Session, name: str, homepage: str = "") -> int:
    """The id of the source called ``name``, created on first use."""
    found = session.scalar(select(Source.id).where(Source.name == name))
    if found is not None:
        return found
    _insert_ignore(session, Source, [{"name": name, "homepage": homepage}], "name")
    found = session.scalar(select(Source.id).where(Source.name == name))
    assert found is not None
    return found


def known_urls(session: Session, urls: Iterable[str]) -> dict[str, KnownUrl]:
    """For each URL already stored (as canonical or as fetched URL): the newest change date
    we know for it (entry point or page) and when we first and last fetched it."""
    wanted = list(dict.fromkeys(urls))
    known: dict[str, KnownUrl] = {}
    for start in range(0, len(wanted), KNOWN_URL_CHUNK):
        chunk = wanted[start : start + KNOWN_URL_CHUNK]
        rows = session.execute(
            select(
                Article.url,
                Article.fetched_url,
                Article.entry_updated_at,
                Article.modified_at,
                Article.first_seen_at,
                Article.last_fetched_at,
            ).where(or_(Article.url.in_(chunk), Article.fetched_url.in_(chunk)))
        )
        chunk_set = set(chunk)
        for url, fetched_url, entry_updated, modified, first_seen, last_fetched in rows:
            dates = [d for d in (entry_updated, modified) if d is not None]
            facts = KnownUrl(max(dates) if dates else None, first_seen, last_fetched)
            for candidate in (url, fetched_url):
                if candidate in chunk_set:
                    known[candidate] = facts
    return known


def save_batch(session: Session, records: Sequence[ArticleRecord]) -> list[SaveResult]:
    """Save ``records`` in the caller's transaction; one result per distinct URL, in order."""
    _one_writer_at_a_time(session)
    by_url: dict[str, ArticleRecord] = {}
    for record in records:
        by_url.setdefault(record.url, record)
    source_ids = {
        name: ensure_source(session, name) for name in {r.source for r in by_url.values()}
    }
    existing = {
        a.url: a for a in session.scalars(select(Article).where(Article.url.in_(list(by_url))))
    }
    results: dict[str, SaveResult] = {}
    fresh: list[ArticleRecord] = []
    for url, record in by_url.items():
        if url in existing:
            results[url] = _update(session, existing[url], record)
        else:
            fresh.append(record)

    # The original of a story is its earliest published copy, whatever order they are
    # crawled in: a copy published before the stored original takes its place.
    originals: list[ArticleRecord] = []
    duplicates: list[tuple[ArticleRecord, int | ArticleRecord]] = []
    demoted: dict[str, int] = {}  # url of a new original -> the stored original it replaces
    for record in fresh:
        stored = _stored_original(session, record)
        original: int | ArticleRecord | None = stored[0] if stored else None
        if stored is not None and _earlier(record.published_at, stored[1]):
            demoted[record.url] = stored[0]
            original = None
        if original is None:
            original = _batch_original(record, originals)
            if original is not None and _earlier(record.published_at, original.published_at):
                originals[originals.index(original)] = record
                duplicates = [(r, record if o is original else o) for r, o in duplicates]
                record, original = original, record
        if original is None:
            originals.append(record)
        else:
            duplicates.append((record, original))

    inserted = _insert_articles(session, originals, source_ids, duplicate_of={})
    for record in originals:
        results[record.url] = _result_for_insert(session, record, inserted, None)
    _insert_matches(session, [(inserted[r.url], r.matches) for r in originals if r.url in inserted])
    for url, old in demoted.items():
        if url in inserted:
            _demote(session, old, inserted[url])

    duplicate_of: dict[str, int] = {}
    for record, original in duplicates:
        duplicate_of[record.url] = (
            original if isinstance(original, int) else results[original.url].article_id
        )
    dup_records = [record for record, _ in duplicates]
    inserted_dups = _insert_articles(session, dup_records, source_ids, duplicate_of)
    for record in dup_records:
        results[record.url] = _result_for_insert(
            session, record, inserted_dups, duplicate_of[record.url]
        )
    return [results[url] for url in by_url]


DEDUPE_LOCK = 0x5357_4445  # "SWDE": the PostgreSQL advisory lock key of save_batch


def _one_writer_at_a_time(session: Session) -> None:
    """Deciding new / update / copy reads, then writes: two crawls saving copies of one story
    at the same moment would each see no original and both store one. Take the write lock
    first, for the rest of the caller's transaction (released at commit or rollback)."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": DEDUPE_LOCK})
    elif dialect == "sqlite":
        # pysqlite opens the transaction at the first write; a write that changes nothing
        # takes SQLite's write lock before the reads below (busy_timeout waits for it).
        session.execute(text("UPDATE sources SET id = id WHERE 0 = 1"))


def _result_for_insert(
    session: Session, record: ArticleRecord, inserted: dict[str, int], duplicate_of: int | None
) -> SaveResult:
    if record.url in inserted:
        if duplicate_of is None:
            return SaveResult(record.url, "new", inserted[record.url], flagged=record.flagged)
        return SaveResult(record.url, "duplicate", inserted[record.url], duplicate_of=duplicate_of)
    # Another writer stored this URL between our read and our insert: it is not new to us.
    existing_id = session.scalar(select(Article.id).where(Article.url == record.url))
    assert existing_id is not None
    return SaveResult(record.url, "unchanged", existing_id)


def _stored_original(
    session: Session, record: ArticleRecord
) -> tuple[int, dt.datetime | None] | None:
    """(id, published_at) of the stored article this one copies: same content hash, else the
    oldest original whose MinHash signature is near (candidates from the LSH band index, then
    compared whole)."""
    if not record.body:
        return None
    same = session.execute(
        select(Article.id, Article.published_at)
        .where(Article.content_hash == record.content_hash, Article.duplicate_of.is_(None))
        .order_by(Article.id)
        .limit(1)
    ).first()
    if same is not None:
        return int(same.id), same.published_at
    keys = band_keys(record.minhash)
    if not keys:
        return None
    candidates = session.execute(
        select(Article.id, Article.minhash, Article.published_at)
        .where(
            Article.id.in_(
                select(ArticleBand.article_id).where(
                    tuple_(ArticleBand.band, ArticleBand.key).in_(keys)
                )
            ),
            Article.duplicate_of.is_(None),
        )
        .order_by(Article.id)
    )
    for article_id, signature, published_at in candidates:
        if similarity(signature, record.minhash) >= NEAR_DUPLICATE_JACCARD:
            return int(article_id), published_at
    return None


def _earlier(a: dt.datetime | None, b: dt.datetime | None) -> bool:
    return a is not None and b is not None and a < b


def _demote(session: Session, old: int, new: int) -> None:
    """The stored original ``old`` turned out to copy ``new`` (published earlier): it and its
    copies become copies of ``new``. A story already alerted through ``old`` is not alerted
    again; one still waiting is alerted once, as ``new``."""
    old_row, new_row = session.get_one(Article, old), session.get_one(Article, new)
    session.execute(update(Article).where(Article.duplicate_of == old).values(duplicate_of=new))
    if old_row.flagged and not old_row.alert_pending:
        new_row.alert_pending = False
    old_row.duplicate_of = new
    old_row.flagged = False
    old_row.alert_pending = False
    session.execute(delete(ArticleBand).where(ArticleBand.article_id == old))


def _batch_original(record: ArticleRecord, originals: list[ArticleRecord]) -> ArticleRecord | None:
    if not record.body:
        return None
    for other in originals:
        if other.content_hash == record.content_hash or (
            other.body and similarity(other.minhash, record.minhash) >= NEAR_DUPLICATE_JACCARD
        ):
            return other
    return None


def _article_values(
    record: ArticleRecord, source_id: int, duplicate_of: int | None
) -> dict[str, Any]:
    flagged = record.flagged and duplicate_of is None
    return {
        "url": record.url,
        "fetched_url": record.fetched_url,
        "source_id": source_id,
        "title": record.title,
        "authors": list(record.authors),
        "published_at": record.published_at,
        "modified_at": record.modified_at,
        "entry_updated_at": record.entry_updated_at,
        "first_seen_at": record.fetched_at,
        "last_fetched_at": record.fetched_at,
        "language": record.language,
        "summary": record.summary,
        "body": record.body,
        "section": record.section[:200],
        "tags": list(record.tags),
        "image_url": record.image_url,
        "content_hash": record.content_hash,
        "minhash": record.minhash,
        "duplicate_of": duplicate_of,
        "version": 1,
        "flagged": flagged,
        "flag_score": record.flag_score if duplicate_of is None else 0.0,
        "categories": list(record.categories) if duplicate_of is None else [],
        "flagged_at": record.fetched_at if flagged else None,
        "alert_pending": flagged,
    }


def _insert_articles(
    session: Session,
    records: list[ArticleRecord],
    source_ids: dict[str, int],
    duplicate_of: dict[str, int],
) -> dict[str, int]:
    if not records:
        return {}
    rows = [_article_values(r, source_ids[r.source], duplicate_of.get(r.url)) for r in records]
    inserted = dict(_insert_ignore(session, Article, rows, "url", returning=True))
    # Copies are never candidates, so only originals get LSH band rows.
    _index_bands(
        session,
        [
            (inserted[r.url], r.minhash)
            for r in records
            if r.url in inserted and r.url not in duplicate_of
        ],
    )
    return inserted


def _index_bands(session: Session, saved: list[tuple[int, bytes]]) -> None:
    rows = [
        {"article_id": article_id, "band": band, "key": key}
        for article_id, signature in saved
        for band, key in band_keys(signature)
    ]
    if rows:
        session.execute(insert_rows(ArticleBand), rows)


def _insert_ignore(
    session: Session,
    entity: Any,
    rows: list[dict[str, Any]],
    key: str,
    returning: bool = False,
) -> list[tuple[str, int]]:
    """INSERT ... ON CONFLICT (key) DO NOTHING [RETURNING key, id], in the dialect's own form."""
    dialect = session.get_bind().dialect.name
    insert: Any = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}[dialect]
    statement = insert(entity).values(rows).on_conflict_do_nothing(index_elements=[key])
    if not returning:
        session.execute(statement)
        return []
    statement = statement.returning(getattr(entity, key), entity.id)
    return [(row[0], row[1]) for row in session.execute(statement)]


def _insert_matches(session: Session, pairs: list[tuple[int, list[MatchRecord]]]) -> None:
    for article_id, matches in pairs:
        session.add_all(match_rows(article_id, matches))


def match_rows(article_id: int, matches: list[MatchRecord]) -> list[Match]:
    """Match rows for an article (saving and re-flagging store the same)."""
    return [
        Match(
            article_id=article_id,
            category=m.category,
            term=m.term,
            field=m.field,
            count=m.count,
            offsets=list(m.offsets),
            snippet=m.snippet,
        )
        for m in matches
    ]


def _update(session: Session, article: Article, record: ArticleRecord) -> SaveResult:
    """Same URL again: unchanged, or a new version that keeps the old one."""
    previous_fetch = article.last_fetched_at
    article.last_fetched_at = record.fetched_at
    if record.entry_updated_at is not None and (
        article.entry_updated_at is None or record.entry_updated_at > article.entry_updated_at
    ):
        article.entry_updated_at = record.entry_updated_at
    if article.content_hash == record.content_hash and article.title == record.title:
        return SaveResult(record.url, "unchanged", article.id)

    session.add(
        ArticleVersion(
            article_id=article.id,
            version=article.version,
            title=article.title,
            body=article.body,
            content_hash=article.content_hash,
            published_at=article.published_at,
            modified_at=article.modified_at,
            fetched_at=previous_fetch,
            superseded_at=record.fetched_at,
        )
    )
    values = _article_values(record, article.source_id, article.duplicate_of)
    for key in (
        "first_seen_at",
        "url",
        "source_id",
        "duplicate_of",
        "version",
        "flagged_at",
        "alert_pending",
    ):
        values.pop(key)
    newly_flagged = values["flagged"] and not article.flagged
    for key, value in values.items():
        setattr(article, key, value)
    article.version += 1
    if newly_flagged:
        article.flagged_at = record.fetched_at
        article.alert_pending = True
    article.matches.clear()
    if article.duplicate_of is None:
        article.matches.extend(match_rows(article.id, record.matches))
        session.execute(delete(ArticleBand).where(ArticleBand.article_id == article.id))
        _index_bands(session, [(article.id, record.minhash)])
    session.flush()
    return SaveResult(record.url, "updated", article.id, flagged=newly_flagged)
