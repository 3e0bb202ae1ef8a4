"""The term matcher: title + body + Taxonomy -> FlagResult. Pure: no I/O, no settings.

How a text is read:
- Normalised first, keeping a map back to the original characters: accents dropped, curly
  apostrophes and typographic dashes made plain, case folded. Offsets and snippets always
  refer to the original text.
- A term, alias or exclusion matches on word boundaries, with spaces and hyphens between its
  words interchangeable. An all-capitals alias (ESA, SLIM, KARI) matches in capitals only, so
  the Spanish "esa" or the adjective "slim" do not count. Scripts written without spaces
  (Chinese, Japanese) match without word boundaries.
- A term inside an exclusion ("Lunar New Year", "Moon Jae-in", "climate change") is dropped.
- A term marked ``near`` counts only within ``proximity_words`` words of a term of one of its
  category's ``near`` categories: "agreement" near "Roscosmos" is space cooperation, an
  agreement between two banks is not.
- Score per category: weight x min(count, 3) summed over its terms; a category whose score
  reaches its threshold (and may flag) flags the article.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from crawler.config import Taxonomy, TermSpec

APOSTROPHES = str.maketrans({c: "'" for c in "’‘`´ʼʹ′＇"})
DASHES = str.maketrans({c: "-" for c in "‐‑‒–—―−﹘﹣－"})
COUNT_CAP = 3
HIGHLIGHT_OPEN, HIGHLIGHT_CLOSE = "«", "»"
_SPACELESS = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_WORDS = re.compile(r"\w+")


@dataclass(frozen=True, slots=True, kw_only=True)
class TermMatch:
    category: str
    term: str
    """The configured term; its aliases are counted under it."""
    field: str
    """"title" or "body"."""
    count: int
    offsets: tuple[int, ...]
    """Character offsets of each occurrence in the original field text."""
    snippet: str
    """Text around the first occurrence, the occurrence between « and »."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FlagResult:
    flagged: bool
    score: float
    """Sum of the scores of the categories that flag."""
    categories: tuple[str, ...]
    """Categories whose score reached their threshold, in taxonomy order."""
    scores: dict[str, float] = field(default_factory=dict)
    matches: tuple[TermMatch, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "flagged": self.flagged,
            "score": round(self.score, 3),
            "categories": list(self.categories),
            "scores": {k: round(v, 3) for k, v in self.scores.items()},
            "matches": [
                {
                    "term": m.term,
                    "category": m.category,
                    "field": m.field,
                    "count": m.count,
                    "offsets": list(m.offsets),
                    "snippet": m.snippet,
                }
                for m in self.matches
            ],
        }


@dataclass(frozen=True, slots=True)
class NormalisedText:
    original: str
    cased: str
    """Accents dropped, apostrophes and dashes plain, case kept."""
    folded: str
    """``cased`` in lower case; the same length, so one index map serves both."""
    origin: tuple[int, ...] | None
    """origin[i] = index in ``original`` of normalised character i; None when identical."""

    def to_original(self, index: int) -> int:
        if self.origin is None:
            return index
        if index >= len(self.origin):
            return len(self.original)
        return self.origin[index]


def normalise(text: str) -> NormalisedText:
    text_plain = text.translate(APOSTROPHES).translate(DASHES)
    if text_plain.isascii():
        return NormalisedText(text, text_plain, text_plain.lower(), None)
    cased_chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text_plain):
        if ch.isascii():
            cased_chars.append(ch)
            origin.append(i)
            continue
        decomposed = unicodedata.normalize("NFKD", ch)
        kept = "".join(c for c in decomposed if not unicodedata.combining(c)) or ch
        for c in kept:
            cased_chars.append(c)
            origin.append(i)
    cased = "".join(cased_chars)
    folded = "".join(c.lower() if len(c.lower()) == 1 else c for c in cased)
    return NormalisedText(text, cased, folded, tuple(origin))


def _phrase_regex(phrase: str) -> str:
    norm = normalise(phrase.strip())
    words = [w for w in re.split(r"[\s\-]+", norm.cased) if w]
    body = r"[\s\-]+".join(re.escape(w) for w in words)
    return _bounded(body, norm.cased)


def _bounded(body: str, sample: str) -> str:
    left = "" if _SPACELESS.match(sample) else r"(?<!\w)"
    right = "" if _SPACELESS.search(sample[-1:]) else r"(?!\w)"
    return f"{left}(?:{body}){right}"


def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and alias.isascii()


class Matcher:
    """A taxonomy compiled into three regular expressions: exclusions, folded, capitals."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.categories = {c.name: c for c in taxonomy.categories}
        folded: list[tuple[str, int]] = []
        cased: list[tuple[str, int]] = []
        for index, term in enumerate(taxonomy.terms):
            for variant in (term.term, *term.aliases):
                target = cased if _is_acronym(variant) else folded
                target.append((_phrase_regex(variant), index))
            if term.pattern:
                folded.append((_bounded(term.pattern, "a"), index))
        self.folded = _alternation(folded, re.IGNORECASE)
        self.cased = _alternation(cased, 0)
        exclusions = [_phrase_regex(x) for x in taxonomy.exclusions if x.strip()]
        self.exclusions = (
            re.compile("|".join(sorted(exclusions, key=len, reverse=True)), re.IGNORECASE)
            if exclusions
            else None
        )

    def flag(self, title: str, body: str) -> FlagResult:
        found: list[TermMatch] = []
        for field_name, text in (("title", title), ("body", body)):
            if text:
                found.extend(self._match_field(field_name, text))
        scores: dict[str, float] = defaultdict(float)
        weights = {(t.category, t.term): t.weight for t in self.taxonomy.terms}
        for match in found:
            scores[match.category] += weights[(match.category, match.term)] * min(
                match.count, COUNT_CAP
            )
        flagging = tuple(
            c.name
            for c in self.taxonomy.categories
            if c.flag and scores.get(c.name, 0.0) >= c.threshold and scores.get(c.name, 0.0) > 0
        )
        found.sort(key=lambda m: (self._category_order(m.category), -m.count, m.field, m.term))
        return FlagResult(
            flagged=bool(flagging),
            score=sum(scores[c] for c in flagging),
            categories=flagging,
            scores=dict(scores),
            matches=tuple(found),
        )

    def _category_order(self, name: str) -> int:
        return list(self.categories).index(name)

    def _match_field(self, field_name: str, text: str) -> list[TermMatch]:
        norm = normalise(text)
        excluded = self._excluded_spans(norm.folded)
        hits: list[tuple[int, int, int]] = []  # (start, end, term index) in normalised text
        for alternation, haystack in ((self.folded, norm.folded), (self.cased, norm.cased)):
            if alternation is None:
                continue
            for m in alternation.regex.finditer(haystack):
                if m.lastgroup is None or _overlaps(excluded, m.start(), m.end()):
                    continue
                hits.append((m.start(), m.end(), alternation.terms[int(m.lastgroup[1:])]))
        hits = _without_overlaps(hits)
        hits = self._within_proximity(hits, norm.folded)
        by_term: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for start, end, index in hits:
            by_term[index].append((start, end))
        result = []
        for index, spans in by_term.items():
            term: TermSpec = self.taxonomy.terms[index]
            start, end = spans[0]
            result.append(
                TermMatch(
                    category=term.category,
                    term=term.term,
                    field=field_name,
                    count=len(spans),
                    offsets=tuple(norm.to_original(s) for s, _ in spans),
                    snippet=_snippet(
                        text,
                        norm.to_original(start),
                        norm.to_original(end),
                        self.taxonomy.snippet_chars,
                    ),
                )
            )
        return result

    def _excluded_spans(self, folded: str) -> list[tuple[int, int]]:
        if self.exclusions is None:
            return []
        return [(m.start(), m.end()) for m in self.exclusions.finditer(folded)]

    def _within_proximity(
        self, hits: list[tuple[int, int, int]], folded: str
    ) -> list[tuple[int, int, int]]:
        terms = self.taxonomy.terms
        if not any(terms[i].near for _, _, i in hits):
            return hits
        word_starts = [m.start() for m in _WORDS.finditer(folded)]

        def word_index(offset: int) -> int:
            return bisect.bisect_right(word_starts, offset)

        anchors_by_category: dict[str, list[int]] = defaultdict(list)
        for start, _, i in hits:
            anchors_by_category[terms[i].category].append(word_index(start))
        window = self.taxonomy.proximity_words
        kept = []
        for start, end, i in hits:
            term = terms[i]
            if not term.near:
                kept.append((start, end, i))
                continue
            position = word_index(start)
            anchors = sorted(
                w for c in self.categories[term.category].near for w in anchors_by_category[c]
            )
            k = bisect.bisect_left(anchors, position - window)
            if k < len(anchors) and anchors[k] <= position + window:
                kept.append((start, end, i))
        return kept


@dataclass(frozen=True, slots=True)
class _Alternation:
    """One regex of named alternatives; group ``g<n>`` belongs to term ``terms[n]``."""

    regex: re.Pattern[str]
    terms: tuple[int, ...]


def _alternation(parts: list[tuple[str, int]], flags: int) -> _Alternation | None:
    if not parts:
        return None
    # Longest first, so "lunar surface" wins over "lunar" at the same place.
    ordered = sorted(parts, key=lambda p: len(p[0]), reverse=True)
    regex = re.compile("|".join(f"(?P<g{n}>{rx})" for n, (rx, _) in enumerate(ordered)), flags)
    return _Alternation(regex, tuple(index for _, index in ordered))


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _without_overlaps(hits: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Two scans (folded, capitals) may both hit one place: keep the longer, then the first."""
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    kept: list[tuple[int, int, int]] = []
    for hit in hits:
        if kept and hit[0] < kept[-1][1]:
            continue
        kept.append(hit)
    return kept


def _snippet(text: str, start: int, end: int, context: int) -> str:
    """About ``context`` characters each side of text[start:end], cut at spaces."""
    left = max(0, start - context)
    right = min(len(text), end + context)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    snippet = (
        _collapse(text[left:start])
        + HIGHLIGHT_OPEN
        + _collapse(text[start:end])
        + HIGHLIGHT_CLOSE
        + _collapse(text[end:right])
    ).strip()
    return ("… " if left > 0 else "") + snippet + (" …" if right < len(text) else "")


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@functools.lru_cache(maxsize=8)
def matcher_for(taxonomy: Taxonomy) -> Matcher:
    return Matcher(taxonomy)


def flag(title: str, body: str, taxonomy: Taxonomy) -> FlagResult:
    """Flag one article's title and body against ``taxonomy``."""
    return matcher_for(taxonomy).flag(title, body)
