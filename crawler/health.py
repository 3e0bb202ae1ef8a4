"""A source's health from its recent runs: ok, degraded or broken, with the reason. Pure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from crawler.config import HealthSettings

OK, DEGRADED, BROKEN = "ok", "degraded", "broken"
SUCCESS = {"finished"}


@dataclass(frozen=True, slots=True, kw_only=True)
class RunFacts:
    status: str
    started: dt.datetime
    pages: int
    articles: int
    """Article pages that became items (new, updated, unchanged or duplicate)."""
    known_skipped: int
    not_articles: int
    """Article pages dropped for having no body."""
    errors: int
    finish_reason: str = ""
    finished: dt.datetime | None = None

    @classmethod
    def from_run(cls, run: Any) -> RunFacts:
        stats = run.stats or {}
        return cls(
            status=run.status,
            started=run.started_at,
            pages=run.pages,
            # A queued backfill's planning run fetches no article: the links it planned count.
            articles=run.new
            + run.updated
            + run.unchanged
            + run.duplicates
            + int(stats.get("spacewatch/planned", 0)),
            known_skipped=int(stats.get("spacewatch/known_skipped", 0)),
            not_articles=int(stats.get("item_dropped_reasons_count/NotAnArticle", 0)),
            errors=run.errors,
            finish_reason=run.finish_reason,
            finished=run.finished_at,
        )


def judge(
    runs: Sequence[RunFacts],
    interval: dt.timedelta | None,
    now: dt.datetime,
    settings: HealthSettings,
) -> tuple[str, str]:
    """(status, reason) from runs newest first; ("", "") when the source never ran."""
    if not runs:
        return "", ""
    last = runs[0]
    successes = [r for r in runs if r.status in SUCCESS]
    if interval is not None and successes:
        # From the end of the last success: a long run that just finished is not overdue.
        overdue = now - (successes[0].finished or successes[0].started)
        if overdue > interval * settings.missed_intervals:
            return BROKEN, f"no successful run for {_ago(overdue)}"
    if not successes:
        return (
            BROKEN,
            f"no successful run in the last {len(runs)} "
            f"(last: {last.status} {last.finish_reason})".strip(),
        )
    if last.status not in SUCCESS:
        return DEGRADED, f"last run {last.status}: {last.finish_reason or 'no reason recorded'}"
    if last.pages > 0 and last.articles == 0 and last.known_skipped == 0:
        if last.not_articles:
            return (
                BROKEN,
                f"all {last.not_articles} article pages lost their text (markup changed?)",
            )
        return BROKEN, "entry points gave no articles (feed, sitemap or markup changed?)"
    fetched_articles = last.articles + last.not_articles
    if fetched_articles >= 4 and last.not_articles / fetched_articles > 0.5:
        return BROKEN, f"{last.not_articles} of {fetched_articles} article pages lost their text"
    if last.pages and last.errors / last.pages > settings.max_error_share:
        return DEGRADED, f"{last.errors} errors in {last.pages} pages"
    return OK, ""


def _ago(delta: dt.timedelta) -> str:
    hours = delta.total_seconds() / 3600
    return f"{hours / 24:.1f} days" if hours >= 48 else f"{hours:.1f} hours"
