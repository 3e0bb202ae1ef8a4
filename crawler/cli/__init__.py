"""The spacewatch command line. Commands are thin: they parse, call, and print through
``output``. A SpacewatchError or StorageError becomes one line on stderr and exit code 1."""

from __future__ import annotations

import sys
from typing import Any

import click

from crawler import __version__
from crawler.cli.context import AppContext
from crawler.errors import USER_ERRORS


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    "config_path",
    metavar="PATH",
    envvar="SPACEWATCH_CONFIG",
    help="Config file (default: ./spacewatch.toml, else the bundled default).",
)
@click.option(
    "--database",
    "database",
    metavar="URL|PATH",
    help="Database URL or SQLite file; overrides the config and SPACEWATCH_DATABASE_URL.",
)
@click.version_option(__version__, prog_name="spacewatch")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None, database: str | None) -> None:
    """Monitor space-policy news: crawl, extract, dedupe, flag, store, query.

    \b
    Example:
      spacewatch demo                      # crawl the bundled offline demo web
      spacewatch crawl                     # crawl every configured source once
      spacewatch search "lunar research station" --flagged
    """
    app = AppContext(config_path, database)
    ctx.obj = app
    ctx.call_on_close(app.close)


def _register() -> None:
    from crawler.cli import crawl, maintenance, query, service, tools, web

    for module in (crawl, maintenance, query, service, tools, web):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main(argv: list[str] | None = None) -> Any:
    """Console entry point: user errors are one line on stderr and exit status 1."""
    try:
        return cli.main(args=argv, prog_name="spacewatch", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("spacewatch: aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except USER_ERRORS as exc:
        click.echo(f"spacewatch: error: {exc}", err=True)
        sys.exit(1)
