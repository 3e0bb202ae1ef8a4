"""Database faults under the store pipeline: a database another writer keeps locked past
SQLite's busy timeout (writes wait and retry), and a full disk; a batch is stored whole or not
at all."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from scrapy import Spider
from scrapy.utils.test import get_crawler
from sqlalchemy import event, func, select
from sqlalchemy.exc import OperationalError

import storage.database
from crawler.demoweb.corpus import build_corpus
from crawler.extensions import CrawlRunRecorder
from crawler.fingerprints import content_hash, minhash_signature
from crawler.pipelines.store import StorePipeline
from storage import runs
from storage.database import Database, migrate, open_database
from storage.models import Article, CrawlRun
from storage.records import ArticleRecord
from tests.storage.test_articles import NOW
from tests.support import sqlite_only

pytestmark = sqlite_only  # SQLite's own busy timeout and page limit


def records(count: int = 3) -> list[ArticleRecord]:
    bodies = [a.body for a in build_corpus().articles if a.raw_html is None][:count]
    return [
        ArticleRecord(
            url=f"https://a.org/{i}",
            fetched_url=f"https://a.org/{i}",
            source="s",
            title=f"Story {i}",
            body=body,
            content_hash=content_hash(body),
            minhash=minhash_signature(body),
            fetched_at=NOW,
        )
        for i, body in enumerate(bodies)
    ]


@pytest.fixture
def locked_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Database, Path]]:
    # A 0.2 s busy timeout instead of 30 s, so "locked past the timeout" takes a second.
    monkeypatch.setattr(storage.database, "SQLITE_BUSY_TIMEOUT_MS", 200)
    path = tmp_path / "sw.db"
    database = open_database(f"sqlite:///{path}")
    migrate(database)
    yield database, path
    database.dispose()


def hold_write_lock(path: Path, seconds: float) -> threading.Thread:
    """Another writer: takes SQLite's write lock now and keeps it ``seconds``."""
    writer = sqlite3.connect(path, check_same_thread=False)
    writer.execute("BEGIN IMMEDIATE")

    def release() -> None:
        time.sleep(seconds)
        writer.commit()
        writer.close()

    thread = threading.Thread(target=release)
    thread.start()
    return thread


def stored(database: Database) -> int:
    with database.session() as session:
        return int(session.scalar(select(func.count()).select_from(Article)) or 0)


def pipeline(database: Database, retry_for: float) -> StorePipeline:
    stats: Any = None  # _save does not count: the caller does, after it returns
    return StorePipeline(database, stats, batch_size=20, retry_for=retry_for)


def test_a_batch_waits_for_a_writer_holding_the_lock_past_the_busy_timeout(
    locked_db: tuple[Database, Path], caplog: pytest.LogCaptureFixture
) -> None:
    database, path = locked_db
    writer = hold_write_lock(path, 1.5)
    started = time.monotonic()
    results = pipeline(database, retry_for=30)._save(records())
    writer.join()
    assert time.monotonic() - started >= 1.2  # it waited for the other writer
    assert [r.outcome for r in results] == ["new", "new", "new"]
    assert stored(database) == 3
    assert "database unavailable (database is locked)" in caplog.text


def test_a_lock_that_outlasts_the_retries_fails_the_batch_whole(
    locked_db: tuple[Database, Path],
) -> None:
    database, path = locked_db
    writer = hold_write_lock(path, 3)
    with pytest.raises(OperationalError, match="database is locked"):
        pipeline(database, retry_for=1)._save(records())
    writer.join()
    assert stored(database) == 0  # nothing half-stored: the next crawl fetches them again
    assert [r.outcome for r in pipeline(database, retry_for=1)._save(records())] == ["new"] * 3


def test_the_end_of_a_run_waits_for_a_writer_holding_the_lock(
    locked_db: tuple[Database, Path], caplog: pytest.LogCaptureFixture
) -> None:
    """The run's end (status, counts, URL errors) is retried like a batch: a lock past the
    busy timeout delays it, it is not lost (nor the crawl's exit code with it)."""
    database, path = locked_db
    crawler = get_crawler(Spider)
    spider = Spider(name="s")
    with database.session() as session:
        spider.run_id = runs.start_run(session, "s")  # type: ignore[attr-defined]
    spider.url_errors = [("https://a.org/x", "HTTP 404")]  # type: ignore[attr-defined]
    assert crawler.stats is not None
    crawler.stats.set_value("spacewatch/new", 3)
    recorder = CrawlRunRecorder(crawler, database)
    writer = hold_write_lock(path, 1.5)
    recorder.spider_closed(spider, "finished")
    writer.join()
    with database.session() as session:
        run = session.get(CrawlRun, spider.run_id)  # type: ignore[attr-defined]
        assert run is not None
        assert (run.status, run.new, run.errors) == ("finished", 3, 1)
    assert "database unavailable (database is locked): the end of run" in caplog.text


def test_a_full_disk_fails_the_batch_whole_and_corrupts_nothing(tmp_path: Path) -> None:
    """SQLite's max_page_count makes the file "full" the way a full disk does (SQLITE_FULL):
    the batch that does not fit is rolled back whole; what was stored stays sound."""
    path = tmp_path / "sw.db"
    database = open_database(f"sqlite:///{path}")
    migrate(database)
    first, *rest = records(12)
    pipeline(database, retry_for=0)._save([first])
    with sqlite3.connect(path) as probe:
        (pages,) = probe.execute("PRAGMA page_count").fetchone()

    @event.listens_for(database.engine, "connect")
    def no_room(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 2}")

    database.engine.dispose()  # new connections get the cap
    with pytest.raises(OperationalError, match="database or disk is full"):
        pipeline(database, retry_for=0)._save(rest)
    database.dispose()
    with sqlite3.connect(path) as check:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        check.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
        assert check.execute("SELECT url FROM articles").fetchall() == [(first.url,)]


def test_a_run_whose_end_cannot_be_stored_logs_its_errors(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """On a full disk the run's errors (which articles were not stored) cannot go into the
    database either: they go to the log, so the user still learns which ones they were."""
    path = tmp_path / "sw.db"
    database = open_database(f"sqlite:///{path}")
    migrate(database)
    with database.session() as session:
        run_id = runs.start_run(session, "s")
    with sqlite3.connect(path) as probe:
        (pages,) = probe.execute("PRAGMA page_count").fetchone()

    @event.listens_for(database.engine, "connect")
    def no_room(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    database.engine.dispose()
    crawler = get_crawler(Spider)
    spider = Spider(name="s")
    spider.run_id = run_id  # type: ignore[attr-defined]
    reason = "not stored: database or disk is full " + "x" * 900  # 30 of them need new pages
    spider.url_errors = [(f"https://a.org/{i}", reason) for i in range(30)]  # type: ignore[attr-defined]
    CrawlRunRecorder(crawler, database).spider_closed(spider, "finished")
    database.dispose()
    assert f"could not record the end of run {run_id}: database or disk is full" in caplog.text
    assert "its 30 errors were:" in caplog.text
    assert "https://a.org/0: not stored: database or disk is full" in caplog.text
    assert "https://a.org/19: " in caplog.text
    assert "https://a.org/20: " not in caplog.text  # the log shows 20 and counts the rest
    assert "... and 10 more" in caplog.text
