"""`spacewatch run`: the long-running monitor.

One process, one event loop: the asyncio Twisted reactor (installed before anything imports
``twisted.internet.reactor``), Scrapy's AsyncCrawlerRunner for crawls, APScheduler 3's
AsyncIOScheduler started inside the running loop (see shared/PITFALLS.md for why the other
combinations fail). One job per source, ``coalesce=True`` and ``max_instances=1``: after
downtime a source runs once, never twice at once. After each crawl: the run's log line,
the source's health, new flagged articles into the alert outbox, delivery, the Atom file.

With ``[queue] enabled`` the same process is the scale-out *leader*: a due source becomes a task
in the queue (crawler/tasks.py) instead of a crawl here, `spacewatch worker` processes crawl,
and the leader requeues dead workers' tasks and is the one process that sends alerts.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import signal
from typing import Any

from crawler.config import Config, Source
from crawler.errors import SpacewatchError
from crawler.reactor import (
    close_crawls,
    configure_logging,
    long_running_crawl_runner,
    run_in_reactor,
)

log = logging.getLogger("spacewatch.service")
SHUTDOWN_GRACE = 30.0
"""Seconds running crawls get to close (and flush their pipelines) after SIGTERM/SIGINT."""
_service: Service | None = None


async def crawl_job(source_name: str) -> None:
    """The scheduler's job: module level with a plain argument, as APScheduler wants."""
    if _service is not None:
        await _service.crawl(source_name)


async def tend_queue_job() -> None:
    """The leader's periodic job: requeue dead workers' tasks, deliver alerts."""
    if _service is not None:
        await _service.tend_queue()


class Service:
    def __init__(self, config: Config, once: bool = False) -> None:
        from crawler.flagging import matcher_for
        from storage.database import open_database

        self.config = config
        # Every pattern compiled at the start: a long-running service flags many texts, and a
        # pattern that fails only with its lists written out stops it here, not at a crawl.
        matcher_for(config.taxonomy).compile_all()
        self.once = once
        self.database = open_database(config.database_url)
        self.stopping = asyncio.Event()
        self.runner: Any = None
        self.crawls_done = 0
        self.crawl_tasks: set[asyncio.Task[Any]] = set()
        self.queue: Any = None
        """With ``[queue] enabled``: the task queue this leader fills (crawler.tasks.Queue)."""

    # -- lifecycle ------------------------------------------------------------------------

    async def main(self) -> None:
        from crawler.stale_flags import stale_flags_warning
        from storage import outbox, runs
        from storage.database import migrate
        from storage.locks import SchedulerLock

        global _service
        migrate(self.database)
        if stale := stale_flags_warning(self.database, self.config.taxonomy):
            log.warning(stale)
        lock = SchedulerLock(self.database)
        if not lock.acquire():
            raise SpacewatchError(
                f"another `spacewatch run` ({lock.holder()}) already schedules crawls for this "
                "database; stop it first (it holds the scheduler lock)"
            )
        try:
            with self.database.session() as session:
                aborted = runs.abort_orphaned_runs(session)
                interrupted = outbox.recover_interrupted(session)
            if aborted or interrupted:
                log.info(
                    "recovered after an unclean stop: %d runs marked aborted, "
                    "%d alerts left unsent "
                    "(they may have gone out)",
                    aborted,
                    interrupted,
                )
            _service = self
            self._install_signal_handlers()
            if self.config.queue.enabled:
                from crawler.tasks import Queue

                async with Queue(self.config) as self.queue:
                    log.info("leader: crawls go to the task queue; `spacewatch worker` runs them")
                    await self._schedule_or_once()
            else:
                self.runner = long_running_crawl_runner(self.config)
                await self._schedule_or_once()
        finally:
            _service = None
            lock.release()
            self.database.dispose()

    async def _schedule_or_once(self) -> None:
        if self.once:
            await self.run_due_sources()
        else:
            await self.run_forever()

    def _install_signal_handlers(self) -> None:
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, self.request_stop, signum)

    def request_stop(self, signum: int = 0) -> None:
        if not self.stopping.is_set():
            log.info("stopping (signal %s): closing running crawls", signum)
            self.stopping.set()

    async def run_forever(self) -> None:
        from apscheduler.schedulers.asyncio import AsyncIOScheduler

        scheduler = AsyncIOScheduler(timezone=dt.UTC, event_loop=asyncio.get_running_loop())
        now = dt.datetime.now(dt.UTC)
        last = self._last_started()
        for source in self._enabled():
            schedule = self._schedule(source)
            from crawler.schedule import next_due, trigger_for

            scheduler.add_job(
                crawl_job,
                trigger_for(schedule, self.config.schedule.jitter),
                args=[source.name],
                id=f"crawl:{source.name}",
                name=source.name,
                replace_existing=True,
                coalesce=True,
                max_instances=1,
                misfire_grace_time=None,
                next_run_time=next_due(schedule, last.get(source.name), now),
            )
        sources = len(scheduler.get_jobs())
        if self.queue is not None:
            scheduler.add_job(
                tend_queue_job,
                "interval",
                seconds=self.config.queue.heartbeat,
                id="tend-queue",
                replace_existing=True,
                coalesce=True,
                max_instances=1,
                next_run_time=now,
            )
        scheduler.start()
        log.info("scheduler started: %d sources", sources)
        try:
            await self.stopping.wait()
        finally:
            # Close the crawls before shutting the scheduler down: its executor cancels the
            # job tasks still running, and a crawl cancelled mid-flight never closes its
            # spider (Scrapy only cleans up on Exception), leaving its run "running".
            scheduler.pause()
            await self.stop_crawls()
            scheduler.shutdown(wait=False)
            log.info("stopped")

    async def run_due_sources(self) -> None:
        """--once: every source that is due now, once, concurrently; then exit."""
        from crawler.schedule import next_due

        now = dt.datetime.now(dt.UTC)
        last = self._last_started()
        due = [
            s for s in self._enabled() if next_due(self._schedule(s), last.get(s.name), now) <= now
        ]
        log.info("run --once: %d of %d sources due", len(due), len(self._enabled()))
        if self.queue is not None:
            await self._queue_once([s.name for s in due])
            return
        tasks = [asyncio.ensure_future(self.crawl(s.name)) for s in due]
        stop = asyncio.ensure_future(self.stopping.wait())
        if tasks:
            await asyncio.wait([*tasks, stop], return_when=asyncio.FIRST_COMPLETED)
            while not stop.done() and not all(t.done() for t in tasks):
                await asyncio.wait([*tasks, stop], return_when=asyncio.FIRST_COMPLETED)
        if stop.done():
            await self.stop_crawls()
        stop.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await asyncio.to_thread(self.alert, dt.datetime.now(dt.UTC))

    async def _queue_once(self, names: list[str]) -> None:
        """--once as the leader: queue the due sources, wait until workers have crawled
        them (requeueing a dead worker's task), then alert once."""
        jobs = {job for name in names if (job := await self.queue.enqueue_crawl(name)) is not None}
        while jobs and not self.stopping.is_set():
            await self.queue.recover_stalled(self._abort_runs)
            jobs = await self.queue.unfinished(jobs)
            if jobs:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.stopping.wait(), 1.0)
        await asyncio.to_thread(self.alert, dt.datetime.now(dt.UTC))

    async def tend_queue(self) -> None:
        await self.queue.recover_stalled(self._abort_runs)
        await asyncio.to_thread(self.alert, dt.datetime.now(dt.UTC))

    def _abort_runs(self, job_ids: list[int]) -> None:
        from storage import runs

        with self.database.session() as session:
            runs.abort_runs_of_jobs(session, job_ids, "worker stopped answering")

    async def stop_crawls(self) -> None:
        """Close running crawls, then let their jobs finish recording (runs, health, alerts)."""
        try:
            async with asyncio.timeout(SHUTDOWN_GRACE):
                if self.runner is not None and self.runner.crawlers:
                    await close_crawls(self.runner)
                if self.crawl_tasks:
                    await asyncio.wait(list(self.crawl_tasks))
        except TimeoutError:
            log.warning("crawls did not close within %.0f s; exiting anyway", SHUTDOWN_GRACE)

    # -- one crawl -----------------------------------------------------------------------

    async def crawl(self, name: str) -> None:
        if self.stopping.is_set():
            return
        if self.queue is not None:
            job = await self.queue.enqueue_crawl(name)
            if job is None:
                log.info("crawl %s: already waiting in the queue", name)
            else:
                log.info(
                    "crawl %s: queued (task %d)",
                    name,
                    job,
                    extra={"fields": {"event": "crawl_queued", "source": name, "job": job}},
                )
            return
        task = asyncio.current_task()
        if task is not None:
            self.crawl_tasks.add(task)
            task.add_done_callback(self.crawl_tasks.discard)
        from crawler.spiders.sources import SourceSpider

        source = self.config.source(name)
        log.info(
            "crawl %s: started", name, extra={"fields": {"event": "crawl_started", "source": name}}
        )
        crawler = self.runner.create_crawler(SourceSpider)
        try:
            await self.runner.crawl(crawler, source=source)
        except Exception:
            log.exception("crawl %s: failed", name)
        run_id = getattr(crawler.spider, "run_id", None)
        await asyncio.to_thread(self.after_crawl, name, run_id)
        self.crawls_done += 1

    def after_crawl(self, name: str, run_id: int | None) -> None:
        """Log line, health, alerts and the Atom file; runs in a worker thread."""
        from crawler.aftercrawl import report_run

        report_run(self.database, self.config, name, run_id)
        if not self.once:  # --once alerts once, after all its crawls (one digest per run)
            self.alert(dt.datetime.now(dt.UTC))

    def alert(self, now: dt.datetime) -> None:
        """New flags into the outbox, deliver what is due, rewrite the Atom file."""
        from crawler import alerts

        alerts.enqueue_new_flags(self.database, self.config.alerts, now)
        if self.config.alerts.urls:
            delivery = alerts.deliver(self.database, self.config.alerts, now)
            if delivery.sent or delivery.failed:
                log.info(
                    "alerts: %d sent, %d failed (kept for retry)", delivery.sent, delivery.failed
                )
        if self.config.alerts.atom_path:
            alerts.write_atom(self.database, self.config.alerts.atom_path)

    # -- helpers ---------------------------------------------------------------------------

    def _enabled(self) -> list[Source]:
        return [s for s in self.config.sources if s.enabled]

    def _schedule(self, source: Source) -> Any:
        from crawler.schedule import parse_schedule

        return parse_schedule(source.schedule or self.config.schedule.default)

    def _last_started(self) -> dict[str, dt.datetime]:
        """When each source last started a run that was not interrupted (an aborted or
        cancelled run makes the source due again at once)."""
        from storage import runs

        with self.database.session() as session:
            return runs.last_completed_starts(session)


def run_service(config: Config, once: bool = False, log_format: str = "text") -> None:
    """Run the monitor until SIGTERM/SIGINT (or, with ``once``, until due sources are done)."""
    configure_logging(log_format)
    run_in_reactor(lambda: Service(config, once=once).main())
