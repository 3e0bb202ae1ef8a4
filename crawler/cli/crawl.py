"""crawl, demo, init, db: commands that write."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from crawler.backfill import Backfill
from crawler.cli.context import AppContext
from crawler.cli.output import emit, format_option
from crawler.config import Config, bundled_config_text, load_config
from crawler.errors import ConfigError, SpacewatchError
from crawler.when import parse_when
from storage import queries
from storage.database import Database, open_database

RUN_COLUMNS = (
    "source",
    "status",
    "pages",
    "new",
    "updated",
    "duplicates",
    "unchanged",
    "flagged",
    "errors",
)


def run_rows(database: Database, run_ids: list[int]) -> list[dict[str, object]]:
    """Rows for the runs ``run_ids``, in that order."""
    with database.session() as session:
        found = {r.id: r for r in queries.runs(session, ids=run_ids)}
    rows = []
    for run_id in run_ids:
        run = found.get(run_id)
        if run is not None:
            rows.append(
                {
                    "id": run.id,
                    "source": run.source,
                    "status": run.status,
                    "started": run.started,
                    "finished": run.finished,
                    "finish_reason": run.finish_reason,
                    "pages": run.pages,
                    "new": run.new,
                    "updated": run.updated,
                    "duplicates": run.duplicates,
                    "unchanged": run.unchanged,
                    "flagged": run.flagged,
                    "errors": run.errors,
                    "error_samples": [{"url": u, "reason": r} for u, r in run.error_samples],
                }
            )
    return rows


def _print_errors(rows: list[dict[str, object]]) -> None:
    for row in rows:
        samples = row.get("error_samples") or []
        assert isinstance(samples, list)
        for sample in samples[:5]:
            click.echo(f"  {row['source']}: {sample['url']}: {sample['reason']}", err=True)


@click.command()
@click.argument("sources", nargs=-1)
@format_option()
@click.option(
    "--backfill",
    is_flag=True,
    help="Walk the whole archive: every listing page and sitemap, no per-run article cap. "
    "Stopped (Ctrl-C), the same command resumes it.",
)
@click.option(
    "--since",
    metavar="DATE",
    help="With --backfill: skip sitemap and feed entries dated before DATE (YYYY-MM-DD).",
)
@click.option(
    "--queued",
    is_flag=True,
    help="With --backfill and [queue] enabled: hand the backfill to the workers (split into "
    "tasks of queue.backfill_chunk articles) instead of crawling here.",
)
@click.option("--verbose", "-v", is_flag=True, help="Show Scrapy's log.")
@click.pass_obj
def crawl(
    app: AppContext,
    sources: tuple[str, ...],
    fmt: str,
    backfill: bool,
    since: str | None,
    queued: bool,
    verbose: bool,
) -> None:
    """Crawl the configured sources once (all enabled ones, or those named).

    Prints a summary per source: pages fetched, new, updated, duplicates, flagged, errors.

    \b
    Example:
      spacewatch crawl silk-road-briefing spacenews
      spacewatch crawl china-briefing --backfill --since 2024-01-01
      spacewatch crawl china-briefing --backfill --queued   # workers share it
    """
    from crawler.backfill import Backfill
    from crawler.flagging import matcher_for
    from crawler.runner import crawl_once

    config = app.config
    chosen = (
        [config.source(name) for name in sources]
        if sources
        else [s for s in config.sources if s.enabled]
    )
    if not chosen:
        raise ConfigError("sources: nothing to crawl (no enabled source in the config)")
    if since is not None and not backfill:
        raise click.UsageError("--since needs --backfill")
    if queued and not backfill:
        raise click.UsageError("--queued needs --backfill (scheduled crawls are queued by `run`)")
    walk = Backfill(since=parse_when(since, "--since")) if backfill else None
    if walk is not None and queued:
        _queue_backfills(config, [s.name for s in chosen], walk)
        return
    # Compiled now, so a pattern that fails only with its lists written out stops the crawl
    # before the first fetch (the pipeline then takes this matcher).
    matcher_for(config.taxonomy).compile_all()
    warn_of_stale_flags(app)
    run_ids = crawl_once(config, chosen, walk, LOG_LEVEL="INFO" if verbose else "WARNING")
    rows = run_rows(app.database(read_only=False), run_ids)
    emit(rows, fmt, RUN_COLUMNS, title="Crawl summary")
    if fmt == "table":
        _print_errors(rows)
    # "running" after the crawl returned: its end could not be recorded (the log says why).
    failed = [row for row in rows if row["status"] in ("failed", "running")]
    if failed:
        raise SpacewatchError(
            "crawl failed: "
            + ", ".join(
                f"{row['source']} ({row['finish_reason'] or 'its end was not recorded'})"
                for row in failed
            )
            + "; articles not stored are fetched again by the next crawl"
        )
    if walk is not None:
        for row in rows:
            if row["status"] != "finished":
                click.echo(
                    f"backfill of {row['source']} stopped ({row['status']}): "
                    "run the same command to resume it",
                    err=True,
                )


def warn_of_stale_flags(app: AppContext) -> None:
    """One line on stderr when the stored flags are another taxonomy's (before a crawl: an
    empty database then records the current one)."""
    from crawler.stale_flags import stale_flags_warning
    from storage.database import migrate

    database = app.database(read_only=False)
    migrate(database)
    warning = stale_flags_warning(database, app.config.taxonomy)
    if warning:
        click.echo(f"spacewatch: warning: {warning}", err=True)


def _queue_backfills(config: Config, names: list[str], walk: Backfill) -> None:
    import asyncio

    from crawler.tasks import Queue

    if not config.queue.enabled:
        raise ConfigError("--queued needs [queue] enabled = true (and a PostgreSQL database)")

    async def enqueue() -> list[int]:
        async with Queue(config) as queue:
            return [await queue.enqueue_backfill(name, walk.since) for name in names]

    for name, job in zip(names, asyncio.run(enqueue()), strict=True):
        click.echo(f"backfill of {name}: queued (task {job}); workers split it and crawl it")


@click.command()
@click.option(
    "--database",
    "demo_db",
    metavar="PATH",
    default="spacewatch-demo.db",
    show_default=True,
    help="SQLite file the demo writes (replaced each run).",
)
@click.option("--verbose", "-v", is_flag=True, help="Show Scrapy's log.")
def demo(demo_db: str, verbose: bool) -> None:
    """Serve the bundled offline demo web on 127.0.0.1, crawl it into SQLite, show the result.

    Nothing leaves this machine. Afterwards, query the demo database with --database.

    \b
    Example:
      spacewatch demo && spacewatch --database spacewatch-demo.db flagged
    """
    from crawler.demoweb import DemoWeb
    from crawler.runner import crawl_once

    path = Path(demo_db).expanduser().resolve()
    if not path.parent.is_dir():
        raise SpacewatchError(f"database directory does not exist: {path.parent}")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    url = f"sqlite:///{path}"
    with DemoWeb() as web, tempfile.TemporaryDirectory() as tmp:
        config_file = Path(tmp) / "spacewatch.toml"
        config_file.write_text(web.config_toml(url), "utf-8")
        config = load_config(str(config_file), env={})
        sites = ", ".join(f"{source.name} at {source.homepage}" for source in config.sources)
        click.echo(f"Crawling the demo web: {sites}")
        run_ids = crawl_once(
            config, list(config.sources), LOG_LEVEL="INFO" if verbose else "WARNING"
        )
    database = open_database(url)
    try:
        rows = run_rows(database, run_ids)
        emit(rows, "table", RUN_COLUMNS, title="Crawl summary")
        _print_errors(rows)
        with database.session() as session:
            flagged = queries.flagged(session, queries.Filters(), limit=20)
            stored = sum(s.articles for s in queries.sources(session))
        click.echo(f"\n{stored} articles stored, {len(flagged)} flagged:")
        emit(
            [
                {
                    "id": a.id,
                    "source": a.source,
                    "published": a.published,
                    "categories": a.categories,
                    "title": a.title,
                }
                for a in flagged
            ],
            "table",
            ("id", "source", "published", "categories", "title"),
        )
    finally:
        database.dispose()
    click.echo(
        f'\nDatabase: {path}\nTry: spacewatch --database {demo_db} search "lunar research station"'
    )


@click.command()
@click.argument("path", default="spacewatch.toml", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def init(path: str, force: bool) -> None:
    """Write a commented starter config (the bundled default) to PATH.

    \b
    Example:
      spacewatch init && $EDITOR spacewatch.toml
    """
    target = Path(path)
    if target.exists() and not force:
        raise SpacewatchError(f"{target} exists: use --force to overwrite it")
    if not target.parent.is_dir():
        raise SpacewatchError(f"directory does not exist: {target.parent}")
    target.write_text(bundled_config_text(), "utf-8")
    load_config(str(target), env={})  # what we wrote must load
    click.echo(f"wrote {target}")


COMMANDS = [crawl, demo, init]
