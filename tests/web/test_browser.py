"""The web page in a real browser: Debian's headless Chromium driven by Playwright.

Each page is loaded, the filters and search are used through their forms, links are
followed, and hostile scraped text is shown as text with nothing run. A screenshot of each
page is saved under build/screenshots (or $SPACEWATCH_SCREENSHOTS)."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, Playwright, sync_playwright

from storage import queries
from tests.support import IN_CI
from tests.web.conftest import CRAWLED_TITLE, PLANTED_TITLE, PLANTED_URL, Site, ThreadedServer

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(
    os.environ.get("SPACEWATCH_SCREENSHOTS", Path(__file__).parents[2] / "build" / "screenshots")
)
# Quiet, local-only Chromium: no sync, no component updates, no background fetches.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--no-first-run",
    "--disable-quic",
]

# In CI the browser tests must run: a missing browser fails there rather than skipping.
pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists() and not IN_CI,
    reason="Debian's chromium is not installed (apt-get install chromium; .ci/run does)",
)


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield launched
    launched.close()


class Watched:
    """A browser page on the server that records what must never happen: a dialog (alert),
    a script error, a request to anywhere but the server."""

    def __init__(self, page: Page, base: str) -> None:
        self.page = page
        self.base = base
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.elsewhere: list[str] = []
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.route("**/*", self._route)

    def _dialog(self, dialog: object) -> None:
        self.dialogs.append(dialog.message)  # type: ignore[attr-defined]
        dialog.dismiss()  # type: ignore[attr-defined]

    def _route(self, route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if url.startswith(self.base + "/"):
            route.continue_()  # type: ignore[attr-defined]
        else:
            self.elsewhere.append(url)
            route.abort()  # type: ignore[attr-defined]

    def open(self, path: str) -> Page:
        response = self.page.goto(self.base + path)
        assert response is not None and response.ok, (path, response and response.status)
        return self.page

    def follow(self, locator: Locator) -> Page:
        """Click a link or submit button and wait until the next page has loaded: a bare
        click returns once navigation has committed, before the new page's items exist."""
        with self.page.expect_navigation(wait_until="load"):
            locator.click()
        return self.page

    def shot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        target = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000  # a rendered page, not a blank one
        return target

    def titles(self) -> list[str]:
        return self.page.locator("ol.items h2 a").all_inner_texts()

    def assert_nothing_ran(self) -> None:
        assert self.dialogs == [], f"a dialog opened: {self.dialogs}"
        assert self.errors == [], f"script errors: {self.errors}"
        assert self.elsewhere == [], f"requests left the server: {self.elsewhere}"
        assert self.page.evaluate("document.scripts.length") == 0
        handlers = self.page.evaluate(
            """[...document.querySelectorAll('*')].flatMap(e =>
                 [...e.attributes].filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name))"""
        )
        assert handlers == []
        links = self.page.evaluate(
            "[...document.querySelectorAll('a[href], [src], form[action]')]"
            ".map(e => e.href || e.src || e.action)"
        )
        assert all(re.match(r"https?://", link) for link in links), links


@contextmanager
def watched(browser: Browser, server: ThreadedServer, **options: object) -> Iterator[Watched]:
    context = browser.new_context(**options)  # type: ignore[arg-type]
    visit = Watched(context.new_page(), server.base)
    yield visit
    visit.assert_nothing_ran()
    context.close()


@pytest.fixture
def web(browser: Browser, server: ThreadedServer) -> Iterator[Watched]:
    with watched(browser, server, viewport={"width": 1200, "height": 900}) as visit:
        yield visit


@pytest.fixture
def no_csp(browser: Browser, server: ThreadedServer) -> Iterator[Watched]:
    """With the page's Content-Security-Policy switched off: escaping alone must hold."""
    with watched(
        browser, server, bypass_csp=True, viewport={"width": 1200, "height": 900}
    ) as visit:
        yield visit


def flagged_titles(site: Site, **filters: object) -> list[str]:
    with site.database.session() as session:
        found = queries.flagged(session, queries.Filters(**filters), limit=1000)  # type: ignore[arg-type]
    return [a.title for a in found]


def test_flagged_page_lists_pages_and_highlights(web: Watched, site: Site) -> None:
    page = web.open("/")
    assert page.url == web.base + "/flagged"
    assert page.locator("h1").inner_text() == "Flagged articles"
    web.shot("flagged")
    seen = web.titles()
    assert len(seen) == 2  # the test server's page size
    assert page.locator("ol.items .snippet mark").count() >= 1
    assert page.locator("ol.items .badge").count() >= 2
    while page.locator("a[rel=next]").count():
        web.follow(page.locator("a[rel=next]"))
        seen += web.titles()
    assert seen == flagged_titles(site)
    web.follow(page.locator("a[rel=prev]"))
    assert "page=" in page.url


def test_flagged_filters_by_category_and_source_through_the_form(web: Watched, site: Site) -> None:
    page = web.open("/flagged")
    page.select_option("select[name=category]", "cooperation")
    web.follow(page.locator("form.filters button"))
    assert "category=cooperation" in page.url
    shown = web.titles()
    while page.locator("a[rel=next]").count():
        web.follow(page.locator("a[rel=next]"))
        shown += web.titles()
    assert shown == flagged_titles(site, category="cooperation")
    assert page.locator("select[name=category]").input_value() == "cooperation"

    page = web.open("/flagged")
    page.select_option("select[name=source]", "briefing-demo")
    page.fill("input[name=since]", "2020-01-01")
    web.follow(page.locator("form.filters button"))
    assert set(page.locator("ol.items .source").all_inner_texts()) == {"briefing-demo"}
    web.follow(page.locator("a.reset"))
    assert page.url == web.base + "/flagged"


def test_search_through_the_form_and_follow_a_result(web: Watched) -> None:
    page = web.open("/search")
    page.fill("input[name=q]", '"lunar research station"')
    page.check("input[name=flagged]")
    web.follow(page.locator("form.search button"))
    assert page.locator("ol.items li").count() >= 1
    marked = page.locator("ol.items .snippet mark").all_inner_texts()
    assert marked and all(re.search(r"lunar|research|station", m, re.I) for m in marked)
    web.shot("search")
    first = page.locator("ol.items h2 a").first
    title = first.inner_text()
    web.follow(first)
    assert re.search(r"/article/\d+$", page.url)
    assert page.locator("h1").inner_text() == title

    page = web.open("/search?q=-moon")
    assert "nothing to search for" in page.locator(".error").inner_text()
    page = web.open("/search?q=zzyzxnotaword")
    assert "Nothing stored matches" in page.locator(".empty").inner_text()


def test_article_page_explains_versions_and_copies(web: Watched, site: Site) -> None:
    with site.database.session() as session:
        stored = [
            queries.get_article(session, a.id)
            for a in queries.flagged(session, queries.Filters(), 1000)
        ]
    copied = next(d for d in stored if d and d.duplicates)
    edited = next(d for d in stored if d and d.versions)

    page = web.open(f"/article/{edited.summary.id}")
    web.shot("article")
    assert page.locator("h1 mark").count() >= 1
    assert page.locator(".body mark").count() >= 1
    rows = page.locator(".explain tbody tr")
    assert rows.count() == len(edited.matches)
    assert "Version 1, replaced" in page.locator("#versions + p + ul").inner_text()
    page.locator("details.diff summary").click()  # <details> opens without JavaScript
    added = page.locator("details.diff .add").all_inner_texts()
    assert "+A correction was added to this article." in added
    original = page.locator("p.original a")
    assert original.get_attribute("href") == edited.summary.url
    assert "noopener" in (original.get_attribute("rel") or "")

    page = web.open(f"/article/{copied.summary.id}")
    copies = page.locator("#copies + ul li")
    assert copies.count() == len(copied.duplicates)
    web.follow(copies.first.locator("a").first)
    assert page.locator(".notice").inner_text().startswith("This is a copy of")


def test_sources_page_shows_health_runs_and_charts(web: Watched) -> None:
    page = web.open("/sources")
    web.shot("sources")
    cards = page.locator(".source-card")
    assert cards.count() >= 3
    crawled = page.locator(".source-card:has(.health.ok)")
    assert crawled.count() == 3
    for index in range(3):
        card = crawled.nth(index)
        assert card.locator("svg.chart rect.all").count() >= 1
        assert "finished" in card.inner_text()
    web.follow(page.get_by_role("link", name="90"))
    assert page.url.endswith("/sources?days=90")
    assert "last 90 days" in page.locator(".source-card svg").first.get_attribute("aria-label")


def test_hostile_text_is_shown_as_text_and_nothing_runs_even_without_csp(
    no_csp: Watched, site: Site
) -> None:
    with site.database.session() as session:
        found = queries.flagged(session, queries.Filters(), 1000)
    crawled = next(a for a in found if a.title == CRAWLED_TITLE)
    planted = next(a for a in found if a.url == PLANTED_URL)

    page = no_csp.open(f"/article/{crawled.id}")
    no_csp.shot("article-hostile")
    assert page.locator("h1").inner_text() == CRAWLED_TITLE
    assert '<script>alert("crawled-body")</script>' in page.locator(".body").inner_text()
    assert "<img src=x onerror=alert('crawled-img')>" in page.locator(".body").inner_text()
    assert "« Notre station lunaire »" in page.locator(".body").inner_text()

    page = no_csp.open(f"/article/{planted.id}")
    assert page.locator("h1").inner_text() == PLANTED_TITLE
    assert page.locator("p.original a").count() == 0  # a javascript: URL is not a link
    assert PLANTED_URL in page.locator("p.original code").inner_text()
    assert "<img src=x onerror=alert('snippet')>" in page.locator(".explain").inner_text()

    for path in ("/flagged", "/search?q=lunar", "/sources", "/flagged?category=lunar"):
        no_csp.open(path)
        no_csp.assert_nothing_ran()
    assert CRAWLED_TITLE in no_csp.open("/flagged").inner_text("main")


def test_works_without_javascript_and_fits_a_phone(
    browser: Browser, server: ThreadedServer
) -> None:
    with watched(
        browser, server, java_script_enabled=False, viewport={"width": 390, "height": 844}
    ) as visit:
        page = visit.open("/flagged")
        page.select_option("select[name=category]", "lunar")
        visit.follow(page.locator("form.filters button"))
        assert "category=lunar" in page.url
        visit.shot("flagged-phone")
        for path in ("/flagged", "/article/1", "/sources", "/search?q=moon"):
            visit.open(path)
            # Nothing wider than the screen: no sideways scrolling on a phone.
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, (path, width)
