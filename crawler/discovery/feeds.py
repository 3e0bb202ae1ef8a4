"""RSS 0.9x/1.0/2.0, Atom and JSON Feed entries, parsed by feedparser; feed discovery in HTML."""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import json
import time
from urllib.parse import urljoin

import feedparser
from parsel import Selector

from crawler.discovery import EntryLink
from crawler.extraction.dates import parse_date

FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/json",
    "application/rdf+xml",
    "text/xml",
    "application/xml",
)


def _struct_to_utc(value: time.struct_time | None) -> dt.datetime | None:
    if value is None:
        return None
    # feedparser's *_parsed values are UTC struct_times.
    return parse_date(dt.datetime.fromtimestamp(calendar.timegm(value), dt.UTC))


def parse_json_feed(body: bytes, url: str) -> list[EntryLink] | None:
    """Items of a JSON Feed (jsonfeed.org 1.x), or None when ``body`` is not one.

    Written here because feedparser 6.0 reads XML feeds only.
    """
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict) or not str(data.get("version", "")).startswith(
        "https://jsonfeed.org/version/"
    ):
        return None
    links = []
    for item in data.get("items") or []:
        if not isinstance(item, dict):
            continue
        link = item.get("url") or item.get("external_url") or ""
        if not isinstance(link, str) or not link.strip():
            continue
        published = parse_date(item.get("date_published"))
        links.append(
            EntryLink(
                url=urljoin(url, link.strip()),
                updated_at=parse_date(item.get("date_modified")) or published,
                published_at=published,
                title=" ".join(str(item.get("title", "")).split()),
            )
        )
    return without_stamped_dates(
        [link for link in links if link.url.startswith(("http://", "https://"))]
    )


def read_feed(body: bytes, url: str) -> list[EntryLink] | None:
    """Entries of a feed, in feed order, or None when ``body`` is not a feed (no entry, and
    no clean feed header). A broken feed yields what could be read of it. One parse:
    feedparser is the slow part of reading a big feed."""
    if body.lstrip()[:1] == b"{":
        return parse_json_feed(body, url)
    # Bytes, never a str: feedparser treats a str that looks like a URL as one to fetch.
    parsed = feedparser.parse(bytes(body), response_headers={"content-location": url})
    if not parsed.entries and not (parsed.version and not parsed.bozo):
        return None
    links: list[EntryLink] = []
    for entry in parsed.entries:
        link = entry.get("link") or ""
        if not link:
            for candidate in entry.get("links", []):
                if candidate.get("rel", "alternate") == "alternate" and candidate.get("href"):
                    link = candidate["href"]
                    break
        if not link:
            guid = entry.get("id") or ""
            link = guid if guid.startswith(("http://", "https://")) else ""
        if not link.strip():
            continue  # urljoin would give the feed's own address
        link = urljoin(url, link.strip())
        if not link.startswith(("http://", "https://")):
            continue
        # dict.get, not entry.get: feedparser maps a missing updated_parsed to
        # published_parsed with a DeprecationWarning; we want to know it is missing.
        published = _struct_to_utc(dict.get(entry, "published_parsed"))
        updated = _struct_to_utc(dict.get(entry, "updated_parsed")) or published
        links.append(
            EntryLink(
                url=link,
                updated_at=updated,
                published_at=published,
                title=" ".join(str(entry.get("title", "")).split()),
            )
        )
    return without_stamped_dates(links)


STAMPED_MIN_ENTRIES = 3


def without_stamped_dates(links: list[EntryLink]) -> list[EntryLink]:
    """Entries without their dates when every entry (3 or more) carries one and the same date.

    Such a feed was stamped with the time it was generated: trusted, that date would become
    the publish date of every page that does not give its own, and every entry would look
    changed at each visit. A wrong date is worse than none.
    """
    if len(links) < STAMPED_MIN_ENTRIES:
        return links
    published = {link.published_at for link in links}
    updated = {link.updated_at for link in links}
    drop_published = len(published) == 1 and None not in published
    drop_updated = len(updated) == 1 and None not in updated
    if not (drop_published or drop_updated):
        return links
    return [
        dataclasses.replace(
            link,
            published_at=None if drop_published else link.published_at,
            updated_at=None if drop_updated else link.updated_at,
        )
        for link in links
    ]


def discover_feed_links(html: str, url: str) -> list[str]:
    """Feed URLs a page announces with <link rel="alternate" type="...">."""
    selector = Selector(text=html)
    found: list[str] = []
    for link in selector.xpath(
        '//link[contains(concat(" ", normalize-space(@rel), " "), " alternate ")]'
    ):
        kind = (link.attrib.get("type") or "").split(";")[0].strip().lower()
        href = (link.attrib.get("href") or "").strip()
        if kind in FEED_TYPES and href:
            absolute = urljoin(url, href)
            if absolute not in found and "comments" not in absolute.lower():
                found.append(absolute)
    return found
