"""serve: the read-only web page."""

from __future__ import annotations

import click

from crawler.cli.context import AppContext


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(0, 65535))
@click.pass_obj
def serve(app: AppContext, host: str, port: int) -> None:
    """Serve the read-only web page: flagged articles, search, articles, source health.

    Also /flagged.atom (Atom feed) and a JSON API under /api/ (described at
    /api/openapi.json). Nothing on the page changes the database. It listens on localhost
    unless --host says otherwise; it has no login, so put it behind one before exposing it.

    \b
    Example:
      spacewatch serve --port 8080        # then open http://127.0.0.1:8080/
    """
    import uvicorn

    from crawler.web.app import create_app

    web = create_app(app.config, app.database())
    click.echo(f"spacewatch: serving http://{host}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.run(web, host=host, port=port, log_level="warning", proxy_headers=False)


COMMANDS = [serve]
