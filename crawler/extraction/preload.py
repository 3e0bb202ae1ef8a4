"""Imported once by the extraction pool's forkserver (multiprocessing preloads modules by
name): every pool process is forked from it already warm. Each process had loaded the
language model and datasketch itself on its first page, ~0.8-1.0 s of CPU per process and
per crawl (docs/PERFORMANCE.md)."""

from crawler.extraction.pool import warm_extraction

warm_extraction()
