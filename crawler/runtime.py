"""The database a running crawl writes to, shared by its spider, pipelines and extensions."""

from __future__ import annotations

from scrapy.crawler import Crawler

from storage.database import Database, open_database

_ATTRIBUTE = "_spacewatch_database"


def database_for(crawler: Crawler) -> Database:
    """One Database per crawler: SPACEWATCH_DATABASE_URL, else the configured default."""
    database: Database | None = getattr(crawler, _ATTRIBUTE, None)
    if database is None:
        url = crawler.settings.get("SPACEWATCH_DATABASE_URL")
        if not url:
            from crawler.config import load_config

            url = load_config().database_url
        database = open_database(url)
        setattr(crawler, _ATTRIBUTE, database)
    return database
