"""Pure extraction: HTML + URL -> ArticleFields. No I/O, no settings."""

from crawler.extraction.page import extract_article

__all__ = ["extract_article"]
