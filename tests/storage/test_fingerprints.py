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


def test_a_signature_is_the_same_on_every_install() -> None:
    """Signatures are stored and compared across crawls, machines and library versions: a
    body's signature and band keys are pinned, so a datasketch that hashes or permutes
    otherwise fails here instead of leaving every stored signature unlike every new one (its
    2.0 changed the default scheme; storage.fingerprints.SCHEME names ours). If this fails
    after an upgrade, stored databases need re-signing (see migration 0014)."""
    import hashlib

    from storage.fingerprints import band_keys

    body = (
        "The lunar research station partners met in Harbin to agree on payload slots and "
        "ground stations."
    )
    signature = minhash_signature(body)
    assert len(signature) == 512
    assert signature[:8].hex() == "dc104f096604ad0c"
    assert hashlib.sha256(signature).hexdigest() == (
        "68218d851537aaba4779b96d091e78497be0f0c6568fd098d43d91adf84a0b50"
    )
    assert band_keys(signature)[:2] == [(0, 8309749278901818483), (1, 2119015742705510079)]
