"""Per-site rules (crawler/sites/), each on a saved page of its site."""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path

from crawler.extraction import extract_article
from crawler.extraction.decoding import decode_html
from crawler.sites import rules_for

SITES = Path(__file__).parents[1] / "fixtures" / "sites"


def saved(name: str) -> str:
    return decode_html(gzip.decompress((SITES / name).read_bytes()))


def test_rules_are_found_by_domain_and_subdomain_only() -> None:
    assert rules_for("https://www.space.com/27998-nasa.html") is not None
    assert rules_for("https://space.com/x") is not None
    assert rules_for("https://notspace.com/x") is None
    assert rules_for("https://space.com.evil.example/x") is None


def test_space_com_byline_date_and_captions() -> None:
    url = "https://www.space.com/27998-nasa-18-billion-omnibus-spending-bill.html"
    fields = extract_article(saved("space.com2.html.gz"), url)
    assert fields.authors == ("Jeff Foust",)
    assert fields.methods["authors"] == "site rule space.com"
    # "December 12, 2014 03:20pm ET" is US Eastern time.
    assert fields.published_at == dt.datetime(2014, 12, 12, 20, 20, tzinfo=dt.UTC)
    assert fields.body.startswith("WASHINGTON — NASA will receive $18 billion for 2015")
    assert "Credit: NASA" not in fields.body and "View full size image" not in fields.body
    assert "logo of NASA" not in fields.body


def test_the_generic_path_alone_misses_what_the_rule_finds() -> None:
    """The same page under another domain: no rule, so no byline and a caption in the body."""
    fields = extract_article(saved("space.com2.html.gz"), "https://mirror.example/story")
    assert fields.authors == ()
    assert "Credit: NASA" in fields.body
