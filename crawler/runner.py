"""Run crawls of configured sources in this process and return their run ids."""

from __future__ import annotations

from typing import Any

from scrapy.crawler import AsyncCrawlerProcess

from crawler.config import Config, Source
from crawler.settings import crawl_settings
from crawler.spiders.sources import SourceSpider
from storage.database import migrate, open_database


def crawl_once(config: Config, sources: list[Source], **overrides: Any) -> list[int]:
    """Crawl ``sources`` concurrently, once; returns the crawl_runs ids, in source order.

    Blocks until every crawl has finished. One call per process (the reactor cannot
    restart); the long-running service uses AsyncCrawlerRunner instead.
    """
    database = open_database(config.database_url)
    try:
        migrate(database)
    finally:
        database.dispose()
    process = AsyncCrawlerProcess(crawl_settings(config, **overrides))
    crawlers = []
    for source in sources:
        crawler = process.create_crawler(SourceSpider)
        crawlers.append(crawler)
        process.crawl(crawler, source=source)
    process.start()
    run_ids = []
    for crawler in crawlers:
        run_id = getattr(crawler.spider, "run_id", None)
        if run_id is not None:
            run_ids.append(int(run_id))
    return run_ids
