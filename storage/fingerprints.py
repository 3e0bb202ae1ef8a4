"""Simhash helpers shared by the writer and readers: bands, signed storage, distance."""

from __future__ import annotations

BAND_WIDTHS = (11, 11, 11, 11, 10, 10)
"""Six bands over 64 bits: two hashes within distance 5 agree on at least one band."""
NEAR_DUPLICATE_DISTANCE = 5
"""Hamming distance at or below which two bodies are the same story. Measured on the seed
article: light edits and an added credit line land at 3-4; unrelated fundus articles at 20+."""


def to_signed64(value: int) -> int:
    """SQL BIGINT is signed: store the unsigned 64-bit simhash in its two's complement."""
    return value - (1 << 64) if value >= (1 << 63) else value


def to_unsigned64(value: int) -> int:
    return value + (1 << 64) if value < 0 else value


def bands(simhash: int) -> list[int]:
    value = to_unsigned64(simhash)
    result = []
    shift = 0
    for width in BAND_WIDTHS:
        result.append((value >> shift) & ((1 << width) - 1))
        shift += width
    return result


def hamming(a: int, b: int) -> int:
    return (to_unsigned64(a) ^ to_unsigned64(b)).bit_count()
