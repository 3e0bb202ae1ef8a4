"""run, status, health: the monitor and what it knows about sources."""

from __future__ import annotations

import datetime as dt

import click

from crawler.cli.context import AppContext
from crawler.cli.output import emit, format_option
from crawler.config import Config
from crawler.errors import ConfigError


@click.command()
@click.option(
    "--once", is_flag=True, help="Crawl every source that is due, once, then exit (for cron)."
)
@click.option(
    "--log-format", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.pass_obj
def run(app: AppContext, once: bool, log_format: str) -> None:
    """Run the monitor: crawl each source on its schedule, alert on new flagged articles.

    One scheduler per database: a second `run` refuses to start while the first lives, and
    takes over when it dies. SIGTERM/SIGINT close running crawls cleanly.

    \b
    Example:
      spacewatch run --log-format json
    """
    from crawler.service import run_service

    run_service(app.config, once=once, log_format=log_format)


@click.command()
@format_option()
@click.pass_obj
def status(app: AppContext, fmt: str) -> None:
    """Each source's schedule, last run, next run, and whether a service is running.

    \b
    Example:
      spacewatch status
    """
    from crawler.schedule import next_due, parse_schedule
    from crawler.stale_flags import stale_flags_warning
    from storage import outbox, runs
    from storage.database import migrate
    from storage.locks import SchedulerLock

    config = app.config
    database = app.database(read_only=False)
    migrate(database)
    now = dt.datetime.now(dt.UTC)
    with database.session() as session:
        last = runs.last_runs(session)
        completed = runs.last_completed_starts(session)
        health = runs.health_of(session)
        pending = outbox.counts(session)
    running = SchedulerLock(database).is_held_elsewhere()
    stale = stale_flags_warning(database, config.taxonomy)
    queue = _queue_counts(config) if config.queue.enabled else None
    rows = []
    for source in config.sources:
        schedule = parse_schedule(source.schedule or config.schedule.default)
        started, _finished, last_status = last.get(source.name, (None, None, ""))
        state, reason, _ = health.get(source.name, ("", "", None))
        rows.append(
            {
                "source": source.name,
                "enabled": source.enabled,
                "schedule": schedule.text,
                "last_run": started,
                "last_status": last_status,
                "next_run": next_due(schedule, completed.get(source.name), now)
                if source.enabled
                else None,
                "health": state,
                "reason": reason,
            }
        )
    emit(
        rows, fmt, ("source", "schedule", "last_run", "last_status", "next_run", "health", "reason")
    )
    if fmt == "table":
        click.echo(f"service: {'running (holds the scheduler lock)' if running else 'not running'}")
        if stale:
            click.echo(f"flags: {stale}")
        if pending:
            click.echo("alerts: " + ", ".join(f"{n} {s}" for s, n in sorted(pending.items())))
        if queue is not None:
            click.echo(
                f"queue: {queue.get('todo', 0)} waiting, {queue.get('doing', 0)} running, "
                f"{queue.get('failed', 0)} failed; {queue['workers']} live workers"
            )


def _queue_counts(config: Config) -> dict[str, int]:
    import asyncio

    from crawler.tasks import Queue

    async def counts() -> dict[str, int]:
        async with Queue(config) as queue:
            return await queue.counts()

    return asyncio.run(counts())


@click.command()
@format_option()
@click.pass_obj
def health(app: AppContext, fmt: str) -> None:
    """Sources as ok, degraded or broken, with the reason, judged from their recent runs.

    \b
    Example:
      spacewatch health --format json
    """
    from crawler.health import RunFacts, judge
    from crawler.schedule import parse_schedule
    from storage import runs

    config = app.config
    database = app.database()
    now = dt.datetime.now(dt.UTC)
    rows = []
    with database.session() as session:
        for source in config.sources:
            recent = [RunFacts.from_run(r) for r in runs.recent_runs(session, source.name)]
            interval = parse_schedule(source.schedule or config.schedule.default).interval
            state, reason = judge(recent, interval, now, config.health)
            rows.append(
                {
                    "source": source.name,
                    "health": state or "never crawled",
                    "reason": reason,
                    "runs": len(recent),
                    "last_run": recent[0].started if recent else None,
                }
            )
    emit(rows, fmt, ("source", "health", "reason", "last_run"))


@click.command()
@click.option(
    "--concurrency",
    type=click.IntRange(1, 64),
    default=2,
    show_default=True,
    help="Crawl tasks this worker runs at once.",
)
@click.option(
    "--log-format", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.pass_obj
def worker(app: AppContext, concurrency: int, log_format: str) -> None:
    """Take crawl tasks from the queue and crawl them (scale-out; needs [queue] enabled).

    Start any number, on any machines, against the same PostgreSQL database; one
    `spacewatch run` (the leader) queues the work. SIGTERM/SIGINT hand running tasks back to
    the queue; a worker killed outright has its task queued again by the leader.

    \b
    Example:
      SPACEWATCH_DATABASE_URL=postgresql+psycopg://crawler@db/spacewatch spacewatch worker
    """
    from crawler.worker import run_worker

    if not app.config.queue.enabled:
        raise ConfigError("`spacewatch worker` needs [queue] enabled = true in the config")
    run_worker(app.config, concurrency=concurrency, log_format=log_format)


COMMANDS = [run, status, health, worker]
