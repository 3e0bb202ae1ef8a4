"""A hostile web site on 127.0.0.1: every page is one way the web breaks a crawler.

Each case is (path, what a crawl must do with it): store it (with the right text) or record
a readable error for its URL. Nothing here may crash, hang or stop the crawl.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

LUNAR = (
    "The China National Space Administration and Roscosmos agreed to extend their cooperation "
    "on the International Lunar Research Station, a base planned near the lunar south pole. "
)
PARAGRAPHS = [LUNAR * 2, "Officials said the agreement covers joint missions and data. " * 4]


def article(title: str, paragraphs: list[str] = PARAGRAPHS, date: str = "2025-03-04") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html lang=en><head><title>{title}</title>"
        f'<meta property="article:published_time" content="{date}T10:00:00Z"></head>'
        f"<body><nav><a href=/>Home</a></nav><article><h1>{title}</h1>{body}</article>"
        "<footer>Hostile Times</footer></body></html>"
    )


@dataclass(frozen=True)
class Page:
    status: int = 200
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = (("Content-Type", "text/html; charset=utf-8"),)
    special: str = ""
    """stall: send half the body, then hang; huge: stream 50 MB."""


def _pages() -> dict[str, Page]:
    html = "text/html; charset=utf-8"
    cyrillic = "Роскосмос и CNSA подписали соглашение о Международной научной лунной станции. "
    chinese = "中国国家航天局与俄罗斯国家航天集团公司签署了关于国际月球科研站的合作协议。"
    pages = {
        "/good/1": Page(body=article("Lunar station deal extended").encode()),
        "/good/2": Page(body=article("Second good article", date="2025-03-05").encode()),
        # A real article page cut off mid-body (no closing tags), with stray unclosed markup.
        "/malformed": Page(
            body=article("Unclosed tags", [LUNAR * 3, LUNAR * 3]).encode()[:-120]
            + b"<p><b><i>nested and never closed <table><tr><td>cell"
        ),
        "/cp1252-as-utf8": Page(
            body=article("Café diplomacy — the station’s partners", [LUNAR * 2, "Déjà vu. " * 30])
            .replace("<!doctype html><html lang=en><head>", "<html><head>")
            .encode("cp1252")
        ),
        "/gb2312-as-utf8": Page(
            body=article("月球科研站合作协议", [chinese * 6, chinese * 4]).encode("gb18030")
        ),
        "/koi8r-as-utf8": Page(
            body=article("Лунная станция", [cyrillic * 5, cyrillic * 3]).encode("koi8-r")
        ),
        "/utf8-as-cp1252": Page(
            body=article("Zürich — Sänger’s lunar “deal”", [LUNAR * 2]).encode(),
            headers=(("Content-Type", "text/html; charset=windows-1252"),),
        ),
        "/binary": Page(body=bytes(range(256)) * 400),
        "/huge": Page(special="huge"),
        "/gzip-bomb": Page(
            body=gzip.compress(b"\0" * (200 * 1024 * 1024), compresslevel=9),
            headers=(("Content-Type", html), ("Content-Encoding", "gzip")),
        ),
        "/redirect-loop": Page(status=302, headers=(("Location", "/redirect-loop"),)),
        "/error-500": Page(status=500, body=b"oops"),
        "/error-503": Page(status=503, headers=(("Retry-After", "1"),), body=b"busy"),
        "/error-429": Page(status=429, body=b"slow down"),
        "/stall": Page(body=article("Stalls mid-body").encode(), special="stall"),
        "/future-date": Page(body=article("From the future", date="2199-01-01").encode()),
        "/date-1970": Page(body=article("Epoch placeholder", date="1970-01-01").encode()),
        "/bad-date": Page(body=article("Unparseable date", date="the day after").encode()),
        "/empty": Page(body=b""),
        "/long-title": Page(body=article("Lunar " * 1700).encode()),
        "/nul-bytes": Page(body=article("Nul\0bytes", [LUNAR.replace(" ", "\0 ", 3) * 2]).encode()),
        # An old CMS's <font> per paragraph, never closed: 400 levels deep (libxml2 alone
        # stops at 256).
        "/deep-nesting": Page(
            body=article("Deeply nested", [LUNAR * 2] * 3)
            .replace("<article>", "<article>" + "<font size=2>" * 400)
            .encode()
        ),
        "/rtl-emoji": Page(
            body=article(
                "محطة أبحاث القمر الدولية 🚀🌕",
                ["وقعت الصين وروسيا اتفاقا بشأن محطة أبحاث القمر الدولية 🌕. " * 8],
            ).encode()
        ),
    }
    return pages


SITEMAP_EXTRA = [f"/good/1?utm_source=n{i}&utm_medium=rss&fbclid={i}" for i in range(100)]


class HostileSite:
    """Serve the hostile pages; the sitemap lists every one (and /good/1 a hundred times with
    tracking parameters), the sitemap index lists itself, the feed is broken XML, and the
    calendar is an endless chain of "next" pages."""

    def __init__(self) -> None:
        self.pages = _pages()
        self.requests: list[str] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> HostileSite:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def served(self, path: str) -> int:
        with self._lock:
            return sum(1 for p in self.requests if urlsplit(p).path == path)

    def route(self, path: str) -> Page:
        base = self.base
        if path == "/sitemap.xml":
            urls = [*self.pages, *SITEMAP_EXTRA]
            body = "".join(f"<url><loc>{base}{u.replace('&', '&amp;')}</loc></url>" for u in urls)
            return Page(
                body=f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</urlset>'.encode(),
                headers=(("Content-Type", "application/xml"),),
            )
        if path == "/sitemap-index.xml":
            return Page(
                body=(
                    '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                    f"<sitemap><loc>{base}/sitemap-index.xml</loc></sitemap></sitemapindex>"
                ).encode(),
                headers=(("Content-Type", "application/xml"),),
            )
        if path == "/feed.xml":
            return Page(
                body=b'<?xml version="1.0"?><rss version="2.0"><channel><title>Broken<item><link>',
                headers=(("Content-Type", "application/rss+xml"),),
            )
        if path.startswith("/calendar/"):
            number = int(path.rstrip("/").rsplit("/", 1)[-1] or 0)
            return Page(
                body=(
                    f"<html><body><h1>Day {number}</h1><a href=/good/1>Lunar deal</a>"
                    f'<a rel=next class=next href="/calendar/{number + 1}">next day</a></body></html>'
                ).encode()
            )
        if path == "/robots.txt":
            return Page(
                body=b"User-agent: *\nAllow: /\n", headers=(("Content-Type", "text/plain"),)
            )
        return self.pages.get(path, Page(status=404, body=b"not found"))

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                with site._lock:
                    site.requests.append(self.path)
                page = site.route(urlsplit(self.path).path)
                self.send_response(page.status)
                for name, value in page.headers:
                    self.send_header(name, value)
                if page.special == "huge":
                    self._stream(50 * 1024 * 1024, lambda: b"<p>" + b"x" * 1020 + b"</p>")
                    return
                self.send_header("Content-Length", str(len(page.body)))
                self.end_headers()
                try:
                    if page.special == "stall":
                        self.wfile.write(page.body[: len(page.body) // 2])
                        self.wfile.flush()
                        time.sleep(8)  # longer than the test's download_timeout
                        return
                    self.wfile.write(page.body)
                except ConnectionError:
                    pass

            def _stream(self, size: int, chunk: Callable[[], bytes]) -> None:
                self.send_header("Content-Length", str(size))
                self.end_headers()
                sent = 0
                try:
                    while sent < size:
                        data = chunk()
                        self.wfile.write(data)
                        sent += len(data)
                except ConnectionError:
                    pass

            def log_message(self, *args: Any) -> None:
                pass

        return Handler
