"""The database a running crawl writes to, shared by its spider, pipelines and extensions,
and by every other crawl of the process that writes to the same database."""

from __future__ import annotations

import threading
import weakref

from scrapy.crawler import Crawler

from storage.database import Database, open_database

_shared: dict[str, Database] = {}
_users: weakref.WeakKeyDictionary[Crawler, str] = weakref.WeakKeyDictionary()
"""The database URL of each crawl of the process using one; a crawler gone without
``release`` drops out."""
_opening = threading.Lock()


def database_for(crawler: Crawler) -> Database:
    """The Database of SPACEWATCH_DATABASE_URL (else the configured default): one per URL in
    a process. An engine per crawl made a long-running service grow with every crawl: the
    ORM mappers' statement caches (100 entries each) are keyed by the engine's dialect, so
    each new engine's dialect, type compilers and compiled statements stayed referenced
    (`spacewatch run`, 200 cycles of three crawls: RSS +11.7 %, docs/PERFORMANCE.md). When a
    crawl closes, ``release`` closes the pool's connections if no other crawl uses them."""
    url = _users.get(crawler) or _url(crawler)  # its spider, pipelines and recorder each ask
    with _opening:
        database = _shared.get(url)
        if database is None:
            database = _shared[url] = open_database(url)
        _users[crawler] = url
    return database


def release(crawler: Crawler) -> None:
    """The crawl is done with its database: the pool's connections are closed (a service must
    not hold connections or SQLite files open between its crawls), unless another crawl of
    the process is still using them. Disposing under a running crawl cost it a reconnect."""
    with _opening:
        url = _users.pop(crawler, None)
        if url is None or url in _users.values():
            return
        database = _shared[url]
    database.dispose()


def _url(crawler: Crawler) -> str:
    url = crawler.settings.get("SPACEWATCH_DATABASE_URL")
    if not url:
        from crawler.config import load_config

        url = load_config().database_url
    return str(url)
