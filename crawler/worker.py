"""`spacewatch worker`: takes crawl tasks from the queue (crawler/tasks.py) and crawls.

One event loop, as in the service (crawler/reactor.py): procrastinate's asyncio worker and
Scrapy's AsyncCrawlerRunner side by side, so a task simply awaits its crawl. Any number of
workers on any number of machines share one PostgreSQL database; the database's unique
constraints keep each article once whoever stores it.

SIGTERM/SIGINT: the worker takes no new task, closes its running crawls (their pipelines
flush, their runs are recorded 'cancelled') and puts their tasks back in the queue for another
worker (``CrawlInterrupted`` is retried). A worker killed outright stops sending heartbeats;
the leader then queues its task again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import socket
from collections.abc import Sequence
from typing import Any

from crawler.backfill import Backfill
from crawler.config import Config
from crawler.discovery import EntryLink
from crawler.reactor import (
    close_crawls,
    configure_logging,
    long_running_crawl_runner,
    run_in_reactor,
)
from crawler.tasks import HOST_KEY, CrawlInterrupted

log = logging.getLogger("spacewatch.worker")
SHUTDOWN_GRACE = 30.0
"""Seconds running crawls get to close after SIGTERM/SIGINT."""


class Worker:
    def __init__(self, config: Config, concurrency: int = 2) -> None:
        from storage.database import open_database

        self.config = config
        self.concurrency = concurrency
        self.database = open_database(config.database_url)
        self.stopping = asyncio.Event()
        self.runner: Any = None
        self.name = f"{socket.gethostname()}:{os.getpid()}"

    async def main(self) -> None:
        from crawler.stale_flags import stale_flags_warning
        from crawler.tasks import Queue
        from storage.database import migrate

        migrate(self.database)
        if stale := stale_flags_warning(self.database, self.config.taxonomy):
            log.warning(stale)
        self.runner = long_running_crawl_runner(self.config)
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, self.stopping.set)
        settings = self.config.queue
        # Heartbeats share the event loop with the crawls: pay for the heavy imports and
        # models (trafilatura, language model, MinHash, the flagging automaton) before taking
        # a task, not in the middle of the first one, where they would block the loop longer
        # than a heartbeat interval.
        await asyncio.to_thread(warm_up, self.config)
        try:
            async with Queue(self.config) as queue:
                log.info("worker %s: waiting for tasks (%d at a time)", self.name, self.concurrency)
                work = asyncio.ensure_future(
                    queue.app.run_worker_async(
                        name=self.name,
                        concurrency=self.concurrency,
                        install_signal_handlers=False,
                        additional_context={HOST_KEY: self},
                        update_heartbeat_interval=settings.heartbeat,
                        stalled_worker_timeout=settings.stalled_after,
                        fetch_job_polling_interval=settings.heartbeat,
                        delete_jobs="successful",
                    )
                )
                stop = asyncio.ensure_future(self.stopping.wait())
                await asyncio.wait([work, stop], return_when=asyncio.FIRST_COMPLETED)
                if work.done():
                    stop.cancel()
                    work.result()  # a worker that ended on its own failed: say why
                    return
                log.info("worker %s: stopping", self.name)
                work.cancel()  # procrastinate: take no new task, wait for the running ones
                await self._close_crawls()
                with contextlib.suppress(asyncio.CancelledError):
                    await work
                log.info("worker %s: stopped", self.name)
        finally:
            self.database.dispose()

    async def _close_crawls(self) -> None:
        try:
            async with asyncio.timeout(SHUTDOWN_GRACE):
                await close_crawls(self.runner)
        except TimeoutError:
            log.warning("crawls did not close within %.0f s; exiting anyway", SHUTDOWN_GRACE)

    async def crawl(
        self,
        source: str,
        job_id: int,
        *,
        articles: Sequence[EntryLink] | None = None,
        plan: Backfill | None = None,
    ) -> list[EntryLink]:
        """Crawl ``source`` (all of it; or only ``articles``; or, with ``plan``, only walk its
        entry points as that backfill would); returns the links a plan would fetch."""
        from crawler.aftercrawl import report_run
        from crawler.spiders.sources import SourceSpider

        if self.stopping.is_set():
            raise CrawlInterrupted("worker is stopping")
        what = "plan" if plan else f"{len(articles)} articles" if articles is not None else "crawl"
        log.info(
            "task %d: %s %s started",
            job_id,
            source,
            what,
            extra={"fields": {"event": "task_started", "source": source, "job": job_id}},
        )
        crawler = self.runner.create_crawler(SourceSpider)
        await self.runner.crawl(
            crawler,
            source=self.config.source(source),
            job_id=job_id,
            articles=articles,
            plan=plan is not None,
            # A slice of a backfill is not capped by max_articles_per_run, like the backfill.
            backfill=plan if plan is not None else Backfill() if articles is not None else None,
        )
        reason = crawler.stats.get_value("finish_reason") if crawler.stats else None
        if reason == "shutdown":
            raise CrawlInterrupted(f"{source}: stopped with the worker")
        spider = crawler.spider
        if articles is None and plan is None:
            await asyncio.to_thread(
                report_run, self.database, self.config, source, getattr(spider, "run_id", None)
            )
        planned: list[EntryLink] = list(getattr(spider, "planned", []))
        return planned


def warm_up(config: Config) -> None:
    """Load what the first article would load: extraction, MinHash, the term matcher."""
    from crawler.extraction.pool import warm_extraction
    from crawler.flagging import matcher_for

    warm_extraction()
    matcher_for(config.taxonomy).compile_all()


def run_worker(config: Config, concurrency: int = 2, log_format: str = "text") -> None:
    """Take and run crawl tasks until SIGTERM/SIGINT."""
    configure_logging(log_format)
    run_in_reactor(lambda: Worker(config, concurrency).main())
