"""The database of a crawl: one engine per database for every crawl of a process."""

from __future__ import annotations

import gc
from pathlib import Path

from scrapy import Spider
from scrapy.utils.test import get_crawler
from sqlalchemy.engine import Dialect

from crawler.runtime import database_for
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
