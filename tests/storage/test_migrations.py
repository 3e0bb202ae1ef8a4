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
