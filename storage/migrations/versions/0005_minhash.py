"""Near-duplicates by MinHash: a signature per article and an LSH band table, filled from
the stored bodies; the simhash band indexes go (the columns stay, see models.Article).

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

from storage.fingerprints import band_keys, minhash_signature

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

BATCH = 500


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

    bind = op.get_bind()
    articles = sa.table(
        "articles",
        sa.column("id", sa.Integer),
        sa.column("body", sa.Text),
        sa.column("minhash", sa.LargeBinary),
        sa.column("duplicate_of", sa.Integer),
    )
    bands = sa.table(
        "article_bands",
        sa.column("article_id", sa.Integer),
        sa.column("band", sa.SmallInteger),
        sa.column("key", sa.BigInteger),
    )
    last = 0
    while True:
        rows = bind.execute(
            sa.select(articles.c.id, articles.c.body, articles.c.duplicate_of)
            .where(articles.c.id > last)
            .order_by(articles.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            break
        signatures = []
        band_rows = []
        for article_id, body, duplicate_of in rows:
            signature = minhash_signature(body or "")
            signatures.append({"row_id": article_id, "signature": signature})
            if duplicate_of is None:
                band_rows += [
                    {"article_id": article_id, "band": band, "key": key}
                    for band, key in band_keys(signature)
                ]
        bind.execute(
            articles.update()
            .where(articles.c.id == sa.bindparam("row_id"))
            .values(minhash=sa.bindparam("signature")),
            signatures,
        )
        if band_rows:
            bind.execute(bands.insert(), band_rows)
        last = rows[-1][0]


def downgrade() -> None:
    for i in range(6):
        op.create_index(f"ix_articles_sim_band{i}", "articles", [f"sim_band{i}"])
    op.drop_index("ix_article_bands_band_key", table_name="article_bands")
    op.drop_table("article_bands")
    op.drop_column("articles", "minhash")
