"""`spacewatch run`: the long-running monitor.

One process, one event loop: the asyncio Twisted reactor (installed before anything imports
``twisted.internet.reactor``), Scrapy's AsyncCrawlerRunner for crawls, APScheduler 3's
AsyncIOScheduler started inside the running loop (see shared/PITFALLS.md for why the other
combinations fail). One job per source, ``coalesce=True`` and ``max_instances=1``: after
downtime a source runs once, never twice at once. After each crawl: the run's log line,
the source's health, new flagged articles into the alert outbox, delivery, the Atom file.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import signal
import sys
from typing import Any

from crawler.config import Config, Source
from crawler.errors import SpacewatchError

log = logging.getLogger("spacewatch.service")
SHUTDOWN_GRACE = 30.0
"""Seconds running crawls get to close (and flush their pipelines) after SIGTERM/SIGINT."""
_service: Service | None = None


def install_asyncio_reactor() -> None:
    from scrapy.utils.reactor import install_reactor, is_reactor_installed

    if not is_reactor_installed():
        install_reactor("twisted.internet.asyncioreactor.AsyncioSelectorReactor")


async def crawl_job(source_name: str) -> None:
    """The scheduler's job: module level with a plain argument, as APScheduler wants."""
    if _service is not None:
        await _service.crawl(source_name)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        payload.update(getattr(record, "fields", {}))
        return json.dumps(payload, ensure_ascii=False)


def configure_logging(log_format: str) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        JsonFormatter() if log_format == "json" else logging.Formatter("%(asctime)s %(message)s")
    )
    service_log = logging.getLogger("spacewatch")
    service_log.handlers[:] = [handler]
    service_log.setLevel(logging.INFO)
    service_log.propagate = False
    logging.getLogger("crawler.alerts").handlers[:] = [handler]


class Service:
    def __init__(self, config: Config, once: bool = False) -> None:
        from storage.database import open_database

        self.config = config
        self.once = once
        self.database = open_database(config.database_url)
        self.stopping = asyncio.Event()
        self.runner: Any = None
        self.crawls_done = 0
        self.crawl_tasks: set[asyncio.Task[Any]] = set()

    # -- lifecycle ------------------------------------------------------------------------

    async def main(self) -> None:
        from scrapy.crawler import AsyncCrawlerRunner

        from crawler.settings import crawl_settings
        from storage import outbox, runs
        from storage.database import migrate
        from storage.locks import SchedulerLock

        global _service
        migrate(self.database)
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
            self.runner = AsyncCrawlerRunner(
                crawl_settings(
                    self.config,
                    CLOSESPIDER_TIMEOUT=self.config.schedule.time_limit,
                    TELNETCONSOLE_ENABLED=False,
                    LOG_LEVEL="WARNING",
                )
            )
            _service = self
            self._install_signal_handlers()
            if self.once:
                await self.run_due_sources()
            else:
                await self.run_forever()
        finally:
            _service = None
            lock.release()
            self.database.dispose()

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
        scheduler.start()
        log.info("scheduler started: %d sources", len(scheduler.get_jobs()))
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

    async def stop_crawls(self) -> None:
        """Close running crawls, then let their jobs finish recording (runs, health, alerts)."""
        try:
            async with asyncio.timeout(SHUTDOWN_GRACE):
                if self.runner is not None and self.runner.crawlers:
                    await self._close_crawls()
                if self.crawl_tasks:
                    await asyncio.wait(list(self.crawl_tasks))
        except TimeoutError:
            log.warning("crawls did not close within %.0f s; exiting anyway", SHUTDOWN_GRACE)

    async def _close_crawls(self) -> None:
        """Stop every crawl and wait until each has closed (and recorded its run).

        Scrapy's ``runner.stop()`` only clears ``crawling`` on a crawler whose engine has not
        started yet (its spider is open, its run row written), and that engine then starts
        anyway; such crawls are stopped here once their engine runs."""
        assert self.runner is not None
        await self.runner.stop()
        while self.runner.crawlers:
            engines = [getattr(c, "_engine", None) for c in list(self.runner.crawlers)]
            running = [e for e in engines if e is not None and e.running]
            if running:
                await asyncio.gather(*(e.stop_async() for e in running))
            else:
                await asyncio.sleep(0.05)

    # -- one crawl -----------------------------------------------------------------------

    async def crawl(self, name: str) -> None:
        if self.stopping.is_set():
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
        from crawler import alerts
        from crawler.health import BROKEN, RunFacts, judge
        from storage import queries, runs

        now = dt.datetime.now(dt.UTC)
        with self.database.session() as session:
            summary = queries.runs(session, ids=[run_id])[0] if run_id else None
            recent = [RunFacts.from_run(r) for r in runs.recent_runs(session, name)]
        if summary is not None:
            counts = {
                k: getattr(summary, k)
                for k in ("pages", "new", "updated", "duplicates", "unchanged", "flagged", "errors")
            }
            log.info(
                "crawl %s: %s %s",
                name,
                summary.status,
                " ".join(f"{k}={v}" for k, v in counts.items()),
                extra={
                    "fields": {
                        "event": "crawl_finished",
                        "source": name,
                        "status": summary.status,
                        "run_id": run_id,
                        **counts,
                    }
                },
            )
        source = self.config.source(name)
        status, reason = judge(recent, self._schedule(source).interval, now, self.config.health)
        if status:
            with self.database.session() as session:
                before = runs.set_health(session, name, status, reason, now)
            if status != before:
                log.info("source %s is %s%s", name, status, f": {reason}" if reason else "")
                if status == BROKEN:
                    alerts.enqueue_health_change(
                        self.database, self.config.alerts, name, status, reason, now
                    )
        if not self.once:  # --once alerts once, after all its crawls (one digest per run)
            self.alert(now)

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
    install_asyncio_reactor()
    configure_logging(log_format)
    from scrapy.utils.defer import deferred_from_coro
    from twisted.internet.task import react

    failures: list[BaseException] = []

    async def main() -> None:
        try:
            await Service(config, once=once).main()
        except BaseException as exc:
            failures.append(exc)

    try:
        react(lambda _reactor: deferred_from_coro(main()))
    except SystemExit as exit_:
        if failures:
            raise failures[0] from None
        if exit_.code not in (0, None):
            raise
