"""Health verdicts from run histories a reader can check by eye."""

from __future__ import annotations

import dataclasses
import datetime as dt
from types import SimpleNamespace

from crawler.config import HealthSettings
from crawler.health import BROKEN, DEGRADED, OK, RunFacts, judge

NOW = dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)


def run(
    status: str = "finished",
    ago: float = 1,
    pages: int = 10,
    articles: int = 5,
    skipped: int = 0,
    not_articles: int = 0,
    errors: int = 0,
    reason: str = "finished",
) -> RunFacts:
    return RunFacts(
        status=status,
        started=NOW - ago * HOUR,
        pages=pages,
        articles=articles,
        known_skipped=skipped,
        not_articles=not_articles,
        errors=errors,
        finish_reason=reason,
    )


def verdict(*runs: RunFacts) -> tuple[str, str]:
    return judge(list(runs), HOUR, NOW, HealthSettings())


def test_healthy_and_quiet_sources_are_ok() -> None:
    assert verdict(run()) == (OK, "")
    assert verdict(run(articles=0, skipped=12)) == (OK, "")  # nothing new, but entries were known


def test_entry_points_that_give_nothing_mean_broken() -> None:
    status, reason = verdict(run(articles=0, pages=2), run())
    assert status == BROKEN and "gave no articles" in reason


def test_pages_that_lost_their_text_mean_broken() -> None:
    status, reason = verdict(run(articles=2, not_articles=8))
    assert status == BROKEN and "8 of 10 article pages" in reason


def test_no_success_for_several_intervals_means_broken() -> None:
    status, reason = verdict(run(status="failed", ago=1, reason="shutdown"), run(ago=5))
    assert status == BROKEN and "no successful run for 5.0 hours" in reason


def test_staleness_counts_from_the_end_of_the_last_success() -> None:
    long_run = dataclasses.replace(run(ago=5), finished=NOW - 0.1 * HOUR)
    assert verdict(long_run) == (OK, "")  # started 5 intervals ago, but it just succeeded
    status, reason = verdict(dataclasses.replace(run(ago=9), finished=NOW - 4 * HOUR))
    assert status == BROKEN and "no successful run for 4.0 hours" in reason


def test_a_failed_last_run_or_many_errors_mean_degraded() -> None:
    assert verdict(run(status="timeout", reason="closespider_timeout"), run(ago=2))[0] == DEGRADED
    status, reason = verdict(run(pages=10, errors=7))
    assert status == DEGRADED and "7 errors in 10 pages" in reason


def test_never_crawled_has_no_verdict() -> None:
    assert verdict() == ("", "")


def test_a_backfill_planning_run_counts_its_planned_links_as_articles() -> None:
    def plan_run(stats: dict[str, int]) -> RunFacts:
        # What a queued backfill's planning run stores: entry pages fetched, no article.
        zero = dict.fromkeys(("new", "updated", "unchanged", "duplicates", "errors"), 0)
        return RunFacts.from_run(
            SimpleNamespace(
                status="finished",
                finish_reason="finished",
                started_at=NOW - HOUR,
                finished_at=NOW - HOUR,
                pages=3,
                stats=stats,
                **zero,
            )
        )

    assert verdict(plan_run({"spacewatch/planned": 61})) == (OK, "")
    assert verdict(plan_run({}))[0] == BROKEN  # the same run without planned links
