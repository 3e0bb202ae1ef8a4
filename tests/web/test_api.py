"""The JSON API, the Atom feed and the read-only guarantee, on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from fastapi.testclient import TestClient

from crawler import flagging
from crawler.config import load_config
from crawler.errors import ConfigError
from crawler.web.app import create_app
from storage import queries
from tests.support import BAD_LOOK_BEHIND, Spacewatch
from tests.web.conftest import CRAWLED_TITLE, PLANTED_URL, Site

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def client(any_site: Site) -> Iterator[TestClient]:
    with TestClient(create_app(any_site.config, any_site.database)) as test_client:
        yield test_client


def stored_flagged(site: Site) -> list[queries.ArticleSummary]:
    with site.database.session() as session:
        return queries.flagged(session, queries.Filters(), limit=1000)


def test_flagged_lists_every_flagged_article_newest_first_and_pages(
    client: TestClient, any_site: Site
) -> None:
    expected = stored_flagged(any_site)
    assert len(expected) >= 5  # the demo's flagged articles, the hostile one, the planted one
    everything = client.get("/api/flagged", params={"limit": 200}).json()
    assert [a["id"] for a in everything] == [a.id for a in expected]
    when = [a["published"] or a["first_seen"] for a in everything]
    assert when == sorted(when, reverse=True)
    pages = [
        client.get("/api/flagged", params={"limit": 2, "offset": offset}).json()
        for offset in range(0, len(expected), 2)
    ]
    assert [a["id"] for page in pages for a in page] == [a.id for a in expected]


def test_flagged_filters_by_category_source_and_date(client: TestClient, any_site: Site) -> None:
    everything = client.get("/api/flagged", params={"limit": 200}).json()
    for category in ("lunar", "cooperation"):
        chosen = client.get("/api/flagged", params={"category": category, "limit": 200}).json()
        assert chosen, category
        assert [a["id"] for a in chosen] == [
            a["id"] for a in everything if category in a["categories"]
        ]
    source = everything[-1]["source"]
    by_source = client.get("/api/flagged", params={"source": source, "limit": 200}).json()
    assert by_source and all(a["source"] == source for a in by_source)
    assert len(by_source) == sum(a["source"] == source for a in everything)
    newest = everything[0]["published"][:10]
    since = client.get("/api/flagged", params={"since": newest, "limit": 200}).json()
    assert since and all((a["published"] or a["first_seen"])[:10] >= newest for a in since)
    until = client.get("/api/flagged", params={"until": "2024-12-31", "limit": 200}).json()
    assert until and all((a["published"] or "9999")[:10] <= "2024-12-31" for a in until)
    assert client.get("/api/flagged", params={"since": "next blursday"}).status_code == 400


def test_search_ranks_with_snippets_and_rejects_an_empty_query(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": '"lunar research station"'}).json()
    assert hits
    assert all("«" in h["snippet"] for h in hits)
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)
    flagged_only = client.get("/api/search", params={"q": "moon", "flagged": True}).json()
    assert flagged_only and all(h["flagged"] for h in flagged_only)
    refused = client.get("/api/search", params={"q": "-moon"})
    assert refused.status_code == 400
    assert "nothing to search for" in refused.json()["error"]


def test_article_detail_explains_the_flag_and_missing_ones_are_404(
    client: TestClient, any_site: Site
) -> None:
    hostile = next(a for a in stored_flagged(any_site) if a.title == CRAWLED_TITLE)
    detail = client.get(f"/api/articles/{hostile.id}").json()
    assert detail["title"] == CRAWLED_TITLE  # stored and returned as text, unchanged
    assert {m["term"] for m in detail["matches"]} >= {"International Lunar Research Station"}
    assert detail["score"] > 0
    missing = client.get("/api/articles/999999")
    assert missing.status_code == 404
    assert missing.json() == {"error": "no stored article 999999"}


def test_article_page_lists_what_it_was_flagged_for_first(
    client: TestClient, any_site: Site
) -> None:
    mixed = 0
    for article in stored_flagged(any_site):
        html = client.get(f"/article/{article.id}").text
        explained = html.split('<section class="explain"', 1)[1].split("</section>", 1)[0]
        badges = re.findall(r'<span class="badge ([^"]+)">', explained)
        flagged_for = [b in article.categories for b in badges]
        assert flagged_for == sorted(flagged_for, reverse=True), (article.title, badges)
        mixed += any(flagged_for) and not all(flagged_for)
    assert mixed  # articles with both kinds of match were seen


def test_sources_report_health_runs_and_counts_per_day(client: TestClient) -> None:
    rows = {r["name"]: r for r in client.get("/api/sources").json()}
    crawled = [r for r in rows.values() if r["last_run"]]
    assert {r["name"] for r in crawled} == {"briefing-demo", "newsroom-demo", "spacewire-demo"}
    today = dt.datetime.now(dt.UTC).date().isoformat()
    for row in crawled:
        assert row["health"] == "ok", row
        assert len(row["per_day"]) == 30
        assert row["per_day"][-1]["day"] == today
        # Everything was first seen today, so today's bar holds every stored article.
        assert row["per_day"][-1]["articles"] == row["articles"] > 0
        assert row["per_day"][-1]["flagged"] == row["flagged"]
    assert len(client.get("/api/sources", params={"days": 90}).json()[0]["per_day"]) == 90
    assert client.get("/api/sources", params={"days": 400}).status_code == 400


def test_atom_feed_is_rfc4287_shaped_and_carries_only_followable_links(
    client: TestClient, any_site: Site
) -> None:
    response = client.get("/flagged.atom")
    assert response.headers["content-type"] == "application/atom+xml"
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    assert feed.find(f"{ATOM}link[@rel='self']") is not None
    entries = feed.findall(f"{ATOM}entry")
    expected = [a for a in stored_flagged(any_site) if a.url != PLANTED_URL]
    assert [e.findtext(f"{ATOM}title") for e in entries] == [a.title for a in expected][:50]
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{required}") is not None, required
        dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated") or "")  # RFC 3339
        link = entry.find(f"{ATOM}link[@rel='alternate']")
        assert link is not None and link.get("href", "").startswith("http://127.0.0.1:")


def test_nothing_can_change_data(client: TestClient) -> None:
    routes = [r for r in client.app.routes if hasattr(r, "methods")]  # type: ignore[attr-defined]
    assert routes
    assert all(set(r.methods) <= {"GET", "HEAD"} for r in routes)
    for path in ("/api/flagged", "/api/articles/1", "/flagged", "/search"):
        assert client.post(path).status_code == 405
        assert client.delete(path).status_code == 405


def test_openapi_describes_the_api(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    assert set(spec["paths"]) == {
        "/api/flagged",
        "/api/search",
        "/api/articles/{article_id}",
        "/api/sources",
    }
    assert spec["paths"]["/api/search"]["get"]["summary"]


def test_pages_answer_bad_input_with_a_clear_page(client: TestClient) -> None:
    missing = client.get("/article/999999")
    assert missing.status_code == 404
    assert "no stored article 999999" in missing.text
    assert client.get("/flagged", params={"page": "abc"}).status_code == 400
    assert client.get("/flagged", params={"since": "yesterday-ish"}).status_code == 400
    assert client.get("/api/flagged", params={"limit": 0}).status_code == 400
    headers = client.get("/flagged").headers
    assert "script-src" not in headers["content-security-policy"]  # no script, from anywhere
    assert "default-src 'none'" in headers["content-security-policy"]


def test_api_answers_what_the_cli_prints(
    client: TestClient, any_site: Site, tmp_path: Path
) -> None:
    cli = Spacewatch(tmp_path, database=any_site.config.database_url)
    for args, params in [
        (["search", "moon OR lunar", "--limit", "50"], {"q": "moon OR lunar", "limit": 50}),
        (["flagged", "--source", "spacewire-demo"], {"source": "spacewire-demo"}),
    ]:
        printed = cli(*args, "--format", "json")
        assert printed.code == 0, printed.err
        path = "/api/search" if args[0] == "search" else "/api/flagged"
        assert client.get(path, params=params).json() == printed.json()


def test_article_page_underlines_context_and_paints_flagging_terms(
    client: TestClient, any_site: Site
) -> None:
    """Marks of categories that never flag (agencies, nations, kinds of deal) carry the class
    "context", which the style sheet underlines; a flagging category's marks do not."""
    categories = {c.name: c.flag for c in any_site.config.taxonomy.categories}
    flagging = {name for name, flags in categories.items() if flags}
    classes: list[list[str]] = []
    for article in stored_flagged(any_site)[:5]:
        html = client.get(f"/article/{article.id}").text
        marks = [m.split() for m in re.findall(r'<mark class="([^"]+)">', html)]
        classes += [m for m in marks if m[0] in categories]  # not the snippets' "match"
    assert any(c[0] in flagging for c in classes) and any("context" in c for c in classes)
    for category, *rest in classes:
        assert ("context" in rest) == (category not in flagging), (category, rest)
    assert "mark.context" in client.get("/static/style.css").text


def test_the_app_builds_the_matcher_as_it_starts_not_in_the_first_article_request(
    any_site: Site,
) -> None:
    """An article's page marks the flagged terms with a matcher that takes seconds to build:
    the app starts building it in the background, so no article request has to. A copy of
    the taxonomy makes sure no earlier test built this one."""
    taxonomy = dataclasses.replace(any_site.config.taxonomy)
    config = dataclasses.replace(any_site.config, taxonomy=taxonomy)
    app = create_app(config, any_site.database)
    with TestClient(app) as test_client:
        app.state.matcher_warm_up.join(timeout=60)
        built = flagging._last_matcher  # what matcher_for built last, by taxonomy identity
        assert built is not None and built[0] is taxonomy
        patterns = [
            p for p, t in zip(built[1]._patterns, taxonomy.terms, strict=False) if t.pattern
        ]
        assert patterns and all(patterns)  # every pattern compiled, not left to a request
        assert test_client.get("/").status_code == 200


def test_a_pattern_that_fails_written_out_is_one_logged_line_as_the_app_starts(
    any_site: Site,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The warm-up meets a broken pattern first: one error line naming the term, no thread
    traceback, and the lists still serve. The config refuses the one known way a pattern fails
    only written out (BAD_LOOK_BEHIND), so the failure is injected into the compile."""
    path = tmp_path / "bad.toml"
    path.write_text(BAD_LOOK_BEHIND, encoding="utf-8")
    with pytest.raises(ConfigError, match="look-behind requires fixed-width pattern"):
        load_config(str(path))

    def fail(self: flagging.Matcher) -> None:
        raise ConfigError("flagging term 'after a name': its pattern does not compile")

    monkeypatch.setattr(flagging.Matcher, "compile_all", fail)
    taxonomy = dataclasses.replace(any_site.config.taxonomy)
    app = create_app(dataclasses.replace(any_site.config, taxonomy=taxonomy), any_site.database)
    with caplog.at_level(logging.ERROR, logger="spacewatch.web"), TestClient(app) as client:
        app.state.matcher_warm_up.join(timeout=60)
        assert client.get("/").status_code == 200
    logged = [r.getMessage() for r in caplog.records if r.name == "spacewatch.web"]
    assert len(logged) == 1 and "flagging term 'after a name'" in logged[0]
