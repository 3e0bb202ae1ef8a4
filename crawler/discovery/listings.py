"""Article links and the next page on listing pages and home pages."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from parsel import Selector

NOT_ARTICLE_SEGMENTS = {
    "tag",
    "tags",
    "category",
    "categories",
    "author",
    "authors",
    "page",
    "feed",
    "rss",
    "search",
    "about",
    "about-us",
    "contact",
    "contact-us",
    "privacy",
    "privacy-policy",
    "terms",
    "login",
    "register",
    "subscribe",
    "newsletter",
    "newsletters",
    "wp-content",
    "wp-admin",
    "wp-json",
    "wp-login.php",
    "cdn-cgi",
    "account",
    "cart",
    "shop",
    "events",
    "jobs",
    "careers",
    "advertise",
    "sitemap",
    "topics",
    "topic",
    "section",
    "sections",
    "video",
    "videos",
    "podcast",
    "podcasts",
    "gallery",
    "galleries",
    "comments",
    "amp",
    "live",
    "weather",
    "subscriptions",
    "help",
    "faq",
    "cookies",
}
FILE_SUFFIXES = (
    ".jpg",
    ".jpeg",
    ".png",
    ".gif",
    ".webp",
    ".svg",
    ".pdf",
    ".zip",
    ".mp3",
    ".mp4",
    ".xml",
    ".rss",
    ".css",
    ".js",
    ".ico",
    ".json",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".ppt",
    ".flv",
    ".mov",
    ".webm",
    ".avi",
    ".m3u8",
    ".mkv",
    ".wav",
)
_DATE_IN_PATH = re.compile(r"/(19|20)\d{2}[/-]?(0[1-9]|1[0-2])([/-]?\d{2})?(/|-|$)")
_LONG_ID = re.compile(r"\d{5,}")
NEXT_XPATHS = (
    '//link[@rel="next"]/@href',
    '//a[@rel="next"]/@href',
    '//a[contains(concat(" ", normalize-space(@class), " "), " next ")]/@href',
    '//*[contains(concat(" ", normalize-space(@class), " "), " next ")]/a/@href',
    '//a[contains(concat(" ", normalize-space(@class), " "), " nextpostslink ")]/@href',
)
NEXT_TEXTS = {
    "next",
    "next page",
    "older",
    "older posts",
    "older entries",
    "more",
    "›",
    "»",
    "next ›",
    "next »",
}


def looks_like_article_url(url: str) -> bool:
    """A URL shaped like an article: a dated path, a long slug, or a long numeric id."""
    parts = urlsplit(url)
    path = parts.path.lower()
    if path.endswith(FILE_SUFFIXES):
        return False
    segments = [s for s in path.split("/") if s]
    if not segments:
        return False
    if any(s in NOT_ARTICLE_SEGMENTS for s in segments):
        return False
    last = re.sub(r"\.(html?|php|aspx?)$", "", segments[-1])
    if _DATE_IN_PATH.search(path) and len(segments) >= 3:
        return True
    words = [w for w in re.split(r"[-_]", last) if w]
    if len(words) >= 4 and any(len(w) > 2 for w in words):
        return True
    # /news/details/387323 or /story/12345678/some-title: a long numeric id names one item.
    return (bool(_LONG_ID.search(last)) and len(segments) >= 2) or (
        bool(_LONG_ID.search(path)) and len(words) >= 2
    )


def _in_scope(url: str, hosts: tuple[str, ...]) -> bool:
    netloc = urlsplit(url).netloc.lower()
    return any(netloc == h or netloc.removeprefix("www.") == h.removeprefix("www.") for h in hosts)


def article_links(html: str, url: str, hosts: tuple[str, ...], selector: str = "") -> list[str]:
    """Article URLs on a page, in page order: by ``selector`` when given, else by shape."""
    page = Selector(text=html)
    nodes = page.css(selector) if selector else page.xpath("//body//a[@href]")
    found: list[str] = []
    for node in nodes:
        href = node.attrib.get("href") or node.xpath(".//a/@href").get() or ""
        href = href.strip()
        if not href or href.startswith(("#", "mailto:", "javascript:", "tel:")):
            continue
        absolute = urljoin(url, href).split("#")[0]
        if not absolute.startswith(("http://", "https://")) or not _in_scope(absolute, hosts):
            continue
        if absolute.rstrip("/") == url.rstrip("/"):
            continue
        if (selector or looks_like_article_url(absolute)) and absolute not in found:
            found.append(absolute)
    return found


def next_page(html: str, url: str, selector: str = "") -> str:
    """The URL of the next listing page, or '' on the last page."""
    page = Selector(text=html)
    candidates: list[str] = []
    if selector:
        node = page.css(selector)
        candidates.append(node.attrib.get("href") or node.css("a::attr(href)").get() or "")
    else:
        for xpath in NEXT_XPATHS:
            candidates.extend(page.xpath(xpath).getall())
        for anchor in page.xpath("//a[@href]"):
            text = " ".join(anchor.xpath("normalize-space(string())").get("").lower().split())
            if text in NEXT_TEXTS:
                candidates.append(anchor.attrib["href"])
    for candidate in candidates:
        absolute = urljoin(url, candidate.strip()) if candidate.strip() else ""
        if absolute and absolute.split("#")[0] != url.split("#")[0]:
            return absolute
    return ""
