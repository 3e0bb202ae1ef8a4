"""The extraction pool: the same fields as extracting in place, a dead process costs one
page, not the crawl, and the pool does not outlive a killed crawl."""

from __future__ import annotations

import asyncio
import gzip
import os
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.extraction.pool import ExtractionFailed, Extractor, extract_page
from storage.fingerprints import minhash_signature
from tests.support import wait_for

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


def loaded_lazily() -> dict[str, bool]:
    """In a pool process, before it extracts anything: what is already loaded."""
    from crawler.extraction.language import _identifier
    from storage.fingerprints import _empty_minhash

    return {
        "language model": _identifier.cache_info().currsize == 1,
        "minhash": _empty_minhash.cache_info().currsize == 1,
        "datasketch": "datasketch" in sys.modules,
    }


def test_pool_processes_start_with_the_models_loaded(pool: Extractor) -> None:
    """The forkserver loads them once; each process had loaded them itself on its first page
    (~0.8-1.0 s of CPU per process and per crawl)."""
    loaded = asyncio.run(pool.run(loaded_lazily))
    assert loaded == {"language model": True, "minhash": True, "datasketch": True}


def test_a_killed_pool_process_fails_one_page_and_the_next_gets_a_new_pool(
    pool: Extractor,
) -> None:
    (body, url), *_ = pages()

    async def kill_then_extract() -> object:
        with pytest.raises(ExtractionFailed, match="extraction process died"):
            await pool.run(os._exit, 1)  # a process dies mid-task (as under the OOM killer)
        return await pool.extract(body, None, url)

    assert asyncio.run(kill_then_extract()) == extract_page(body, None, url)


OWNER = """
import asyncio, os, sys, time
from crawler.extraction.pool import Extractor
pool = Extractor(2)
asyncio.run(pool.run(os.getpid))  # the pool is up
print(" ".join(str(p) for p in pool._pool._processes), flush=True)
time.sleep(600)
"""


def test_the_pool_leaves_when_the_crawling_process_is_killed(tmp_path: Path) -> None:
    """After a kill -9 of its owner, a pool process must not live on (its parent is the
    forkserver, so nothing else would end it), holding the owner's stdout open."""
    owner = subprocess.Popen(
        [sys.executable, "-c", OWNER], stdout=subprocess.PIPE, text=True, cwd=Path.cwd()
    )
    assert owner.stdout is not None
    try:
        workers = [int(p) for p in owner.stdout.readline().split()]
        assert workers and all(alive(p) for p in workers)
    finally:
        owner.kill()  # not reaped yet: a zombie, as after a kill -9 of the crawl
    try:
        wait_for(lambda: not any(alive(p) for p in workers), 10, "pool processes to exit")
        assert owner.stdout.read() == ""  # EOF: nobody holds the pipe any more
    finally:
        owner.stdout.close()
        owner.wait()


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
