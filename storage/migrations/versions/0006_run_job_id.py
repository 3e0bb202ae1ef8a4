"""Crawl runs remember the queue task that ran them (scale-out: a dead worker's run is found).

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("crawl_runs", sa.Column("job_id", sa.BigInteger(), nullable=True))
    op.create_index("ix_crawl_runs_job_id", "crawl_runs", ["job_id"])


def downgrade() -> None:
    op.drop_index("ix_crawl_runs_job_id", table_name="crawl_runs")
    op.drop_column("crawl_runs", "job_id")
