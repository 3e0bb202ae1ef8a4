"""The database of a crawl: one engine per database for every crawl of a process."""

from __future__ import annotations

import gc
from pathlib import Path

from scrapy import Spider
from scrapy.utils.test import get_crawler
from sqlalchemy.engine import Dialect

from crawler.runtime import database_for, release
from storage import runs
from storage.database import migrate


def _live_dialects() -> int:
    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, Dialect))


def test_crawls_of_one_database_share_its_engine_and_nothing_piles_up(tmp_path: Path) -> None:
    """A long-running service crawls every source again and again in one process. With an
    engine per crawl, each engine's dialect stayed referenced from the ORM mappers' statement
    caches: memory grew with every crawl. Here ten crawls each record a run (an ORM flush)
    and close their pool, as the run recorder does, and no dialect is left behind."""
    url = f"sqlite:///{tmp_path / 'a.db'}"
    first = database_for(get_crawler(Spider, {"SPACEWATCH_DATABASE_URL": url}))
    migrate(first)
    before = _live_dialects()
    for crawl in range(10):
        database = database_for(get_crawler(Spider, {"SPACEWATCH_DATABASE_URL": url}))
        assert database is first
        with database.session() as session:
            runs.start_run(session, f"source-{crawl}", "https://example.org/")
            session.commit()
        database.dispose()
    assert _live_dialects() == before

    other = database_for(
        get_crawler(Spider, {"SPACEWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'b.db'}"})
    )
    assert other is not first


def test_a_crawl_closes_the_pool_only_when_no_other_crawl_uses_it(tmp_path: Path) -> None:
    """The service runs crawls side by side on one engine: the first to finish must not close
    the connections of the others (they would reconnect); the last one closes them, so an
    idle service holds no connection and no SQLite file open."""
    url = f"sqlite:///{tmp_path / 'a.db'}"
    one = get_crawler(Spider, {"SPACEWATCH_DATABASE_URL": url})
    two = get_crawler(Spider, {"SPACEWATCH_DATABASE_URL": url})
    database = database_for(one)
    assert database_for(two) is database
    migrate(database)
    with database.session() as session:
        runs.start_run(session, "source", "https://example.org/")
    pool = database.engine.pool
    assert pool.checkedin() == 1

    release(one)
    assert database.engine.pool is pool and pool.checkedin() == 1
    release(two)
    assert database.engine.pool is not pool
    assert database.engine.pool.checkedin() == 0
