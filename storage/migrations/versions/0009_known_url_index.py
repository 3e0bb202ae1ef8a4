"""A covering index for the known-URL check: (url, entry_updated_at, modified_at,
first_seen_at, last_fetched_at).

Before every crawl the spider asks which of up to a thousand URLs are stored and what dates
it knows for them (storage.articles.known_urls). With the unique index on url alone, each
URL found meant reading its article row: a random read into a file of several gigabytes at a
million articles. With this index the dates come from the index itself (EXPLAIN: SEARCH
articles USING COVERING INDEX ix_articles_url_known). 1M articles, 1,000 URLs of which 500
known, the SQLite statement alone: 8.4 -> 6.1 ms median (docs/PERFORMANCE.md).

Revision ID: 0009
Revises: 0008
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_articles_url_known",
        "articles",
        ["url", "entry_updated_at", "modified_at", "first_seen_at", "last_fetched_at"],
    )


def downgrade() -> None:
    op.drop_index("ix_articles_url_known", table_name="articles")
