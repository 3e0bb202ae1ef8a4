"""The service: which process runs a crawl, each source's health, the alert outbox.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(length=64), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_alerts_article_id_articles")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alerts")),
        sa.UniqueConstraint("key", "channel", name=op.f("uq_alerts_key")),
    )
    op.create_index(op.f("ix_alerts_article_id"), "alerts", ["article_id"], unique=False)
    op.create_index(op.f("ix_alerts_status"), "alerts", ["status"], unique=False)
    # Plain ADD COLUMNs with server defaults: SQLite batch mode would rebuild the tables.
    op.add_column(
        "crawl_runs", sa.Column("host", sa.String(length=255), nullable=False, server_default="")
    )
    op.add_column("crawl_runs", sa.Column("pid", sa.Integer(), nullable=False, server_default="0"))
    op.add_column(
        "sources", sa.Column("health", sa.String(length=20), nullable=False, server_default="")
    )
    op.add_column(
        "sources", sa.Column("health_reason", sa.Text(), nullable=False, server_default="")
    )
    op.add_column(
        "sources", sa.Column("health_changed_at", sa.DateTime(timezone=True), nullable=True)
    )


def downgrade() -> None:
    for table, column in (
        ("sources", "health_changed_at"),
        ("sources", "health_reason"),
        ("sources", "health"),
        ("crawl_runs", "pid"),
        ("crawl_runs", "host"),
    ):
        op.drop_column(table, column)
    op.drop_index(op.f("ix_alerts_status"), table_name="alerts")
    op.drop_index(op.f("ix_alerts_article_id"), table_name="alerts")
    op.drop_table("alerts")
