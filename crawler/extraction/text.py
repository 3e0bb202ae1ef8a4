"""Cleaning of short text values read from markup, JSON-LD and <meta> tags."""

from __future__ import annotations

import html
import re

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]{2,8});")


def clean_value(text: str) -> str:
    """One line of text: entities decoded (CMSes often escape JSON-LD and <meta> values
    twice), soft hyphens and zero-width characters removed, whitespace collapsed."""
    if "&" in text and _ENTITY.search(text):
        text = html.unescape(text)
    return " ".join(text.translate(_INVISIBLE).split())
