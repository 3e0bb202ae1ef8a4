"""NormalizePipeline: what becomes an article, and why a page does not."""

from __future__ import annotations

import datetime as dt

import pytest

from crawler.extraction import extract_article
from crawler.items import Article
from crawler.pipelines.drops import NotAnArticle
from crawler.pipelines.normalize import ENTRY_METHOD, NormalizePipeline

NOW = dt.datetime(2026, 12, 4, tzinfo=dt.UTC)
LISTING = (
    "<html><head><title>Agency news</title></head><body><div id='list'>"
    + "".join(
        f"<div class='item'><a href='/news/{i}'>Agency update {i}</a>"
        f"<p>Officials met partners to discuss lunar plans, issue {i}.</p></div>"
        for i in range(12)
    )
    + "</div></body></html>"
)


def item(url: str, html: str, **entry: object) -> Article:
    return Article(
        source="agency",
        url=url,
        fetched_at=NOW,
        fields=extract_article(html, url),
        **entry,  # type: ignore[arg-type]
    )


def test_a_page_with_nothing_of_an_article_is_dropped_saying_why() -> None:
    """A plain listing's teaser lines (684 characters of text) are not paragraphs of prose."""
    listing = item("https://agency.example/news/", LISTING)
    assert not listing.fields.is_article and "is_article" not in listing.fields.methods
    with pytest.raises(NotAnArticle, match=r"^not an article: no article markup, date or "):
        NormalizePipeline().process_item(listing)


def test_a_feed_entry_makes_the_same_page_an_article_and_says_so() -> None:
    kept = NormalizePipeline().process_item(
        item("https://agency.example/news/7", LISTING, entry_title="Agency update 7")
    )
    assert kept.fields.is_article and kept.fields.methods["is_article"] == ENTRY_METHOD


def test_a_feed_entrys_time_beats_the_day_in_the_url() -> None:
    """The URL says a day (midnight UTC); the feed entry says when on it."""
    page = "<html><body><article><h1>Deal</h1><p>" + "Agencies signed. " * 30 + "</p></article>"
    url = "https://agency.example/2026/11/30/deal/"
    assert item(url, page).fields.methods["published_at"] == "url"
    entry = dt.datetime(2026, 11, 30, 15, 30, tzinfo=dt.UTC)
    kept = NormalizePipeline().process_item(item(url, page, entry_published_at=entry))
    assert kept.fields.published_at == entry
    assert kept.fields.methods["published_at"] == ENTRY_METHOD
