"""Scale-out on PostgreSQL: a leader (`spacewatch run` with [queue] enabled) and workers
(`spacewatch worker`) as separate processes against the demo web and a fresh database.

Workers send a heartbeat every second and count as dead after 4 s of silence here, so a killed
worker's task is back in the queue within seconds. Every wait is bounded."""

from __future__ import annotations

import datetime as dt
import json
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from crawler.demoweb import DemoWeb
from crawler.demoweb.corpus import FEEDS_SITE
from crawler.discovery import EntryLink
from crawler.tasks import _decode, _encode
from storage.database import open_database
from tests.service.receivers import WebhookReceiver
from tests.support import Spacewatch, wait_for

QUEUE = '\n[schedule]\ndefault = "every 1h"\njitter = 0\n\n[queue]\nenabled = true\n'
FAST_FAILOVER = "stalled_after = 4\n"


class Cluster:
    """One database, one config, and the processes started against them."""

    def __init__(self, tmp: Path, web: DemoWeb, url: str, extra: str = "") -> None:
        self.url = url
        config = tmp / "spacewatch.toml"
        config.write_text(web.config_toml(url) + QUEUE + FAST_FAILOVER + extra)
        self.cli = Spacewatch(tmp, config=config)
        self.processes: list[subprocess.Popen[str]] = []

    def start(self, *args: str) -> subprocess.Popen[str]:
        process = self.cli.start(*args)
        self.processes.append(process)
        return process

    def query(self, sql: str) -> list[Any]:
        database = open_database(self.url)
        try:
            with database.engine.connect() as conn:
                return list(conn.execute(text(sql)).all())
        except Exception:  # the schema is not there yet
            return []
        finally:
            database.dispose()

    def runs(self) -> list[tuple[str, str, int, str]]:
        """(source, status, pid, finish_reason) of every run, oldest first."""
        return [
            (name, status, pid, reason)
            for name, status, pid, reason in self.query(
                "SELECT s.name, r.status, r.pid, r.finish_reason FROM crawl_runs r "
                "JOIN sources s ON s.id = r.source_id ORDER BY r.id"
            )
        ]

    def live_workers(self) -> int:
        rows = self.query(
            "SELECT count(*) FROM procrastinate_workers "
            "WHERE last_heartbeat > now() - interval '4 seconds'"
        )
        return int(rows[0][0]) if rows else 0

    def stop_all(self) -> list[str]:
        """SIGTERM every process still running; their stderr, in start order."""
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        errors = []
        for process in self.processes:
            try:
                _, err = process.communicate(timeout=45)
            except subprocess.TimeoutExpired:
                process.kill()
                _, err = process.communicate()
            errors.append(err)
        return errors

    def alert_rows(self) -> list[Any]:
        """The outbox as the leader left it: what each row is and how its delivery went."""
        return self.query("SELECT key, status, attempts, last_error FROM alerts ORDER BY id")

    def assert_each_article_once(self, expected: int) -> None:
        assert self.query("SELECT url FROM articles GROUP BY url HAVING count(*) > 1") == []
        assert self.query("SELECT count(*) FROM articles")[0][0] == expected


@pytest.fixture
def cluster(tmp_path: Path, demoweb: DemoWeb, postgres_url: str) -> Iterator[Cluster]:
    group = Cluster(tmp_path, demoweb, postgres_url)
    yield group
    group.stop_all()


def test_leader_and_two_workers_crawl_each_source_once(cluster: Cluster, demoweb: DemoWeb) -> None:
    hook = WebhookReceiver()
    config = cluster.cli.config
    assert config is not None
    config.write_text(config.read_text() + f'\n[alerts]\nurls = ["{hook.url}"]\n')
    try:
        crawl_with_a_leader_and_two_workers(cluster, demoweb, hook)
    finally:
        hook.stop()


def crawl_with_a_leader_and_two_workers(
    cluster: Cluster, demoweb: DemoWeb, hook: WebhookReceiver
) -> None:
    # Workers first, then the leader: start order does not matter (each makes the schema).
    cluster.start("worker", "--concurrency", "1")
    cluster.start("worker", "--concurrency", "1")
    leader = cluster.start("run")
    sources = {"briefing-demo", "newsroom-demo", "spacewire-demo"}
    wait_for(
        lambda: (
            {(name, status) for name, status, *_ in cluster.runs()}
            == {(name, "finished") for name in sources}
        ),
        what="one finished run per source",
    )
    runs = cluster.runs()
    assert sorted(name for name, *_ in runs) == sorted(sources)  # crawled once each
    assert leader.pid not in {pid for _, _, pid, _ in runs}  # the leader crawls nothing
    cluster.assert_each_article_once(len(demoweb.articles()))
    # Alerts: the leader alone sends them, each flagged article once.
    flagged = int(cluster.query("SELECT count(*) FROM articles WHERE flagged")[0][0])
    assert flagged > 0
    wait_for(lambda: len(hook.posts) >= flagged, timeout=30, what="the alerts")
    time.sleep(2)  # two more of the leader's rounds: nothing is sent again
    titles = [p["title"] for p in hook.posts]
    assert len(set(titles)) == len(titles) == flagged, (
        titles,
        cluster.alert_rows(),
        cluster.query("SELECT id, duplicate_of, title FROM articles WHERE flagged"),
    )
    status = cluster.cli("status")
    assert status.code == 0, status.err
    assert "service: running" in status.out and "0 waiting, 0 running" in status.out
    *worker_errs, leader_err = cluster.stop_all()
    assert all(p.returncode == 0 for p in cluster.processes), leader_err
    assert leader_err.count("queued (task") == 3
    assert sum(err.count(": finished pages=") for err in worker_errs) == 3


def test_a_worker_killed_mid_crawl_has_its_task_finished_by_another(
    cluster: Cluster, demoweb: DemoWeb
) -> None:
    demoweb.slow_down(10.0)  # article pages are slow: the first worker is mid-crawl when killed
    doomed = cluster.start("worker", "--concurrency", "3")
    cluster.start("run")
    wait_for(
        lambda: sum(1 for _, status, pid, _ in cluster.runs() if pid == doomed.pid) == 3,
        what="the first worker to take all three crawls",
    )
    survivor = cluster.start("worker", "--concurrency", "3")
    wait_for(lambda: cluster.live_workers() == 2, what="the second worker to register")
    doomed.send_signal(signal.SIGKILL)
    doomed.communicate(timeout=10)
    demoweb.slow_down(0)
    wait_for(
        lambda: (
            {name for name, status, pid, _ in cluster.runs() if status == "finished"}
            == {"briefing-demo", "newsroom-demo", "spacewire-demo"}
        ),
        timeout=90,
        what="the surviving worker to finish every source",
    )
    runs = cluster.runs()
    dead = [run for run in runs if run[2] == doomed.pid]
    assert dead and all(
        status == "aborted" and reason == "worker stopped answering"
        for _, status, _, reason in dead
    ), runs
    finished = [run for run in runs if run[1] == "finished"]
    assert {pid for _, _, pid, _ in finished} == {survivor.pid}, runs
    assert not any(status == "running" for _, status, _, _ in runs)
    cluster.assert_each_article_once(len(demoweb.articles()))
    # A crawl records its run finished before its task returns and procrastinate marks the
    # job done: on a loaded machine the query can fall between the two (CI once saw 3 jobs
    # still 'doing' there), so the jobs are waited for, not sampled once.
    left = "SELECT count(*) FROM procrastinate_jobs WHERE status IN ('todo', 'doing')"
    wait_for(lambda: cluster.query(left) == [(0,)], timeout=30, what="every job marked done")


def test_a_queued_backfill_is_split_among_the_workers(cluster: Cluster, demoweb: DemoWeb) -> None:
    config = cluster.cli.config
    assert config is not None
    config.write_text(config.read_text() + "backfill_chunk = 2\n")
    demoweb.slow_down(0.5)
    workers = [cluster.start("worker", "--concurrency", "1") for _ in range(2)]
    wait_for(lambda: cluster.live_workers() == 2, what="both workers to register")
    queued = cluster.cli("crawl", "briefing-demo", "--backfill", "--queued")
    assert queued.code == 0, queued.err
    assert "backfill of briefing-demo: queued" in queued.out
    expected = len(demoweb.articles(FEEDS_SITE))
    wait_for(
        lambda: (
            (cluster.query("SELECT count(*) FROM articles") or [(0,)])[0][0] == expected
            and not any(status == "running" for _, status, _, _ in cluster.runs())
        ),
        timeout=90,
        what="the backfill's slices to be crawled",
    )
    runs = cluster.runs()
    # One planning run, then one run per slice of two articles, shared by both workers.
    assert len(runs) == 1 + (expected + 1) // 2, runs
    assert all(status == "finished" for _, status, _, _ in runs), runs
    assert {pid for _, _, pid, _ in runs[1:]} == {w.pid for w in workers}, runs
    cluster.assert_each_article_once(expected)
    paths = {article.path for article in demoweb.articles(FEEDS_SITE)}
    fetched = [path for path in demoweb.requested(FEEDS_SITE) if path in paths]
    assert sorted(fetched) == sorted(paths)  # each article fetched once, by one worker


def test_queue_needs_postgresql_and_workers_need_the_queue(tmp_path: Path) -> None:
    cli = Spacewatch(tmp_path, config=tmp_path / "spacewatch.toml")
    assert cli.config is not None
    cli.config.write_text(f'[database]\nurl = "sqlite:///{tmp_path}/x.db"\n{QUEUE}')
    refused = cli("worker")
    assert refused.code == 1 and "the task queue needs PostgreSQL" in refused.err
    assert refused.err.count("\n") == 1
    cli.config.write_text(f'[database]\nurl = "sqlite:///{tmp_path}/x.db"\n')
    no_queue = cli("worker")
    assert no_queue.code == 1 and "needs [queue] enabled = true" in no_queue.err
    not_backfill = cli("crawl", "--queued")
    assert not_backfill.code == 2 and "--queued needs --backfill" in not_backfill.err


def test_a_queued_article_keeps_what_its_feed_entry_said() -> None:
    """Workers complete a plain page from the entry's date and title, as a single crawl does."""
    when = dt.datetime(2026, 11, 30, 18, 30, tzinfo=dt.UTC)
    links = [
        EntryLink(url="https://example.org/a/", updated_at=when, published_at=when, title="A"),
        EntryLink(url="https://example.org/b/"),
    ]
    assert _decode(json.loads(json.dumps(_encode(links)))) == links
    # Jobs queued by an older spacewatch hold [url, updated] only.
    assert _decode([["https://example.org/a/", when.isoformat()]]) == [
        EntryLink(url="https://example.org/a/", updated_at=when)
    ]
