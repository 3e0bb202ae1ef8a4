"""The registry of per-site rules, keyed by domain."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml import html as lxml_html

_RULES: dict[str, SiteRules] = {}


@dataclass(frozen=True, kw_only=True)
class SiteRules:
    domains: tuple[str, ...]
    """Hosts the rules apply to; subdomains included ("space.com" covers www.space.com)."""
    title: str = ""
    """XPath of the element whose text is the headline."""
    authors: str = ""
    """XPath matching one element per author name."""
    published: Callable[[lxml_html.HtmlElement], dt.datetime | None] | None = None
    """Reads the publication date where no standard markup carries it."""
    drop: tuple[str, ...] = ()
    """XPaths of elements removed before the body is extracted (captions, teasers)."""


def register(rules: SiteRules) -> SiteRules:
    for domain in rules.domains:
        _RULES[domain.lower()] = rules
    return rules


def rules_for(url: str) -> SiteRules | None:
    """The rules for the URL's host or the nearest parent domain that has some."""
    labels = (urlsplit(url).hostname or "").lower().split(".")
    for start in range(len(labels) - 1):
        rules = _RULES.get(".".join(labels[start:]))
        if rules is not None:
            return rules
    return None
