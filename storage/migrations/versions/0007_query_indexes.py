"""Indexes for a million articles: LSH bands looked up by key, flagged lists by date.

The band index was on (band, key), but the lookup is a list of (band, key) row values, which
SQLite does not serve from an index: every new article scanned the whole band table (32 rows
per stored article). The lookup is now by key alone (keys are 64-bit hashes; the band is
checked after). The flagged list is ordered by publish date, else first seen: an index on
(flagged, that expression, id) gives the newest flagged articles without a sort of all of
them (bench/storage.py, docs/PERFORMANCE.md).

Revision ID: 0007
Revises: 0006
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

FLAGGED_WHEN = (
    "CREATE INDEX ix_articles_flagged_when ON articles "
    "(flagged, coalesce(published_at, first_seen_at), id)"
)


def upgrade() -> None:
    op.drop_index("ix_article_bands_band_key", table_name="article_bands")
    op.create_index("ix_article_bands_key", "article_bands", ["key"])
    op.execute(FLAGGED_WHEN)


def downgrade() -> None:
    op.execute("DROP INDEX ix_articles_flagged_when")
    op.drop_index("ix_article_bands_key", table_name="article_bands")
    op.create_index("ix_article_bands_band_key", "article_bands", ["band", "key"])
