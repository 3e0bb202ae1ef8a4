"""A backfill's plan: the article links it would fetch, each once."""

from __future__ import annotations

import asyncio
import threading
import time

from scrapy.utils.test import get_crawler

from crawler.config import Source
from crawler.discovery import EntryLink
from crawler.spiders.sources import SourceSpider
from storage.records import KnownUrl


class SlowLookup(SourceSpider):
    """The known-URL check answers after a moment, as a loaded database does: long enough for
    a second entry point's batch to start its own check meanwhile."""

    started = threading.Barrier(2)

    def _known(self, urls: list[str]) -> dict[str, KnownUrl]:
        self.started.wait(timeout=5)
        time.sleep(0.05)
        return {}


def test_two_entry_points_read_side_by_side_plan_each_article_once() -> None:
    """A feed and a sitemap naming the same articles, their batches checked concurrently:
    each link is planned once, not once per entry point (a backfill would queue its slices
    twice over)."""
    source = Source(name="s", homepage="https://s.example/")
    spider = SlowLookup.from_crawler(get_crawler(SlowLookup), source=source, plan=True)
    links = [EntryLink(url=f"https://s.example/news/{i}") for i in range(7)]

    async def drain() -> list[object]:
        return [request async for request in spider.article_requests(links)]

    async def both() -> None:
        await asyncio.gather(drain(), drain())

    asyncio.run(both())
    assert sorted(link.url for link in spider.planned) == sorted(link.url for link in links)
