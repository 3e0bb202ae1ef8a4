"""An article's tags: article:tag, JSON-LD keywords, else the keywords <meta>; lists inside
one value split, a CMS's placeholders and the site's "News" left out."""

from __future__ import annotations

import re
from typing import Any

from crawler.extraction.structured import first_meta
from crawler.extraction.text import NEWS_LABELS, clean_value

MAX_TAG = 100

_TAG_LIST = re.compile(r"[,;](?![^()]*\))")
"""A comma or semicolon, not inside brackets: "Prices (Fares, Fees and Rates)" is one."""
_LIST_JOINER = re.compile(r"^(?:&|and|und)\s+", re.IGNORECASE)
_SPACELESS_WORD = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
"""Kana and Han: Chinese and Japanese write no spaces inside a keyword, so a space between
them separates two ("深空探测 探月工程"). Not Hangul: Korean puts spaces between words."""
NOT_A_TAG = NEWS_LABELS | {
    "uncategorized",
    "uncategorised",
    "allgemein",
    "non classé",
    "sin categoría",
    "senza categoria",
    "home",
    "homepage",
    "startseite",
}
"""A CMS's default category (WordPress's "Uncategorized" and its translations), the home
page, and "News": tags every page of a site carries, which tell nothing of the article."""


def article_tags(ld: dict[str, Any], meta: dict[str, list[str]]) -> tuple[tuple[str, ...], str]:
    """(tags in order, first spelling of each kept; the methods that gave them)."""
    raw: list[str] = list(meta.get("article:tag", []))
    method = "meta article:tag" if raw else ""
    keywords = ld.get("keywords")
    if isinstance(keywords, str):
        raw.append(keywords)
    elif isinstance(keywords, list):
        raw.extend(str(k) for k in keywords)
    if keywords and isinstance(keywords, str | list):
        method = ", ".join(filter(None, [method, "json-ld keywords"]))
    if not raw:
        raw.append(first_meta(meta, "news_keywords", "keywords"))
        method = "meta keywords"
    seen: dict[str, str] = {}
    for tag in (piece for value in raw for piece in _pieces(clean_value(value))):
        cleaned = _LIST_JOINER.sub("", tag.strip(" []'\""))
        lowered = cleaned.lower()
        if cleaned and lowered not in seen and lowered not in NOT_A_TAG and len(cleaned) < MAX_TAG:
            seen[lowered] = cleaned
    return tuple(seen.values()), method if seen else ""


def _pieces(value: str) -> list[str]:
    """One value often holds a list: article:tag "Politics,Federal Politics", a JSON-LD
    keyword "HABER, son dakika"; "Business, Finance, & Economics" is three. Entities are
    decoded first ("Governance &amp; Affairs" is one). Chinese and Japanese keywords may be
    separated by spaces alone."""
    pieces: list[str] = []
    for piece in _TAG_LIST.split(value):
        words = piece.split()
        if len(words) > 1 and all(_SPACELESS_WORD.search(w) for w in words):
            pieces += words
        else:
            pieces.append(piece)
    return pieces
