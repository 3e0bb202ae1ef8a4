"""Keep Scrapy's HTTP cache (entry points only) from growing forever: entries older than
``[crawl] cache_days`` are deleted when a crawl opens."""

from __future__ import annotations

import logging
import shutil
import time
from pathlib import Path

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.spiders import Spider
from scrapy.utils.project import data_path

log = logging.getLogger(__name__)


def prune(directory: Path, max_age_seconds: float, now: float | None = None) -> int:
    """Delete FilesystemCacheStorage entries (``<spider>/<xx>/<fingerprint>/``) whose last
    write is older than ``max_age_seconds``; the number deleted."""
    cutoff = (time.time() if now is None else now) - max_age_seconds
    deleted = 0
    for meta in directory.glob("*/*/*/pickled_meta"):
        try:
            if meta.stat().st_mtime < cutoff:
                shutil.rmtree(meta.parent, ignore_errors=True)
                deleted += 1
        except FileNotFoundError:
            continue  # another crawl pruned it first
    return deleted


class CachePruner:
    def __init__(self, directory: Path, max_age_seconds: float) -> None:
        self.directory = directory
        self.max_age_seconds = max_age_seconds

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CachePruner:
        settings = crawler.settings
        pruner = cls(
            Path(data_path(settings.get("HTTPCACHE_DIR", "httpcache"), createdir=False)),
            settings.getfloat("SPACEWATCH_CACHE_DAYS", 30.0) * 86400,
        )
        crawler.signals.connect(pruner.spider_opened, signal=signals.spider_opened)
        return pruner

    def spider_opened(self, spider: Spider) -> None:
        if self.directory.is_dir():
            deleted = prune(self.directory, self.max_age_seconds)
            if deleted:
                log.info("pruned %d HTTP cache entries older than the limit", deleted)
