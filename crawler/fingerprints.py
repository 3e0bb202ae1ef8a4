"""Content fingerprints: an exact hash and a 64-bit simhash for near-duplicate copies."""

from __future__ import annotations

import hashlib
import re
from collections import Counter

_TOKEN = re.compile(r"\w+", re.UNICODE)
SHINGLE = 2


def content_hash(body: str) -> str:
    """sha256 of the body with case and whitespace folded: same text, same hash."""
    folded = " ".join(body.casefold().split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def simhash(body: str) -> int:
    """Charikar simhash over word bigrams weighted by count, unsigned 64-bit.

    Bigrams, not longer shingles: an edited word disturbs two features instead of three, so
    lightly edited copies land within 3-4 bits of the original, while unrelated articles stay
    20+ bits apart (measured on the seed article and fundus pages).
    """
    tokens = _TOKEN.findall(body.casefold())
    if not tokens:
        return 0
    shingles = (
        [" ".join(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)]
        if len(tokens) >= SHINGLE
        else [" ".join(tokens)]
    )
    weights = [0] * 64
    for shingle, count in Counter(shingles).items():
        h = int.from_bytes(hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest(), "big")
        for bit in range(64):
            weights[bit] += count if (h >> bit) & 1 else -count
    return sum(1 << bit for bit in range(64) if weights[bit] > 0)
