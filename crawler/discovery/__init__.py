"""Pure: entry-point bytes + URL -> article links (and further entry points)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class EntryLink:
    """An article URL an entry point named, with what the entry point said of it."""

    url: str
    updated_at: dt.datetime | None = None
    """The newest change date the entry point gave (feed updated, sitemap lastmod)."""
    published_at: dt.datetime | None = None
    title: str = ""
