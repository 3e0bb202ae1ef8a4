"""PostgreSQL restarted in the middle of a crawl: the crawl waits for it, retries the batch it
was writing, and finishes with every article stored once and its run recorded.

The server restarted here is a private cluster this test makes with initdb on a free port, so
the machine's shared server (and any other test using it) is never touched."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from crawler.demoweb import DemoWeb
from tests.reliability.test_kill_loop import uninterrupted_count
from tests.support import IN_CI, ON_POSTGRES, demo_cli, wait_for

pytestmark = pytest.mark.skipif(
    ON_POSTGRES, reason="brings its own PostgreSQL server: runs once, in the first pass"
)


@dataclass
class PrivateServer:
    """A PostgreSQL cluster of the test's own: start, stop (fast: connections cut), restart."""

    data: Path
    port: int
    run_as: list[str]

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _pg_ctl(self, *args: str) -> None:
        subprocess.run(
            [*self.run_as, "pg_ctl", "-D", str(self.data), "-w", *args],
            check=True,
            capture_output=True,
            timeout=60,
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.data.parent} -c listen_addresses=127.0.0.1"
        self._pg_ctl("-o", options, "-l", str(self.data.parent / "server.log"), "start")

    def stop(self) -> None:
        self._pg_ctl("-m", "fast", "stop")

    def count(self, sql: str) -> int:
        with psycopg.connect(f"postgresql://postgres@127.0.0.1:{self.port}/postgres") as conn:
            row = conn.execute(sql).fetchone()
        assert row is not None
        return int(row[0])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def private_server() -> Iterator[PrivateServer]:
    if shutil.which("initdb") is None or shutil.which("pg_ctl") is None:
        if IN_CI:
            pytest.fail("initdb and pg_ctl must be on PATH in CI (PostgreSQL server package)")
        pytest.skip("no initdb/pg_ctl on PATH (outside CI this test skips)")
    # PostgreSQL refuses to run as root: run it as the postgres user, in a directory it owns
    # (pytest's tmp_path is private to root).
    run_as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    home = Path(tempfile.mkdtemp(prefix="spacewatch-pg-"))
    if run_as:
        shutil.chown(home, "postgres")
    data = home / "data"
    subprocess.run(
        [*run_as, "initdb", "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    server = PrivateServer(data, free_port(), run_as)
    server.start()
    try:
        yield server
    finally:
        subprocess.run(
            [*run_as, "pg_ctl", "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(home, ignore_errors=True)


@pytest.mark.parametrize(
    ("slow_pages", "waiting_for"),
    [
        # Feeds and sitemaps answer slowly: the server is down when their links are checked
        # against what is stored (a failure there would drop every link of the feed).
        ({"seconds": 0, "entry_points": 2.0}, "known-URL check of"),
        # Article pages answer slowly: the server is down when their batches are written (or
        # when a listing page found late is checked).
        ({"seconds": 1.0}, "database unavailable"),
    ],
    ids=["while-reading-feeds", "while-storing-articles"],
)
def test_a_crawl_waits_for_postgresql_restarted_mid_crawl_and_loses_nothing(
    tmp_path: Path,
    demoweb: DemoWeb,
    private_server: PrivateServer,
    slow_pages: dict[str, float],
    waiting_for: str,
) -> None:
    expected = uninterrupted_count(tmp_path, demoweb)

    cli = demo_cli(tmp_path, demoweb, private_server.url)
    demoweb.slow_down(**slow_pages)  # the restart lands mid-crawl
    crawl = cli.start("crawl")
    try:
        crawl_through_restart(crawl, private_server, waiting_for, expected)
    finally:
        if crawl.poll() is None:
            crawl.kill()
            crawl.communicate()
    demoweb.slow_down(0)
    runs = cli("runs", "--format", "json").json()
    assert {run["status"] for run in runs} == {"finished"}  # each run recorded, none aborted
    # Every stored article counted once in some outcome. Which one varies: a connection cut
    # during COMMIT leaves the client unsure whether the batch was stored, so it is saved again
    # and finds its articles there ("unchanged"); and batches written in another order than
    # usual make the other one of two syndicated copies the original ("duplicates").
    outcomes = ("new", "updated", "unchanged", "duplicates")
    counted = sum(run[outcome] for run in runs for outcome in outcomes)
    assert counted == expected, str(runs)


def crawl_through_restart(
    crawl: subprocess.Popen[str], private_server: PrivateServer, waiting_for: str, expected: int
) -> None:
    """Stops the server once the crawl has opened its runs, starts it again once the crawl
    has logged ``waiting_for``; the crawl must finish with every article stored once."""
    wait_for(
        lambda: (
            private_server.count("SELECT count(*) FROM pg_tables WHERE tablename='crawl_runs'") > 0
            and private_server.count("SELECT count(*) FROM crawl_runs") == 3
        ),
        what="the crawl to start its runs",
    )
    before = private_server.count("SELECT count(*) FROM articles")
    private_server.stop()  # every connection cut; writes fail until it is back
    errors: list[str] = []
    reader = threading.Thread(target=lambda: errors.extend(crawl.stderr or []))
    reader.start()
    wait_for(
        lambda: any(waiting_for in line for line in errors),
        what=f"the crawl to find the database gone ({waiting_for} ...)",
    )
    time.sleep(2)  # a retry or two more against the stopped server
    private_server.start()
    crawl.wait(timeout=300)
    reader.join()
    for stream in (crawl.stdout, crawl.stderr):
        assert stream is not None
        stream.close()
    err = "".join(errors)

    assert crawl.returncode == 0, err
    assert before < expected  # the restart did land mid-crawl
    count = private_server.count("SELECT count(*) FROM articles")
    urls = private_server.count("SELECT count(DISTINCT url) FROM articles")
    assert (count, urls) == (expected, expected), err
