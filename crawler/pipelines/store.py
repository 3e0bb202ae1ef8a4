"""Write articles in batches, in a worker thread, through storage.articles.save_batch.

Per-item blocking writes on the event loop cost ~10x (shared/PITFALLS.md); a batch is one
transaction, and its results (new / updated / unchanged / duplicate) feed the run's counts.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Self

from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector
from sqlalchemy.exc import OperationalError

from crawler.flagging import FlagResult
from crawler.items import Article
from crawler.runtime import database_for
from storage import articles, retry
from storage.database import Database, merge_pending_index_entries
from storage.records import ArticleRecord, MatchRecord, SaveResult

BATCH_SIZE = 20
log = logging.getLogger("spacewatch.store")


def to_record(item: Article) -> ArticleRecord:
    fields = item.fields
    result = item.flag
    return ArticleRecord(
        url=item.canonical_url,
        fetched_url=item.url,
        source=item.source,
        title=fields.title,
        body=fields.body,
        content_hash=item.content_hash,
        minhash=item.minhash,
        fetched_at=item.fetched_at,
        authors=list(fields.authors),
        published_at=fields.published_at,
        modified_at=fields.modified_at,
        entry_updated_at=item.entry_updated_at,
        language=fields.language,
        summary=fields.summary,
        section=fields.section,
        tags=list(fields.tags),
        image_url=fields.image_url,
        flagged=bool(result and result.flagged),
        flag_score=result.score if result else 0.0,
        categories=list(result.categories) if result else [],
        matches=match_records(result) if result else [],
    )


def match_records(result: FlagResult) -> list[MatchRecord]:
    """A flag result's matches as storage records (crawl and reflag store the same)."""
    return [
        MatchRecord(
            category=m.category,
            term=m.term,
            field=m.field,
            count=m.count,
            offsets=list(m.offsets),
            snippet=m.snippet,
        )
        for m in result.matches
    ]


class StorePipeline:
    def __init__(
        self,
        database: Database,
        stats: StatsCollector,
        batch_size: int,
        retry_for: float = retry.RETRY_FOR,
        crawler: Crawler | None = None,
    ) -> None:
        self.database = database
        self.stats = stats
        self.batch_size = batch_size
        self.retry_for = retry_for
        self.crawler = crawler
        self.pending: list[ArticleRecord] = []
        self.lock = asyncio.Lock()
        self.failure = ""
        """Why storing failed for good (a full disk, a lock past the retries): the crawl stops
        and every article it still yields is recorded as not stored."""
        self.closing = False
        self.stopper: asyncio.Task[None] | None = None
        """The task closing the crawl after a failure, held here: the event loop keeps only a
        weak reference to a task, and an unreferenced one can be collected before it runs."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        assert crawler.stats is not None
        batch_size = crawler.settings.getint("SPACEWATCH_BATCH_SIZE", BATCH_SIZE)
        return cls(database_for(crawler), crawler.stats, batch_size, crawler=crawler)

    async def process_item(self, item: Article) -> Article:
        if self.failure:
            self._not_stored([item.url], self.failure)
            return item
        self.pending.append(to_record(item))
        if len(self.pending) >= self.batch_size:
            await self.flush()
        return item

    async def flush(self) -> None:
        async with self.lock:
            batch, self.pending = self.pending, []
            if not batch:
                return
            try:
                results = await asyncio.to_thread(self._save, batch)
            except OperationalError as exc:
                self._give_up(batch, exc)
            else:
                self._count(results)

    def _give_up(self, batch: list[ArticleRecord], exc: OperationalError) -> None:
        """One line in the log and one error per article in the run; the crawl stops, since
        nothing more can be stored. The next crawl fetches these articles again: none of them
        is stored, and a batch is one transaction."""
        self.failure = f"not stored: {retry.reason(exc)}"
        log.error("storing %d articles failed, the crawl stops: %s", len(batch), retry.reason(exc))
        self._not_stored([record.fetched_url for record in batch], self.failure)
        if self.crawler is not None and self.crawler.engine is not None and not self.closing:
            engine = self.crawler.engine
            self.stopper = asyncio.get_running_loop().create_task(
                engine.close_spider_async(reason="store_failed")
            )

    def _not_stored(self, urls: list[str], reason: str) -> None:
        spider = self.crawler.spider if self.crawler is not None else None
        record_error = getattr(spider, "record_error", None)
        for url in urls:
            if record_error is not None:
                record_error(url, reason)
            self.stats.inc_value("spacewatch/not_stored")

    def _save(self, batch: list[ArticleRecord]) -> list[SaveResult]:
        """One transaction for the batch, retried while the database is locked or unreachable:
        a rolled-back batch is saved whole later, so nothing is half-stored or lost (this runs
        in a worker thread: the crawl goes on fetching meanwhile)."""
        return retry.in_transaction(
            self.database,
            lambda session: articles.save_batch(session, batch),
            f"{len(batch)} articles",
            self.retry_for,
        )

    def _count(self, results: list[SaveResult]) -> None:
        for result in results:
            self.stats.inc_value(f"spacewatch/{result.outcome}")
            if result.flagged:
                self.stats.inc_value("spacewatch/flagged")

    async def close_spider(self) -> None:
        self.closing = True
        await self.flush()
        stored = sum(
            self.stats.get_value(f"spacewatch/{o}", 0) for o in ("new", "updated", "duplicate")
        )
        if stored and not self.failure:
            await asyncio.to_thread(merge_pending_index_entries, self.database)
