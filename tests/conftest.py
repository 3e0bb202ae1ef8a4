"""Shared fixtures: the demo web on 127.0.0.1, the spacewatch CLI, SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.demoweb import DemoWeb
from tests.support import (
    ON_POSTGRES,
    Spacewatch,
    both_databases_in_first_pass,
    drop_made_databases,
    fresh_postgres_database,
)


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Crawls in this process keep their HTTP cache out of the user's cache directory."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
        yield


@pytest.fixture(autouse=True, scope="session")
def made_databases() -> Iterator[None]:
    """The PostgreSQL pass's databases (tests.support.database_url_for), dropped at the end."""
    yield
    drop_made_databases()


@pytest.fixture
def demoweb() -> Iterator[DemoWeb]:
    with DemoWeb() as web:
        yield web


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'spacewatch.db'}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    with fresh_postgres_database() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each storage test runs on a SQLite file and on a PostgreSQL database."""
    if ON_POSTGRES:
        pytest.skip(both_databases_in_first_pass)
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'spacewatch.db'}"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def spacewatch(tmp_path: Path) -> Spacewatch:
    return Spacewatch(tmp_path)
