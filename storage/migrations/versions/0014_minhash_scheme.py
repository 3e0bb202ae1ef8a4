"""MinHash signatures in one named permutation scheme (storage.fingerprints.SCHEME): a database
whose signatures another scheme made (datasketch before 2.0 had only "legacy", and its 2.0
changed the default) is re-signed from the stored bodies, with its LSH bands, so copies crawled
from now on are linked to the articles stored before. A sample of the newest signatures tells;
a database already in the scheme is left as it is.

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

from storage.fingerprints import band_keys, minhash_signature

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

SAMPLE = 50
BATCH = 500

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


def upgrade() -> None:
    bind = op.get_bind()
    sample = bind.execute(
        sa.select(articles.c.body, articles.c.minhash)
        .where(articles.c.minhash.is_not(None))
        .order_by(articles.c.id.desc())
        .limit(SAMPLE)
    ).all()
    if all(minhash_signature(body or "") == bytes(signature) for body, signature in sample):
        return
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
        bind.execute(bands.delete().where(bands.c.article_id.in_([row[0] for row in rows])))
        if band_rows:
            bind.execute(bands.insert(), band_rows)
        last = rows[-1][0]


def downgrade() -> None:
    """Nothing to undo: the signatures stay in the named scheme."""
