"""The demo web's articles: real texts and pages from pages/, placed on three sites."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

FEEDS_SITE = "briefing"
"""WordPress-like briefing site; crawled through its RSS and Atom feeds."""
SITEMAPS_SITE = "newsroom"
"""Real news pages served byte for byte; crawled through a sitemap index and a gzip sitemap."""
HOMEPAGE_SITE = "spacewire"
"""A space-news site with no feed and no sitemap; crawled from its home page."""


@dataclass(slots=True, kw_only=True)
class DemoArticle:
    """One article of the demo web, with the truth a crawl of it should store."""

    key: str
    site: str
    path: str
    title: str
    authors: tuple[str, ...]
    published: dt.datetime
    paragraphs: list[str]
    tags: tuple[str, ...] = ()
    modified: dt.datetime | None = None
    raw_html: bytes | None = None
    """A real page served as saved; the other fields are its expected (gold) values."""
    syndicated_from: str = ""
    """Key of the article this one republishes."""
    note: str = ""
    """An extra line a republishing site adds ("This article first appeared in ...")."""

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def slug(self) -> str:
        return self.path.rstrip("/").rsplit("/", 1)[-1].removesuffix(".html")


def _pages() -> Any:
    return resources.files("crawler.demoweb").joinpath("pages")


def _load(name: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(_pages().joinpath(name).read_text("utf-8"))
    return data


def _date(value: str) -> dt.datetime:
    parsed = dt.datetime.fromisoformat(value)
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)


def slugify(title: str) -> str:
    words = re.findall(r"[a-z0-9]+", title.lower().replace("’", "").replace("'", ""))
    return "-".join(words[:10])


def _dated_path(prefix: str, published: dt.datetime, title: str) -> str:
    return f"{prefix}{published:%Y/%m/%d}/{slugify(title)}/"


@dataclass(slots=True)
class Corpus:
    """Everything the demo web starts with, plus texts held back to publish later."""

    articles: list[DemoArticle] = field(default_factory=list)
    reserve: list[DemoArticle] = field(default_factory=list)

    def by_key(self, key: str) -> DemoArticle:
        for article in [*self.articles, *self.reserve]:
            if article.key == key:
                return article
        raise KeyError(key)


FEEDS_SITE_TEXTS = [
    "seed-ilrs",
    "lunar-new-year-holidays",
    "moon-jae-in-visit",
    "TheNamibian_2023_11_16",
    "BBC_2024_08_01",
    "TimesLive_2025_05_22",
    "time-climate",
]
FEEDS_SITE_RESERVE = ["DailyMaverick_2026_01_06", "TheCitizen_2025_11_28"]
HOMEPAGE_SITE_TEXTS = [
    "change-6-far-side",
    "artemis-accords-signatories",
    "spacecom-nasa-budget",
    "Reuters_2023_05_16",
    "iNews_2025_01_28",
]
TAGS = {
    "seed-ilrs": ("Belt and Road", "Russia", "China", "Space"),
    "lunar-new-year-holidays": ("China", "Holidays", "HR and Payroll"),
    "moon-jae-in-visit": ("ASEAN", "Korea", "Trade"),
}


def build_corpus() -> Corpus:
    texts = {t["id"]: t for t in [*_load("texts.json"), *_load("written.json")]}
    corpus = Corpus()

    def from_text(key: str, site: str, prefix: str) -> DemoArticle:
        text = texts[key]
        published = _date(text["published"])
        return DemoArticle(
            key=key,
            site=site,
            path=_dated_path(prefix, published, text["title"]),
            title=text["title"],
            authors=tuple(text["authors"]) or ("Dezan Shira & Associates",),
            published=published,
            paragraphs=list(text["paragraphs"]),
            tags=TAGS.get(key, ()),
        )

    for key in FEEDS_SITE_TEXTS:
        corpus.articles.append(from_text(key, FEEDS_SITE, "/news/"))
    for key in FEEDS_SITE_RESERVE:
        corpus.reserve.append(from_text(key, FEEDS_SITE, "/news/"))
    for key in HOMEPAGE_SITE_TEXTS:
        article = from_text(key, HOMEPAGE_SITE, "/")
        if not texts[key]["authors"]:
            article.authors = ("Space Wire Staff",)
        corpus.articles.append(article)

    seed = corpus.by_key("seed-ilrs")
    corpus.articles.append(
        DemoArticle(
            key="seed-ilrs-syndicated",
            site=HOMEPAGE_SITE,
            path=_dated_path(
                "/",
                seed.published + dt.timedelta(days=1),
                "Russia and China plan a lunar research station",
            ),
            title="Russia and China Plan a Permanent Lunar Research Station",
            authors=("Space Wire Staff",),
            published=seed.published + dt.timedelta(days=1),
            paragraphs=list(seed.paragraphs),
            syndicated_from="seed-ilrs",
            note=(
                "This article first appeared in Silk Road Briefing "
                "and is republished with permission."
            ),
        )
    )
    for page in _load("real_pages.json"):
        raw = gzip.decompress(_pages().joinpath(page["file"]).read_bytes())
        path = re.sub(r"^https?://[^/]+", "", page["url"]).split("?")[0]
        corpus.articles.append(
            DemoArticle(
                key=page["id"],
                site=SITEMAPS_SITE,
                path=path,
                title=page["title"],
                authors=tuple(page["authors"]),
                published=_date(page["published"]),
                paragraphs=list(page["paragraphs"]),
                raw_html=raw,
            )
        )
    return corpus
