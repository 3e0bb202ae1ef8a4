"""An author's note at the end of an article: "Jane Doe is a senior researcher at ...", or
the byline printed again under the story ("JANE DOE").

The site prints it with every article of that author, so it is not the story's text: an
author who "covers the International Lunar Research Station" would have every article of
theirs flagged. A paragraph counts as one only near the end, when short, and when it opens
with the full name of one of the article's own authors (a one-word author such as an agency
could open a story line: "Reuters reported ...").

Above the story, a paragraph that holds only the authors' names ("By Ana Li and Bo Chen")
leaves the body too (``without_leading_byline``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from crawler.extraction.bylines import MAX_BYLINE

TAIL = 4
"""Paragraphs at the end of the body where an author's note is looked for."""
MAX_NOTE = 600
"""Characters: a note is a sentence or three, not a paragraph of the story."""


def without_author_notes(body: str, authors: Sequence[str]) -> str:
    """``body`` (paragraphs separated by blank lines) without its closing author notes."""
    names = [name for name in authors if len(name.split()) >= 2]
    if not names or not body:
        return body
    opens_with_name = re.compile(
        r"\W{0,3}(?:" + "|".join(re.escape(name) for name in names) + r")\b", re.IGNORECASE
    )
    paragraphs = body.split("\n\n")
    tail_start = len(paragraphs) - TAIL
    kept = [
        paragraph
        for i, paragraph in enumerate(paragraphs)
        if i < tail_start or len(paragraph) > MAX_NOTE or not opens_with_name.match(paragraph)
    ]
    return "\n\n".join(kept)


LEAD = 3
"""Paragraphs at the top of the body where the byline printed as a paragraph is looked for."""
_BYLINE_REST = re.compile(
    r"[\W_]*(?:(?:by|von|par|por|door|and|und|et|y|e|og|en|i)\b[\W_]*)*", re.IGNORECASE
)
"""What a byline paragraph holds beside the names: "By", "and", slashes and commas."""


def without_leading_byline(body: str, authors: Sequence[str]) -> str:
    """``body`` without a paragraph near its top that is only the byline ("By Ana Li and Bo
    Chen", "Mathatisi Sebusi/Mohalenyane Phakela"): the authors are stored on their own."""
    names = sorted((name for name in authors if name), key=len, reverse=True)
    if not names or not body:
        return body
    all_names = re.compile("|".join(re.escape(name) for name in names), re.IGNORECASE)
    paragraphs = body.split("\n\n")
    for i, paragraph in enumerate(paragraphs[:LEAD]):
        if (
            len(paragraph) <= MAX_BYLINE
            and all_names.search(paragraph)
            and _BYLINE_REST.fullmatch(all_names.sub(" ", paragraph))
        ):
            return "\n\n".join(paragraphs[:i] + paragraphs[i + 1 :])
    return body
