"""The one formatter: --format table | json | jsonl | csv, for every command."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.table import Table

FORMATS = ("table", "json", "jsonl", "csv")


F = TypeVar("F", bound=Callable[..., Any])


def format_option(default: str = "table", choices: Sequence[str] = FORMATS) -> Callable[[F], F]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=default,
        show_default=True,
        help="table for people; json, jsonl or csv for programs.",
    )


def jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def _cell(value: Any) -> str:
    value = jsonable(value)
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else ""
    return str(value)


def emit(
    rows: list[dict[str, Any]],
    fmt: str,
    columns: Sequence[str],
    title: str = "",
    csv_columns: Sequence[str] = (),
) -> None:
    """Print ``rows``: all keys for json/jsonl, ``columns`` for a table, ``csv_columns`` (else
    ``columns``) for csv: a file has room for what a terminal has not."""
    if fmt == "json":
        click.echo(json.dumps([jsonable(r) for r in rows], ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(jsonable(row), ensure_ascii=False))
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        header = csv_columns or columns
        writer.writerow(header)
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in header])
        click.echo(buffer.getvalue(), nl=False)
    else:
        table = Table(title=title or None, show_lines=False, expand=False)
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*(_cell(row.get(c)) for c in columns))
        console = Console(width=max(120, Console().width), highlight=False, soft_wrap=False)
        with console.capture() as captured:
            console.print(table)
        click.echo(captured.get(), nl=False)
        if not rows:
            click.echo("(nothing found)")
