"""Cleaning of short text values read from markup, JSON-LD and <meta> tags."""

from __future__ import annotations

import html
import re

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]{2,8});")


_TAG = re.compile(r"</?[A-Za-z][^<>]{0,500}>")

NEWS_LABELS = frozenset(
    {"news", "nachrichten", "nieuws", "noticias", "notizie", "nyheter", "actualités", "новости"}
)
""""News" in the languages of our sources: a section's name that sites leave where a name or
a tag belongs ("Nachrichten" as an author, "News" as a tag on every page)."""


def text_value(text: str) -> str:
    """clean_value for a value that should be text but may carry markup: a JSON-LD author
    '<a href="/ana-li">Ana Li</a>', a description "&lt;p&gt;...": entities decoded first,
    since escaped tags are tags too, then the tags taken out."""
    cleaned = clean_value(text)
    return " ".join(_TAG.sub(" ", cleaned).split()) if "<" in cleaned else cleaned


def clean_value(text: str) -> str:
    """One line of text: entities decoded (CMSes often escape JSON-LD and <meta> values
    twice), soft hyphens and zero-width characters removed, whitespace collapsed."""
    for _ in range(3):  # "&amp;amp;": escaped by the CMS and again by its template
        if "&" not in text or not _ENTITY.search(text):
            break
        text = html.unescape(text)
    return " ".join(text.translate(_INVISIBLE).split())
