"""Sitemaps: index and urlset, gzip, with the Google News fields that SitemapSpider drops."""

from __future__ import annotations

import gzip
import io
import zlib
from dataclasses import dataclass, field

from lxml import etree

from crawler.discovery import EntryLink
from crawler.extraction.dates import parse_date

MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
"""A gzip sitemap is read at most this far: a gzip bomb is cut off, not swallowed."""
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


class SitemapTooLarge(ValueError):
    """The gzip member unpacks past MAX_UNZIPPED_BYTES."""


@dataclass(frozen=True, slots=True)
class Sitemap:
    kind: str
    """"urlset", "sitemapindex", or "" when the body is not a sitemap."""
    links: list[EntryLink] = field(default_factory=list)
    """Article URLs of a urlset, or child sitemaps of an index (with their lastmod)."""


def gunzip_capped(body: bytes, limit: int = MAX_UNZIPPED_BYTES) -> bytes:
    """Unpack gzip bytes, refusing to go past ``limit`` bytes."""
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=io.BytesIO(body)) as stream:
        while chunk := stream.read(64 * 1024):
            out.write(chunk)
            if out.tell() > limit:
                raise SitemapTooLarge(f"gzip sitemap unpacks past {limit} bytes")
    return out.getvalue()


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def parse_sitemap(body: bytes) -> Sitemap:
    """Parse a sitemap (gzip or not); anything that is not one gives kind ''."""
    if body[:2] == b"\x1f\x8b":
        try:
            body = gunzip_capped(body)
        except (OSError, EOFError, zlib.error):
            return Sitemap("")
    parser = etree.XMLParser(
        recover=True, resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True
    )
    try:
        root = etree.fromstring(body.strip(), parser=parser)
    except etree.XMLSyntaxError:
        return Sitemap("")
    if root is None:
        return Sitemap("")
    kind = _local(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        return Sitemap("")
    child_tag = "url" if kind == "urlset" else "sitemap"
    links = []
    for node in root:
        if _local(node.tag) != child_tag:
            continue
        values: dict[str, str] = {}
        for child in node.iter():
            name = _local(child.tag)
            if name in ("loc", "lastmod", "publication_date", "title") and child.text:
                namespace = (
                    str(child.tag).split("}")[0].lstrip("{") if "}" in str(child.tag) else ""
                )
                key = f"news:{name}" if namespace == NEWS_NS else name
                values.setdefault(key, child.text.strip())
        loc = values.get("loc", "")
        if not loc.startswith(("http://", "https://")):
            continue
        published = parse_date(values.get("news:publication_date"))
        links.append(
            EntryLink(
                url=loc,
                updated_at=parse_date(values.get("lastmod")) or published,
                published_at=published,
                title=values.get("news:title", ""),
            )
        )
    return Sitemap(kind, links)


def robots_sitemaps(robots_txt: str) -> list[str]:
    """The Sitemap: lines of a robots.txt, in order."""
    found = []
    for line in robots_txt.splitlines():
        key, _, value = line.partition(":")
        if key.strip().lower() == "sitemap" and value.strip().startswith(("http://", "https://")):
            found.append(value.strip())
    return found
