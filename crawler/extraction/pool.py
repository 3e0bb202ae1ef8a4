"""Extraction (and MinHash) off the reactor thread: a pool of processes, so a crawl uses every
core.

Extraction (decode, lxml parse, trafilatura, htmldate, language) is about 60 % of a crawl's CPU
and holds the GIL, so threads do not help (shared/PITFALLS.md); processes do. The pool's
processes come from a *forkserver* that imports the extraction modules once: workers start
already loaded, and nothing is forked from the crawling process itself (its reactor, threads
and database connections must not be copied). A page's bytes go in, its ArticleFields come out.

``processes <= 1`` extracts in the calling thread (no pool): for one-off commands and tests.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from crawler.extraction.decoding import decode_html
from crawler.extraction.page import extract_article
from crawler.items import ArticleFields

log = logging.getLogger("spacewatch.extraction")
PRELOAD = ["crawler.extraction.preload"]
"""What the forkserver loads once for every pool process: see crawler/extraction/preload.py."""
T = TypeVar("T")
PARENT_CHECK_SECONDS = 2.0


def _parent_alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (a zombie does not: it was killed, not yet reaped)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            state = stat.read().rsplit(")", 1)[1].split()[0]
        return state not in ("Z", "X")
    except FileNotFoundError:
        return False
    except OSError:  # no /proc: not Linux
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True


def _exit_with(parent: int) -> None:
    """Pool initializer: leave when the crawling process is gone. A pool process's parent is
    the forkserver, and the pool's queues never see EOF (every worker holds both ends), so
    after a kill -9 of the crawl the workers and the forkserver (kept alive by them) would
    live on, holding the crawl's stdout and stderr open."""

    def watch() -> None:
        while _parent_alive(parent):
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(0)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


class ExtractionFailed(RuntimeError):
    """A pool process died while extracting this page (the pool is rebuilt)."""


def extract_page(body: bytes, content_type: str | None, url: str) -> ArticleFields:
    """Bytes of an article page to its fields: what a pool process runs."""
    return extract_article(decode_html(body, content_type), url)


def warm_extraction() -> None:
    """Extract a small page and sign its body: loads what the first real page would load
    lazily (the language model, datasketch and its permutations, trafilatura's caches)."""
    from storage.fingerprints import minhash_signature

    paragraph = "The lunar research station agreement was signed by both space agencies. " * 8
    page = f"<html><head><title>Warm-up</title></head><body><article><p>{paragraph}</p>"
    fields = extract_article(page + "</article></body></html>", "http://127.0.0.1/warm-up")
    minhash_signature(fields.body or paragraph)


class Extractor:
    def __init__(self, processes: int) -> None:
        self.processes = processes
        self._pool: ProcessPoolExecutor | None = None

    async def extract(self, body: bytes, content_type: str | None, url: str) -> ArticleFields:
        return await self.run(extract_page, body, content_type, url)

    async def run(self, function: Callable[..., T], *args: Any) -> T:
        """``function(*args)`` in a pool process (a pure, module-level function: it is pickled
        by name), or here when there is no pool."""
        if self.processes <= 1:
            return function(*args)
        pool = self._pool or self._start()
        try:
            return await asyncio.wrap_future(pool.submit(function, *args))
        except BrokenProcessPool as exc:
            # A process was killed (out of memory, a signal): start a new pool for the pages
            # after this one; this page gets a recorded error.
            if self._pool is pool:
                self._pool = None
                pool.shutdown(wait=False, cancel_futures=True)
            raise ExtractionFailed(f"extraction process died: {exc}") from None

    def _start(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        self._pool = ProcessPoolExecutor(
            max_workers=self.processes,
            mp_context=context,
            initializer=_exit_with,
            initargs=(os.getpid(),),
        )
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


_shared: dict[int, Extractor] = {}


def shared_extractor(processes: int) -> Extractor:
    """One extractor per size in this process: crawls of a long-running process share it."""
    if processes not in _shared:
        _shared[processes] = Extractor(processes)
    return _shared[processes]


def close_shared() -> None:
    for extractor in _shared.values():
        extractor.close()
    _shared.clear()
