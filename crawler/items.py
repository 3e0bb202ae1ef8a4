"""The contract between extraction, the spider and the pipelines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from crawler.flagging import FlagResult


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleFields:
    """What extraction finds on one page. Empty strings / None where the page does not say."""

    title: str = ""
    authors: tuple[str, ...] = ()
    published_at: dt.datetime | None = None
    """Aware UTC; None when no date could be found (never 'now')."""
    modified_at: dt.datetime | None = None
    language: str = ""
    """Primary language subtag, lower case ("en", "zh"), or empty."""
    summary: str = ""
    body: str = ""
    """Paragraphs separated by blank lines; no navigation, comments or teasers."""
    section: str = ""
    """The site's section for the article ("Politics", "Space"), from articleSection."""
    tags: tuple[str, ...] = ()
    canonical_url: str = ""
    """rel=canonical / og:url when it names the same site, else empty."""
    image_url: str = ""
    is_article: bool = True
    """False for pages that say they are something else (a listing, a home page)."""
    methods: Mapping[str, str] = field(default_factory=dict, compare=False)
    """Which reader gave each field ("json-ld headline", "trafilatura", ...), for --explain."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One article as it moves through the pipelines; each pipeline returns a replace()."""

    source: str
    url: str
    """The URL as fetched (after redirects)."""
    fetched_at: dt.datetime
    fields: ArticleFields
    entry_updated_at: dt.datetime | None = None
    """Change date given by the entry point that led here (feed updated, sitemap lastmod)."""
    entry_published_at: dt.datetime | None = None
    """Publish date given by the feed or news-sitemap entry that led here."""
    entry_title: str = ""
    """Title given by the feed or news-sitemap entry that led here."""
    canonical_url: str = ""
    """Set by the normalize pipeline."""
    content_hash: str = ""
    minhash: bytes = b""
    flag: FlagResult | None = field(default=None)
