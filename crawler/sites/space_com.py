"""space.com (bundled source "space-com"): the byline is a link inside a plain
"by NAME, TITLE | DATE" line, with no JSON-LD, <meta> author or <time>; image captions and
credits sit inside the text container. Built from the saved 2015 pages in
tests/fixtures/sites/ (newspaper4k's test data)."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from dateutil import parser as dateutil_parser
from lxml import html as lxml_html

from crawler.extraction.dates import parse_date
from crawler.sites.registry import SiteRules, register

_AFTER_BAR = re.compile(r"\|\s*(.+?)\s*(?:ET|EST|EDT)?\s*$")
EASTERN = ZoneInfo("America/New_York")


def byline_date(tree: lxml_html.HtmlElement) -> dt.datetime | None:
    """'... | December 12, 2014 03:20pm ET': US Eastern time, as the site is."""
    for line in tree.xpath('//*[@class="by_line_date"]'):
        found = _AFTER_BAR.search(" ".join(line.text_content().split()))
        if not found:
            continue
        try:
            local = dateutil_parser.parse(found.group(1))
        except (ValueError, OverflowError):
            continue
        return parse_date(local if local.tzinfo else local.replace(tzinfo=EASTERN))
    return None


RULES = register(
    SiteRules(
        domains=("space.com",),
        authors='//*[@class="by_line_date"]/a',
        published=byline_date,
        # Image boxes: a caption, a "Credit:" line and a "View full size image" link.
        drop=('//td[.//a[@class="make_big"]]', '//div[starts-with(@class, "article_img")]'),
    )
)
