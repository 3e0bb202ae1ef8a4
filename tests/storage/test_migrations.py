"""The models and the migrations describe the same schema, on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from storage.database import head_revision, include_object, migrate, open_database, schema_revision
from storage.models import Base


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
