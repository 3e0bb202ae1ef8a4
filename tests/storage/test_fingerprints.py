"""MinHash signatures and their comparison."""

from __future__ import annotations

from crawler.demoweb.corpus import build_corpus
from storage.fingerprints import minhash_signature, similarities, similarity

BODIES = [a.body for a in build_corpus().articles][:6]


def test_similarities_equal_the_pairwise_similarity_missing_signatures_included() -> None:
    signatures = [minhash_signature(body) for body in BODIES]
    near = minhash_signature(BODIES[0] + " A closing line the copy added.")
    others: list[bytes | None] = [*signatures, None, b"", signatures[1][:16]]
    assert similarities(near, others) == [similarity(near, other) for other in others]
    assert similarities(near, others)[0] >= 0.5 and similarities(near, others)[-3:] == [0.0] * 3
    assert similarities(b"", others) == [0.0] * len(others)
    assert similarities(near, []) == []
