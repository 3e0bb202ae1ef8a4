"""alembic environment: runs on the engine handed in by storage.database.migrate.

``alembic check`` / autogenerate compare against storage.models; the full-text objects made
by hand in the revisions (FTS5 tables, the tsvector column) are left out of the comparison.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, text

from storage.base import Base
from storage.database import include_object
from storage.models import Article  # noqa: F401 - registers the tables on Base.metadata

MIGRATION_LOCK = 0x5370_6163_654D  # "SpaceM": one migrating process per PostgreSQL database


def run_migrations() -> None:
    config = context.config
    engine = config.attributes.get("engine")
    if engine is None:
        engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Workers and the leader start at once: one migrates, the others wait here and
            # then find the schema current (DDL is transactional on PostgreSQL).
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        elif connection.dialect.name == "sqlite":
            # Python's sqlite3 runs DDL outside a transaction until the first INSERT, so a
            # crawl killed in its first migration left tables without alembic's stamp, and
            # every later start failed ("table sources already exists"). One transaction,
            # opened here, makes the whole upgrade atomic: SQLite's DDL is transactional.
            # IMMEDIATE takes the write lock first, so a second process waits (busy_timeout)
            # and then reads the stamp the first one committed.
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            include_object=include_object,
        )
        context.run_migrations()


run_migrations()
