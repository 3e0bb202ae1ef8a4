"""`spacewatch crawl SOURCE --backfill [--since]`: the whole archive once, resumably."""

from __future__ import annotations

import datetime as dt
import signal
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import create_engine, text

from crawler.demoweb import DemoWeb
from crawler.demoweb.corpus import FEEDS_SITE, SITEMAPS_SITE
from tests.support import Spacewatch, database_url_for

LISTING = "/news/category/space/"
BACKFILL = ("crawl", "listing", "--backfill")


def listing_cli(tmp_path: Path, web: DemoWeb, *, concurrency: int = 8) -> Spacewatch:
    """One listing-only source on the briefing site (7 articles, 3 a page), a sitemap-only
    source on the newsroom site, and a listing depth of 1: a normal run reads one page."""
    base, newsroom = web.base(FEEDS_SITE), web.base(SITEMAPS_SITE)
    config = tmp_path / "spacewatch.toml"
    config.write_text(
        f'[database]\nurl = "{database_url_for(tmp_path)}"\n\n'
        '[crawl]\nuser_agent = "spacewatch-test/1.0"\ndownload_delay = 0\nautothrottle = false\n'
        f"listing_depth = 1\nconcurrent_requests_per_domain = {concurrency}\n\n"
        f'[[sources]]\nname = "listing"\nhomepage = "{base}/"\nallow_private = true\n'
        f'listings = ["{base}{LISTING}"]\n\n'
        f'[[sources]]\nname = "sitemap"\nhomepage = "{newsroom}/"\nallow_private = true\n'
        f'sitemaps = ["{newsroom}/sitemap_index.xml"]\n'
    )
    return Spacewatch(tmp_path, config=config)


def stored_urls(tmp_path: Path) -> list[str]:
    engine = create_engine(database_url_for(tmp_path))
    try:
        with engine.connect() as conn:
            return [row[0] for row in conn.execute(text("SELECT url FROM articles"))]
    finally:
        engine.dispose()


def job_dirs(tmp_path: Path) -> list[Path]:
    root = tmp_path / "xdg-data" / "spacewatch" / "backfill"
    return sorted(root.iterdir()) if root.is_dir() else []


def article_fetches(web: DemoWeb) -> Counter[str]:
    paths = {a.path for a in web.articles(FEEDS_SITE)}
    return Counter(p for p in web.requested(FEEDS_SITE) if p in paths)


def test_backfill_walks_every_listing_page_the_hourly_run_stops_before(
    tmp_path: Path, demoweb: DemoWeb
) -> None:
    cli = listing_cli(tmp_path, demoweb)
    [first] = cli("crawl", "listing", "--format", "json").json()
    assert first["new"] == 3  # listing_depth = 1: page 1 only
    assert f"{LISTING}page/2/" not in demoweb.requested(FEEDS_SITE)

    done = cli("crawl", "listing", "--backfill", "--format", "json")
    assert done.code == 0, done.err
    [row] = done.json()
    assert row["status"] == "finished" and row["new"] == len(demoweb.articles(FEEDS_SITE)) - 3
    assert {f"{LISTING}page/2/", f"{LISTING}page/3/"} <= set(demoweb.requested(FEEDS_SITE))
    assert max(article_fetches(demoweb).values()) == 1  # the first three were not fetched again
    assert job_dirs(tmp_path) == []  # a finished backfill leaves no state behind


def test_backfill_since_skips_older_sitemap_entries(tmp_path: Path, demoweb: DemoWeb) -> None:
    articles = demoweb.articles(SITEMAPS_SITE)
    dates = sorted(a.modified or a.published for a in articles)
    cut = dates[len(dates) // 2]
    expected = sum(1 for d in dates if d >= cut)
    assert 0 < expected < len(articles)
    cli = listing_cli(tmp_path, demoweb)
    done = cli("crawl", "sitemap", "--backfill", "--since", cut.isoformat(), "--format", "json")
    assert done.code == 0, done.err
    assert done.json()[0]["new"] == expected

    misuse = cli("crawl", "sitemap", "--since", "2024-01-01")
    assert misuse.code != 0 and "--since needs --backfill" in misuse.err
    bad = cli("crawl", "sitemap", "--backfill", "--since", "last tuesday")
    assert bad.code != 0 and "not a date" in bad.err


def wait_until_fetched(web: DemoWeb, count: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if sum(article_fetches(web).values()) >= count:
            return
        time.sleep(0.05)
    raise AssertionError(f"fewer than {count} articles fetched after {timeout} s")


def interrupt_backfill(cli: Spacewatch, web: DemoWeb, signum: int) -> tuple[int, str]:
    """Start a slow backfill, send ``signum`` once two articles were fetched; (exit, stderr)."""
    web.slow_down(0.7)
    process = cli.start(*BACKFILL)
    try:
        wait_until_fetched(web, 2)
        process.send_signal(signum)
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    web.slow_down(0)
    return process.returncode, err


def test_a_stopped_backfill_resumes_where_it_stopped(tmp_path: Path, demoweb: DemoWeb) -> None:
    cli = listing_cli(tmp_path, demoweb, concurrency=1)
    code, err = interrupt_backfill(cli, demoweb, signal.SIGINT)  # Ctrl-C: a clean close
    assert code == 0, err
    assert "backfill of listing stopped (cancelled): run the same command to resume" in err
    stopped_with = len(stored_urls(tmp_path))
    assert stopped_with < len(demoweb.articles(FEEDS_SITE))
    [job] = job_dirs(tmp_path)
    assert (job / "spacewatch-clean-stop").exists()

    done = cli("crawl", "listing", "--backfill", "--format", "json")
    assert done.code == 0, done.err
    [row] = done.json()
    assert row["status"] == "finished" and row["new"] == len(demoweb.articles(FEEDS_SITE)) - (
        stopped_with
    )
    urls = stored_urls(tmp_path)
    assert len(urls) == len(set(urls)) == len(demoweb.articles(FEEDS_SITE))
    # Resumed, not restarted: no article and no listing page after the first was fetched twice.
    assert max(article_fetches(demoweb).values()) == 1
    pages = Counter(p for p in demoweb.requested(FEEDS_SITE) if p.startswith(f"{LISTING}page/"))
    assert pages == {f"{LISTING}page/2/": 1, f"{LISTING}page/3/": 1}
    assert job_dirs(tmp_path) == []


def test_a_killed_backfill_walks_again_and_loses_nothing(tmp_path: Path, demoweb: DemoWeb) -> None:
    cli = listing_cli(tmp_path, demoweb, concurrency=1)
    code, _ = interrupt_backfill(cli, demoweb, signal.SIGKILL)
    assert code == -signal.SIGKILL
    assert job_dirs(tmp_path)  # state left behind, with no clean-stop marker

    done = cli("crawl", "listing", "--backfill", "--format", "json", "--verbose")
    assert done.code == 0, done.err
    assert "was not closed cleanly" in done.err
    urls = stored_urls(tmp_path)
    assert len(urls) == len(set(urls)) == len(demoweb.articles(FEEDS_SITE))
    # Stored articles were skipped by the database check, not fetched again.
    assert max(article_fetches(demoweb).values()) <= 2
    assert job_dirs(tmp_path) == []


def test_since_must_be_a_date() -> None:
    from crawler.backfill import Backfill

    since = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    walk = Backfill(since=since)
    assert walk.wanted(None) and walk.wanted(since) and not walk.wanted(since - dt.timedelta(1))
    assert Backfill().wanted(since - dt.timedelta(days=9999))
