"""A crawl of a site where every page is hostile: it finishes, stores what can be stored with
the right text, and records a readable error for every other URL."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from tests.reliability.hostile import HostileSite
from tests.support import Spacewatch, database_url_for

STORED = {
    "/good/1": "Lunar station deal extended",
    "/good/2": "Second good article",
    "/malformed": "Unclosed tags",
    "/cp1252-as-utf8": "Café diplomacy — the station’s partners",
    "/gb2312-as-utf8": "月球科研站合作协议",
    "/koi8r-as-utf8": "Лунная станция",
    "/utf8-as-cp1252": "Zürich — Sänger’s lunar “deal”",
    "/future-date": "From the future",
    "/date-1970": "Epoch placeholder",
    "/bad-date": "Unparseable date",
    "/nul-bytes": "Nulbytes",
    "/rtl-emoji": "محطة أبحاث القمر الدولية 🚀🌕",
    "/deep-nesting": "Deeply nested",
}
"""Pages that must be stored, with the title a reader would expect."""
FAILED = {
    "/binary": "",
    "/huge": "",
    "/gzip-bomb": "",
    "/redirect-loop": "",
    "/error-500": "HTTP 500",
    "/error-503": "HTTP 503",
    "/error-429": "HTTP 429",
    "/stall": "",
    "/empty": "",
    "/feed.xml": "not a feed",
}
"""URLs that must each leave a readable error (the reason must contain the text given)."""


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    tmp = tmp_path_factory.mktemp("hostile")
    with HostileSite() as site:
        base = site.base
        config = tmp / "spacewatch.toml"
        config.write_text(
            f'[database]\nurl = "{database_url_for(tmp)}"\n\n'
            '[crawl]\nuser_agent = "spacewatch-test/1.0"\ndownload_delay = 0\n'
            "autothrottle = false\ndownload_timeout = 3\nmax_page_mb = 5\n"
            "concurrent_requests_per_domain = 8\nlisting_depth = 3\n\n"
            f'[[sources]]\nname = "hostile"\nhomepage = "{base}/"\nallow_private = true\n'
            f'sitemaps = ["{base}/sitemap.xml", "{base}/sitemap-index.xml"]\n'
            f'feeds = ["{base}/feed.xml"]\nlistings = ["{base}/calendar/0"]\n'
        )
        started = time.monotonic()
        result = Spacewatch(tmp, config=config)("crawl", "--format", "json", timeout=180)
        elapsed = time.monotonic() - started
        engine = create_engine(database_url_for(tmp))
        with engine.connect() as conn:
            articles = {
                row.url.removeprefix(base): row
                for row in conn.execute(text("SELECT * FROM articles"))
            }
            errors = {
                url.removeprefix(base): reason
                for url, reason in conn.execute(text("SELECT url, reason FROM crawl_errors"))
            }
            # PostgreSQL has no such check to ask for (its WAL makes a crash atomic).
            sqlite = conn.dialect.name == "sqlite"
            integrity = conn.scalar(text("PRAGMA integrity_check")) if sqlite else "ok"
        engine.dispose()
        yield {
            "result": result,
            "elapsed": elapsed,
            "articles": articles,
            "errors": errors,
            "integrity": integrity,
            "site": site,
        }


def test_the_crawl_finishes_in_bounded_time(crawled: dict[str, Any]) -> None:
    result = crawled["result"]
    assert result.code == 0, result.err
    [row] = result.json()
    assert row["status"] == "finished"
    assert crawled["elapsed"] < 120
    assert crawled["integrity"] == "ok"


@pytest.mark.parametrize("path", sorted(STORED))
def test_readable_pages_are_stored_with_the_right_title(crawled: dict[str, Any], path: str) -> None:
    stored = crawled["articles"].get(path)
    assert stored is not None, (path, crawled["errors"].get(path))
    assert stored.title == STORED[path]
    assert "\0" not in stored.title + stored.body
    assert len(stored.body) > 100


@pytest.mark.parametrize("path", sorted(FAILED))
def test_unreadable_urls_leave_a_readable_error(crawled: dict[str, Any], path: str) -> None:
    assert path not in crawled["articles"]
    reason = crawled["errors"].get(path)
    assert reason, f"no error recorded for {path}: {sorted(crawled['errors'])}"
    assert FAILED[path] in reason and "Traceback" not in reason and len(reason) < 300


def test_bad_dates_are_not_stored_as_dates(crawled: dict[str, Any]) -> None:
    articles = crawled["articles"]
    for path in ("/future-date", "/date-1970", "/bad-date"):
        assert articles[path].published_at is None, path
    assert str(articles["/good/1"].published_at).startswith("2025-03-04")


def test_traps_are_bounded(crawled: dict[str, Any]) -> None:
    site: HostileSite = crawled["site"]
    assert site.served("/good/1") == 1  # 100 tracking-parameter variants: one fetch
    assert site.served("/sitemap-index.xml") == 1  # the index that lists itself
    calendar = [p for p in site.requests if p.startswith("/calendar/")]
    assert 1 <= len(calendar) <= 3  # the endless calendar: listing_depth at most
    assert site.served("/redirect-loop") <= 6
    assert crawled["articles"]["/long-title"].title.startswith("Lunar Lunar")
