"""DemoWeb: the demo sites served over real HTTP on 127.0.0.1, one port per site.

Each site answers robots.txt, its home page, its entry points and its articles, with ETag and
Last-Modified (conditional GETs get 304). Tests change the web while it runs (``publish``,
``edit``) and read what was requested (``requested``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from crawler.demoweb import render
from crawler.demoweb.corpus import (
    FEEDS_SITE,
    HOMEPAGE_SITE,
    SITEMAPS_SITE,
    Corpus,
    DemoArticle,
    build_corpus,
)

DEAD_LINK = "/news/2025/01/01/a-briefing-that-was-taken-down/"
"""Listed in the briefing site's RSS feed, answered 404: a dead link the crawl must record."""
MOVED_PAGE = b"<html><head><title>We moved</title></head><body><nav>Home</nav></body></html>"
"""What a broken site's article pages become: no article text."""
SITE_TITLES = {
    FEEDS_SITE: "Briefing Demo",
    SITEMAPS_SITE: "Newsroom Demo",
    HOMEPAGE_SITE: "Space Wire",
}


@dataclass(frozen=True, slots=True)
class Resource:
    body: bytes
    content_type: str
    status: int = 200
    last_modified: dt.datetime | None = None
    headers: tuple[tuple[str, str], ...] = ()


class _Handler(BaseHTTPRequestHandler):
    server: _SiteServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        web, site, path = self.server.web, self.server.site, urlsplit(self.path).path
        web._record(site, self.path, self.headers.get("User-Agent", ""))
        resource = web._override(site, path) or web._resource(site, path)
        etag = '"' + hashlib.sha1(resource.body).hexdigest()[:16] + '"'
        if resource.status == 200 and self.headers.get("If-None-Match") == etag:
            web._record_conditional(site, path, not_modified=True)
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.headers.get("If-None-Match"):
            web._record_conditional(site, path)
        self.send_response(resource.status)
        for name, value in resource.headers:
            self.send_header(name, value)
        self.send_header("Content-Type", resource.content_type)
        self.send_header("Content-Length", str(len(resource.body)))
        if resource.status == 200:
            self.send_header("ETag", etag)
            if resource.last_modified is not None:
                self.send_header(
                    "Last-Modified", format_datetime(resource.last_modified, usegmt=True)
                )
        self.end_headers()
        self.wfile.write(resource.body)
        web._record_bytes(site, len(resource.body))

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _SiteServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, web: DemoWeb, site: str) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.web = web
        self.site = site

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A crawler killed mid-request (the service tests do it) hangs up: not an error here.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class DemoWeb:
    """The three demo sites. ``with DemoWeb() as web:`` starts and stops them."""

    def __init__(self, corpus: Corpus | None = None) -> None:
        self.corpus = corpus or build_corpus()
        self._servers: dict[str, _SiteServer] = {}
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._requests: dict[str, list[str]] = {}
        self._user_agents: set[str] = set()
        self._disallowed: dict[str, list[str]] = {}
        self._delay = 0.0
        self._entry_delay = 0.0
        self._broken: set[str] = set()
        self._overrides: dict[tuple[str, str], list[Resource]] = {}
        self._times: dict[str, list[tuple[float, str]]] = {}
        self._conditional: dict[str, list[tuple[str, bool]]] = {}
        self._bytes: dict[str, int] = {}

    # -- lifecycle ------------------------------------------------------------------------

    def start(self) -> DemoWeb:
        for site in SITE_TITLES:
            server = _SiteServer(self, site)
            thread = threading.Thread(
                target=server.serve_forever, name=f"demoweb-{site}", daemon=True
            )
            thread.start()
            self._servers[site] = server
            self._threads.append(thread)
        return self

    def stop(self) -> None:
        for server in self._servers.values():
            server.shutdown()
            server.server_close()
        self._servers.clear()

    def __enter__(self) -> DemoWeb:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- what tests and the demo read -------------------------------------------------------

    def base(self, site: str) -> str:
        host, port = self._servers[site].server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, article: DemoArticle) -> str:
        return self.base(article.site) + article.path

    def articles(self, site: str | None = None) -> list[DemoArticle]:
        with self._lock:
            found = [a for a in self.corpus.articles if site is None or a.site == site]
        return sorted(found, key=lambda a: a.published, reverse=True)

    def requested(self, site: str) -> list[str]:
        """Paths requested from ``site``, in order."""
        with self._lock:
            return list(self._requests.get(site, []))

    def user_agents(self) -> set[str]:
        with self._lock:
            return set(self._user_agents)

    def request_times(self, site: str, path: str) -> list[float]:
        """time.monotonic() of each request for ``path`` on ``site``."""
        with self._lock:
            return [t for t, p in self._times.get(site, []) if urlsplit(p).path == path]

    def bytes_sent(self) -> int:
        """Response body bytes sent by all sites so far."""
        with self._lock:
            return sum(self._bytes.values())

    def conditional(self, site: str) -> list[tuple[str, bool]]:
        """(path, answered 304) for each conditional GET (If-None-Match) on ``site``."""
        with self._lock:
            return list(self._conditional.get(site, []))

    def answer(
        self,
        site: str,
        path: str,
        status: int,
        headers: dict[str, str] | None = None,
        body: bytes = b"",
        times: int = 1,
    ) -> None:
        """Answer the next ``times`` requests for ``path`` on ``site`` with this response (a
        429 with Retry-After, a redirect somewhere else, ...); then serve it as usual again."""
        resource = Resource(
            body, "text/html; charset=utf-8", status, headers=tuple((headers or {}).items())
        )
        with self._lock:
            self._overrides.setdefault((site, path), []).extend([resource] * times)

    def slow_down(self, seconds: float, entry_points: float = 0.0) -> None:
        """Answer every article page after ``seconds`` (crawls then take a while), and every
        other page (feeds, sitemaps, home pages, robots.txt) after ``entry_points``."""
        self._delay = seconds
        self._entry_delay = entry_points

    def break_site(self, site: str) -> None:
        """Break ``site`` the way redesigns do: its feeds turn into HTML error pages and its
        article pages lose their text."""
        with self._lock:
            self._broken.add(site)

    def disallow(self, site: str, path: str) -> None:
        """Add a robots.txt Disallow line for ``path`` on ``site``."""
        with self._lock:
            self._disallowed.setdefault(site, []).append(path)

    def config_toml(self, database_url: str = "") -> str:
        """A spacewatch.toml crawling the three sites as a feed-only, a sitemap-only and a
        home-page-only source, politely but without delays (it is all on this machine)."""
        briefing, newsroom, wire = (
            self.base(s) for s in (FEEDS_SITE, SITEMAPS_SITE, HOMEPAGE_SITE)
        )
        database = f'[database]\nurl = "{database_url}"\n\n' if database_url else ""
        return f"""{database}[crawl]
user_agent = "spacewatch-demo/0.1 (+http://127.0.0.1/)"
download_delay = 0
autothrottle = false
concurrent_requests_per_domain = 8
download_timeout = 10

[[sources]]
name = "briefing-demo"
homepage = "{briefing}/"
feeds = ["{briefing}/news/feed/", "{briefing}/news/feed/atom/"]
allow_private = true

[[sources]]
name = "newsroom-demo"
homepage = "{newsroom}/"
sitemaps = ["{newsroom}/sitemap_index.xml"]
allow_private = true

[[sources]]
name = "spacewire-demo"
homepage = "{wire}/"
allow_private = true
"""

    # -- changing the web -------------------------------------------------------------------

    def publish(self, key: str, when: dt.datetime | None = None) -> DemoArticle:
        """Move a held-back article onto its site, dated ``when`` (default: now)."""
        when = when or dt.datetime.now(dt.UTC).replace(microsecond=0)
        with self._lock:
            article = next(a for a in self.corpus.reserve if a.key == key)
            self.corpus.reserve.remove(article)
            published = dataclasses.replace(
                article,
                published=when,
                path=article.path.replace(f"{article.published:%Y/%m/%d}", f"{when:%Y/%m/%d}"),
            )
            self.corpus.articles.append(published)
        return published

    def edit(
        self, key: str, change: Callable[[list[str]], list[str]], when: dt.datetime | None = None
    ) -> DemoArticle:
        """Change an article's paragraphs and mark it modified (feeds and sitemaps say so)."""
        when = when or dt.datetime.now(dt.UTC).replace(microsecond=0)
        with self._lock:
            article = next(a for a in self.corpus.articles if a.key == key)
            article.paragraphs = change(list(article.paragraphs))
            article.modified = when
        return article

    # -- serving ----------------------------------------------------------------------------

    def _record(self, site: str, path: str, user_agent: str) -> None:
        with self._lock:
            self._requests.setdefault(site, []).append(path)
            self._times.setdefault(site, []).append((time.monotonic(), path))
            self._user_agents.add(user_agent)

    def _record_bytes(self, site: str, size: int) -> None:
        with self._lock:
            self._bytes[site] = self._bytes.get(site, 0) + size

    def _record_conditional(self, site: str, path: str, not_modified: bool = False) -> None:
        with self._lock:
            self._conditional.setdefault(site, []).append((path, not_modified))

    def _override(self, site: str, path: str) -> Resource | None:
        with self._lock:
            queued = self._overrides.get((site, path))
            return queued.pop(0) if queued else None

    def _resource(self, site: str, path: str) -> Resource:
        base = self.base(site)
        articles = self.articles(site)
        html = "text/html; charset=utf-8"
        broken = site in self._broken
        for article in articles:
            if path == article.path:
                if self._delay:
                    time.sleep(self._delay)
                if broken:
                    return Resource(MOVED_PAGE, html)
                others = [a for a in articles if a is not article]
                if article.raw_html is not None:
                    return Resource(article.raw_html, html, last_modified=article.published)
                page = (
                    render.briefing_article if site == FEEDS_SITE else render.spacewire_article
                )(article, base, others)
                return Resource(
                    page.encode("utf-8"), html, last_modified=article.modified or article.published
                )
        if self._entry_delay:
            time.sleep(self._entry_delay)
        routes = self._routes(site, base, articles)
        if broken and path in routes and "feed" in path:
            return Resource(b"<html><body>Page not found</body></html>", html)
        if path in routes:
            return routes[path]
        if site == FEEDS_SITE and path.startswith("/news/category/space/"):
            number = _page_number(path.removeprefix("/news/category/space/"))
            if number:
                body = render.listing_page("Space", articles, base, "/news/category/space/", number)
                return Resource(body.encode("utf-8"), html)
        return Resource(b"<html><body><h1>Not found</h1></body></html>", html, status=404)

    def _routes(self, site: str, base: str, articles: list[DemoArticle]) -> dict[str, Resource]:
        title = SITE_TITLES[site]
        html = "text/html; charset=utf-8"
        xml = "application/xml; charset=utf-8"
        with self._lock:
            disallowed = ["/wp-admin/", *self._disallowed.get(site, [])]
        robots = "User-agent: *\n" + "".join(f"Disallow: {path}\n" for path in disallowed)
        routes: dict[str, Resource] = {}
        if site == FEEDS_SITE:
            dead = dataclasses.replace(
                articles[0], path=DEAD_LINK, title="A briefing that was taken down"
            )
            routes["/"] = Resource(
                render.homepage(title, articles, base, "/news/feed/").encode(), html
            )
            routes["/news/feed/"] = Resource(
                render.rss(title, [*articles, dead], base).encode(),
                "application/rss+xml; charset=utf-8",
            )
            routes["/news/feed/atom/"] = Resource(
                render.atom(title, articles, base).encode(), "application/atom+xml; charset=utf-8"
            )
        elif site == SITEMAPS_SITE:
            newest = max(a.modified or a.published for a in articles)
            robots += f"Sitemap: {base}/sitemap_index.xml\n"
            routes["/"] = Resource(render.homepage(title, articles, base).encode(), html)
            routes["/sitemap_index.xml"] = Resource(
                render.sitemap_index(
                    base, [("/post-sitemap.xml.gz", newest), ("/news-sitemap.xml", newest)]
                ).encode(),
                xml,
            )
            routes["/post-sitemap.xml.gz"] = Resource(
                render.urlset_gz(articles, base), "application/x-gzip"
            )
            routes["/news-sitemap.xml"] = Resource(
                render.news_sitemap(articles[:3], base).encode(), xml
            )
        else:
            routes["/"] = Resource(render.homepage(title, articles, base).encode(), html)
        routes["/robots.txt"] = Resource(robots.encode(), "text/plain; charset=utf-8")
        return routes


def _page_number(rest: str) -> int:
    if rest == "":
        return 1
    parts = [p for p in rest.split("/") if p]
    if len(parts) == 2 and parts[0] == "page" and parts[1].isdigit():
        return int(parts[1])
    return 0
