"""Extraction on real saved pages (the demo web's fundus pages, with fundus's gold) and on
small pages that isolate one rule each."""

from __future__ import annotations

import datetime as dt

import pytest

from crawler.demoweb.corpus import build_corpus
from crawler.extraction import extract_article
from crawler.extraction.dates import parse_date
from tests.support import token_scores

REAL_PAGES = [a for a in build_corpus().articles if a.raw_html is not None]


@pytest.mark.parametrize("page", REAL_PAGES, ids=lambda p: p.key)
def test_real_page_title_date_and_body_match_fundus_gold(page) -> None:  # type: ignore[no-untyped-def]
    fields = extract_article(
        page.raw_html.decode("utf-8", "replace"), "https://example.org" + page.path
    )
    assert fields.title == page.title
    assert fields.published_at is not None and fields.published_at.date() == page.published.date()
    precision, recall = token_scores(fields.body, page.body)
    assert precision >= 0.85 and recall >= 0.80, (precision, recall)


def page(head: str = "", body: str = "", lang: str = "en") -> str:
    text = " ".join(["Real article text about a space agency agreement."] * 12)
    return f'<html lang="{lang}"><head>{head}</head><body><article>{body}<p>{text}</p></article></body></html>'


def test_json_ld_beats_meta_and_markup() -> None:
    html = page(
        head='<script type="application/ld+json">{"@type":"NewsArticle","headline":"LD title",'
        '"datePublished":"2024-03-05T10:00:00+02:00","author":{"@type":"Person","name":"Ana Li"}}</script>'
        '<meta property="og:title" content="OG title"><meta property="article:published_time" content="2020-01-01">',
        body="<h1>H1 title</h1>",
    )
    fields = extract_article(html, "https://example.org/a")
    assert fields.title == "LD title"
    assert fields.published_at == dt.datetime(2024, 3, 5, 8, 0, tzinfo=dt.UTC)
    assert fields.authors == ("Ana Li",)


def test_time_element_inside_the_article_when_no_structured_date() -> None:
    html = page(body='<h1>T</h1><time datetime="2023-07-01T12:00:00Z">1 July</time>')
    assert extract_article(html, "https://example.org/a").published_at == dt.datetime(
        2023, 7, 1, 12, tzinfo=dt.UTC
    )


def test_no_date_is_none_never_now() -> None:
    fields = extract_article(page(body="<h1>Undated</h1>"), "https://example.org/a")
    assert fields.published_at is None


@pytest.mark.parametrize(
    "value", ["1970-01-01T00:00:00Z", "0001-01-01", "2999-01-01", "not a date", ""]
)
def test_placeholder_and_future_dates_are_refused(value: str) -> None:
    assert parse_date(value) is None


def test_title_loses_the_site_name_suffix() -> None:
    html = page(
        head='<title>Moon plans advance | Space Wire</title><meta property="og:site_name" content="Space Wire">'
    )
    assert extract_article(html, "https://example.org/a").title == "Moon plans advance"


def test_canonical_is_honoured_only_on_the_same_site() -> None:
    same = page(head='<link rel="canonical" href="https://www.example.org/story">')
    other = page(head='<link rel="canonical" href="https://elsewhere.com/story">')
    assert (
        extract_article(same, "https://example.org/story?utm_source=x").canonical_url
        == "https://www.example.org/story"
    )
    assert extract_article(other, "https://example.org/story").canonical_url == ""


@pytest.mark.parametrize("html", ["", "   ", "\x00\x01\x02binary", "<html><body></body></html>"])
def test_empty_or_broken_pages_give_empty_fields_not_errors(html: str) -> None:
    fields = extract_article(html, "https://example.org/a")
    assert fields.body == ""


def test_language_is_the_primary_subtag() -> None:
    assert extract_article(page(lang="en-GB"), "https://example.org/a").language == "en"
    assert extract_article(page(lang="zh_CN"), "https://example.org/a").language == "zh"
