"""Plain types that cross the storage boundary: what callers hand in and get back."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True, slots=True, kw_only=True)
class MatchRecord:
    category: str
    term: str
    field: str
    """Where the term was found: "title" or "body"."""
    count: int
    offsets: list[int]
    """Character offsets into that field, in order."""
    snippet: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleRecord:
    """One extracted, normalised, fingerprinted and flagged article, ready to save."""

    url: str
    fetched_url: str
    source: str
    title: str
    body: str
    content_hash: str
    minhash: bytes
    """MinHash signature of the body (storage.fingerprints.minhash_signature)."""
    fetched_at: dt.datetime
    authors: list[str] = field(default_factory=list)
    published_at: dt.datetime | None = None
    modified_at: dt.datetime | None = None
    entry_updated_at: dt.datetime | None = None
    language: str = ""
    summary: str = ""
    section: str = ""
    tags: list[str] = field(default_factory=list)
    image_url: str = ""
    flagged: bool = False
    flag_score: float = 0.0
    categories: list[str] = field(default_factory=list)
    matches: list[MatchRecord] = field(default_factory=list)


Outcome = Literal["new", "updated", "unchanged", "duplicate"]


@dataclass(frozen=True, slots=True)
class KnownUrl:
    """What the database knows of a URL before it is fetched again."""

    changed_at: dt.datetime | None
    """The newest change date we know (entry point or page), or None."""
    first_seen_at: dt.datetime
    last_fetched_at: dt.datetime

    def recheck_due(self, now: dt.datetime, young: dt.timedelta, after: dt.timedelta) -> bool:
        """A young article (first seen less than ``young`` ago) is fetched once more for
        edits, on the first crawl at least ``after`` past its first fetch. Edits that feeds and
        sitemaps do not announce (a date-only lastmod, no updated) are caught this way."""
        age = now - self.first_seen_at
        rechecked = self.last_fetched_at - self.first_seen_at >= after
        return after <= age < young and not rechecked


@dataclass(frozen=True, slots=True)
class SaveResult:
    url: str
    outcome: Outcome
    article_id: int
    duplicate_of: int | None = None
    flagged: bool = False
    """True when this save made the article flagged (new, or newly flagged on update)."""
