"""A real full disk under a whole `spacewatch crawl`: the database lives on a tmpfs too small
for the crawl. The crawl ends with a clear error and a non-zero exit, nothing stored is
corrupt, and once there is room again the next crawl stores every article once."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from crawler.demoweb import DemoWeb
from tests.reliability.test_kill_loop import integrity_problems, stored, uninterrupted_count
from tests.support import demo_cli, sqlite_only

pytestmark = sqlite_only  # a SQLite file on a small filesystem


def mount_tmpfs(where: Path, megabytes: float, remount: bool = False) -> None:
    options = f"size={int(megabytes * 1024)}k" + (",remount" if remount else "")
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)],
        check=True,
        capture_output=True,
        timeout=30,
    )


@pytest.fixture
def small_disk() -> Iterator[Path]:
    where = Path(tempfile.mkdtemp(prefix="spacewatch-full-"))
    try:
        mount_tmpfs(where, 0.5)
    except (OSError, subprocess.CalledProcessError) as exc:
        where.rmdir()
        pytest.skip(f"cannot mount a tmpfs here (needs root in a sandbox that allows it): {exc}")
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], capture_output=True, timeout=30)
        where.rmdir()


def free_bytes(where: Path) -> int:
    stat = os.statvfs(where)
    return stat.f_bavail * stat.f_frsize


def used_bytes(where: Path) -> int:
    stat = os.statvfs(where)
    return (stat.f_blocks - stat.f_bfree) * stat.f_frsize


def test_a_crawl_onto_a_full_disk_fails_clearly_and_the_next_one_completes(
    tmp_path: Path, demoweb: DemoWeb, small_disk: Path
) -> None:
    expected = uninterrupted_count(tmp_path, demoweb)

    path = small_disk / "sw.db"
    cli = demo_cli(tmp_path, demoweb, f"sqlite:///{path}")
    assert cli("db", "upgrade").code == 0  # the empty schema fits
    # Room for what is there and a little more, not for the crawl's articles.
    used = used_bytes(small_disk)
    mount_tmpfs(small_disk, (used + 96 * 1024) / 1024 / 1024, remount=True)

    full = cli("crawl", timeout=120)  # a full disk is not retried for minutes
    assert full.code != 0
    assert re.search(
        r"storing \d+ articles failed, the crawl stops: database or disk is full", full.err
    )
    assert "spacewatch: error: crawl failed: " in full.err
    assert "not stored: database or disk is full" in full.err  # the URLs, in the runs' errors
    assert "Traceback" not in full.err
    assert free_bytes(small_disk) < 256 * 1024  # the disk did fill up
    assert integrity_problems(path) == []
    with closing(sqlite3.connect(path)) as check:  # what was stored is readable
        check.execute("SELECT count(*) FROM articles").fetchone()

    mount_tmpfs(small_disk, 64, remount=True)  # room again
    again = cli("crawl", timeout=300)
    assert again.code == 0, again.err
    assert integrity_problems(path) == []
    assert stored(path) == (expected, expected)  # every article, each once
