"""Young articles are fetched once more for edits that no feed or sitemap announces."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import create_engine, text

from crawler.demoweb import DemoWeb
from crawler.demoweb.corpus import FEEDS_SITE
from tests.support import Spacewatch, database_url_for, demo_cli


def age_all_articles(tmp_path: Path, hours: float) -> None:
    """As if every article had been first (and last) fetched ``hours`` ago."""
    when = (dt.datetime.now(dt.UTC) - dt.timedelta(hours=hours)).isoformat()
    engine = create_engine(database_url_for(tmp_path))
    try:
        with engine.begin() as conn:
            conn.execute(
                text("UPDATE articles SET first_seen_at = :t, last_fetched_at = :t"), {"t": when}
            )
    finally:
        engine.dispose()


def crawl(cli: Spacewatch) -> dict[str, object]:
    done = cli("crawl", "briefing-demo", "--format", "json")
    assert done.code == 0, done.err
    [row] = done.json()
    return row  # type: ignore[no-any-return]


def article_requests(web: DemoWeb, since: int) -> list[str]:
    paths = {a.path for a in web.articles(FEEDS_SITE)}
    return [p for p in web.requested(FEEDS_SITE)[since:] if p in paths]


def test_a_silent_edit_is_caught_by_the_one_recheck_of_young_articles(
    tmp_path: Path, demoweb: DemoWeb
) -> None:
    cli = demo_cli(tmp_path, demoweb, database_url_for(tmp_path))
    total = len(demoweb.articles(FEEDS_SITE))
    assert crawl(cli)["new"] == total
    target = demoweb.articles(FEEDS_SITE)[1]
    # An edit whose feeds keep the old date: nothing announces it.
    demoweb.edit(
        target.key,
        lambda paragraphs: [*paragraphs, "Update: the agencies signed the agreement."],
        when=target.modified or target.published,
    )

    mark = len(demoweb.requested(FEEDS_SITE))
    again = crawl(cli)
    assert article_requests(demoweb, mark) == [] and again["updated"] == 0  # too soon

    age_all_articles(tmp_path, hours=7)
    mark = len(demoweb.requested(FEEDS_SITE))
    rechecked = crawl(cli)
    assert sorted(article_requests(demoweb, mark)) == sorted(
        a.path for a in demoweb.articles(FEEDS_SITE)
    )
    assert rechecked["updated"] == 1 and rechecked["unchanged"] == total - 1

    mark = len(demoweb.requested(FEEDS_SITE))
    crawl(cli)
    assert article_requests(demoweb, mark) == []  # once, not every run

    age_all_articles(tmp_path, hours=60)  # older than 48 h: never again
    mark = len(demoweb.requested(FEEDS_SITE))
    crawl(cli)
    assert article_requests(demoweb, mark) == []
