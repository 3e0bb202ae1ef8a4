"""CrawlRunRecorder: a crawl_runs row opened when the spider opens, closed with its outcome."""

from __future__ import annotations

import logging
from typing import Any, Self

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.http import Response
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from crawler.pipelines.drops import DuplicateInRun
from crawler.pipelines.flag import taxonomy_for
from crawler.runtime import database_for, release
from crawler.stale_flags import record_if_unset
from storage import retry, runs
from storage.database import Database, migrate

FINISHED_REASONS = {"finished", "closespider_itemcount", "closespider_pagecount"}
STATUS_FOR_REASON = {"closespider_timeout": "timeout", "shutdown": "cancelled"}
"""Run status by Scrapy's close reason: over the time limit, or stopped by SIGTERM/SIGINT."""
log = logging.getLogger("spacewatch.runs")


class CrawlRunRecorder:
    def __init__(self, crawler: Crawler, database: Database) -> None:
        self.crawler = crawler
        self.database = database
        self.drop_errors: list[tuple[str, str]] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        database = database_for(crawler)
        # `scrapy crawl` starts here without the CLI: make sure the schema is there.
        migrate(database)
        # Before anything is stored: an empty database records the taxonomy its flags will
        # be computed with (the CLI, the service and the worker say when they are stale).
        record_if_unset(database, taxonomy_for(crawler))
        recorder = cls(crawler, database)
        crawler.signals.connect(recorder.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(recorder.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(recorder.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(recorder.spider_error, signal=signals.spider_error)
        return recorder

    def spider_opened(self, spider: Spider) -> None:
        source = getattr(spider, "source", None)
        name = getattr(source, "name", spider.name)
        homepage = getattr(source, "homepage", "")
        try:
            spider.run_id = retry.in_transaction(  # type: ignore[attr-defined]
                self.database,
                lambda session: runs.start_run(
                    session, name, homepage, job_id=getattr(spider, "job_id", None)
                ),
                f"the start of a run of {name}",
            )
        except OperationalError as exc:
            # A full disk (or a database unreachable past the retries) at the run's start:
            # one line, not Scrapy's traceback of a failed signal handler. The store meets
            # the same error at its first batch and stops the crawl; the CLI reports this
            # run's end as not recorded.
            spider.run_id = None  # type: ignore[attr-defined]
            log.error("the start of a run of %s was not recorded: %s", name, retry.reason(exc))

    def item_dropped(
        self, item: Any, response: Response, exception: DropItem, spider: Spider
    ) -> None:
        if not isinstance(exception, DuplicateInRun):
            self.drop_errors.append(
                (getattr(item, "url", "?"), f"{type(exception).__name__}: {exception}")
            )

    def spider_error(self, failure: Any, response: Response, spider: Spider) -> None:
        self.drop_errors.append(
            (response.url, f"{failure.type.__name__}: {failure.getErrorMessage()}")
        )

    def spider_closed(self, spider: Spider, reason: str) -> None:
        run_id = getattr(spider, "run_id", None)
        if run_id is None:
            release(self.crawler)
            return
        assert self.crawler.stats is not None
        stats = self.crawler.stats.get_stats()
        errors = list(getattr(spider, "url_errors", [])) + self.drop_errors
        counts = runs.RunCounts(
            pages=int(stats.get("response_received_count", 0)),
            new=int(stats.get("spacewatch/new", 0)),
            updated=int(stats.get("spacewatch/updated", 0)),
            duplicates=int(stats.get("spacewatch/duplicate", 0)),
            unchanged=int(stats.get("spacewatch/unchanged", 0)),
            flagged=int(stats.get("spacewatch/flagged", 0)),
            errors=len(errors),
        )
        if stats.get("spacewatch/not_stored"):  # the store gave up on a batch (its log says why)
            reason = "store_failed"
        status = (
            "finished" if reason in FINISHED_REASONS else STATUS_FOR_REASON.get(reason, "failed")
        )

        def record(session: Session) -> None:
            runs.finish_run(
                session,
                run_id,
                status=status,
                reason=reason,
                counts=counts,
                stats={k: _jsonable(v) for k, v in stats.items()},
            )
            runs.record_errors(session, run_id, errors)

        try:  # waits for a locked or restarting database, like the articles' batches
            retry.in_transaction(self.database, record, f"the end of run {run_id}")
        except OperationalError as exc:
            # A full disk, or a database gone for minutes: one line, not a traceback. The run
            # stays "running" until the next start marks it aborted (runs.abort_orphaned_runs).
            # Its errors say which articles were not stored: they go to the log instead.
            log.error(
                "could not record the end of run %s: %s%s",
                run_id,
                retry.reason(exc),
                _listed(errors),
            )
        finally:
            release(self.crawler)


LOGGED_ERRORS = 20


def _listed(errors: list[tuple[str, str]]) -> str:
    """The run's errors as log lines, at most LOGGED_ERRORS of them."""
    if not errors:
        return ""
    lines = [f"\n  {url}: {reason}" for url, reason in errors[:LOGGED_ERRORS]]
    more = len(errors) - LOGGED_ERRORS
    tail = f"\n  ... and {more} more" if more > 0 else ""
    return f"; its {len(errors)} errors were:" + "".join(lines) + tail


def _jsonable(value: Any) -> Any:
    if isinstance(value, int | float | str | bool) or value is None:
        return value
    return str(value)
