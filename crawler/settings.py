"""Scrapy settings: politeness, component order. Runtime values come from crawl_settings()."""

from __future__ import annotations

import os
from typing import Any

from crawler.config import Config, default_cache_dir

BOT_NAME = "spacewatch"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

ROBOTSTXT_OBEY = True
USER_AGENT = "spacewatch/0.1 (+https://github.com/spacewatch/spacewatch)"
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
CONCURRENT_ITEMS = 8
"""A per-response limit: Scrapy starts this many tasks for every response's output, and an
article page yields one item (the default, 100, cost ~2 ms of the reactor per page)."""
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
REDIRECT_MAX_TIMES = 5
RETRY_TIMES = 2
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"

ITEM_PIPELINES = {
    "crawler.pipelines.normalize.NormalizePipeline": 100,
    "crawler.pipelines.fingerprint.FingerprintPipeline": 200,
    "crawler.pipelines.flag.FlagPipeline": 300,
    "crawler.pipelines.store.StorePipeline": 400,
}
EXTENSIONS = {
    "crawler.extensions.CrawlRunRecorder": 500,
    "crawler.httpcache.CachePruner": 510,
}
DOWNLOADER_MIDDLEWARES = {
    # Before the downloader sees a request, and before any redirect is followed again.
    "crawler.middlewares.PrivateAddressGuard": 50,
    # process_response runs from high to low: this sees a 429/503 before RetryMiddleware (550).
    "crawler.middlewares.RetryAfterMiddleware": 560,
    # Sees a 3xx before RedirectMiddleware (600), so a loop becomes a recorded error.
    "crawler.middlewares.RedirectLoopGuard": 610,
}
SPACEWATCH_MAX_RETRY_AFTER = 300.0
# Entry points (feeds, sitemaps, listings) only: article requests carry dont_cache. The RFC 2616
# policy revalidates with If-None-Match / If-Modified-Since; the default policy would cache
# forever and hide new articles.
HTTPCACHE_ENABLED = True
HTTPCACHE_POLICY = "scrapy.extensions.httpcache.RFC2616Policy"
HTTPCACHE_STORAGE = "scrapy.extensions.httpcache.FilesystemCacheStorage"
HTTPCACHE_GZIP = True


def default_processes() -> int:
    return os.cpu_count() or 1


def crawl_settings(config: Config, **overrides: Any) -> dict[str, Any]:
    """Settings for one crawl process from the user's configuration."""
    crawl = config.crawl
    settings: dict[str, Any] = {name: value for name, value in globals().items() if name.isupper()}
    settings.update(
        {
            "USER_AGENT": crawl.user_agent,
            "ROBOTSTXT_OBEY": crawl.obey_robots_txt,
            "CONCURRENT_REQUESTS_PER_DOMAIN": crawl.concurrent_requests_per_domain,
            "DOWNLOAD_DELAY": crawl.download_delay,
            "AUTOTHROTTLE_ENABLED": crawl.autothrottle,
            "AUTOTHROTTLE_START_DELAY": max(crawl.download_delay, 0.1),
            "DOWNLOAD_TIMEOUT": crawl.download_timeout,
            "DOWNLOAD_MAXSIZE": int(crawl.max_page_mb * 1024 * 1024),
            "DOWNLOAD_WARNSIZE": int(crawl.max_page_mb * 1024 * 1024 / 2),
            "SPACEWATCH_DATABASE_URL": config.database_url,
            "SPACEWATCH_TAXONOMY": config.taxonomy,
            "SPACEWATCH_MAX_ARTICLES": crawl.max_articles_per_run,
            "SPACEWATCH_LISTING_DEPTH": crawl.listing_depth,
            "HTTPCACHE_DIR": crawl.cache_dir or default_cache_dir(),
            "SPACEWATCH_CACHE_DAYS": crawl.cache_days,
            "SPACEWATCH_ENTRY_MAX_AGE": crawl.entry_point_max_age,
            "SPACEWATCH_RECHECK_YOUNG_HOURS": crawl.recheck_young_hours,
            "SPACEWATCH_RECHECK_AFTER_HOURS": crawl.recheck_after_hours,
            "SPACEWATCH_EXTRACTION_PROCESSES": crawl.extraction_processes or default_processes(),
        }
    )
    settings.update(overrides)
    return settings
