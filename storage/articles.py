"""Writes: save a batch of articles in one transaction, deciding new / updated / duplicate.

The database is the dedupe authority, so two crawls writing at once still store each article
once: new rows go in with ``INSERT ... ON CONFLICT (url) DO NOTHING RETURNING``, and the rows
it returns are exactly the new articles.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Select,
    Table,
    Text,
    bindparam,
    delete,
    func,
    select,
    update,
)
from sqlalchemy import insert as insert_rows
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from storage.database import costed_for_memory
from storage.fingerprints import NEAR_DUPLICATE_JACCARD, band_keys, similarities, similarity
from storage.models import (
    Article,
    ArticleBand,
    ArticleVersion,
    Match,
    Source,
    fetched_elsewhere,
)
from storage.records import ArticleRecord, KnownUrl, MatchRecord, SaveResult
from storage.write_lock import one_article_writer_at_a_time


def ensure_source(session: Session, name: str, homepage: str = "") -> int:
    """The id of the source called ``name``, created on first use."""
    return ensure_sources(session, [name], homepage)[name]


def ensure_sources(session: Session, names: Iterable[str], homepage: str = "") -> dict[str, int]:
    """The ids of the sources called ``names``, each created on first use."""
    wanted = set(names)

    def stored() -> dict[str, int]:
        rows = session.execute(select(Source.name, Source.id).where(Source.name.in_(wanted)))
        return {str(name): int(source_id) for name, source_id in rows}

    found = stored()
    missing = wanted - found.keys()
    if missing:
        rows = [{"name": name, "homepage": homepage} for name in sorted(missing)]
        _insert_ignore(session, Source, rows, "name")
        found = stored()
    return found


def known_urls(session: Session, urls: Iterable[str]) -> dict[str, KnownUrl]:
    """For each URL already stored (as canonical or as fetched URL): the newest change date
    we know for it (entry point or page) and when we first and last fetched it."""
    wanted = list(dict.fromkeys(urls))
    known: dict[str, KnownUrl] = {}
    # By canonical URL first, then by fetched URL for the rest only: one index probe per URL
    # found, instead of two for every URL (an `url IN … OR fetched_url IN …`). Plain rows
    # through the connection: the ORM's row loading was a fifth of the check's time.
    connection = session.connection()
    dialect = connection.dialect.name
    for column in (Article.url, Article.fetched_url):
        rest = [url for url in wanted if url not in known]
        if not rest:
            break
        rows = connection.execute(known_url_statement(rest, column, dialect))
        for url, entry_updated, modified, first_seen, last_fetched in rows:
            dates = [d for d in (entry_updated, modified) if d is not None]
            known[url] = KnownUrl(max(dates) if dates else None, first_seen, last_fetched)
    return known


def known_url_statement(
    urls: list[str], column: Any = Article.url, dialect: str = "sqlite"
) -> Select[Any]:
    """The dates the known-URL check reads for ``urls`` by ``column``; by canonical URL it is
    answered from the covering index ix_articles_url_known alone. Every URL goes in one
    parameter (``in_one_parameter``). An IN list of one parameter per URL cost more
    to build, send and plan than the index probes: 1,000 URLs at 300k rows on PostgreSQL, p50
    16.4 -> 11.7 ms; at 100k on SQLite, two IN lists of 500 were ~15 ms of Python around
    ~2 ms of SQLite (docs/PERFORMANCE.md)."""
    return select(
        column,
        Article.entry_updated_at,
        Article.modified_at,
        Article.first_seen_at,
        Article.last_fetched_at,
    ).where(
        in_one_parameter(column, urls, dialect),
        *([fetched_elsewhere()] if column is Article.fetched_url else []),
    )


def in_one_parameter(column: Any, values: list[Any], dialect: str) -> ColumnElement[bool]:
    """``column IN values`` with every value in one bound parameter, however many there are:
    on PostgreSQL ``column = ANY(:values)``, an array; on SQLite ``column IN (SELECT value
    FROM json_each(:values))``, a JSON array (served from the column's index like an IN
    list). A list of one parameter per value is built, sent and planned value by value, and
    SQLite before 3.32 takes no more than 999 of them in a statement."""
    if dialect == "postgresql":
        return cast(
            ColumnElement[bool],
            column == func.any(bindparam(None, values, type_=ARRAY(column.type))),
        )
    listed = func.json_each(bindparam(None, json.dumps(values), type_=Text))
    return cast(ColumnElement[bool], column.in_(select(listed.table_valued("value").c.value)))


def save_batch(session: Session, records: Sequence[ArticleRecord]) -> list[SaveResult]:
    """Save ``records`` in the caller's transaction; one result per distinct URL, in order."""
    one_article_writer_at_a_time(session)
    by_url: dict[str, ArticleRecord] = {}
    for record in records:
        by_url.setdefault(record.url, record)
    source_ids = ensure_sources(session, {r.source for r in by_url.values()})
    dialect = session.get_bind().dialect.name
    existing = {
        a.url: a
        for a in session.scalars(
            select(Article).where(in_one_parameter(Article.url, list(by_url), dialect))
        )
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
    keys_of = {r.url: band_keys(r.minhash) for r in fresh}
    # One array of ~3,200 band keys: priced for a spinning disk, PostgreSQL scanned the whole
    # band table for them (71 ms at 40k articles) rather than reading its key index (13 ms).
    with costed_for_memory(session):
        stored_originals = _stored_originals(session, dialect, fresh, keys_of)
    for record in fresh:
        stored = stored_originals.get(record.url)
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

    inserted = _insert_articles(session, originals, source_ids, {}, keys_of)
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
    inserted_dups = _insert_articles(session, dup_records, source_ids, duplicate_of, keys_of)
    for record in dup_records:
        results[record.url] = _result_for_insert(
            session, record, inserted_dups, duplicate_of[record.url]
        )
    return [results[url] for url in by_url]


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


def _stored_originals(
    session: Session,
    dialect: str,
    records: list[ArticleRecord],
    keys_of: dict[str, list[tuple[int, int]]],
) -> dict[str, tuple[int, dt.datetime | None]]:
    """Per record that copies a stored original: that original's (id, published_at). The same
    content hash wins, else the oldest original whose MinHash signature is near (candidates
    from the LSH band index, then compared whole). A few queries for the whole batch: one per
    record scanned the band table once per article on SQLite (a row-value IN is not indexed).
    ``keys_of`` has each record's band keys by URL."""
    with_body = [r for r in records if r.body]
    found: dict[str, tuple[int, dt.datetime | None]] = {}
    by_hash: dict[str, tuple[int, dt.datetime | None]] = {}

    def rows_where(column: Any, values: list[Any], *columns: Any) -> Sequence[Any]:
        if not values:
            return []
        where = in_one_parameter(column, values, dialect)
        return session.execute(select(*columns).where(where)).all()

    hashes = list({r.content_hash for r in with_body})
    # "Is an original" is checked here, not in SQL: with it (and an ORDER BY id) in the WHERE,
    # SQLite chose the duplicate_of index and walked every original in id order.
    same_body = rows_where(
        Article.content_hash,
        hashes,
        Article.content_hash,
        Article.id,
        Article.published_at,
        Article.duplicate_of,
    )
    for content_hash, article_id, published_at, copy_of in sorted(same_body, key=_by_id):
        if copy_of is None:
            by_hash.setdefault(content_hash, (int(article_id), published_at))
    near_keys = {r.url: set(keys_of[r.url]) for r in with_body if r.content_hash not in by_hash}
    wanted_keys = list({key for keys in near_keys.values() for _, key in keys})
    band_rows: dict[tuple[int, int], list[int]] = {}
    rows = rows_where(
        ArticleBand.key, wanted_keys, ArticleBand.band, ArticleBand.key, ArticleBand.article_id
    )
    for band, key, article_id in rows:
        band_rows.setdefault((band, key), []).append(article_id)
    candidate_ids = list({i for ids in band_rows.values() for i in ids})
    candidates: dict[int, tuple[bytes | None, dt.datetime | None]] = {}
    looked_up = rows_where(
        Article.id,
        candidate_ids,
        Article.id,
        Article.minhash,
        Article.published_at,
        Article.duplicate_of,
    )
    candidates.update({int(i): (m, p) for i, m, p, copy_of in looked_up if copy_of is None})
    for record in with_body:
        if record.content_hash in by_hash:
            found[record.url] = by_hash[record.content_hash]
            continue
        near = sorted(
            {i for key in near_keys[record.url] for i in band_rows.get(key, []) if i in candidates}
        )
        for article_id in near:
            signature, published_at = candidates[article_id]
            if similarity(signature, record.minhash) >= NEAR_DUPLICATE_JACCARD:
                found[record.url] = (article_id, published_at)
                break
    return found


def _by_id(row: Any) -> int:
    return int(row[1])


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
    near = similarities(record.minhash, [o.minhash if o.body else None for o in originals])
    for other, estimate in zip(originals, near, strict=True):
        if other.content_hash == record.content_hash or estimate >= NEAR_DUPLICATE_JACCARD:
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
    keys_of: dict[str, list[tuple[int, int]]],
) -> dict[str, int]:
    if not records:
        return {}
    rows = [_article_values(r, source_ids[r.source], duplicate_of.get(r.url)) for r in records]
    inserted = dict(_insert_ignore(session, Article, rows, "url", returning=True))
    # Copies are never candidates, so only originals get LSH band rows.
    _index_bands(
        session,
        [
            (inserted[r.url], keys_of[r.url])
            for r in records
            if r.url in inserted and r.url not in duplicate_of
        ],
    )
    return inserted


def _index_bands(session: Session, saved: list[tuple[int, list[tuple[int, int]]]]) -> None:
    """Band rows for (article id, its band keys)."""
    rows = [
        {"article_id": article_id, "band": band, "key": key}
        for article_id, keys in saved
        for band, key in keys
    ]
    if rows:  # Core executemany: the ORM's bulk insert spent more time than SQLite here
        session.connection().execute(insert_rows(cast(Table, ArticleBand.__table__)), rows)


def _insert_ignore(
    session: Session,
    entity: Any,
    rows: list[dict[str, Any]],
    key: str,
    returning: bool = False,
) -> list[tuple[str, int]]:
    """INSERT ... ON CONFLICT (key) DO NOTHING [RETURNING key, id], in the dialect's own form.

    One Core statement executed with many parameter sets: SQLAlchemy batches it into
    multi-row INSERTs ("insertmanyvalues") from one cached compilation, where ``.values(rows)``
    compiled a new statement of every row's parameters for each batch."""
    dialect = session.get_bind().dialect.name
    insert: Any = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}[dialect]
    table = entity.__table__
    statement = insert(table).on_conflict_do_nothing(index_elements=[key])
    if not returning:
        session.connection().execute(statement, rows)
        return []
    statement = statement.returning(table.c[key], table.c.id)
    return [(row[0], row[1]) for row in session.connection().execute(statement, rows)]


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
        _index_bands(session, [(article.id, band_keys(record.minhash))])
    session.flush()
    return SaveResult(record.url, "updated", article.id, flagged=newly_flagged)
