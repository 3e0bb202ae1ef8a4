"""Readers for what a page says about itself: JSON-LD, OpenGraph and <meta> tags."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from lxml import html as lxml_html

ARTICLE_TYPES = {
    "article",
    "newsarticle",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "blogposting",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "reviewnewsarticle",
    "report",
    "scholarlyarticle",
    "techarticle",
    "liveblogposting",
    "socialmediaposting",
    "webcontent",
}


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, list):
        for item in node:
            yield from _walk(item)
    elif isinstance(node, dict):
        yield node
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if key in node:
                yield from _walk(node[key])


def _types(node: dict[str, Any]) -> set[str]:
    value = node.get("@type", [])
    values = value if isinstance(value, list) else [value]
    return {str(v).lower().rsplit("/", 1)[-1] for v in values}


def json_ld_article(tree: lxml_html.HtmlElement) -> dict[str, Any]:
    """The first JSON-LD object typed as an article (NewsArticle, BlogPosting, ...), or {}."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        text = (script.text or "").strip()
        if not text:
            continue
        try:
            data = json.loads(text, strict=False)
        except ValueError:
            continue
        for node in _walk(data):
            if _types(node) & ARTICLE_TYPES:
                return node
    return {}


def meta_tags(tree: lxml_html.HtmlElement) -> dict[str, list[str]]:
    """<meta> values by lower-case name/property/itemprop, in document order."""
    found: dict[str, list[str]] = {}
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        content = meta.get("content")
        if key and content is not None and content.strip():
            found.setdefault(key.strip().lower(), []).append(content.strip())
    return found


def first_meta(meta: dict[str, list[str]], *keys: str) -> str:
    for key in keys:
        values = meta.get(key)
        if values:
            return values[0]
    return ""


def ld_text(value: Any) -> str:
    """A JSON-LD value that may be a string, a list or an object with a name."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list):
        return ld_text(value[0]) if value else ""
    if isinstance(value, dict):
        return ld_text(value.get("name") or value.get("@value") or value.get("url") or "")
    return ""


def ld_names(value: Any) -> list[str]:
    """Names from a JSON-LD author value: a string, an object, or a list of either."""
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, dict):
        if _types(value) & {"organization", "newsmediaorganization"}:
            return []
        name = value.get("name")
        return ld_names(name) if name else []
    if isinstance(value, list):
        return [n for item in value for n in ld_names(item)]
    return []
