"""The task queue for scale-out: procrastinate, in the team's PostgreSQL database.

No distribution of our own: procrastinate keeps the jobs in tables beside ours, hands each to one
worker (``SELECT ... FOR UPDATE SKIP LOCKED``), and its locks keep one source from being queued
twice (``queueing_lock``: one waiting job per source) or crawled twice at once (``lock``: one
running job per source). Workers send heartbeats; the leader (`spacewatch run` with
``[queue] enabled``) queues a dead worker's job again (its crawl run is marked aborted), so a
killed worker loses nothing: the retry skips what the dead one already stored.

Tasks:
- ``crawl_source(source)``: one scheduled crawl of a source.
- ``plan_backfill(source, since)``: walk a source's entry points and split the article links it
  would fetch into ``crawl_articles`` tasks of ``[queue] backfill_chunk`` links, so several
  workers share one big archive.
- ``crawl_articles(source, links, plan)``: fetch one such slice.

The functions here run inside a worker (crawler/worker.py), which passes itself as the job
context's ``spacewatch`` entry.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from crawler.backfill import Backfill
from crawler.config import Config
from crawler.discovery import EntryLink
from crawler.errors import SpacewatchError

if TYPE_CHECKING:
    import procrastinate
    from procrastinate.job_context import JobContext

    from crawler.worker import Worker

log = logging.getLogger("spacewatch.queue")

QUEUE = "spacewatch"
CRAWL_SOURCE = "spacewatch.crawl_source"
PLAN_BACKFILL = "spacewatch.plan_backfill"
CRAWL_ARTICLES = "spacewatch.crawl_articles"
HOST_KEY = "spacewatch"
MAX_ATTEMPTS = 5
"""A task whose worker died this many times is given up (a page that kills workers must not
loop forever); it stays in the queue as failed."""
_SCHEMA_LOCK = 0x5370_6163_6551  # "SpaceQ": one process creates procrastinate's tables


class CrawlInterrupted(SpacewatchError):
    """The worker was asked to stop mid-crawl; the task goes back to the queue."""


def conninfo(database_url: str) -> str:
    """SQLAlchemy's ``postgresql+psycopg://`` URL as the libpq URL psycopg wants."""
    from sqlalchemy.engine import make_url

    url = make_url(database_url)
    if url.get_backend_name() != "postgresql":
        raise SpacewatchError("the task queue needs a PostgreSQL database (queue.enabled)")
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def make_app(database_url: str) -> procrastinate.App:
    import procrastinate

    app = procrastinate.App(
        connector=procrastinate.PsycopgConnector(
            conninfo=conninfo(database_url), min_size=1, max_size=4
        )
    )
    interrupted = procrastinate.RetryStrategy(
        max_attempts=MAX_ATTEMPTS, retry_exceptions={CrawlInterrupted}
    )
    for func, name in (
        (crawl_source, CRAWL_SOURCE),
        (plan_backfill, PLAN_BACKFILL),
        (crawl_articles, CRAWL_ARTICLES),
    ):
        app.task(name=name, queue=QUEUE, pass_context=True, retry=interrupted)(func)
    return app


def ensure_schema(database_url: str) -> None:
    """Create procrastinate's tables once (under an advisory lock: many workers may start at
    once). Blocking: call it in a thread."""
    import psycopg
    from procrastinate.schema import SchemaManager

    with psycopg.connect(conninfo(database_url)) as connection:
        connection.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
        exists = connection.execute("SELECT to_regclass('procrastinate_jobs')").fetchone()
        if exists is None or exists[0] is None:
            connection.execute(SchemaManager.get_schema())  # type: ignore[call-overload]
            log.info("created the task queue's tables (procrastinate)")


def _host(context: JobContext) -> Worker:
    host: Worker = context.additional_context[HOST_KEY]
    return host


def _job_id(context: JobContext) -> int:
    job_id = context.job.id
    assert job_id is not None
    return job_id


# -- tasks (run in a worker) ----------------------------------------------------------------


async def crawl_source(context: JobContext, source: str) -> None:
    await _host(context).crawl(source, _job_id(context))


async def plan_backfill(context: JobContext, source: str, since: str | None = None) -> None:
    host = _host(context)
    job_id = _job_id(context)
    if await _chunks_exist(context.app, job_id):
        log.info("backfill plan %d for %s already queued its slices (a retry)", job_id, source)
        return
    when = dt.datetime.fromisoformat(since) if since else None
    links = await host.crawl(source, job_id, plan=Backfill(since=when))
    size = host.config.queue.backfill_chunk
    chunks = [links[i : i + size] for i in range(0, len(links), size)]
    task = context.app.tasks[CRAWL_ARTICLES]
    if chunks:
        payloads: list[Any] = [
            {"source": source, "links": _encode(chunk), "plan": job_id} for chunk in chunks
        ]
        await task.batch_defer_async(*payloads)
    log.info(
        "backfill of %s: %d articles to fetch, queued as %d tasks",
        source,
        len(links),
        len(chunks),
        extra={"fields": {"event": "backfill_planned", "source": source, "tasks": len(chunks)}},
    )


async def crawl_articles(
    context: JobContext, source: str, links: list[list[str | None]], plan: int
) -> None:
    await _host(context).crawl(source, _job_id(context), articles=_decode(links))


async def _chunks_exist(app: procrastinate.App, plan_job: int) -> bool:
    row = await app.connector.execute_query_one_async(
        "SELECT count(*) AS n FROM procrastinate_jobs "
        "WHERE task_name = %(task)s AND args->>'plan' = %(plan)s",
        task=CRAWL_ARTICLES,
        plan=str(plan_job),
    )
    return bool(row["n"])


def _encode(links: Iterable[EntryLink]) -> list[list[str | None]]:
    return [
        [link.url, _iso(link.updated_at), _iso(link.published_at), link.title] for link in links
    ]


def _decode(rows: Iterable[Sequence[str | None]]) -> list[EntryLink]:
    """Rows of [url, updated, published, title]; jobs queued by older versions hold two."""
    links = []
    for url, updated, *rest in rows:
        published, title = [*rest, None, None][:2]
        links.append(
            EntryLink(
                url=str(url),
                updated_at=_from_iso(updated),
                published_at=_from_iso(published),
                title=title or "",
            )
        )
    return links


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def _from_iso(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


# -- the leader's side -----------------------------------------------------------------------


class Queue:
    """The queue as the leader (and the CLI) use it: enqueue, recover, wait, count."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.app = make_app(config.database_url)

    async def __aenter__(self) -> Queue:
        import asyncio

        await asyncio.to_thread(ensure_schema, self.config.database_url)
        await self.app.open_async()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.app.close_async()

    async def enqueue_crawl(self, source: str) -> int | None:
        """Queue one crawl of ``source``; None when one is already waiting."""
        from procrastinate.exceptions import AlreadyEnqueued

        key = f"crawl:{source}"
        try:
            job_id: int = await self.app.configure_task(
                CRAWL_SOURCE, lock=key, queueing_lock=key
            ).defer_async(source=source)
        except AlreadyEnqueued:
            return None
        return job_id

    async def enqueue_backfill(self, source: str, since: dt.datetime | None) -> int:
        key = f"plan:{source}"
        job_id: int = await self.app.configure_task(
            PLAN_BACKFILL, lock=key, queueing_lock=key
        ).defer_async(source=source, since=since.isoformat() if since else None)
        return job_id

    async def recover_stalled(self, abort_runs: Any) -> int:
        """Queue again the jobs of workers that stopped sending heartbeats.

        ``abort_runs(job_ids)`` marks their crawl runs aborted (blocking; run in a thread).
        A job that already died ``MAX_ATTEMPTS`` times, or whose source has another crawl
        waiting, is closed as failed instead."""
        import asyncio

        from procrastinate.exceptions import UniqueViolation
        from procrastinate.jobs import Status

        manager = self.app.job_manager
        stalled = list(
            await manager.get_stalled_jobs(seconds_since_heartbeat=self.config.queue.stalled_after)
        )
        if not stalled:
            return 0
        await asyncio.to_thread(abort_runs, [job.id for job in stalled])
        for job in stalled:
            if job.attempts + 1 >= MAX_ATTEMPTS:
                log.warning(
                    "task %s gave up: its worker died %d times", job.call_string, MAX_ATTEMPTS
                )
                await manager.finish_job(job, status=Status.FAILED, delete_job=False)
                continue
            try:
                await manager.retry_job(job)
                log.info("task %s: its worker stopped answering; queued again", job.call_string)
            except UniqueViolation:  # the same source's next crawl is already waiting
                await manager.finish_job(job, status=Status.FAILED, delete_job=False)
        return len(stalled)

    async def unfinished(self, job_ids: Iterable[int]) -> set[int]:
        """Which of these jobs are still waiting or running."""
        ids = list(job_ids)
        if not ids:
            return set()
        rows = await self.app.connector.execute_query_all_async(
            "SELECT id FROM procrastinate_jobs "
            "WHERE id = ANY(%(ids)s) AND status IN ('todo', 'doing')",
            ids=ids,
        )
        return {int(row["id"]) for row in rows}

    async def counts(self) -> dict[str, int]:
        """Jobs by status, and live workers ("workers")."""
        rows = await self.app.connector.execute_query_all_async(
            "SELECT status::text AS status, count(*) AS n FROM procrastinate_jobs "
            "WHERE queue_name = %(queue)s GROUP BY status",
            queue=QUEUE,
        )
        counts = {str(row["status"]): int(row["n"]) for row in rows}
        workers = await self.app.connector.execute_query_one_async(
            "SELECT count(*) AS n FROM procrastinate_workers "
            "WHERE last_heartbeat > now() - make_interval(secs => %(stalled)s)",
            stalled=self.config.queue.stalled_after,
        )
        counts["workers"] = int(workers["n"])
        return counts
