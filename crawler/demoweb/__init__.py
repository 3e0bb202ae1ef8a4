"""The offline demo web: briefing-like sites built from real pages and texts, served on
127.0.0.1. ``spacewatch demo`` crawls it; the test suite uses it as its fixture web."""

from crawler.demoweb.server import DemoWeb

__all__ = ["DemoWeb"]
