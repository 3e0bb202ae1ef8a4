"""Cross-links a site sets between an article's paragraphs ("Read more: Other headline").

They sit inside the article element, so the body extractor keeps them, but they name other
articles: a "Read more: Chang'e 6 lands" line would flag a story that is about something else.
A line counts as one only when a known lead-in is followed by a separator and the line is
short; "Related to this, the agency said ..." stays.
"""

from __future__ import annotations

import re

LEAD_INS = (
    # English
    "read more", "read also", "also read", "related", "related articles?", "related stories",
    "related coverage", "see also", "recommended", "more on this(?: story| topic)?",
    "read next", "up next", "don[’']t miss", "must read",
    # German
    "lesen sie auch", "lesen sie mehr", "mehr zum thema", "auch interessant",
    "das könnte sie auch interessieren",
    # French
    "[àa] lire aussi", "lire aussi", "[àa] lire également", "lire également",
    # Spanish, Portuguese, Italian
    "lea también", "lee también", "leer más", "te puede interesar", "leia também", "leia mais",
    "veja também", "leggi anche",
    # Polish, Dutch, Scandinavian
    "czytaj też", "czytaj także", "zobacz też", "zobacz także", "lees ook", "lees meer",
    "läs också", "läs mer", "les også", "les mer", "læs også", "læs mere",
)  # fmt: skip
_TEASER = re.compile(r"\s*(?:" + "|".join(LEAD_INS) + r")\s*[:»>|\-–—]", re.IGNORECASE)
MAX_TEASER = 300
"""Characters: a cross-link is a lead-in and a headline, never a paragraph of prose."""


def is_teaser(paragraph: str) -> bool:
    return len(paragraph) <= MAX_TEASER and _TEASER.match(paragraph) is not None
