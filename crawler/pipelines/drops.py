"""One DropItem subclass per reason: Scrapy's stats count drops by class."""

from scrapy.exceptions import DropItem


class NotAnArticle(DropItem):
    """The page is not an article (a listing, a home page, an error page) or its article
    body is too short to keep."""


class DuplicateInRun(DropItem):
    """This crawl already produced an article with the same canonical URL."""
