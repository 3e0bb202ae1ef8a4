"""One DropItem subclass per reason: Scrapy's stats count drops by class."""

from scrapy.exceptions import DropItem


class NotAnArticle(DropItem):
    """The page has no article body (a listing, a home page, an error page)."""


class DuplicateInRun(DropItem):
    """This crawl already produced an article with the same canonical URL."""
