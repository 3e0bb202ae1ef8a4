"""One event loop for long-running processes (`run`, `worker`): the asyncio Twisted reactor,
Scrapy's AsyncCrawlerRunner and asyncio code (APScheduler, procrastinate) side by side.

The reactor is installed before anything imports ``twisted.internet.reactor`` (see
shared/PITFALLS.md); the process's main coroutine then runs inside ``react()``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import sys
from collections.abc import Callable, Coroutine
from typing import Any

from crawler.config import Config


def install_asyncio_reactor() -> None:
    from scrapy.utils.reactor import install_reactor, is_reactor_installed

    if not is_reactor_installed():
        install_reactor("twisted.internet.asyncioreactor.AsyncioSelectorReactor")


def run_in_reactor(main: Callable[[], Coroutine[Any, Any, None]]) -> None:
    """Run ``main()`` in the asyncio reactor until it returns; its exception is re-raised."""
    install_asyncio_reactor()
    from scrapy.utils.defer import deferred_from_coro
    from twisted.internet.task import react

    failures: list[BaseException] = []

    async def guarded() -> None:
        try:
            await main()
        except BaseException as exc:
            failures.append(exc)

    try:
        react(lambda _reactor: deferred_from_coro(guarded()))
    except SystemExit as exit_:
        if failures:
            raise failures[0] from None
        if exit_.code not in (0, None):
            raise


def long_running_crawl_runner(config: Config) -> Any:
    """Scrapy's AsyncCrawlerRunner as `run` and `worker` use it: crawls closed at the
    schedule's time limit, no telnet console, Scrapy's own log at warnings only."""
    from scrapy.crawler import AsyncCrawlerRunner

    from crawler.settings import crawl_settings

    return AsyncCrawlerRunner(
        crawl_settings(
            config,
            CLOSESPIDER_TIMEOUT=config.schedule.time_limit,
            TELNETCONSOLE_ENABLED=False,
            LOG_LEVEL="WARNING",
        )
    )


async def close_crawls(runner: Any) -> None:
    """Stop every crawl of an AsyncCrawlerRunner and wait until each has closed (and
    recorded its run).

    Scrapy's ``runner.stop()`` only clears ``crawling`` on a crawler whose engine has not
    started yet (its spider is open, its run row written), and that engine then starts
    anyway; such crawls are stopped here once their engine runs."""
    await runner.stop()
    while runner.crawlers:
        engines = [getattr(c, "_engine", None) for c in list(runner.crawlers)]
        running = [e for e in engines if e is not None and e.running]
        if running:
            await asyncio.gather(*(e.stop_async() for e in running))
        else:
            await asyncio.sleep(0.05)


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
