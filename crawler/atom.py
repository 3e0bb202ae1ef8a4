"""The Atom feed (RFC 4287) of flagged articles: written to a file by the service, served at
/flagged.atom by the web page."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

from storage import queries
from storage.database import Database

ATOM_NS = "http://www.w3.org/2005/Atom"


def flagged_feed(database: Database, limit: int = 50, self_url: str = "") -> bytes:
    """The latest flagged articles as an Atom document."""
    with database.session() as session:
        articles = queries.flagged(session, queries.Filters(), limit=limit)
        reasons = queries.flag_reasons(session, [a.id for a in articles])
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    _text(feed, "title", "spacewatch: flagged articles")
    _text(feed, "id", "urn:spacewatch:flagged")
    newest = max((a.first_seen for a in articles), default=dt.datetime.now(dt.UTC))
    _text(feed, "updated", _iso(newest))
    if self_url:
        ET.SubElement(feed, f"{{{ATOM_NS}}}link", href=self_url, rel="self")
    author = ET.SubElement(feed, f"{{{ATOM_NS}}}author")
    _text(author, "name", "spacewatch")
    for article in articles:
        if urlsplit(article.url).scheme not in ("http", "https"):
            continue  # an entry needs a link a reader can follow; a javascript: URL is not one
        entry = ET.SubElement(feed, f"{{{ATOM_NS}}}entry")
        _text(entry, "title", article.title or article.url)
        _text(entry, "id", f"urn:spacewatch:article:{article.id}")
        _text(entry, "updated", _iso(article.first_seen))
        if article.published:
            _text(entry, "published", _iso(article.published))
        ET.SubElement(entry, f"{{{ATOM_NS}}}link", href=article.url, rel="alternate")
        entry_author = ET.SubElement(entry, f"{{{ATOM_NS}}}author")
        _text(entry_author, "name", article.source)
        for category in article.categories:
            ET.SubElement(entry, f"{{{ATOM_NS}}}category", term=category)
        reason = reasons.get(article.id)
        snippets = reason.snippets[:3] if reason else ()
        _text(entry, "summary", "\n".join(snippets) or article.title)
    return bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True))


def _text(parent: ET.Element, tag: str, value: str) -> None:
    ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}").text = value


def _iso(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
