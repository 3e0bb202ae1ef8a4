"""The extraction pool: the same fields as extracting in place, and a dead process costs one
page, not the crawl."""

from __future__ import annotations

import asyncio
import gzip
import os
from pathlib import Path

import pytest

from crawler.extraction.pool import ExtractionFailed, Extractor, extract_page
from storage.fingerprints import minhash_signature

PAGES = sorted((Path(__file__).parents[1] / "fixtures/extraction/fundus").rglob("*.html.gz"))[:4]


def pages() -> list[tuple[bytes, str]]:
    return [(gzip.decompress(p.read_bytes()), f"https://example.org/{p.stem}") for p in PAGES]


@pytest.fixture
def pool() -> Extractor:
    extractor = Extractor(2)
    yield extractor  # type: ignore[misc]
    extractor.close()


def test_a_pool_extracts_exactly_what_the_crawling_process_would(pool: Extractor) -> None:
    assert len(PAGES) == 4

    async def in_pool() -> list[object]:
        return list(await asyncio.gather(*(pool.extract(b, None, u) for b, u in pages())))

    expected = [extract_page(body, None, url) for body, url in pages()]
    assert asyncio.run(in_pool()) == expected
    body = expected[0].body  # type: ignore[attr-defined]
    assert asyncio.run(pool.run(minhash_signature, body)) == minhash_signature(body)


def test_a_killed_pool_process_fails_one_page_and_the_next_gets_a_new_pool(
    pool: Extractor,
) -> None:
    (body, url), *_ = pages()

    async def kill_then_extract() -> object:
        with pytest.raises(ExtractionFailed, match="extraction process died"):
            await pool.run(os._exit, 1)  # a process dies mid-task (as under the OOM killer)
        return await pool.extract(body, None, url)

    assert asyncio.run(kill_then_extract()) == extract_page(body, None, url)
