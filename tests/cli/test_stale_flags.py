"""The stored flags are the current taxonomy's, or the CLI says so: after the terms are
edited (or a new spacewatch brings new ones), a crawl and `status` say that `reflag` would
recompute them, and a whole reflag settles it."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, text

from crawler.demoweb import DemoWeb
from tests.support import database_url_for, demo_cli

EXTRA_TERM = """
[[flagging.terms]]
category = "lunar"
term = "regolith"
weight = 3
"""
STALE = "the stored flags were computed with"


def test_a_changed_taxonomy_is_reported_until_a_whole_reflag(tmp_path: Path) -> None:
    with DemoWeb() as web:
        cli = demo_cli(tmp_path, web, database_url_for(tmp_path, "stale.db"))
        first = cli("crawl")
        assert first.code == 0 and STALE not in first.err  # an empty database records its own
        assert STALE not in cli("status").out
        config = tmp_path / "spacewatch.toml"
        config.write_text(config.read_text("utf-8") + EXTRA_TERM, "utf-8")
        again = cli("crawl")
        assert again.code == 0, again.err
        assert f"spacewatch: warning: {STALE} another taxonomy" in again.err
        assert "`spacewatch reflag`" in again.err
        assert f"flags: {STALE} another taxonomy" in cli("status").out
        # A reflag of recent articles only leaves the older ones as they were: still stale.
        assert cli("reflag", "--since", "2025-01-01").code == 0
        assert STALE in cli("status").out
        assert cli("reflag").code == 0
        settled = cli("crawl")
        assert settled.code == 0 and STALE not in settled.err
        assert STALE not in cli("status").out


def test_flags_stored_before_the_taxonomy_was_recorded_are_reported(tmp_path: Path) -> None:
    url = database_url_for(tmp_path, "old.db")
    with DemoWeb() as web:
        cli = demo_cli(tmp_path, web, url)
        assert cli("crawl").code == 0
        engine = create_engine(url)
        with engine.begin() as connection:  # as a database from before the record was kept
            connection.execute(text("DELETE FROM state"))
        engine.dispose()
        status = cli("status").out
        assert f"flags: {STALE} a taxonomy this database did not record" in status
        assert cli("reflag").code == 0
        assert STALE not in cli("status").out
