"""Crawls of sources that name less than the demo config does: discovery and politeness."""

from __future__ import annotations

from html import escape
from pathlib import Path

from crawler.demoweb import DemoWeb
from crawler.demoweb.corpus import FEEDS_SITE, SITEMAPS_SITE
from tests.support import Spacewatch, database_url_for


def crawl_with(
    tmp_path: Path, web: DemoWeb, sources: str
) -> tuple[Spacewatch, list[dict[str, object]]]:
    config = tmp_path / "spacewatch.toml"
    config.write_text(
        f'[database]\nurl = "{database_url_for(tmp_path)}"\n\n'
        '[crawl]\nuser_agent = "spacewatch-test/1.0 (+https://example.org/contact)"\n'
        "download_delay = 0\nautothrottle = false\n\n" + sources
    )
    cli = Spacewatch(tmp_path, config=config)
    result = cli("crawl", "--format", "json")
    assert result.code == 0, result.err
    rows: list[dict[str, object]] = result.json()
    return cli, rows


def test_home_page_only_source_finds_the_feed_it_announces(
    tmp_path: Path, demoweb: DemoWeb
) -> None:
    base = demoweb.base(FEEDS_SITE)
    _, (row,) = crawl_with(
        tmp_path, demoweb, f'[[sources]]\nname = "b"\nhomepage = "{base}/"\nallow_private = true\n'
    )
    assert row["new"] == len(demoweb.articles(FEEDS_SITE))
    assert "/news/feed/" in demoweb.requested(FEEDS_SITE)


def test_home_page_only_source_finds_sitemaps_in_robots_txt(
    tmp_path: Path, demoweb: DemoWeb
) -> None:
    base = demoweb.base(SITEMAPS_SITE)
    _, (row,) = crawl_with(
        tmp_path, demoweb, f'[[sources]]\nname = "n"\nhomepage = "{base}/"\nallow_private = true\n'
    )
    assert row["new"] == len(demoweb.articles(SITEMAPS_SITE))
    requested = demoweb.requested(SITEMAPS_SITE)
    assert "/sitemap_index.xml" in requested and "/post-sitemap.xml.gz" in requested


def test_listing_pages_are_followed_until_a_page_has_nothing_new(
    tmp_path: Path, demoweb: DemoWeb
) -> None:
    base = demoweb.base(FEEDS_SITE)
    source = (
        f'[[sources]]\nname = "l"\nhomepage = "{base}/"\nallow_private = true\n'
        f'listings = ["{base}/news/category/space/"]\n'
    )
    cli, (row,) = crawl_with(tmp_path, demoweb, source)
    articles = demoweb.articles(FEEDS_SITE)
    assert row["new"] == len(articles)  # 7 articles, 3 a page: pages 1, 2 and 3
    assert "/news/category/space/page/3/" in demoweb.requested(FEEDS_SITE)
    before = len(demoweb.requested(FEEDS_SITE))
    again = cli("crawl", "--format", "json").json()
    assert again[0]["new"] == 0
    listing_pages = [p for p in demoweb.requested(FEEDS_SITE)[before:] if "/category/" in p]
    assert listing_pages == ["/news/category/space/"]  # page 1 had nothing new: stop there


def test_plain_pages_a_feed_lists_are_stored_with_the_feeds_date_and_title(
    tmp_path: Path, demoweb: DemoWeb
) -> None:
    """Newsroom pages with no JSON-LD, no og:type, no <article> and no <title>: alone they do
    not say they are articles; the feed entries that list them do, with a date and a title."""
    undated, guessed = [a for a in demoweb.articles(FEEDS_SITE) if a.raw_html is None][:2]
    for article, byline in ((undated, ""), (guessed, '<span class="date">3 March 2019</span>')):
        paragraphs = "".join(f"<p>{escape(p)}</p>" for p in article.paragraphs)
        page = (
            '<html><head><meta charset="utf-8"></head><body><div id="menu"><a href="/">Home</a>'
            f'</div><div class="content"><div class="byline">{byline}</div>{paragraphs}</div>'
            "</body></html>"
        )
        demoweb.answer(FEEDS_SITE, article.path, 200, body=page.encode())
    base = demoweb.base(FEEDS_SITE)
    source = f'[[sources]]\nname = "b"\nhomepage = "{base}/"\nfeeds = ["{base}/news/feed/"]\nallow_private = true\n'
    cli, (row,) = crawl_with(tmp_path, demoweb, source)
    assert row["new"] == len(demoweb.articles(FEEDS_SITE))
    for article in (undated, guessed):
        shown = cli("show", demoweb.url(article), "--format", "json")
        assert shown.code == 0, shown.err
        stored = shown.json()
        assert stored["title"] == article.title  # the feed's <title>
        # The feed's pubDate, not htmldate's guess from a byline it cannot tell apart.
        assert stored["published"][:19] == article.published.isoformat()[:19]
        assert stored["body"].startswith(article.paragraphs[0][:100])


def test_robots_txt_is_obeyed_and_the_user_agent_names_the_project(
    tmp_path: Path, demoweb: DemoWeb
) -> None:
    hidden = demoweb.articles(FEEDS_SITE)[0]
    demoweb.disallow(FEEDS_SITE, hidden.path)
    base = demoweb.base(FEEDS_SITE)
    source = f'[[sources]]\nname = "b"\nhomepage = "{base}/"\nfeeds = ["{base}/news/feed/"]\nallow_private = true\n'
    _, (row,) = crawl_with(tmp_path, demoweb, source)
    assert hidden.path not in demoweb.requested(FEEDS_SITE)
    assert row["new"] == len(demoweb.articles(FEEDS_SITE)) - 1
    assert demoweb.user_agents() == {"spacewatch-test/1.0 (+https://example.org/contact)"}


def test_scrapy_list_and_crawl_work_from_the_repo_root(tmp_path: Path, demoweb: DemoWeb) -> None:
    import os
    import subprocess
    import sys

    root = Path(__file__).parents[1]
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path), "PYTHONWARNINGS": "ignore"}
    listed = subprocess.run(
        [sys.executable, "-m", "scrapy", "list"], cwd=root, capture_output=True, text=True, env=env
    )
    assert listed.stdout.split() == ["source"], listed.stderr
    config = tmp_path / "spacewatch.toml"
    config.write_text(demoweb.config_toml(database_url_for(tmp_path)))
    crawled = subprocess.run(
        [
            sys.executable,
            "-m",
            "scrapy",
            "crawl",
            "source",
            "-a",
            "source=spacewire-demo",
            "-a",
            f"config={config}",
            "-s",
            f"SPACEWATCH_DATABASE_URL={database_url_for(tmp_path)}",
            "-s",
            "LOG_LEVEL=WARNING",
        ],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert crawled.returncode == 0, crawled.stderr
    runs = Spacewatch(tmp_path, config=config)("runs", "--format", "json").json()
    # Six: the syndicated copy is new here, its original (on another site) was never crawled.
    assert [(r["source"], r["status"], r["new"]) for r in runs] == [
        ("spacewire-demo", "finished", 6)
    ]
