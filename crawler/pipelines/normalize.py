"""Canonical URL, clean text, and the check that the page is an article at all."""

from __future__ import annotations

import dataclasses
import re

from crawler.items import Article
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


class NormalizePipeline:
    def process_item(self, item: Article) -> Article:
        fields = item.fields
        body = clean_text(fields.body)
        if not fields.is_article or len(body) < MIN_BODY_CHARS:
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
