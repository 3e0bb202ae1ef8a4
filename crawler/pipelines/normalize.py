"""Canonical URL, clean text, and the check that the page is an article at all."""

from __future__ import annotations

import dataclasses
import re

from crawler.extraction.dates import modified_after
from crawler.extraction.page import GUESSED_DATE, URL_DATE
from crawler.items import Article, ArticleFields
from crawler.pipelines.drops import NotAnArticle
from crawler.urls import canonical_url

MIN_BODY_CHARS = 200
"""Below this the page holds no article text worth storing (teaser pages, error pages)."""
MAX_TITLE_CHARS = 1000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(text: str) -> str:
    """Drop control characters (NUL included), keep paragraphs, fold runs of spaces."""
    text = _CONTROL.sub("", text)
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


ENTRY_METHOD = "feed or sitemap entry"
"""The method name of a field the page lacked and its feed or news-sitemap entry gave."""


def with_entry_hints(item: Article) -> ArticleFields:
    """The page's fields, completed by what its feed or news-sitemap entry said.

    An entry is the publisher naming the page as an item of that date and title: a plain-HTML
    newsroom page with no date, no JSON-LD and no <article> is still an article, and its
    date is the entry's. A date the page states (JSON-LD, meta, <time>) wins; htmldate's
    guess from the page's text and the day in its URL yield to the entry's.
    """
    fields = item.fields
    if item.entry_published_at is None and not item.entry_title:
        return fields  # a listing link or a plain sitemap URL: the page speaks alone
    methods = dict(fields.methods)
    methods.setdefault("is_article", ENTRY_METHOD)
    published = fields.published_at
    guessed = fields.methods.get("published_at") in (GUESSED_DATE, URL_DATE)
    if (published is None or guessed) and item.entry_published_at is not None:
        published, methods["published_at"] = item.entry_published_at, ENTRY_METHOD
    title = fields.title
    if not title.strip() and item.entry_title:
        title, methods["title"] = item.entry_title, ENTRY_METHOD
    return dataclasses.replace(
        fields,
        is_article=True,
        published_at=published,
        title=title,
        modified_at=modified_after(fields.modified_at, published),
        methods=methods,
    )


class NormalizePipeline:
    def process_item(self, item: Article) -> Article:
        fields = with_entry_hints(item)
        body = clean_text(fields.body)
        if not fields.is_article:
            raise NotAnArticle(
                f"not an article: no article markup, date or paragraphs of prose "
                f"({len(body)} characters of text) at {item.url}"
            )
        if len(body) < MIN_BODY_CHARS:
            raise NotAnArticle(f"no article body ({len(body)} characters) at {item.url}")
        title = " ".join(_CONTROL.sub("", fields.title).split())
        if len(title) > MAX_TITLE_CHARS:
            title = title[: MAX_TITLE_CHARS - 1].rstrip() + "…"
        return dataclasses.replace(
            item,
            canonical_url=canonical_url(fields.canonical_url or item.url),
            fields=dataclasses.replace(
                fields,
                title=title,
                body=body,
                summary=" ".join(_CONTROL.sub("", fields.summary).split()),
                authors=tuple(" ".join(a.split()) for a in fields.authors if a.strip()),
            ),
        )
