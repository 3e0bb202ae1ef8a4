"""Helpers the tests share: the spacewatch CLI in a subprocess, and text measures."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from crawler.demoweb import DemoWeb

POSTGRES_ADMIN_URL = os.environ.get(
    "SPACEWATCH_TEST_POSTGRES_URL", "postgresql+psycopg://127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
ON_POSTGRES = os.environ.get("SPACEWATCH_TEST_DATABASE", "sqlite") == "postgresql"
"""The second pass of the suite (`make test`): every test that crawls into or reads a database
it makes with ``database_url_for`` gets a fresh PostgreSQL database instead of a SQLite file."""
sqlite_only = pytest.mark.skipif(
    ON_POSTGRES, reason="checks the SQLite file itself (the first pass runs it)"
)
both_databases_in_first_pass = "runs on SQLite and PostgreSQL in the first pass"
_made_databases: dict[tuple[Path, str], str] = {}


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)

    def jsonl(self) -> list[Any]:
        return [json.loads(line) for line in self.out.splitlines() if line.strip()]


@dataclass
class Spacewatch:
    """Runs the real `spacewatch` command in a subprocess with a config and database."""

    tmp: Path
    config: Path | None = None
    database: str = ""

    def __call__(self, *args: str, stdin: str | None = None, timeout: float = 120) -> CliResult:
        done = subprocess.run(
            self._command(args),
            input=stdin,
            capture_output=True,
            text=True,
            timeout=timeout,
            env=self._env(),
            cwd=self.tmp,
        )
        return CliResult(done.returncode, done.stdout, done.stderr)

    def start(self, *args: str) -> subprocess.Popen[str]:
        """The same command, left running (to signal or kill it)."""
        return subprocess.Popen(
            self._command(args),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=self._env(),
            cwd=self.tmp,
        )

    def _env(self) -> dict[str, str]:
        env = {
            **os.environ,
            "XDG_DATA_HOME": str(self.tmp / "xdg-data"),
            "XDG_CACHE_HOME": str(self.tmp / "xdg-cache"),
            "PYTHONWARNINGS": "ignore",
        }
        env.pop("SPACEWATCH_DATABASE_URL", None)
        return env

    def _command(self, args: tuple[str, ...]) -> list[str]:
        prefix: list[str] = []
        if self.config is not None:
            prefix += ["--config", str(self.config)]
        if self.database:
            prefix += ["--database", self.database]
        return [sys.executable, "-m", "crawler", *prefix, *args]


def wait_for(condition: Callable[[], bool], timeout: float = 60, what: str = "") -> None:
    """Poll ``condition`` every 0.2 s; fail with ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def demo_cli(tmp_path: Path, web: DemoWeb, database_url: str) -> Spacewatch:
    """A Spacewatch whose config crawls ``web`` into ``database_url``."""
    config = tmp_path / "spacewatch.toml"
    config.write_text(web.config_toml(database_url), "utf-8")
    return Spacewatch(tmp_path, config=config)


def token_scores(found: str, expected: str) -> tuple[float, float]:
    """Token-level (precision, recall) of ``found`` against ``expected``."""
    got = Counter(re.findall(r"\w+", found.lower()))
    want = Counter(re.findall(r"\w+", expected.lower()))
    overlap = sum((got & want).values())
    return (overlap / max(sum(got.values()), 1), overlap / max(sum(want.values()), 1))


def _postgres_admin() -> Any:
    import psycopg

    url = POSTGRES_ADMIN_URL.replace("postgresql+psycopg://", "postgresql://")
    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        if IN_CI:
            pytest.fail(f"PostgreSQL must run in CI and is not reachable at {url}: {exc}")
        pytest.skip(f"no PostgreSQL server at {url} (outside CI these tests skip): {exc}")


def database_url_for(tmp: Path, name: str = "sw.db") -> str:
    """The database a test uses: a SQLite file ``name`` in ``tmp``, or in the PostgreSQL pass
    a new PostgreSQL database, the same one for the same (tmp, name) (dropped when the session
    ends: ``drop_made_databases``)."""
    if not ON_POSTGRES:
        return f"sqlite:///{tmp / name}"
    if (tmp, name) not in _made_databases:
        admin = _postgres_admin()
        database = f"spacewatch_test_{uuid.uuid4().hex[:12]}"
        try:
            admin.execute(f'CREATE DATABASE "{database}"')
        finally:
            admin.close()
        _made_databases[(tmp, name)] = database
    return f"{POSTGRES_ADMIN_URL.rsplit('/', 1)[0]}/{_made_databases[(tmp, name)]}"


def drop_made_databases() -> None:
    if not _made_databases:
        return
    admin = _postgres_admin()
    try:
        for database in _made_databases.values():
            admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        _made_databases.clear()
    finally:
        admin.close()


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database, dropped on exit. Skips outside CI when
    there is no server; fails in CI."""
    admin = _postgres_admin()
    name = f"spacewatch_test_{uuid.uuid4().hex[:12]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


# A configuration whose pattern is valid with its list as one letter but not written out (a
# look-behind holding names of several lengths): refused as the config loads, with its path.
BAD_LOOK_BEHIND = (
    "[[sources]]\nname = 'local'\nhomepage = 'http://127.0.0.1:9/'\nallow_private = true\n"
    "[flagging.lists]\nnames = ['china', 'russia']\n"
    "[[flagging.terms]]\ncategory = 'lunar'\nterm = 'after a name'\n"
    "pattern = '(?<={names} )rover'\n"
)
