"""The index on articles.fetched_url holds only the rows whose fetched URL differs from the
canonical one (a partial index, ``WHERE fetched_url <> url``).

The fetched URL is looked up in two places: the known-URL check, for the URLs the canonical
index did not find (storage.articles.known_urls), and ``show`` by URL. When the fetched URL
is the canonical URL, the canonical index has already answered, so the fetched-URL index
needs only the rows where they differ: a feed's tracking parameter the canonical link drops,
another host (www., amp.), a redirect. On the 1,379 real pages of ../shared/data with a URL,
17 % differ. The full index took a random write for every article stored and, in the
known-URL check, a random read for every URL the canonical index did not find. At 1M bench
articles (one in six fetched elsewhere) the index is 11.9 MB instead of 52.1, and the
known-URL check's p95 with the page cache dropped 4-9 % lower; warm, and for inserts, no
change (docs/PERFORMANCE.md). Made on that 10 GB database in 16 s.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

DIFFERS = sa.text("fetched_url <> url")


def upgrade() -> None:
    op.drop_index("ix_articles_fetched_url", table_name="articles")
    op.create_index(
        "ix_articles_fetched_url_differs",
        "articles",
        ["fetched_url"],
        sqlite_where=DIFFERS,
        postgresql_where=DIFFERS,
    )
    if op.get_bind().dialect.name == "sqlite":
        # As for 0011: an analyzed database's planner needs this index's statistics too.
        op.execute("ANALYZE ix_articles_fetched_url_differs")


def downgrade() -> None:
    op.drop_index("ix_articles_fetched_url_differs", table_name="articles")
    op.create_index("ix_articles_fetched_url", "articles", ["fetched_url"])
