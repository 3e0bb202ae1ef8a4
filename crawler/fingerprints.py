"""Content fingerprints: an exact hash, and the MinHash signature for near-duplicate copies
(computed in storage.fingerprints, which the writer compares with)."""

from __future__ import annotations

import hashlib

from storage.fingerprints import minhash_signature

__all__ = ["content_hash", "minhash_signature"]


def content_hash(body: str) -> str:
    """sha256 of the body with case and whitespace folded: same text, same hash."""
    folded = " ".join(body.casefold().split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()
