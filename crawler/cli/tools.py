"""extract, flag: run the pure cores on files, no crawl and no database."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path
from typing import Any

import click

from crawler.cli.context import AppContext
from crawler.cli.output import jsonable
from crawler.errors import SpacewatchError
from crawler.flagging import flag as flag_text

MAX_FILE_BYTES = 50 * 1024 * 1024


def read_page(path: Path) -> str:
    """A saved page as text: .html or .html.gz, decoded as the crawl decodes pages."""
    from crawler.extraction.decoding import decode_html

    try:
        raw = path.read_bytes()
        if raw[:2] == b"\x1f\x8b":
            with gzip.open(path) as stream:
                raw = stream.read(MAX_FILE_BYTES + 1)
    except (OSError, EOFError) as exc:
        raise SpacewatchError(f"{path}: cannot read: {exc}") from exc
    if len(raw) > MAX_FILE_BYTES:
        raise SpacewatchError(f"{path}: larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    return decode_html(raw)


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--url", default="", help="The URL the page was saved from (helps dates and links).")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "jsonl"]), default="json", show_default=True
)
@click.option(
    "--explain",
    is_flag=True,
    help="Add which reader gave each field (json-ld, meta, markup, trafilatura, htmldate, ...).",
)
def extract(files: tuple[Path, ...], url: str, fmt: str, explain: bool) -> None:
    """Extract the article from saved pages (.html or .html.gz), as the crawler would.

    One record per file, in the order given. A file that cannot be read is reported on stderr
    and the others are still printed; the exit status is then 1. "is_article" says whether the
    page shows it is an article (a crawl that reached it without a feed entry drops it
    otherwise); --explain adds what showed it: JSON-LD, og:type, a date, <article>/<main>, or
    paragraphs of prose.

    \b
    Example:
      spacewatch extract page.html.gz --url https://example.com/news/story --explain
    """
    # Extraction's packages (trafilatura, lxml, the language model) load only for this command.
    from crawler.extraction import extract_article
    from crawler.pipelines.normalize import clean_text

    records: list[dict[str, Any]] = []
    failures = 0
    for path in files:
        try:
            text = read_page(path)
        except SpacewatchError as exc:
            click.echo(f"spacewatch: error: {exc}", err=True)
            failures += 1
            continue
        fields = extract_article(text, url or path.resolve().as_uri())
        record: dict[str, Any] = {
            "file": str(path),
            "url": url or None,
            "is_article": fields.is_article,
            "title": fields.title,
            "authors": list(fields.authors),
            "published": fields.published_at,
            "modified": fields.modified_at,
            "language": fields.language,
            "summary": fields.summary,
            "section": fields.section,
            "tags": list(fields.tags),
            "canonical_url": fields.canonical_url,
            "image_url": fields.image_url,
            "body": clean_text(fields.body),
        }
        if explain:
            record["explain"] = dict(fields.methods)
        records.append(record)
    if fmt == "json":
        click.echo(json.dumps(jsonable(records), ensure_ascii=False, indent=2))
    else:
        for record in records:
            click.echo(json.dumps(jsonable(record), ensure_ascii=False))
    if failures:
        sys.exit(1)


def _records(text: str) -> tuple[list[dict[str, str]], list[str]]:
    """The records to flag and the problems found: JSON lines with title and body when the
    first line that is not blank opens with "{", otherwise the whole input as one plain-text
    body. A bad line is reported by its number and skipped, so one broken line neither loses
    the others nor turns the file into one text."""
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    if not first.lstrip().startswith("{"):
        return [{"title": "", "body": text}], []
    records: list[dict[str, str]] = []
    problems: list[str] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except ValueError as exc:
            problems.append(f"line {number}: not JSON ({exc.args[0] if exc.args else exc})")
            continue
        fields = (
            {key: value.get(key) for key in ("title", "body")} if isinstance(value, dict) else {}
        )
        if not fields or all(v is None for v in fields.values()):
            problems.append(f"line {number}: not an object with a title or a body")
            continue
        if any(v is not None and not isinstance(v, str) for v in fields.values()):
            problems.append(f"line {number}: title and body must be strings")
            continue
        records.append({key: v or "" for key, v in fields.items()})
    return records, problems


@click.command()
@click.argument("source", default="-", metavar="[FILE|-]")
@click.pass_obj
def flag(app: AppContext, source: str) -> None:
    """Flag text with the configured taxonomy: plain text, or JSON lines with title and body.

    Input whose first line opens with "{" is read as JSON lines; a line that is not an
    object with a string title or body is reported by its number (exit status 1) and the
    other lines are still flagged. Prints one JSON object per record: flagged, score,
    categories, and every match (term, category, count, offsets, snippet).

    \b
    Example:
      echo "CNSA and Roscosmos signed an MoU on the ILRS" | spacewatch flag
    """
    if source == "-":
        text = sys.stdin.read()
    else:
        try:
            text = Path(source).read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise SpacewatchError(f"{source}: cannot read: {exc}") from exc
    taxonomy = app.config.taxonomy
    records, problems = _records(text)
    for record in records:
        result = flag_text(record["title"], record["body"], taxonomy)
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
    if problems:
        where = "standard input" if source == "-" else source
        for problem in problems:
            click.echo(f"spacewatch: error: {where}: {problem}", err=True)
        sys.exit(1)


COMMANDS = [extract, flag]
