"""Content fingerprints for dedupe, and in-run dedupe by canonical URL.

Deciding whether an article is new, an update or a copy of a stored one needs the database,
so that decision is made by ``storage.articles.save_batch`` inside the store pipeline's
transaction (safe when two crawls write at once); this pipeline computes what it compares.
"""

from __future__ import annotations

import dataclasses
from typing import Self

from scrapy.crawler import Crawler

from crawler.extraction.pool import shared_extractor
from crawler.fingerprints import content_hash, minhash_signature
from crawler.items import Article
from crawler.pipelines.drops import DuplicateInRun


class FingerprintPipeline:
    def __init__(self, processes: int = 1) -> None:
        self.seen: set[str] = set()
        self.pool = shared_extractor(processes)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler.settings.getint("SPACEWATCH_EXTRACTION_PROCESSES", 1))

    async def process_item(self, item: Article) -> Article:
        if item.canonical_url in self.seen:
            raise DuplicateInRun(f"already crawled in this run: {item.canonical_url}")
        self.seen.add(item.canonical_url)
        body = item.fields.body
        # MinHash (a SHA-1 per word shingle, in Python) is the next-costliest step after
        # extraction: it runs in the extraction processes too.
        signature = await self.pool.run(minhash_signature, body)
        return dataclasses.replace(item, content_hash=content_hash(body), minhash=signature)
