"""A crawled fixture database for the web page, with hostile articles planted in it, and
the page served by uvicorn on 127.0.0.1 in a thread."""

from __future__ import annotations

import datetime as dt
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn

from crawler.config import Config, load_config
from crawler.demoweb import DemoWeb
from crawler.demoweb.corpus import HOMEPAGE_SITE, DemoArticle
from crawler.fingerprints import content_hash, minhash_signature
from crawler.web.app import create_app
from storage.articles import save_batch
from storage.database import Database, open_database
from storage.records import ArticleRecord, MatchRecord
from tests.support import (
    ON_POSTGRES,
    both_databases_in_first_pass,
    database_url_for,
    demo_cli,
    fresh_postgres_database,
)

# Text a site might really show (an article about web security, a comment quoted as text):
# it reaches us as text and must be shown as text.
CRAWLED_TITLE = 'Lunar pact <script>alert("crawled-title")</script> <img src=x onerror=alert(1)>'
CRAWLED_PARAGRAPHS = [
    "China and Russia signed a memorandum of understanding on the International Lunar "
    'Research Station. <script>alert("crawled-body")</script>',
    "Partner agencies <img src=x onerror=alert('crawled-img')> will cooperate on the lunar "
    'base, said the statement. <a href="javascript:alert(1)">details</a>',
    "« Notre station lunaire » is how the French partners put it; the project is open to "
    "other nations that join the cooperation.",
]
# A record planted straight into storage: things a crawl would never store (a javascript:
# URL, markers inside a stored snippet), to prove the page does not trust storage either.
PLANTED_URL = "javascript:alert('planted-url')"
PLANTED_TITLE = '"><svg onload=alert("planted-title")> Lunar Gateway deal'
PLANTED_BODY = (
    "The Lunar Gateway partners agreed on cooperation. </textarea><script>alert('planted')"
    "</script>\n\nESA and NASA will work with JAXA on the lunar orbit station."
)


@dataclass
class Site:
    """A crawled fixture database and the config that reads it."""

    config: Config
    database: Database


def _hostile_article() -> DemoArticle:
    return DemoArticle(
        key="hostile",
        site=HOMEPAGE_SITE,
        path="/policy/2026/11/lunar-pact/",
        title=CRAWLED_TITLE,
        authors=('<b onmouseover="alert(1)">Mallory</b>',),
        published=dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(hours=3),
        paragraphs=list(CRAWLED_PARAGRAPHS),
    )


def _planted() -> ArticleRecord:
    now = dt.datetime.now(dt.UTC)
    return ArticleRecord(
        url=PLANTED_URL,
        fetched_url=PLANTED_URL,
        source="planted",
        title=PLANTED_TITLE,
        body=PLANTED_BODY,
        content_hash=content_hash(PLANTED_BODY),
        minhash=minhash_signature(PLANTED_BODY),
        fetched_at=now,
        published_at=now - dt.timedelta(hours=1),
        authors=["<script>alert('author')</script>"],
        tags=["<i onclick=alert('tag')>tag</i>"],
        summary="<iframe src=javascript:alert('summary')></iframe>",
        image_url="javascript:alert('image')",
        flagged=True,
        flag_score=9.0,
        categories=["lunar"],
        matches=[
            MatchRecord(
                category="lunar",
                term="<script>alert('term')</script>",
                field="body",
                count=1,
                offsets=[4],
                snippet="… «<img src=x onerror=alert('snippet')>» partners …",
            )
        ],
    )


def build_site(tmp: Path, database_url: str) -> Site:
    """Crawl the demo web (plus a hostile page) into ``database_url``; edit one article and
    crawl again so it has a version; then plant a hostile record through storage."""
    with DemoWeb() as web:
        web.corpus.articles.append(_hostile_article())
        cli = demo_cli(tmp, web, database_url)
        first = cli("crawl")
        assert first.code == 0, first.err
        # A feed says when an article changed, so the second crawl stores a new version.
        web.edit("seed-ilrs", lambda ps: [*ps, "A correction was added to this article."])
        second = cli("crawl")
        assert second.code == 0, second.err
    database = open_database(database_url)
    with database.session() as session:
        save_batch(session, [_planted()])
        session.commit()
    assert cli.config is not None
    return Site(load_config(str(cli.config)), database)


@pytest.fixture(scope="package")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """What the browser tests look at (SQLite; PostgreSQL in the PostgreSQL pass)."""
    tmp = tmp_path_factory.mktemp("web-site")
    built = build_site(tmp, database_url_for(tmp, "spacewatch.db"))
    yield built
    built.database.dispose()


@pytest.fixture(scope="package", params=["sqlite", "postgresql"])
def any_site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Site]:
    """The API tests run on both databases."""
    if ON_POSTGRES:
        pytest.skip(both_databases_in_first_pass)
    if request.param == "sqlite":
        yield request.getfixturevalue("site")
        return
    with fresh_postgres_database() as url:
        built = build_site(tmp_path_factory.mktemp("web-postgres"), url)
        yield built
        built.database.dispose()


class ThreadedServer:
    """uvicorn serving an app on 127.0.0.1 (a free port) in a daemon thread."""

    def __init__(self, app: object) -> None:
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind(("127.0.0.1", 0))
        self.base = f"http://127.0.0.1:{self._socket.getsockname()[1]}"
        config = uvicorn.Config(app, log_level="warning", lifespan="off")  # type: ignore[arg-type]
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True
        )

    def __enter__(self) -> ThreadedServer:
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the web server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.should_exit = True
        self._thread.join(10)
        self._socket.close()


@pytest.fixture(scope="package")
def server(site: Site) -> Iterator[ThreadedServer]:
    # A page size of 2 so the few flagged demo articles span several pages.
    with ThreadedServer(create_app(site.config, site.database, page_size=2)) as running:
        yield running
