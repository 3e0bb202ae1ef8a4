"""SourceSpider: one config source -> entry points -> article requests -> Article items.

Entry points are the source's feeds, sitemaps and listing pages. A source that names none is
discovered: robots.txt ``Sitemap:`` lines, then ``<link rel="alternate">`` feeds on the home
page, and, failing both, article-shaped links on the home page.

Before an article is requested, its URL is checked against the database in one batch per
entry point: a stored article is fetched again only when the entry point says it changed
after we last saw it (feed ``updated``, sitemap ``lastmod``).

A backfill (``backfill=``) walks every listing page and child sitemap instead of stopping where
nothing is new, skips entries dated before its ``since``, and ignores the per-run article cap;
with Scrapy's JOBDIR set (the CLI does) a stopped backfill resumes where it stopped.

For the task queue (crawler/tasks.py) a spider can also only *plan* (``plan=True``: walk the
entry points and keep the article links it would fetch in ``planned``, fetching no article) or
fetch a given slice of article links (``articles=``) without reading any entry point.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
from collections.abc import AsyncIterator, Iterable
from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapy import Request, Spider
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from crawler.backfill import Backfill
from crawler.config import Source, load_config
from crawler.discovery import EntryLink
from crawler.discovery.feeds import discover_feed_links, read_feed
from crawler.discovery.listings import article_links, next_page
from crawler.discovery.sitemaps import parse_sitemap, robots_sitemaps
from crawler.extraction.pool import ExtractionFailed, shared_extractor
from crawler.items import Article
from crawler.runtime import database_for
from crawler.urls import canonical_url
from storage import articles as stored_articles
from storage import retry
from storage.records import KnownUrl

MAX_SITEMAP_DEPTH = 3


class SourceSpider(Spider):
    """Crawls one source. ``scrapy crawl source -a source=NAME [-a config=PATH]``."""

    name = "source"

    def __init__(
        self,
        source: Source | str | None = None,
        config: str | None = None,
        backfill: Backfill | str | None = None,
        *,
        articles: Iterable[EntryLink] | None = None,
        plan: bool = False,
        job_id: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if source is None:
            raise ValueError("SourceSpider needs a source: -a source=NAME")
        self.source: Source = (
            load_config(config).source(source) if isinstance(source, str) else source
        )
        self.hosts = self.source.hosts
        self.scheduled: set[str] = set()
        self.url_errors: list[tuple[str, str]] = []
        self.run_id: int | None = None
        self.backfill = parse_backfill(backfill) if isinstance(backfill, str) else backfill
        self.articles = list(articles) if articles is not None else None
        self.plan = plan
        self.planned: list[EntryLink] = []
        self.job_id = job_id

    # -- plumbing -----------------------------------------------------------------------

    @property
    def article_cap(self) -> int:
        return int(self.settings.getint("SPACEWATCH_MAX_ARTICLES", 0))

    @property
    def listing_depth(self) -> int:
        return int(self.settings.getint("SPACEWATCH_LISTING_DEPTH", 3))

    @property
    def recheck_young(self) -> tuple[dt.timedelta, dt.timedelta]:
        """(young, after): articles first seen less than ``young`` ago are fetched once more
        ``after`` their first fetch, for edits no entry point announces."""
        young = self.settings.getfloat("SPACEWATCH_RECHECK_YOUNG_HOURS", 48)
        after = self.settings.getfloat("SPACEWATCH_RECHECK_AFTER_HOURS", 6)
        return dt.timedelta(hours=young), dt.timedelta(hours=after)

    @property
    def revalidate(self) -> dict[str, str]:
        """Request headers for entry points: reuse a cached copy only while it is younger
        than entry_point_max_age seconds, else revalidate it (a conditional GET)."""
        max_age = int(self.settings.getfloat("SPACEWATCH_ENTRY_MAX_AGE", 0))
        return {"Cache-Control": f"max-age={max_age}"}

    def count(self, stat: str) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"spacewatch/{stat}")

    def record_error(self, url: str, reason: str) -> None:
        self.url_errors.append((url, reason))
        self.count("url_errors")

    def on_error(self, failure: Failure) -> None:
        request = getattr(failure, "request", None)
        url = request.url if request is not None else "?"
        response = getattr(failure.value, "response", None)
        if response is not None:
            reason = f"HTTP {response.status}"
        else:
            reason = (
                f"{failure.type.__name__ if failure.type else 'error'}: {failure.getErrorMessage()}"
            )
        self.record_error(url, reason)

    def in_scope(self, url: str) -> bool:
        netloc = urlsplit(url).netloc.lower()
        return any(
            netloc == host or netloc.removeprefix("www.") == host.removeprefix("www.")
            for host in self.hosts
        )

    def _entry(self, url: str, callback: Any, *, root: bool = True, **cb_kwargs: Any) -> Request:
        # Entry points are re-read every run: dont_filter keeps Scrapy's dupefilter off them.
        # They go through the HTTP cache, asking for revalidation unless the cached copy is
        # younger than entry_point_max_age: an unchanged feed costs a 304. In a backfill, the
        # pages they lead to (child sitemaps, listing pages 2..n) go through the dupefilter,
        # which JOBDIR persists: a resumed backfill does not walk them again.
        return Request(
            url,
            callback=callback,
            errback=self.on_error,
            cb_kwargs=cb_kwargs,
            dont_filter=root or self.backfill is None,
            priority=10,
            headers=self.revalidate,
            meta={"entry_point": True},
        )

    # -- entry points -------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Request]:
        source = self.source
        if self.articles is not None:  # a slice of a queued backfill: no entry point
            async for request in self.article_requests(self.articles):
                yield request
            return
        for feed in source.feeds:
            yield self._entry(feed, self.parse_feed)
        for sitemap in source.sitemaps:
            yield self._entry(sitemap, self.parse_sitemap, depth=0)
        for listing in source.listings:
            yield self._entry(
                listing.url,
                self.parse_listing,
                next_selector=listing.next_selector,
                article_selector=listing.article_selector,
                depth=1,
            )
        if not (source.feeds or source.sitemaps or source.listings):
            robots = urljoin(source.homepage, "/robots.txt")
            yield Request(
                robots,
                callback=self.parse_robots,
                errback=self.robots_missing,
                dont_filter=True,
                priority=20,
                headers=self.revalidate,
                meta={"entry_point": True, "handle_httpstatus_list": [404, 410, 403]},
            )

    def robots_missing(self, failure: Failure) -> Request:
        return self._entry(self.source.homepage, self.parse_homepage, has_sitemaps=False)

    async def parse_robots(self, response: Response) -> AsyncIterator[Request]:
        sitemaps: list[str] = []
        if response.status == 200 and isinstance(response, TextResponse):
            sitemaps = [s for s in robots_sitemaps(response.text) if self.in_scope(s)]
        for sitemap in sitemaps:
            yield self._entry(sitemap, self.parse_sitemap, depth=0)
        yield self._entry(self.source.homepage, self.parse_homepage, has_sitemaps=bool(sitemaps))

    async def parse_homepage(
        self, response: Response, has_sitemaps: bool
    ) -> AsyncIterator[Request]:
        if not isinstance(response, TextResponse):
            self.record_error(response.url, "home page is not text")
            return
        feeds = [f for f in discover_feed_links(response.text, response.url) if self.in_scope(f)]
        for feed in feeds:
            yield self._entry(feed, self.parse_feed)
        if not feeds and not has_sitemaps:
            links = article_links(response.text, response.url, self.hosts)
            async for request in self.article_requests([EntryLink(url=u) for u in links]):
                yield request

    async def parse_feed(self, response: Response) -> AsyncIterator[Request]:
        entries = read_feed(response.body, response.url)
        if entries is None:
            self.record_error(response.url, "not a feed (RSS, Atom or JSON Feed)")
            return
        async for request in self.article_requests(entries):
            yield request

    async def parse_sitemap(self, response: Response, depth: int) -> AsyncIterator[Request]:
        try:
            sitemap = parse_sitemap(response.body)
        except ValueError as exc:
            self.record_error(response.url, f"sitemap: {exc}")
            return
        if sitemap.kind == "":
            self.record_error(response.url, "not a sitemap")
        elif sitemap.kind == "sitemapindex":
            if depth >= MAX_SITEMAP_DEPTH:
                self.record_error(response.url, "sitemap index nested too deep")
                return
            # Newest child sitemaps first: that is where new articles are.
            children = sorted(
                sitemap.links,
                key=lambda link: link.updated_at or dt.datetime.min.replace(tzinfo=dt.UTC),
                reverse=True,
            )
            for child in children:
                if self.backfill is not None and not self.backfill.wanted(child.updated_at):
                    self.count("before_since")
                    continue
                if self.in_scope(child.url) and child.url != response.url:
                    yield self._entry(child.url, self.parse_sitemap, root=False, depth=depth + 1)
        else:
            async for request in self.article_requests(sitemap.links):
                yield request

    async def parse_listing(
        self, response: Response, next_selector: str, article_selector: str, depth: int
    ) -> AsyncIterator[Request]:
        if not isinstance(response, TextResponse):
            self.record_error(response.url, "listing page is not text")
            return
        links = article_links(response.text, response.url, self.hosts, article_selector)
        unknown = 0
        async for request in self.article_requests([EntryLink(url=u) for u in links]):
            unknown += 1
            yield request
        following = next_page(response.text, response.url, next_selector)
        # A listing page with nothing new means the rest is older: stop paging there (a
        # backfill walks on to the last page).
        walk_on = self.backfill is not None or (unknown and depth < self.listing_depth)
        if following and walk_on and self.in_scope(following):
            yield self._entry(
                following,
                self.parse_listing,
                root=False,
                next_selector=next_selector,
                article_selector=article_selector,
                depth=depth + 1,
            )

    # -- articles -----------------------------------------------------------------------

    async def article_requests(self, links: Iterable[EntryLink]) -> AsyncIterator[Request]:
        """Requests for the links that are in scope, not yet scheduled, and new or changed."""
        candidates: dict[str, EntryLink] = {}
        for link in links:
            url = canonical_url(link.url)
            if self.in_scope(url) and url not in self.scheduled and url not in candidates:
                candidates[url] = link
        if not candidates:
            return
        known = await asyncio.to_thread(self._known, list(candidates))
        now = dt.datetime.now(dt.UTC)
        young, after = self.recheck_young  # settings read once per batch, not per URL
        for url, link in candidates.items():
            if url in self.scheduled:
                # Another entry point's batch (a feed and a sitemap read side by side) took it
                # while this one waited for the known-URL check: one request, one planned link.
                continue
            if self.backfill is not None and not self.backfill.wanted(link.updated_at):
                self.count("before_since")
                continue
            if url in known:
                seen = known[url]
                announced = link.updated_at is not None and (
                    seen.changed_at is None or link.updated_at > seen.changed_at
                )
                if not announced:
                    if not seen.recheck_due(now, young, after):
                        self.count("known_skipped")
                        continue
                    self.count("rechecked")
            if (
                self.backfill is None
                and self.article_cap
                and len(self.scheduled) >= self.article_cap
            ):
                self.count("over_cap")
                continue
            self.scheduled.add(url)
            if self.plan:
                self.count("planned")
                self.planned.append(dataclasses.replace(link, url=url))
                continue
            yield Request(
                url,
                callback=self.parse_article,
                errback=self.on_error,
                cb_kwargs={"entry": link},
                meta={"dont_cache": True},  # an article is fetched once; caching it is waste
            )

    def _known(self, urls: list[str]) -> dict[str, KnownUrl]:
        # Waits for a locked or restarting database like the store does: failing here would
        # drop every link of this feed or listing page from the run.
        return retry.in_transaction(
            database_for(self.crawler),
            lambda session: stored_articles.known_urls(session, urls),
            f"known-URL check of {len(urls)} links",
        )

    async def parse_article(self, response: Response, entry: EntryLink) -> AsyncIterator[Article]:
        content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
        if not isinstance(response, TextResponse):
            self.record_error(response.url, f"not an HTML page ({content_type or 'no type'})")
            return
        extractor = shared_extractor(self.settings.getint("SPACEWATCH_EXTRACTION_PROCESSES", 1))
        try:
            fields = await extractor.extract(response.body, content_type or None, response.url)
        except ExtractionFailed as exc:
            self.record_error(response.url, str(exc))
            return
        yield Article(
            source=self.source.name,
            url=response.url,
            fetched_at=dt.datetime.now(dt.UTC),
            fields=fields,
            entry_updated_at=entry.updated_at,
            entry_published_at=entry.published_at,
            entry_title=entry.title,
        )


def parse_backfill(value: str) -> Backfill:
    """Scrapy's command line: ``-a backfill=all`` (or 1/true/yes), ``-a backfill=2024-01-31``."""
    if value.strip().lower() in ("all", "1", "true", "yes"):
        return Backfill()
    from crawler.when import parse_when

    return Backfill(since=parse_when(value, "backfill"))
