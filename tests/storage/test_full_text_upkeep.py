"""PostgreSQL's full-text indexes after a crawl: the rows it stored are merged into the GIN
indexes when it ends, so searches do not scan a pending list until vacuum runs."""

from __future__ import annotations

import asyncio
import logging

import pytest
from scrapy import Spider
from scrapy.utils.test import get_crawler
from sqlalchemy import text

from crawler.pipelines.store import StorePipeline
from storage.database import (
    GIN_INDEXES,
    Database,
    merge_pending_index_entries,
    open_database,
)
from tests.reliability.test_database_faults import records
from tests.support import ON_POSTGRES, both_databases_in_first_pass

pytestmark = pytest.mark.skipif(ON_POSTGRES, reason=both_databases_in_first_pass)


@pytest.fixture
def postgres(postgres: Database) -> Database:
    """The storage tests' PostgreSQL database, with pgstattuple to read the pending lists."""
    with postgres.engine.begin() as connection:
        connection.execute(text("CREATE EXTENSION IF NOT EXISTS pgstattuple"))
    return postgres


def pending_rows(database: Database) -> dict[str, int]:
    with database.engine.connect() as connection:
        return {
            index: int(
                connection.scalar(
                    text("SELECT pending_tuples FROM pgstatginindex(CAST(:index AS regclass))"),
                    {"index": index},
                )
                or 0
            )
            for index in GIN_INDEXES
        }


def test_a_crawl_that_stored_articles_leaves_no_pending_index_entries(
    postgres: Database,
) -> None:
    stats = get_crawler(Spider).stats
    assert stats is not None
    pipeline = StorePipeline(postgres, stats, batch_size=20)
    pipeline.pending = records(3)
    asyncio.run(pipeline.flush())
    assert stats.get_value("spacewatch/new") == 3
    assert all(pending_rows(postgres).values()), "stored rows wait in the pending lists"
    asyncio.run(pipeline.close_spider())
    assert pending_rows(postgres) == dict.fromkeys(GIN_INDEXES, 0)


def test_an_unreachable_server_leaves_the_entries_for_vacuum_without_an_error(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="storage.database")
    gone = open_database("postgresql+psycopg://postgres@127.0.0.1:1/spacewatch")
    try:
        merge_pending_index_entries(gone)
    finally:
        gone.dispose()
    assert "left for vacuum to merge" in caplog.text
