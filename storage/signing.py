"""Signing the stored bodies again: each article's MinHash signature from its body, and the LSH
band rows of the originals (copies are never candidates). Run by the migrations that bring the
signatures (0005) and that re-sign a database another permutation scheme signed (0014); plain
table constructs, since a migration must not load the ORM models of a later schema."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from storage.fingerprints import band_keys, minhash_signature

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


def sign_stored_bodies(bind: Connection) -> None:
    """Every article's signature, and its band rows in place of those it had, in batches."""
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


def signed_otherwise(bind: Connection, sample: int = 50) -> bool:
    """Whether any of the newest ``sample`` stored signatures differs from its body's signature
    now (another scheme or signer made it)."""
    rows = bind.execute(
        sa.select(articles.c.body, articles.c.minhash)
        .where(articles.c.minhash.is_not(None))
        .order_by(articles.c.id.desc())
        .limit(sample)
    ).all()
    return any(minhash_signature(body or "") != bytes(signature) for body, signature in rows)
