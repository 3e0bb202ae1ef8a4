"""search, show, flagged, sources, runs: commands that read."""

from __future__ import annotations

import click

from crawler.cli.context import AppContext
from crawler.cli.crawl import RUN_COLUMNS, run_rows
from crawler.cli.output import F, emit, format_option, jsonable
from crawler.errors import SpacewatchError
from crawler.versions import version_diffs
from crawler.views import detail_row, flagged_row, summary_row
from crawler.when import parse_when
from storage import queries
from storage.search_query import SearchQuery

FLAGGED_COLUMNS = ("id", "source", "published", "categories", "terms", "title")
FLAGGED_CSV_COLUMNS = (
    "id",
    "url",
    "source",
    "published",
    "first_seen",
    "categories",
    "terms",
    "snippet",
    "title",
)
"""A flagged export holds what an analyst acts on: the link, and why it was flagged."""
SEARCH_COLUMNS = ("id", "source", "published", "flagged", "title", "snippet")
TABLE_TERMS = 3
"""Terms a table row shows (json and csv carry them all)."""


def filter_options(func: F) -> F:
    func = click.option(
        "--category",
        metavar="NAME",
        help="Only articles flagged in this category (lunar, cooperation, or a config's own).",
    )(func)
    func = click.option("--until", metavar="DATE", help="Published before the end of DATE.")(func)
    func = click.option(
        "--since",
        metavar="DATE",
        help="Published on or after DATE: YYYY-MM-DD, an ISO time, 7d, 12h, 2w, today, yesterday.",
    )(func)
    func = click.option(
        "--source", "sources", multiple=True, metavar="NAME", help="Only this source (repeatable)."
    )(func)
    return func


def _filters(
    app: AppContext,
    flagged: bool,
    sources: tuple[str, ...],
    since: str | None,
    until: str | None,
    category: str | None,
) -> queries.Filters:
    if category is not None:
        flagging = [c.name for c in app.config.taxonomy.categories if c.flag]
        if category not in flagging:
            raise SpacewatchError(
                f"--category: no flagging category called {category!r}"
                f" (categories: {', '.join(flagging)})"
            )
    if sources:
        with app.database().session() as session:
            known = set(queries.source_names(session))
        for name in sources:
            if name not in known:
                stored = ", ".join(sorted(known)) or "none"
                raise SpacewatchError(
                    f"--source: no stored source called {name!r} (stored: {stored})"
                )
    return queries.Filters(
        flagged_only=flagged or category is not None,
        sources=sources,
        since=parse_when(since, "--since"),
        until=parse_when(until, "--until", end_of_day=True),
        category=category or "",
    )


def _limit(value: int) -> int:
    if value < 1:
        raise SpacewatchError(f"--limit: must be at least 1, got {value}")
    return value


@click.command()
@click.argument("query")
@click.option("--flagged", is_flag=True, help="Only flagged articles.")
@filter_options
@click.option("--limit", default=20, show_default=True, help="At most this many results.")
@format_option()
@click.pass_obj
def search(
    app: AppContext,
    query: str,
    flagged: bool,
    sources: tuple[str, ...],
    since: str | None,
    until: str | None,
    category: str | None,
    limit: int,
    fmt: str,
) -> None:
    """Full-text search of stored articles, most relevant first, with a snippet.

    Ranking covers the newest 1,000 matches (after filters), so a common word stays fast on a
    large database; narrow with --since or --source to reach older ones.

    Words are ANDed; "a phrase"; OR; -word excludes; word* is a prefix.

    \b
    Example:
      spacewatch search '"lunar research station" OR ILRS' --flagged --since 2021-01-01
    """
    parsed = SearchQuery.parse(query)
    filters = _filters(app, flagged, sources, since, until, category)
    with app.database().session() as session:
        hits = queries.search(session, parsed, filters, limit=_limit(limit))
    emit(
        [summary_row(h, with_search=True) for h in hits],
        fmt,
        SEARCH_COLUMNS,
        csv_columns=("id", "url", *SEARCH_COLUMNS[1:]),
    )


@click.command()
@filter_options
@click.option("--limit", default=50, show_default=True, help="At most this many articles.")
@format_option()
@click.pass_obj
def flagged(
    app: AppContext,
    sources: tuple[str, ...],
    since: str | None,
    until: str | None,
    category: str | None,
    limit: int,
    fmt: str,
) -> None:
    """Flagged articles, newest first.

    \b
    Example:
      spacewatch flagged --since 2026-01-01 --format csv > flagged.csv
      spacewatch flagged --category lunar --since 7d
    """
    filters = _filters(app, True, sources, since, until, category)
    with app.database().session() as session:
        found = queries.flagged(session, filters, limit=_limit(limit))
        reasons = queries.flag_reasons(session, [a.id for a in found])
    rows = [flagged_row(a, reasons.get(a.id)) for a in found]
    if fmt == "table":  # a terminal row of a dozen terms is a dozen lines: the first few
        for row in rows:
            terms = row["terms"]
            row["terms"] = terms[:TABLE_TERMS] + [f"+{len(terms) - TABLE_TERMS} more"] * (
                len(terms) > TABLE_TERMS
            )
    emit(rows, fmt, FLAGGED_COLUMNS, csv_columns=FLAGGED_CSV_COLUMNS)


@click.command()
@click.argument("key", metavar="ID|URL")
@click.option(
    "--versions", "with_versions", is_flag=True, help="Also show what each update changed (a diff)."
)
@format_option(choices=("table", "json"))
@click.pass_obj
def show(app: AppContext, key: str, with_versions: bool, fmt: str) -> None:
    """One article: metadata, why it was flagged (terms, counts, snippets), and its body.

    \b
    Example:
      spacewatch show 42
      spacewatch show 42 --versions     # and the diff of each update
    """
    lookup: int | str = int(key) if key.isdigit() else key
    with app.database().session() as session:
        detail = queries.get_article(session, lookup)
        texts = (
            queries.version_texts(session, detail.summary.id) if detail and with_versions else []
        )
    if detail is None:
        raise SpacewatchError(f"no stored article {key!r}")
    row = detail_row(detail)
    if with_versions:
        row["changes"] = version_diffs(texts)
    if fmt == "json":
        import json

        click.echo(json.dumps(jsonable(row), ensure_ascii=False, indent=2))
        return
    for label in (
        "id",
        "title",
        "url",
        "source",
        "published",
        "modified",
        "authors",
        "language",
        "section",
        "tags",
        "version",
        "flagged",
        "categories",
        "score",
        "duplicate_of",
    ):
        value = row[label]
        if value not in (None, "", []):
            shown = ", ".join(map(str, value)) if isinstance(value, list) else jsonable(value)
            click.echo(f"{label:>12}: {shown}")
    # What it was flagged for first; then context and categories it did not reach.
    why = [m for m in row["matches"] if m["category"] in row["categories"]]
    rest = [m for m in row["matches"] if m["category"] not in row["categories"]]
    for heading, matches in (
        ("Why it was flagged:", why),
        ("Also matched (context, or too little to flag):", rest),
    ):
        if matches:
            click.echo(f"\n{heading}")
        for match in matches:
            where = f"x{match['count']} in {match['field']}"
            click.echo(f"  [{match['category']}] {match['term']} {where}: {match['snippet']}")
    if row["duplicates"]:
        click.echo("\nAlso published as:")
        for dup in row["duplicates"]:
            click.echo(f"  #{dup['id']} {dup['source']}: {dup['url']}")
    click.echo("\n" + row["body"])
    if with_versions:
        click.echo("\nVersions:" if row["changes"] else "\nVersions: only one, never updated.")
        for change in row["changes"]:
            click.echo(f"\n{change['diff']}")


@click.command()
@format_option()
@click.pass_obj
def sources(app: AppContext, fmt: str) -> None:
    """Sources: configured and stored, with article counts and their last crawl.

    \b
    Example:
      spacewatch sources
    """
    configured = {s.name: s for s in app.config.sources}
    stored: dict[str, queries.SourceSummary] = {}
    database = app.database(read_only=False)
    from storage.database import schema_revision

    if schema_revision(database) is not None:
        with database.session() as session:
            stored = {s.name: s for s in queries.sources(session)}
    rows = []
    for name in [*configured, *(n for n in stored if n not in configured)]:
        summary = stored.get(name)
        rows.append(
            {
                "name": name,
                "configured": name in configured,
                "homepage": configured[name].homepage
                if name in configured
                else (summary.homepage if summary else ""),
                "articles": summary.articles if summary else 0,
                "flagged": summary.flagged if summary else 0,
                "last_run": summary.last_run if summary else None,
                "last_status": summary.last_status if summary else "",
            }
        )
    emit(rows, fmt, ("name", "articles", "flagged", "last_run", "last_status", "homepage"))


@click.command()
@click.option("--source", default=None, metavar="NAME", help="Only this source's runs.")
@click.option("--limit", default=20, show_default=True, help="At most this many runs.")
@format_option()
@click.pass_obj
def runs(app: AppContext, source: str | None, limit: int, fmt: str) -> None:
    """Crawl runs, newest first, with their counts and a few URL errors.

    \b
    Example:
      spacewatch runs --source spacenews --format json
    """
    database = app.database()
    with database.session() as session:
        found = queries.runs(session, source=source, limit=_limit(limit))
    rows = run_rows(database, [r.id for r in found])
    emit(rows, fmt, ("id", "started", *RUN_COLUMNS))


COMMANDS = [search, show, flagged, sources, runs]
