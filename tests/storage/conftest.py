"""Fixtures shared by the storage tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from storage.database import Database, migrate, open_database


@pytest.fixture
def postgres(postgres_url: str) -> Iterator[Database]:
    """A migrated, empty PostgreSQL database for one test."""
    database = open_database(postgres_url)
    migrate(database)
    yield database
    database.dispose()
