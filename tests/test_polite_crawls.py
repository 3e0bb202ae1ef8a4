"""Politeness and safety in real crawls of the demo web: Retry-After, private addresses, the
HTTP cache for entry points."""

from __future__ import annotations

import asyncio
import os
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace
from typing import ClassVar

import pytest
from scrapy import Request

from crawler.config import is_private_host
from crawler.demoweb import DemoWeb
from crawler.demoweb.corpus import FEEDS_SITE, HOMEPAGE_SITE, SITEMAPS_SITE
from crawler.httpcache import prune
from crawler.middlewares import PrivateAddressGuard, PrivateAddressRefused, retry_after_seconds
from tests.support import database_url_for, demo_cli


def crawl(tmp_path: Path, web: DemoWeb, *sources: str) -> list[dict[str, object]]:
    cli = demo_cli(tmp_path, web, database_url_for(tmp_path))
    done = cli("crawl", *sources, "--format", "json")
    assert done.code == 0, done.err
    rows: list[dict[str, object]] = done.json()
    return rows


def test_retry_after_is_waited_for_then_the_crawl_goes_on(tmp_path: Path, demoweb: DemoWeb) -> None:
    demoweb.answer(FEEDS_SITE, "/news/feed/", 429, {"Retry-After": "2"})
    [row] = crawl(tmp_path, demoweb, "briefing-demo")
    times = demoweb.request_times(FEEDS_SITE, "/news/feed/")
    assert len(times) == 2
    assert times[1] - times[0] >= 1.9  # Scrapy's own retry would have come back at once
    assert row["new"] == len(demoweb.articles(FEEDS_SITE))


def test_a_retry_after_too_long_is_not_waited_for_but_recorded(
    tmp_path: Path, demoweb: DemoWeb
) -> None:
    demoweb.answer(FEEDS_SITE, "/news/feed/", 503, {"Retry-After": "3600"}, times=5)
    [row] = crawl(tmp_path, demoweb, "briefing-demo")
    feed = demoweb.base(FEEDS_SITE) + "/news/feed/"
    assert {"url": feed, "reason": "HTTP 503"} in row["error_samples"]  # type: ignore[operator]
    # The Atom feed still led to every article.
    assert row["new"] == len(demoweb.articles(FEEDS_SITE))


def test_retry_after_values() -> None:
    assert retry_after_seconds(b"120") == 120
    assert retry_after_seconds(b"Wed, 21 Oct 2015 07:28:30 GMT", now=1445412480.0) == 30
    assert retry_after_seconds(b"Wed, 21 Oct 2015 07:28:00 GMT", now=1445412480.0) == 0
    assert retry_after_seconds(b"soon") is None
    assert retry_after_seconds(None) is None


class Recorder(BaseHTTPRequestHandler):
    seen: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        Recorder.seen.append(self.path)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def elsewhere() -> Iterator[str]:
    """A server on 127.0.0.2 (still this machine): a redirect target that must not be hit."""
    Recorder.seen = []
    server = ThreadingHTTPServer(("127.0.0.2", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.2:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_redirects_to_other_private_hosts_are_refused(
    tmp_path: Path, demoweb: DemoWeb, elsewhere: str
) -> None:
    first, second, *rest = demoweb.articles(HOMEPAGE_SITE)
    port = elsewhere.rsplit(":", 1)[1]
    demoweb.answer(HOMEPAGE_SITE, first.path, 302, {"Location": f"{elsewhere}/latest/meta-data/"})
    demoweb.answer(HOMEPAGE_SITE, second.path, 301, {"Location": f"http://localhost:{port}/admin"})
    [row] = crawl(tmp_path, demoweb, "spacewire-demo")
    assert Recorder.seen == []
    reasons = {e["reason"] for e in row["error_samples"]}  # type: ignore[attr-defined]
    assert "PrivateAddressRefused: 127.0.0.2 is a private address; not fetched" in reasons
    assert "PrivateAddressRefused: localhost is a private address; not fetched" in reasons
    assert row["new"] == len(rest)


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.7/",
        "http://192.168.1.1:8080/",
        "http://[fd00::1]/",
        "http://[::1]/",
        "http://0.0.0.0/",
        "http://127.0.0.1:9/",  # loopback, but not the source's own host:port
    ],
)
def test_private_targets_are_refused_even_for_a_source_allowed_its_own(url: str) -> None:
    source = SimpleNamespace(allow_private=True, hosts=("127.0.0.1:8000",))
    crawler = SimpleNamespace(spider=SimpleNamespace(source=source))
    guard = PrivateAddressGuard(crawler)  # type: ignore[arg-type]
    with pytest.raises(PrivateAddressRefused):
        asyncio.run(guard.process_request(Request(url)))
    assert asyncio.run(guard.process_request(Request("http://127.0.0.1:8000/a"))) is None


def test_private_hosts() -> None:
    for host in ("169.254.169.254", "10.1.2.3", "172.16.0.1", "127.0.0.2", "::1", "localhost"):
        assert is_private_host(host), host
    for host in ("93.184.216.34", "2606:4700::1111", "example.com"):
        assert not is_private_host(host), host


def test_unchanged_entry_points_cost_a_304_and_new_articles_still_show(
    tmp_path: Path, demoweb: DemoWeb
) -> None:
    first = crawl(tmp_path, demoweb, "briefing-demo", "newsroom-demo")
    assert all(row["new"] for row in first)
    assert demoweb.conditional(FEEDS_SITE) == []  # nothing cached yet

    second = crawl(tmp_path, demoweb, "briefing-demo", "newsroom-demo")
    assert all(row["new"] == 0 for row in second)
    feeds = demoweb.conditional(FEEDS_SITE)
    assert set(feeds) == {("/news/feed/", True), ("/news/feed/atom/", True), ("/robots.txt", True)}
    sitemaps = dict(demoweb.conditional(SITEMAPS_SITE))
    assert sitemaps["/sitemap_index.xml"] is True
    article_paths = {a.path for a in demoweb.articles()}
    assert not article_paths & {path for path, _ in feeds}  # articles are never cached

    published = demoweb.publish("DailyMaverick_2026_01_06")
    before = len(demoweb.conditional(published.site))
    third = crawl(tmp_path, demoweb, "briefing-demo", "newsroom-demo")
    assert sum(int(row["new"]) for row in third) == 1  # type: ignore[call-overload]
    # The changed entry point was revalidated and answered 200: the cache hid nothing.
    assert any(not hit for _, hit in demoweb.conditional(published.site)[before:])


def test_old_cache_entries_are_pruned(tmp_path: Path) -> None:
    for name, age_days in (("old", 40), ("fresh", 1)):
        entry = tmp_path / "source" / "ab" / f"ab{name}"
        entry.mkdir(parents=True)
        (entry / "response_body").write_bytes(b"x")
        meta = entry / "pickled_meta"
        meta.write_bytes(b"x")
        stamp = time.time() - age_days * 86400
        os.utime(meta, (stamp, stamp))
    assert prune(tmp_path, 30 * 86400) == 1
    assert [p.name for p in (tmp_path / "source" / "ab").iterdir()] == ["abfresh"]
