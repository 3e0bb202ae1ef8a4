"""Imported once by the extraction pool's forkserver (multiprocessing preloads modules by
name): every pool process is forked from it already warm. Each process had loaded the
language model and datasketch itself on its first page, ~0.8-1.0 s of CPU per process and
per crawl (docs/PERFORMANCE.md)."""

import logging

from crawler.extraction.pool import warm_extraction

try:
    warm_extraction()
except Exception:
    # An exception here would end the forkserver, and with it the pool. Warming is only a
    # head start: each process loads what it needs on its first page anyway.
    logging.getLogger("spacewatch.extraction").exception("could not warm the extraction pool")
