"""Feeds, sitemaps and links, against real files and other projects' expected output."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from crawler.discovery.feeds import discover_feed_links, read_feed
from crawler.discovery.listings import article_links, looks_like_article_url, next_page
from crawler.discovery.sitemaps import (
    SitemapTooLarge,
    gunzip_capped,
    parse_sitemap,
    robots_sitemaps,
)
from crawler.extraction.dates import parse_date

FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.mark.parametrize("name", ["guardian.rss", "encoding.rss", "rss-1.rss", "heise.atom"])
def test_feed_entries_match_rss_parser_expected_output(name: str) -> None:
    stem = name.rsplit(".", 1)[0]
    raw = (FIXTURES / "feeds" / f"{stem}.expected.json").read_bytes()
    expected = json.loads(raw.decode("latin-1" if stem == "encoding" else "utf-8"))["feed"]["items"]
    links = read_feed((FIXTURES / "feeds" / name).read_bytes(), "https://example.org/feed")
    assert links is not None
    assert [link.url for link in links] == [item["link"] for item in expected]
    assert [link.title for link in links] == [" ".join(item["title"].split()) for item in expected]
    for link, item in zip(links, expected, strict=True):
        if item.get("isoDate"):
            assert link.published_at or link.updated_at
            assert (link.published_at or link.updated_at) == parse_date(item["isoDate"])


def test_json_feed_items_are_read() -> None:
    body = (FIXTURES / "feeds" / "npr-technology.json").read_bytes()
    links = read_feed(body, "https://www.npr.org/")
    assert links is not None  # a feed
    data = json.loads(body)
    assert [link.url for link in links] == [item["url"] for item in data["items"]]
    assert all(link.published_at is not None for link in links)


def test_entries_without_a_web_link_are_skipped_and_non_feeds_are_not_feeds() -> None:
    assert read_feed((FIXTURES / "feeds" / "missing-fields.atom").read_bytes(), "https://x/") == []
    # An entry with no link at all is not the feed's own address (urljoin of "" is the base).
    incomplete = (FIXTURES / "feeds" / "incomplete-fields.atom").read_bytes()
    assert read_feed(incomplete, "https://x/feed") == []
    assert read_feed((FIXTURES / "feeds" / "unrecognized.rss").read_bytes(), "https://x/") is None
    assert read_feed(b"<html><body>Not a feed</body></html>", "https://x/") is None


def _rss(*dates: str) -> bytes:
    items = "".join(
        f"<item><title>Item {n}</title><link>https://example.org/news/{n}/</link>"
        f"<pubDate>{date}</pubDate></item>"
        for n, date in enumerate(dates)
    )
    return f'<rss version="2.0"><channel><title>t</title>{items}</channel></rss>'.encode()


def test_a_feed_stamping_every_entry_with_one_date_gives_no_dates() -> None:
    stamp = "Tue, 01 Dec 2026 06:00:00 GMT"
    stamped = read_feed(_rss(stamp, stamp, stamp), "https://example.org/feed")
    assert stamped is not None and len(stamped) == 3
    assert all(link.published_at is None and link.updated_at is None for link in stamped)
    # Two entries sharing a date, or three of which two share one, are believed.
    for dates in ((stamp, stamp), (stamp, stamp, "Mon, 30 Nov 2026 18:30:00 GMT")):
        links = read_feed(_rss(*dates), "https://example.org/feed")
        assert links is not None
        assert [link.published_at for link in links] == [parse_date(d) for d in dates]


def test_gzip_sitemap_and_index() -> None:
    urlset = parse_sitemap((FIXTURES / "sitemaps" / "sitemap.xml.gz").read_bytes())
    assert urlset.kind == "urlset" and len(urlset.links) == 84
    assert all(link.url.startswith("http") for link in urlset.links)
    assert sum(link.updated_at is not None for link in urlset.links) > 0
    index = parse_sitemap((FIXTURES / "sitemaps" / "sitemap2.xml").read_bytes())
    assert index.kind == "sitemapindex" and len(index.links) == 2
    assert parse_sitemap(b"<html>nope</html>").kind == ""


def test_news_sitemap_keeps_publication_date_and_title() -> None:
    xml = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
      xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://x.org/a</loc>
      <news:news><news:publication_date>2024-05-01T10:00:00Z</news:publication_date>
      <news:title>Lunar station talks</news:title></news:news></url></urlset>"""
    (link,) = parse_sitemap(xml).links
    assert link.title == "Lunar station talks"
    assert link.published_at == parse_date("2024-05-01T10:00:00Z")


def test_gzip_bomb_is_cut_off() -> None:
    bomb = gzip.compress(b"<urlset>" + b" " * (2 * 1024 * 1024))
    with pytest.raises(SitemapTooLarge):
        gunzip_capped(bomb, limit=1024 * 1024)


def test_robots_sitemap_lines() -> None:
    robots = "User-agent: *\nDisallow: /x\nSitemap: https://a.org/s1.xml\nsitemap:https://a.org/s2.xml.gz\n"
    assert robots_sitemaps(robots) == ["https://a.org/s1.xml", "https://a.org/s2.xml.gz"]


def test_article_url_shape_on_newspaper4k_labels() -> None:
    labelled = [
        line.split()
        for line in (FIXTURES / "urls" / "test_urls.txt").read_text().splitlines()
        if line.strip()
    ]
    right = sum(looks_like_article_url(url) == (label == "1") for label, url in labelled)
    assert right / len(labelled) >= 0.9, f"{right} of {len(labelled)}"


def test_feed_links_article_links_and_next_page_on_a_listing() -> None:
    html = """<html><head><link rel="alternate" type="application/rss+xml" href="/feed/">
    <link rel="alternate" type="application/rss+xml" href="/comments/feed/"></head><body>
    <a href="/2024/05/01/lunar-station-talks-resume/">a</a><a href="/category/space/">c</a>
    <a href="https://other.org/2024/05/01/elsewhere-story-here/">o</a><a href="/about-us/">u</a>
    <a class="next page-numbers" href="/category/space/page/2/">Older posts</a></body></html>"""
    base = "https://briefing.org/category/space/"
    assert discover_feed_links(html, base) == ["https://briefing.org/feed/"]
    assert article_links(html, base, ("briefing.org",)) == [
        "https://briefing.org/2024/05/01/lunar-station-talks-resume/"
    ]
    assert next_page(html, base) == "https://briefing.org/category/space/page/2/"
    assert next_page("<html><body>last page</body></html>", base) == ""
