"""The models and the migrations describe the same schema, on both databases."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from crawler.fingerprints import content_hash, minhash_signature
from storage.database import (
    HEAD_REVISION,
    head_revision,
    include_object,
    migrate,
    open_database,
    schema_revision,
)
from storage.models import Base
from storage.records import ArticleRecord

STORY = " ".join(
    f"Paragraph {i}: the lunar research station partners met in Harbin to agree on "
    f"payload slots, ground stations and data sharing for the mission's phase {i}."
    for i in range(12)
)
"""A stored story long enough for its copy with a new first line to be a near-duplicate."""


def _record(url: str, body: str) -> ArticleRecord:
    """An article as the crawl hands it to save_batch, fetched on 2026-02-01."""
    return ArticleRecord(
        url=url,
        fetched_url=url,
        source="s",
        title="T",
        body=body,
        content_hash=content_hash(body),
        minhash=minhash_signature(body),
        fetched_at=dt.datetime(2026, 2, 1, tzinfo=dt.UTC),
    )


# The date indexes are on an expression, which SQLAlchemy cannot reflect on SQLite (the
# comparison leaves them out by name: storage.database.HAND_MADE_OBJECTS).
@pytest.mark.filterwarnings(
    "ignore:Skipped unsupported reflection of expression-based index ix_articles_flagged_when",
    "ignore:Skipped unsupported reflection of expression-based index ix_articles_source_when",
    "ignore:Skipped unsupported reflection of expression-based index ix_articles_when",
)
def test_migrations_match_the_models(database_url: str) -> None:
    db = open_database(database_url)
    try:
        migrate(db)
        assert schema_revision(db) == head_revision()
        with db.engine.connect() as conn:
            context = MigrationContext.configure(
                conn, opts={"include_object": include_object, "compare_type": True}
            )
            diff = compare_metadata(context, Base.metadata)
        assert diff == []
        tables = set(inspect(db.engine).get_table_names())
        assert {
            "articles",
            "sources",
            "matches",
            "article_versions",
            "crawl_runs",
            "crawl_errors",
        } <= tables
    finally:
        db.dispose()


def test_an_interrupted_first_migration_leaves_no_half_made_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crawl killed in its first migration (the kill loop, on a loaded machine) left SQLite
    with tables but no alembic stamp, and every later start failed: "table sources already
    exists". The upgrade is one transaction: interrupted, it leaves nothing behind."""
    from alembic.operations import Operations

    create_table = Operations.create_table
    made: list[str] = []

    def interrupted(self: Operations, name: str, *columns: Any, **kw: Any) -> Any:
        made.append(name)
        if len(made) == 2:
            raise KeyboardInterrupt  # what a kill mid-upgrade leaves: the first table made
        return create_table(self, name, *columns, **kw)

    db = open_database(f"sqlite:///{tmp_path / 'sw.db'}")
    try:
        monkeypatch.setattr(Operations, "create_table", interrupted)
        with pytest.raises(KeyboardInterrupt):
            migrate(db)
        monkeypatch.undo()
        assert made == ["sources", "articles"]
        assert inspect(db.engine).get_table_names() == []
        assert schema_revision(db) is None
        migrate(db)
        assert schema_revision(db) == head_revision()
    finally:
        db.dispose()


def test_migrate_twice_is_harmless(database_url: str) -> None:
    db = open_database(database_url)
    try:
        migrate(db)
        migrate(db)
        assert schema_revision(db) == head_revision()
    finally:
        db.dispose()


def test_full_text_index_follows_the_table_after_every_migration(sqlite_url: str) -> None:
    """SQLite batch migrations rebuild tables and drop their triggers: the FTS5 triggers must
    still be there at head, and a new article must be searchable."""
    from sqlalchemy import text

    db = open_database(sqlite_url)
    try:
        migrate(db)
        with db.engine.connect() as conn:
            triggers = set(
                conn.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))
            )
            assert {"articles_fts_insert", "articles_fts_delete", "articles_fts_update"} <= triggers
            conn.execute(
                text(
                    "INSERT INTO sources (name, homepage, created_at) VALUES ('s', '', '2026-01-01')"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO articles (url, fetched_url, source_id, title, authors, first_seen_at, last_fetched_at,"
                    " language, summary, body, tags, image_url, content_hash, simhash, sim_band0, sim_band1, sim_band2,"
                    " sim_band3, sim_band4, sim_band5, version, flagged, flag_score, categories)"
                    " VALUES ('u', 'u', 1, 'Lunar station', '[]', '2026-01-01', '2026-01-01', '', '', 'body text', '[]', '',"
                    " 'h', 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, '[]')"
                )
            )
            assert (
                conn.scalar(
                    text("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'lunar'")
                )
                == 1
            )
    finally:
        db.dispose()


def test_minhash_migration_indexes_bodies_stored_before_it(database_url: str) -> None:
    """Articles stored before 0005 get a MinHash signature and LSH bands from their body, so a
    copy crawled after the upgrade is linked to them."""
    from alembic import command
    from sqlalchemy import select, text

    from storage.articles import save_batch
    from storage.database import _alembic_config
    from storage.models import Article, ArticleBand

    body = STORY
    db = open_database(database_url)
    try:
        command.upgrade(_alembic_config(db), "0004")
        with db.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO sources (name, homepage, created_at) VALUES ('s', '', '2026-01-01')"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO articles (url, fetched_url, source_id, title, authors,"
                    " first_seen_at, last_fetched_at, language, summary, body, section, tags,"
                    " image_url, content_hash, simhash, sim_band0, sim_band1, sim_band2,"
                    " sim_band3, sim_band4, sim_band5, version, flagged, flag_score, categories)"
                    " VALUES ('https://a.example/1', 'https://a.example/1', 1, 'Old', '[]',"
                    " '2026-01-01', '2026-01-01', '', '', :body, '', '[]', '', 'h', 0, 0, 0, 0,"
                    " 0, 0, 0, 1, false, 0, '[]')"
                ),
                {"body": body},
            )
        migrate(db)
        with db.session() as session:
            old = session.scalars(select(Article)).one()
            assert old.minhash == minhash_signature(body)
            assert (
                session.scalar(
                    select(text("count(*)"))
                    .select_from(ArticleBand)
                    .where(ArticleBand.article_id == old.id)
                )
                == 32
            )
            copy = "Republished with permission. " + body
            [result] = save_batch(session, [_record("https://b.example/copy", copy)])
            assert (result.outcome, result.duplicate_of) == ("duplicate", old.id)
    finally:
        db.dispose()


def test_signatures_of_another_minhash_scheme_are_re_signed(database_url: str) -> None:
    """A database signed in datasketch's "legacy" scheme (its only one before 2.0) gets its
    signatures and LSH bands again in the named scheme, so a copy crawled after the upgrade is
    linked to an article stored before it; one already in the scheme keeps its signatures."""
    import numpy as np
    from alembic import command
    from datasketch import MinHash
    from sqlalchemy import delete, select, update

    from storage.articles import save_batch
    from storage.database import _alembic_config
    from storage.fingerprints import NUM_PERM, band_keys, shingles
    from storage.models import Article, ArticleBand
    from storage.signing import signed_otherwise

    def legacy_signature(body: str) -> bytes:
        signature = MinHash(num_perm=NUM_PERM, seed=1, scheme="legacy")
        signature.update_batch([s.encode("utf-8") for s in shingles(body)])
        return bytes(signature.hashvalues.astype(np.dtype("<u4")).tobytes())

    body = STORY
    db = open_database(database_url)
    try:
        migrate(db)
        with db.session() as session:
            [stored] = save_batch(session, [_record("https://a.example/1", body)])
            old_id = stored.article_id
            legacy = legacy_signature(body)
            assert legacy != minhash_signature(body)  # the two schemes share no value
            session.execute(update(Article).where(Article.id == old_id).values(minhash=legacy))
            session.execute(delete(ArticleBand).where(ArticleBand.article_id == old_id))
            session.add_all(
                ArticleBand(article_id=old_id, band=band, key=key)
                for band, key in band_keys(legacy)
            )
            session.commit()
        with db.engine.connect() as connection:
            assert signed_otherwise(connection)
        command.stamp(_alembic_config(db), "0013")
        migrate(db)
        with db.session() as session:
            assert session.scalar(select(Article.minhash).where(Article.id == old_id)) == (
                minhash_signature(body)
            )
            keys = session.execute(
                select(ArticleBand.band, ArticleBand.key)
                .where(ArticleBand.article_id == old_id)
                .order_by(ArticleBand.band)
            ).all()
            assert [tuple(k) for k in keys] == band_keys(minhash_signature(body))
            copy = "Republished with permission. " + body
            [result] = save_batch(session, [_record("https://b.example/copy", copy)])
            assert (result.outcome, result.duplicate_of) == ("duplicate", old_id)
            session.commit()
        # Signed in the scheme now: the migration's sample finds nothing to re-sign.
        with db.engine.connect() as connection:
            assert not signed_otherwise(connection)
    finally:
        db.dispose()


def test_the_head_constant_is_alembics_head_and_slow_imports_stay_off_the_common_path(
    sqlite_url: str,
) -> None:
    assert head_revision() == HEAD_REVISION  # bump HEAD_REVISION with every new migration
    db = open_database(sqlite_url)
    try:
        migrate(db)
    finally:
        db.dispose()
    check = (
        "import sys; from storage.database import open_database, migrate; "
        f"db = open_database({sqlite_url!r}); migrate(db); "
        "import crawler.cli, crawler.runner; "
        "slow = {'alembic', 'datasketch'} & set(sys.modules); assert not slow, slow"
    )
    done = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
