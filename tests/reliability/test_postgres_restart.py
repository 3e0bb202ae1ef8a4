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


def test_a_crawl_waits_for_postgresql_restarted_mid_crawl_and_loses_nothing(
    tmp_path: Path, demoweb: DemoWeb, private_server: PrivateServer
) -> None:
    expected = uninterrupted_count(tmp_path, demoweb)

    cli = demo_cli(tmp_path, demoweb, private_server.url)
    demoweb.slow_down(1.0)  # article pages take a while: the restart lands mid-crawl
    crawl = cli.start("crawl")
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
        lambda: any("database unavailable" in line for line in errors),
        what="the crawl to find the database gone",
    )
    time.sleep(2)  # a retry or two more against the stopped server
    private_server.start()
    crawl.wait(timeout=300)
    reader.join()
    for stream in (crawl.stdout, crawl.stderr):
        assert stream is not None
        stream.close()
    demoweb.slow_down(0)
    err = "".join(errors)

    assert crawl.returncode == 0, err
    assert before < expected  # the restart did land mid-crawl
    count = private_server.count("SELECT count(*) FROM articles")
    urls = private_server.count("SELECT count(DISTINCT url) FROM articles")
    assert (count, urls) == (expected, expected)
    runs = cli("runs", "--format", "json").json()
    assert {run["status"] for run in runs} == {"finished"}  # each run recorded, none aborted
    assert sum(run["new"] for run in runs) == expected
