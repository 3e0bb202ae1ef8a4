"""SQLite: a covering index of what a search checks on each full-text match: (id,
duplicate_of, source_id, flagged, published_at, first_seen_at, categories).

A search walks the newest full-text matches (up to queries.RANKED_MATCHES) and checks each
against its filters: never a duplicate, and the source, flagged, date window or category when
asked. On SQLite those columns lie in the article's row, which holds the body too: one or two
random page reads per match (duplicate_of, flagged and categories sit after the body, so the
row's overflow page was read as well). This index holds the columns in id order, so the
matches are checked from a few contiguous pages (EXPLAIN: SEARCH articles USING COVERING
INDEX ix_articles_search_filters). Median over 12 searches each, the page cache dropped
before each: at 100k articles common word 43 -> 29 ms, rare word 45 -> 24, phrase 50 -> 29;
at 1M common 130-136 -> 58-79, rare 252-274 -> 65-83, phrase 204-222 -> 95-104, common
word + one source + 90 days 1,300 -> 31-48. With a warm cache at 100k 20-30 % faster; at 1M
the filtered search 52 -> 28 ms, common and rare words 8-16 % faster, a phrase 6 % slower
(within the rounds' spread; docs/PERFORMANCE.md).

Made on an existing database of a million articles (10 GB, page cache dropped) in 21 s.

PostgreSQL needs none of this: there the body is stored out of line (TOAST) and the row itself
is small.

Revision ID: 0011
Revises: 0010
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

COLUMNS = "id, duplicate_of, source_id, flagged, published_at, first_seen_at, categories"


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(f"CREATE INDEX ix_articles_search_filters ON articles ({COLUMNS})")
    # Without statistics of its own the planner keeps reading the table's rows: an existing
    # database has statistics for the other indexes, and PRAGMA optimize at close does not
    # analyze a table again for a new index.
    op.execute("ANALYZE ix_articles_search_filters")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DROP INDEX ix_articles_search_filters")
