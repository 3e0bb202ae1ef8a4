"""articles.alert_pending: newly flagged articles waiting to be handed to alerting.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN, not batch mode: on SQLite batch mode rebuilds the table, which
    # drops the FTS5 triggers on it (tests/storage/test_migrations.py checks they survive).
    op.add_column(
        "articles",
        sa.Column("alert_pending", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_index(op.f("ix_articles_alert_pending"), "articles", ["alert_pending"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_articles_alert_pending"), table_name="articles")
    op.drop_column("articles", "alert_pending")
