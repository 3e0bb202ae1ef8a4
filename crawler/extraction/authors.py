"""Author names from JSON-LD, <meta> and bylines, one person (or agency) each."""

from __future__ import annotations

import re
from collections.abc import Callable

from crawler.extraction.text import clean_value

MAX_NAME = 80
_JOINED = re.compile(r"\s*(?:[,;]|\s(?:and|und|og|och|et|en|und)\s)\s*", re.IGNORECASE)
"""Between two names in one string: "A and B", "A und B, dpa". Not the one-letter
conjunctions (Spanish "Ortega y Gasset" is one name) and not "&" when the name comes from
structured data ("Dezan Shira & Associates" is one author)."""
_JOINED_FREE_TEXT = re.compile(_JOINED.pattern + r"|\s*[&|]\s*", re.IGNORECASE)
_BY = re.compile(r"^(?:by|von|par|por|di|af|door|and|und)\s+", re.IGNORECASE)
_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)$|\s+기자$")
"""'Elena Oberholzer (obe)' and Korean '신현주 기자' ('reporter') are the name before it."""


def author_names(raw: list[str], free_text: bool) -> tuple[str, ...]:
    """Clean, split and deduplicate; drop what is not a name (e-mail addresses, URLs, numbers)."""
    splitter = _JOINED_FREE_TEXT if free_text else _JOINED
    names: list[str] = []
    seen: set[str] = set()
    for value in raw:
        for part in splitter.split(clean_value(value)):
            name = _TRAILING_NOTE.sub("", _BY.sub("", part.strip())).strip(" .,;:-–—")
            key = _squeezed(name)  # "Sophie Foster" and its slug "sophie-foster" are one
            if _is_name(name) and key not in seen:
                seen.add(key)
                names.append(name)
    return tuple(names)


def _squeezed(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.casefold())


def without_site_names(
    names: tuple[str, ...], names_site: Callable[[str], bool]
) -> tuple[str, ...]:
    """Authors that are not the publication itself ("Lesotho Times", "mdr.de"), when a person
    is named beside it; a publication alone stays (a desk or agency story has no other)."""
    people = tuple(name for name in names if not names_site(name))
    return people or names


def _is_name(name: str) -> bool:
    return (
        1 < len(name) <= MAX_NAME
        and "@" not in name
        and "://" not in name
        and not name.lower().startswith("www.")
        and re.search(r"[^\W\d_]", name) is not None
    )
