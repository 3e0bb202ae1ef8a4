"""Downloader middlewares Scrapy lacks: a guard against private addresses, Retry-After, and
redirect loops.

Both read the running spider's source through ``crawler.spider`` (Scrapy 2.13+ no longer
passes the spider to middleware methods)."""

from __future__ import annotations

import asyncio
import email.utils
import ipaddress
import logging
import time
from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future

from crawler.config import is_private_host

log = logging.getLogger(__name__)


class PrivateAddressRefused(IgnoreRequest):
    """A request to a private, loopback or link-local address the source did not allow."""


class PrivateAddressGuard:
    """Refuse requests (first ones and redirects alike) whose host is, or resolves to, a
    private, loopback, link-local or reserved address — a page redirecting the crawler to
    169.254.169.254 or 10.x must not be followed. A source with ``allow_private = true`` may
    reach its own hosts only; any other private host is still refused."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PrivateAddressGuard:
        return cls(crawler)

    async def process_request(self, request: Request) -> None:
        parts = urlsplit(request.url)
        host = (parts.hostname or "").lower()
        spider: Any = self.crawler.spider
        source = getattr(spider, "source", None)
        if source is not None and source.allow_private and parts.netloc.lower() in source.hosts:
            return
        if is_private_host(host) or await self._resolves_private(host):
            # The request's errback records this as the URL's error in the crawl run.
            raise PrivateAddressRefused(f"{host} is a private address; not fetched")

    async def _resolves_private(self, host: str) -> bool:
        try:
            ipaddress.ip_address(host.strip("[]"))
            return False  # a literal address was checked already
        except ValueError:
            pass
        from twisted.internet import reactor

        try:
            # Scrapy's own caching resolver: the lookup the download would make anyway.
            address = await maybe_deferred_to_future(reactor.resolve(host))  # type: ignore[attr-defined,arg-type]
        except Exception:
            return False  # let the download report the DNS failure in its own words
        return is_private_host(str(address))


class RetryAfterMiddleware:
    """Honour 429 and 503 with Retry-After: hold every request to that host until the time
    has passed (for the rest of the run), then retry. A wait longer than
    SPACEWATCH_MAX_RETRY_AFTER seconds is not waited for: the response goes on as an error.

    Runs before Scrapy's RetryMiddleware, which would retry at once and ignore the header."""

    STATUSES = (429, 503)

    def __init__(self, max_wait: float, max_times: int) -> None:
        self.max_wait = max_wait
        self.max_times = max_times
        self.hold_until: dict[str, float] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryAfterMiddleware:
        settings = crawler.settings
        return cls(
            settings.getfloat("SPACEWATCH_MAX_RETRY_AFTER", 300.0),
            settings.getint("RETRY_TIMES", 2),
        )

    async def process_request(self, request: Request) -> None:
        wait = self.hold_until.get(_host(request.url), 0.0) - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)

    def process_response(self, request: Request, response: Response) -> Request | Response:
        if response.status not in self.STATUSES:
            return response
        wait = retry_after_seconds(response.headers.get(b"Retry-After"))
        if wait is None:
            return response
        times = int(request.meta.get("retry_after_times", 0))
        if wait > self.max_wait or times >= self.max_times:
            log.warning(
                "%s answered %s with Retry-After %.0f s; not waiting (max %.0f s, tried %d)",
                request.url, response.status, wait, self.max_wait, times,
            )  # fmt: skip
            return response
        host = _host(request.url)
        self.hold_until[host] = max(self.hold_until.get(host, 0.0), time.monotonic() + wait)
        log.info(
            "%s: HTTP %s, Retry-After %.0f s: holding %s", request.url, response.status, wait, host
        )
        retry = request.replace(dont_filter=True)
        retry.meta["retry_after_times"] = times + 1
        return retry


def retry_after_seconds(value: bytes | None, now: float | None = None) -> float | None:
    """Seconds a Retry-After header asks for (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower()


class RedirectLoop(IgnoreRequest):
    """A redirect back to a URL already visited on the way (a loop)."""


class RedirectLoopGuard:
    """Stop a redirect that leads back to a URL of its own chain. Scrapy's RedirectMiddleware
    would schedule it, and the dupefilter would then drop it without a word: the URL would
    neither be stored nor show up as an error. Raised here, it reaches the errback."""

    def process_response(self, request: Request, response: Response) -> Response:
        location = response.headers.get(b"Location")
        if not 300 <= response.status < 400 or not location:
            return response
        target = urljoin(request.url, location.decode("latin-1")).split("#", 1)[0]
        chain = {request.url.split("#", 1)[0], *request.meta.get("redirect_urls", [])}
        if target in chain:
            raise RedirectLoop(f"redirect loop: {request.url} redirects back to {target}")
        return response
