"""The database a running crawl writes to, shared by its spider, pipelines and extensions,
and by every other crawl of the process that writes to the same database."""

from __future__ import annotations

import threading

from scrapy.crawler import Crawler

from storage.database import Database, open_database

_shared: dict[str, Database] = {}
_opening = threading.Lock()


def database_for(crawler: Crawler) -> Database:
    """The Database of SPACEWATCH_DATABASE_URL (else the configured default): one per URL in
    a process. An engine per crawl made a long-running service grow with every crawl: the
    ORM mappers' statement caches (100 entries each) are keyed by the engine's dialect, so
    each new engine's dialect, type compilers and compiled statements stayed referenced
    (`spacewatch run`, 200 cycles of three crawls: RSS +11.7 %, docs/PERFORMANCE.md). The
    run recorder still disposes of the pool's connections when a crawl closes; the engine
    opens new ones for the next."""
    url = crawler.settings.get("SPACEWATCH_DATABASE_URL")
    if not url:
        from crawler.config import load_config

        url = load_config().database_url
    with _opening:
        database = _shared.get(url)
        if database is None:
            database = _shared[url] = open_database(url)
    return database
