"""Scraped text is untrusted: everything is escaped first, and highlighting inserts <mark>
only around escaped pieces. Links to the outside are shown only for http(s) URLs."""

from __future__ import annotations

from urllib.parse import urlsplit

from markupsafe import Markup, escape

OPEN, CLOSE = "«", "»"


def highlight(text: str, spans: list[tuple[int, int, str]]) -> Markup:
    """``text`` escaped, with each (start, end, category) span in a <mark>."""
    pieces: list[str] = []
    position = 0
    # Where spans overlap, the first and longest is marked.
    for start, end, category in sorted(spans, key=lambda span: (span[0], -span[1])):
        if start < position or end <= start:
            continue
        pieces.append(str(escape(text[position:start])))
        pieces.append(f'<mark class="{escape(category)}">{escape(text[start:end])}</mark>')
        position = end
    pieces.append(str(escape(text[position:])))
    return Markup("".join(pieces))


def snippet(text: str) -> Markup:
    """A stored snippet (matches between « and ») as escaped HTML with <mark>s."""
    spans = []
    plain: list[str] = []
    length = 0
    rest = text
    while OPEN in rest and CLOSE in rest.split(OPEN, 1)[1]:
        before, after = rest.split(OPEN, 1)
        inner, rest = after.split(CLOSE, 1)
        plain.append(before)
        length += len(before)
        spans.append((length, length + len(inner), "match"))
        plain.append(inner)
        length += len(inner)
    plain.append(rest)
    return highlight("".join(plain), spans)


def paragraphs(text: str, spans: list[tuple[int, int, str]]) -> list[Markup]:
    """The body as escaped, highlighted paragraphs."""
    result = []
    offset = 0
    for part in text.split("\n\n"):
        start = text.index(part, offset) if part else offset
        end = start + len(part)
        local = [(s - start, e - start, c) for s, e, c in spans if s >= start and e <= end]
        if part.strip():
            result.append(highlight(part, local))
        offset = end
    return result


def safe_link(url: str) -> str:
    """``url`` if it is an http(s) URL, else '' (no javascript:, data:, file: links)."""
    return url if urlsplit(url.strip()).scheme.lower() in ("http", "https") else ""


def matched_form(snippet_text: str) -> str:
    """The words a stored snippet marks (what the text said, e.g. "signatories" for the
    term "joint mission"), or ''."""
    if OPEN not in snippet_text:
        return ""
    return snippet_text.split(OPEN, 1)[1].split(CLOSE, 1)[0]


def is_lede(description: str, body: str) -> bool:
    """Whether the stored description says something the body's start does not."""
    head = " ".join(description.split())[:80]
    return bool(head) and head not in " ".join(body[:2000].split())
