"""alembic environment: runs on the engine handed in by storage.database.migrate.

``alembic check`` / autogenerate compare against storage.models; the full-text objects made
by hand in the revisions (FTS5 tables, the tsvector column) are left out of the comparison.
"""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import create_engine

from storage.models import Base

FULL_TEXT_OBJECTS = {"articles_fts", "search_vector"}


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    if name is None:
        return True
    return not (name in FULL_TEXT_OBJECTS or name.startswith("articles_fts_"))


def run_migrations() -> None:
    config = context.config
    engine = config.attributes.get("engine")
    if engine is None:
        engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
    with engine.begin() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            include_object=include_object,
        )
        context.run_migrations()


run_migrations()
