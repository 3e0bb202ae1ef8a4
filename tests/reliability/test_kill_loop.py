"""`kill -9` of a crawl at random moments, again and again: after every kill the database
passes SQLite's integrity checks, the full-text index is in step with the table, no article is
half-stored, and the next crawl completes the work."""

from __future__ import annotations

import random
import sqlite3
import time
from pathlib import Path

from crawler.demoweb import DemoWeb
from storage.fingerprints import BANDS, NUM_PERM
from tests.support import demo_cli, sqlite_only

KILLS = 5
pytestmark = sqlite_only  # it reads the SQLite file's own integrity checks


def integrity_problems(path: Path) -> list[str]:
    """What is wrong with the SQLite file at ``path`` (nothing: an empty list)."""
    if not path.exists():
        return []
    connection = sqlite3.connect(path)
    try:
        problems = []
        (verdict,) = connection.execute("PRAGMA integrity_check").fetchone()
        if verdict != "ok":
            problems.append(f"integrity_check: {verdict}")
        if connection.execute("PRAGMA foreign_key_check").fetchall():
            problems.append("foreign keys point nowhere")
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
        if "articles_fts" not in tables:
            return problems  # killed before the schema was made
        try:  # rank 1: compare the index with the content table, not only with itself
            connection.execute(
                "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)"
            )
        except sqlite3.DatabaseError as exc:
            problems.append(f"full-text index out of step: {exc}")
        half_stored = {
            "flagged original without its matches": """SELECT count(*) FROM articles a
                WHERE a.flagged AND a.duplicate_of IS NULL
                AND NOT EXISTS (SELECT 1 FROM matches m WHERE m.article_id = a.id)""",
            "original without all its LSH bands": f"""SELECT count(*) FROM articles a
                WHERE a.duplicate_of IS NULL AND length(a.minhash) = {NUM_PERM * 4}
                AND (SELECT count(*) FROM article_bands b WHERE b.article_id = a.id) != {BANDS}""",
            "article without title and body": """SELECT count(*) FROM articles
                WHERE title = '' AND body = ''""",
        }
        for what, sql in half_stored.items():
            (count,) = connection.execute(sql).fetchone()
            if count:
                problems.append(f"{count} {what}")
        return problems
    finally:
        connection.close()


def stored(path: Path) -> tuple[int, int]:
    """(articles, distinct URLs) in the SQLite file at ``path``."""
    connection = sqlite3.connect(path)
    try:
        (count, urls) = connection.execute(
            "SELECT count(*), count(DISTINCT url) FROM articles"
        ).fetchone()
        return int(count), int(urls)
    finally:
        connection.close()


def stored_count(path: Path) -> int:
    """Articles in the SQLite file at ``path``; 0 before its tables exist."""
    try:
        return stored(path)[0] if path.exists() else 0
    except sqlite3.OperationalError:  # no such table yet, or the crawl holds a lock
        return 0


def uninterrupted_count(tmp_path: Path, demoweb: DemoWeb) -> int:
    """How many articles a crawl of ``demoweb`` stores when nothing goes wrong."""
    (tmp_path / "reference").mkdir()
    reference = demo_cli(tmp_path / "reference", demoweb, f"sqlite:///{tmp_path / 'ref.db'}")
    assert reference("crawl").code == 0
    expected, _ = stored(tmp_path / "ref.db")
    assert expected > 10
    return expected


def test_a_crawl_killed_at_random_moments_leaves_a_sound_database(
    tmp_path: Path, demoweb: DemoWeb
) -> None:
    expected = uninterrupted_count(tmp_path, demoweb)

    path = tmp_path / "sw.db"
    cli = demo_cli(tmp_path, demoweb, f"sqlite:///{path}")
    demoweb.slow_down(1.0)  # article pages take a while: kills land mid-crawl, mid-batch
    rng = random.Random(20261130)
    moments = []
    for kill in range(KILLS):
        process = cli.start("crawl")
        if kill < KILLS - 1:
            moment = rng.uniform(1.0, 6.0)  # start-up, migration, fetching, writing
            time.sleep(moment)
        else:  # the last one mid-writing, however slow the machine is to start a crawl
            before, started = stored_count(path), time.monotonic()
            while stored_count(path) == before and time.monotonic() - started < 120:
                time.sleep(0.05)
            time.sleep(rng.uniform(0.0, 1.0))
            moment = time.monotonic() - started
        moments.append(round(moment, 2))
        process.kill()
        process.communicate()
        problems = integrity_problems(path)
        assert not problems, f"after kill -9 at {moments}: {problems}"
    demoweb.slow_down(0)
    killed_with, _ = stored(path)
    assert killed_with > 0, f"no kill landed after the first writes: {moments}"

    finished = cli("crawl")
    assert finished.code == 0, finished.err
    assert integrity_problems(path) == []
    count, urls = stored(path)
    assert (count, urls) == (expected, expected)  # every article, each once
