"""Attach the flagging result for the configured taxonomy."""

from __future__ import annotations

import dataclasses
from typing import Self

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from crawler.config import Taxonomy
from crawler.flagging import flag
from crawler.items import Article


def taxonomy_for(crawler: Crawler) -> Taxonomy:
    """The crawl's taxonomy (``SPACEWATCH_TAXONOMY``; `scrapy crawl` alone: the config's)."""
    taxonomy = crawler.settings.get("SPACEWATCH_TAXONOMY")
    if taxonomy is None:
        from crawler.config import load_config

        taxonomy = load_config().taxonomy
    if not isinstance(taxonomy, Taxonomy):
        raise NotConfigured("SPACEWATCH_TAXONOMY is not a Taxonomy")
    return taxonomy


class FlagPipeline:
    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(taxonomy_for(crawler))

    def process_item(self, item: Article) -> Article:
        return dataclasses.replace(
            item, flag=flag(item.fields.title, item.fields.body, self.taxonomy)
        )
