"""Run crawls of configured sources in this process and return their run ids."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scrapy.crawler import AsyncCrawlerProcess

from crawler import backfill as backfills
from crawler.backfill import Backfill
from crawler.config import Config, Source
from crawler.extraction.pool import close_shared
from crawler.settings import crawl_settings
from crawler.spiders.sources import SourceSpider
from storage.database import migrate, open_database


def crawl_once(
    config: Config, sources: list[Source], backfill: Backfill | None = None, **overrides: Any
) -> list[int]:
    """Crawl ``sources`` concurrently, once; returns the crawl_runs ids, in source order.

    Blocks until every crawl has finished. One call per process (the reactor cannot
    restart); the long-running service uses AsyncCrawlerRunner instead. A ``backfill`` walks
    each source's whole archive, each in its own resumable Scrapy job directory.
    """
    database = open_database(config.database_url)
    try:
        migrate(database)
    finally:
        database.dispose()
    process = AsyncCrawlerProcess(crawl_settings(config, **overrides))
    crawlers = []
    jobs: dict[str, Path] = {}
    for source in sources:
        crawler = process.create_crawler(SourceSpider)
        crawlers.append(crawler)
        if backfill is not None:
            job = backfills.job_dir(config.database_url, source.name, config.crawl.job_dir)
            backfills.prepare(job)
            jobs[source.name] = job
            crawler.settings.set("JOBDIR", str(job), priority="cmdline")
        process.crawl(crawler, source=source, backfill=backfill)
    try:
        process.start()
    finally:
        close_shared()  # the extraction processes
    for crawler, source in zip(crawlers, sources, strict=True):
        if source.name in jobs and crawler.stats is not None:
            # After the whole close (Scrapy's own spider_closed handlers write to the job dir).
            backfills.close(jobs[source.name], str(crawler.stats.get_value("finish_reason", "")))
    run_ids = []
    for crawler in crawlers:
        run_id = getattr(crawler.spider, "run_id", None)
        if run_id is not None:
            run_ids.append(int(run_id))
    return run_ids
