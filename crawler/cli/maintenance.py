"""db and reflag: maintenance of what is stored."""

from __future__ import annotations

import datetime as dt

import click

from crawler.cli.context import AppContext
from crawler.cli.output import emit, format_option
from crawler.flagging import flag
from crawler.stale_flags import record_reflagged
from crawler.when import parse_when
from storage import flags as stored_flags
from storage.database import head_revision, migrate, schema_revision

REFLAG_BATCH = 200


@click.group()
def db() -> None:
    """Database maintenance."""


@db.command()
@click.pass_obj
def upgrade(app: AppContext) -> None:
    """Create or upgrade the database schema to this version's.

    \b
    Example:
      spacewatch db upgrade
    """
    database = app.database(read_only=False)
    before = schema_revision(database)
    migrate(database)
    click.echo(f"database at revision {head_revision()} (was {before or 'empty'})")


@click.command()
@click.option(
    "--since",
    metavar="DATE",
    help="Only articles published on or after DATE (YYYY-MM-DD, 7d, ...).",
)
@click.option("--alert", is_flag=True, help="Alert on articles this reflag newly flags.")
@format_option()
@click.pass_obj
def reflag(app: AppContext, since: str | None, alert: bool, fmt: str) -> None:
    """Recompute flags of stored articles with the current taxonomy, without re-crawling.

    Works in batches; prints every article whose flag or categories changed. Articles newly
    flagged by a reflag are not alerted as new items unless --alert is given.

    \b
    Example:
      spacewatch reflag --since 2026-01-01
    """
    from crawler.pipelines.store import match_records  # Scrapy: only reflag needs it

    database = app.database(read_only=False)
    migrate(database)
    taxonomy = app.config.taxonomy
    since_at = parse_when(since, "--since")
    now = dt.datetime.now(dt.UTC)
    checked = 0
    changes: list[dict[str, object]] = []
    for batch in stored_flags.batches(database, since_at, REFLAG_BATCH):
        results = []
        for stored in batch:
            result = flag(stored.title, stored.body, taxonomy)
            checked += 1
            results.append(
                stored_flags.NewFlags(
                    id=stored.id,
                    flagged=result.flagged,
                    score=result.score,
                    categories=list(result.categories),
                    matches=match_records(result),
                )
            )
            if result.flagged != stored.flagged or list(result.categories) != stored.categories:
                change = (
                    "flagged"
                    if result.flagged and not stored.flagged
                    else ("unflagged" if stored.flagged and not result.flagged else "categories")
                )
                changes.append(
                    {
                        "id": stored.id,
                        "title": stored.title,
                        "change": change,
                        "before": stored.categories,
                        "after": list(result.categories),
                    }
                )
        with database.session() as session:
            stored_flags.write_flags(session, results, now, alert)
    if since_at is None:  # every stored article has the current taxonomy's flags now
        record_reflagged(database, taxonomy)
    emit(changes, fmt, ("id", "change", "before", "after", "title"))
    if fmt == "table":
        counts = {
            kind: sum(1 for c in changes if c["change"] == kind)
            for kind in ("flagged", "unflagged", "categories")
        }
        click.echo(
            f"{checked} articles checked: {counts['flagged']} newly flagged, "
            f"{counts['unflagged']} no longer flagged, {counts['categories']} with other categories"
            + ("" if alert or not counts["flagged"] else " (not alerted: use --alert)")
        )


COMMANDS = [db, reflag]
