"""Articles keep the site's section (articleSection / article:section).

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN: batch mode would rebuild `articles` and drop its FTS triggers.
    op.add_column(
        "articles", sa.Column("section", sa.String(length=200), nullable=False, server_default="")
    )


def downgrade() -> None:
    op.drop_column("articles", "section")
