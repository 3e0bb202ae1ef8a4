"""How spacewatch opens a SQLite database: settings that a crawl's write rate depends on."""

from __future__ import annotations

from pathlib import Path

from storage.database import SQLITE_WAL_CHECKPOINT_PAGES, open_database


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
