"""How spacewatch opens a database: settings that a crawl's write rate depends on."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from storage.database import (
    MEMORY_RANDOM_PAGE_COST,
    SQLITE_WAL_CHECKPOINT_PAGES,
    costed_for_memory,
    open_database,
)


def test_sqlite_checkpoints_its_wal_in_large_steps_not_every_thousand_pages(
    tmp_path: Path,
) -> None:
    """At SQLite's default (1,000 pages) the store pipeline's commits each ran a checkpoint.
    Twenty commits of ~100 pages each must all still be in the WAL: the checkpoint has not
    run, and the pages are readable."""
    db = open_database(f"sqlite:///{tmp_path / 'wal.db'}")
    page = 4096
    with db.engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE scratch (id INTEGER PRIMARY KEY, b BLOB)")
    for n in range(20):
        with db.engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO scratch (id, b) VALUES (?, randomblob(?))", (n, 100 * page)
            )
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA page_size").scalar() == page
        busy, frames, _copied = connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)").one()
        assert busy == 0 and 2_000 <= frames < SQLITE_WAL_CHECKPOINT_PAGES
        assert connection.exec_driver_sql("SELECT count(*) FROM scratch").scalar() == 20
    db.dispose()


def test_statements_costed_for_memory_see_the_setting_and_later_ones_do_not(
    database_url: str,
) -> None:
    """save_batch's dedupe lookups are planned with PostgreSQL's random_page_cost for data in
    memory, and only they: the setting is local to the transaction and reset after."""
    db = open_database(database_url)
    with db.session() as session:
        if session.get_bind().dialect.name != "postgresql":
            with costed_for_memory(session):  # nothing to set on SQLite, and no error
                assert session.execute(text("SELECT 1")).scalar() == 1
            return
        default = session.execute(text("SHOW random_page_cost")).scalar()
        with costed_for_memory(session):
            inside = session.execute(text("SHOW random_page_cost")).scalar()
        after = session.execute(text("SHOW random_page_cost")).scalar()
        # A failing statement inside is the error raised, not the reset after it.
        with pytest.raises(DBAPIError, match="division by zero"), costed_for_memory(session):
            session.execute(text("SELECT 1 / 0"))
    db.dispose()
    assert float(str(inside)) == MEMORY_RANDOM_PAGE_COST != float(str(default))
    assert after == default
