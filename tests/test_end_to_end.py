"""The whole path on the demo web: crawl -> extract -> dedupe -> flag -> store -> query.

Truth is the demo web's own: each DemoArticle knows the title, authors, date and text it
serves (for the real pages, fundus's hand-checked gold).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from crawler.demoweb import DemoWeb
from crawler.demoweb.corpus import DemoArticle
from crawler.demoweb.server import DEAD_LINK
from storage import queries
from storage.database import open_database
from storage.models import Article, Source
from tests.support import (
    ON_POSTGRES,
    both_databases_in_first_pass,
    demo_cli,
    fresh_postgres_database,
    token_scores,
)

NOT_FLAGGED = [
    "lunar-new-year-holidays",  # "Lunar New Year", "lunar calendar"
    "moon-jae-in-visit",  # "Moon Jae-in", "Moon Festival", a company agreement
    "time-climate",  # "climate change" is not Chang'e
    "WestAustralian_2024_11_26",  # "Climate change" in the headline
    "OttawaCitizen_2026_05_26",  # "office space"
    "spacecom-nasa-budget",  # space policy, but neither lunar nor cooperation
]


def stored_rows(database_url: str) -> list[dict[str, object]]:
    database = open_database(database_url)
    try:
        with database.session() as session:
            rows = session.execute(
                select(
                    Article.id,
                    Article.url,
                    Article.fetched_url,
                    Article.title,
                    Article.authors,
                    Article.published_at,
                    Article.body,
                    Article.flagged,
                    Article.duplicate_of,
                    Article.version,
                    Source.name.label("source"),
                ).join(Source, Source.id == Article.source_id)
            )
            return [dict(r._mapping) for r in rows]
    finally:
        database.dispose()


def detail(database_url: str, url: str) -> queries.ArticleDetail:
    database = open_database(database_url)
    try:
        with database.session() as session:
            found = queries.get_article(session, url)
            assert found is not None, f"not stored: {url}"
            return found
    finally:
        database.dispose()


def source_of(article: DemoArticle) -> str:
    return f"{article.site}-demo"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def crawled(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The demo web crawled through the CLI, once into a SQLite file and once into PostgreSQL:
    every test of the path runs on both databases."""
    if ON_POSTGRES:
        pytest.skip(both_databases_in_first_pass)
    tmp = tmp_path_factory.mktemp("e2e")
    with contextlib.ExitStack() as stack:
        if request.param == "sqlite":
            url = f"sqlite:///{tmp / 'spacewatch.db'}"
        else:
            url = stack.enter_context(fresh_postgres_database())
        yield from _crawl_demo(tmp, url)


def _crawl_demo(tmp: Path, url: str):  # type: ignore[no-untyped-def]
    with DemoWeb() as web:
        cli = demo_cli(tmp, web, url)
        # The briefing site first: sources crawled together race, and the copy stored first
        # becomes the original. The test wants the seed (published first) to win.
        first = cli("crawl", "briefing-demo", "--format", "json")
        assert first.code == 0, first.err
        rest = cli("crawl", "newsroom-demo", "spacewire-demo", "--format", "json")
        assert rest.code == 0, rest.err
        yield web, cli, url, [*first.json(), *rest.json()]


def test_crawl_prints_a_summary_per_source(crawled) -> None:  # type: ignore[no-untyped-def]
    web, _, _, summary = crawled
    by_source = {row["source"]: row for row in summary}
    assert set(by_source) == {"briefing-demo", "newsroom-demo", "spacewire-demo"}
    for row in summary:
        assert row["status"] == "finished"
        assert row["pages"] > 0
    originals = [a for a in web.articles() if not a.syndicated_from]
    for name, row in by_source.items():
        expected = [a for a in originals if source_of(a) == name]
        assert row["new"] == len(expected), name
    assert by_source["spacewire-demo"]["duplicates"] == 1
    assert by_source["briefing-demo"]["errors"] == 1  # the dead link in the feed


def test_every_article_is_stored_exactly_once_with_its_fields(crawled) -> None:  # type: ignore[no-untyped-def]
    web, _, url, _ = crawled
    rows = stored_rows(url)
    assert len(rows) == len(web.articles())
    by_fetched = {row["fetched_url"]: row for row in rows}
    assert len(by_fetched) == len(rows)
    for article in web.articles():
        row = by_fetched[web.url(article)]
        assert row["source"] == source_of(article)
        assert row["title"] == article.title, article.key
        published = row["published_at"]
        assert isinstance(published, dt.datetime)
        if article.raw_html is None:
            assert published == article.published, article.key
            assert list(row["authors"]) == list(article.authors), article.key  # type: ignore[call-overload]
        else:
            assert published.date() == article.published.date(), article.key
        precision, recall = token_scores(str(row["body"]), article.body)
        # Template pages must come back whole. Real pages are held to what trafilatura
        # reaches on them (macro P 0.94 / R 0.97 on fundus's English pages); extraction
        # quality itself is measured by the extraction benchmark, not here.
        floors = (0.97, 0.97) if article.raw_html is None else (0.85, 0.80)
        assert precision >= floors[0] and recall >= floors[1], (article.key, precision, recall)


def test_template_pages_store_the_body_without_teasers_or_comments(crawled) -> None:  # type: ignore[no-untyped-def]
    web, _, url, _ = crawled
    for article in web.articles("briefing"):
        body = detail(url, web.url(article)).body
        assert "Related Reading" not in body
        assert "shared with our whole team" not in body  # a reader comment
        assert "Subscribe to our newsletter" not in body
        assert body.split("\n\n")[0] == " ".join(article.paragraphs[0].split())


def test_seed_article_is_flagged_lunar_and_cooperation_with_its_snippets(crawled) -> None:  # type: ignore[no-untyped-def]
    web, _, url, _ = crawled
    seed = web.corpus.by_key("seed-ilrs")
    stored = detail(url, web.url(seed))
    assert stored.summary.flagged
    assert set(stored.summary.categories) == {"lunar", "cooperation"}
    by_term = {(m.category, m.term): m for m in stored.matches}
    ilrs = by_term[("lunar", "International Lunar Research Station")]
    assert ilrs.count >= 3
    assert "«international lunar research station»" in ilrs.snippet.lower()
    memorandum = by_term[("cooperation", "memorandum of understanding")]
    assert "«memorandum" in memorandum.snippet.lower()
    for match in stored.matches:
        # Offsets point into the stored text: the first at the snippet's highlighted words,
        # every one at the start of a word (aliases differ, so only the first is compared).
        source_text = stored.body if match.field == "body" else stored.summary.title
        inner = match.snippet.split("«", 1)[1].split("»", 1)[0]
        assert source_text[match.offsets[0] : match.offsets[0] + len(inner)] == inner
        for offset in match.offsets:
            assert source_text[offset].isalnum()
            assert offset == 0 or not source_text[offset - 1].isalnum()


@pytest.mark.parametrize("key", NOT_FLAGGED)
def test_look_alike_articles_are_stored_and_not_flagged(crawled, key: str) -> None:  # type: ignore[no-untyped-def]
    web, _, url, _ = crawled
    stored = detail(url, web.url(web.corpus.by_key(key)))
    assert not stored.summary.flagged, [(m.term, m.snippet) for m in stored.matches]


def test_syndicated_copy_is_a_duplicate_of_the_first_not_a_new_article(crawled) -> None:  # type: ignore[no-untyped-def]
    web, _, url, _ = crawled
    seed = detail(url, web.url(web.corpus.by_key("seed-ilrs")))
    copy = detail(url, web.url(web.corpus.by_key("seed-ilrs-syndicated")))
    assert copy.duplicate_of == seed.summary.id
    assert not copy.summary.flagged
    assert [d[0] for d in seed.duplicates] == [copy.summary.id]


def test_dead_link_is_recorded_on_the_run(crawled) -> None:  # type: ignore[no-untyped-def]
    web, cli, _, _ = crawled
    runs = cli("runs", "--source", "briefing-demo", "--format", "json").json()
    samples = runs[0]["error_samples"]
    assert samples == [{"url": web.base("briefing") + DEAD_LINK, "reason": "HTTP 404"}]


def test_second_crawl_stores_nothing_and_third_stores_two_new_and_one_update(
    tmp_path: Path, demoweb: DemoWeb, database_url: str
) -> None:
    cli = demo_cli(tmp_path, demoweb, database_url)
    first = cli("crawl", "--format", "json")
    assert first.code == 0, first.err
    stored_before = len(stored_rows(database_url))
    article_paths = {a.path for a in demoweb.articles()}
    requests_before = {s: len(demoweb.requested(s)) for s in ("briefing", "newsroom", "spacewire")}

    second = cli("crawl", "--format", "json")
    assert second.code == 0, second.err
    assert all(row["new"] == 0 and row["updated"] == 0 for row in second.json())
    assert len(stored_rows(database_url)) == stored_before
    for site, before in requests_before.items():
        refetched = [p for p in demoweb.requested(site)[before:] if p in article_paths]
        assert refetched == [], f"{site} refetched stored articles: {refetched}"

    new_one = demoweb.publish("DailyMaverick_2026_01_06")
    new_two = demoweb.publish("TheCitizen_2025_11_28")
    edited = demoweb.edit(
        "moon-jae-in-visit",
        lambda paragraphs: [
            *paragraphs,
            "Update: the tour was extended by two days to include a visit to Manila.",
        ],
    )
    third = cli("crawl", "--format", "json")
    assert third.code == 0, third.err
    totals = {
        key: sum(row[key] for row in third.json()) for key in ("new", "updated", "duplicates")
    }
    assert totals == {"new": 2, "updated": 1, "duplicates": 0}
    assert len(stored_rows(database_url)) == stored_before + 2
    for article in (new_one, new_two):
        assert detail(database_url, demoweb.url(article)).summary.title == article.title
    changed = detail(database_url, demoweb.url(edited))
    assert changed.version == 2
    assert changed.body.endswith("to include a visit to Manila.")
    assert [v for v, _ in changed.versions] == [1]
    shown = cli("show", demoweb.url(edited), "--versions", "--format", "json")
    assert shown.code == 0, shown.err
    [change] = shown.json()["changes"]
    assert change["version"] == 2
    assert (
        "\n+Update: the tour was extended by two days to include a visit to Manila."
        in change["diff"]
    )
    assert "\n-" not in change["diff"]  # nothing was removed
    as_text = cli("show", str(changed.summary.id), "--versions")
    assert "+++ version 2" in as_text.out
