"""Query results as plain rows: what `spacewatch search/flagged/show --format json` print and
what the web page's JSON API returns, so both say the same thing."""

from __future__ import annotations

from typing import Any

from storage import queries


def summary_row(article: queries.ArticleSummary, with_search: bool = False) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": article.id,
        "url": article.url,
        "source": article.source,
        "title": article.title,
        "published": article.published,
        "first_seen": article.first_seen,
        "flagged": article.flagged,
        "categories": article.categories,
    }
    if with_search:
        row["score"] = round(article.score, 4)
        row["snippet"] = article.snippet
    return row


def flagged_row(
    article: queries.ArticleSummary, reason: queries.FlagReason | None
) -> dict[str, Any]:
    """A flagged list's row: the summary, the terms it was flagged for and the first one's
    snippet (the CLI's ``flagged`` and the web's /api/flagged)."""
    reason = reason or queries.FlagReason((), ())
    return summary_row(article) | {"terms": list(reason.terms), "snippet": reason.snippet}


def detail_row(detail: queries.ArticleDetail) -> dict[str, Any]:
    row = summary_row(detail.summary)
    row.update(
        {
            "authors": detail.authors,
            "modified": detail.modified,
            "language": detail.language,
            "summary": detail.description,
            "section": detail.section,
            "tags": detail.tags,
            "image_url": detail.image_url,
            "version": detail.version,
            "score": detail.flag_score,
            "duplicate_of": detail.duplicate_of,
            "matches": [
                {
                    "term": m.term,
                    "category": m.category,
                    "field": m.field,
                    "count": m.count,
                    "offsets": m.offsets,
                    "snippet": m.snippet,
                }
                for m in detail.matches
            ],
            "duplicates": [{"id": i, "source": s, "url": u} for i, s, u in detail.duplicates],
            "versions": [{"version": v, "superseded": at} for v, at in detail.versions],
            "body": detail.body,
        }
    )
    return row
