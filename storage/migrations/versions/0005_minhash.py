"""Near-duplicates by MinHash: a signature per article and an LSH band table, filled from
the stored bodies; the simhash band indexes go (the columns stay, see models.Article).

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

from storage.signing import sign_stored_bodies

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN: batch mode would rebuild `articles` and drop its FTS triggers.
    op.add_column("articles", sa.Column("minhash", sa.LargeBinary(), nullable=True))
    op.create_table(
        "article_bands",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("band", sa.SmallInteger(), nullable=False),
        sa.Column("key", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id", "band"),
    )
    op.create_index("ix_article_bands_band_key", "article_bands", ["band", "key"])
    for i in range(6):
        op.drop_index(f"ix_articles_sim_band{i}", table_name="articles")

    sign_stored_bodies(op.get_bind())


def downgrade() -> None:
    for i in range(6):
        op.create_index(f"ix_articles_sim_band{i}", "articles", [f"sim_band{i}"])
    op.drop_index("ix_article_bands_band_key", table_name="article_bands")
    op.drop_table("article_bands")
    op.drop_column("articles", "minhash")
