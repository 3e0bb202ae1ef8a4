"""Near-duplicate detection measured on pairs built from real articles. Prints numbers.

    python -m bench.dedupe [--data ../shared/data] [--quick]

The articles are the gold bodies of the real pages in ../shared/data (fundus, newspaper4k,
trafilatura-eval), which other projects wrote. Pairs:

- same story, found: bodies that really occur twice in the data (one story saved by two
  sets), found by an exhaustive shingle comparison and listed;
- same story, made: what syndication does to a real article, applied to a sample of them: a
  new intro paragraph taken from another real article and a "first published" credit line, the
  last fifth cut, one word in twenty replaced, two paragraphs swapped with a new headline
  paragraph; each copy is compared with its original;
- different stories: for each sampled article, the other article that shares most of its
  vocabulary (the hardest real negative: same topic, same outlet style), plus pairs from one
  outlet, which share its boilerplate.

Compared side by side: spacewatch's fingerprint (storage.fingerprints: datasketch MinHash,
128 permutations over word 3-shingles, estimated Jaccard; stored copies are found through
32 LSH bands of 4) and the baseline it replaced (a hand-written 64-bit simhash over word
bigrams, a copy within Hamming distance 5), each over a range of thresholds: precision,
recall, F1, the share of copies the LSH bands offer as candidates, and microseconds per
fingerprint.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import random
import re
import statistics
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.extraction_sets import all_cases
from storage.fingerprints import (
    NEAR_DUPLICATE_JACCARD,
    band_keys,
    minhash_signature,
    shingles,
    similarity,
)

_WORD = re.compile(r"\w+")
MIN_CHARS = 800
FOUND_JACCARD = 0.5
"""Two real bodies sharing this share of word 3-shingles are one story saved twice."""


@dataclass(frozen=True)
class Pair:
    kind: str
    same: bool
    a: str
    b: str


def paragraphs(body: str) -> list[str]:
    return [p.strip() for p in body.split("\n") if p.strip()]


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(len(a | b), 1)


def syndicated(body: str, others: list[str], rng: random.Random) -> dict[str, str]:
    """Copies of ``body`` as other sites publish them, edited the ways syndication edits."""
    parts = paragraphs(body)
    donor = paragraphs(rng.choice(others))
    intro = donor[0] if donor else "Editor's note."
    words = body.split(" ")
    for i in range(0, len(words), 20):
        words[i] = rng.choice(_WORD.findall(rng.choice(others)) or ["the"])
    swapped = parts[:]
    if len(swapped) > 3:
        i = rng.randrange(1, len(swapped) - 1)
        swapped[i], swapped[i + 1] = swapped[i + 1], swapped[i]
    return {
        "new intro + credit": "\n".join(
            [intro, *parts, "This article was first published by our partner site."]
        ),
        "last fifth cut": "\n".join(parts[: max(1, len(parts) * 4 // 5)]),
        "1 word in 20 changed": " ".join(words),
        "paragraphs swapped": "\n".join([donor[-1] if donor else "", *swapped]),
    }


def build_pairs(
    bodies: dict[str, str], outlets: dict[str, str], sample: int, seed: int
) -> list[Pair]:
    rng = random.Random(seed)
    names = sorted(bodies)
    sets = {n: shingles(bodies[n]) for n in names}
    words = {n: set(_WORD.findall(bodies[n].casefold())) for n in names}
    pairs: list[Pair] = []
    for a, b in itertools.combinations(names, 2):
        if jaccard(sets[a], sets[b]) >= FOUND_JACCARD:
            pairs.append(Pair("same story, found in the data", True, bodies[a], bodies[b]))
    found = {(p.a, p.b) for p in pairs}
    for name in rng.sample(names, min(sample, len(names))):
        others = [bodies[n] for n in rng.sample(names, 8) if n != name]
        for kind, copy in syndicated(bodies[name], others, rng).items():
            pairs.append(Pair(f"same story, {kind}", True, bodies[name], copy))
        nearest = max(
            (n for n in names if n != name and (bodies[name], bodies[n]) not in found),
            key=lambda n: jaccard(words[name], words[n]),
        )
        if jaccard(sets[name], sets[nearest]) < FOUND_JACCARD:
            pairs.append(Pair("different, most shared words", False, bodies[name], bodies[nearest]))
    by_outlet: dict[str, list[str]] = defaultdict(list)
    for name in names:
        by_outlet[outlets[name]].append(name)
    for members in by_outlet.values():
        for a, b in itertools.combinations(members[:6], 2):
            if jaccard(sets[a], sets[b]) < FOUND_JACCARD:
                pairs.append(Pair("different, same outlet", False, bodies[a], bodies[b]))
    return pairs


def simhash(body: str) -> int:
    """The baseline: Charikar simhash over word bigrams weighted by count, 64 bits (what
    spacewatch stored before MinHash)."""
    tokens = _WORD.findall(body.casefold())
    grams = Counter(" ".join(tokens[i : i + 2]) for i in range(max(len(tokens) - 1, 1)))
    weights = [0] * 64
    for gram, count in grams.items():
        h = int.from_bytes(hashlib.blake2b(gram.encode("utf-8"), digest_size=8).digest(), "big")
        for bit in range(64):
            weights[bit] += count if (h >> bit) & 1 else -count
    return sum(1 << bit for bit in range(64) if weights[bit] > 0)


def hamming(a: int, b: int) -> int:
    return (a ^ b).bit_count()


def score(
    pairs: list[Pair], similar: Callable[[Pair], float], thresholds: list[float], higher: bool
) -> list[tuple[float, float, float, float]]:
    values = [(similar(p), p.same) for p in pairs]
    rows = []
    for t in thresholds:
        got = [(v >= t if higher else v <= t, same) for v, same in values]
        tp = sum(g and s for g, s in got)
        fp = sum(g and not s for g, s in got)
        fn = sum(s and not g for g, s in got)
        p = tp / max(tp + fp, 1)
        r = tp / max(tp + fn, 1)
        rows.append((t, p, r, 2 * p * r / max(p + r, 1e-9)))
    return rows


def timed(fn: Callable[[str], object], texts: list[str]) -> float:
    started = time.perf_counter()
    for text in texts:
        fn(text)
    return (time.perf_counter() - started) / len(texts) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=Path(__file__).parents[2] / "shared" / "data")
    parser.add_argument(
        "--quick", action="store_true", help="a small run that proves the script works"
    )
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    bodies: dict[str, str] = {}
    outlets: dict[str, str] = {}
    for case in all_cases(args.data):
        if case.gold.body and len(case.gold.body) >= MIN_CHARS:
            key = f"{case.set_name}/{case.name}"
            bodies[key] = case.gold.body
            outlets[key] = re.sub(r"[\d_]+.*$", "", case.name.split("/")[-1]) or case.name
        if args.quick and len(bodies) >= 40:
            break
    pairs = build_pairs(bodies, outlets, 25 if args.quick else 200, args.seed)
    kinds = Counter(p.kind for p in pairs)
    print(f"== {len(bodies)} real article bodies, {len(pairs)} pairs")
    for kind, count in sorted(kinds.items()):
        print(f"   {kind:<40}{count:>5}")

    cache_sim: dict[str, int] = {}
    cache_min: dict[str, bytes] = {}

    def sim_distance(p: Pair) -> float:
        for text in (p.a, p.b):
            if text not in cache_sim:
                cache_sim[text] = simhash(text)
        return hamming(cache_sim[p.a], cache_sim[p.b])

    def min_jaccard(p: Pair) -> float:
        for text in (p.a, p.b):
            if text not in cache_min:
                cache_min[text] = minhash_signature(text)
        return similarity(cache_min[p.a], cache_min[p.b])

    def shared_band(p: Pair) -> bool:
        min_jaccard(p)
        return bool(set(band_keys(cache_min[p.a])) & set(band_keys(cache_min[p.b])))

    print(f"\n{'method':<44}{'threshold':>10}{'precision':>10}{'recall':>8}{'F1':>7}")
    for t, p, r, f in score(pairs, sim_distance, [3, 4, 5, 6, 8, 10], higher=False):
        print(
            f"{'simhash 64 bits, word bigrams (distance <=)':<44}{t:>10g}{p:>10.3f}{r:>8.3f}{f:>7.3f}"
        )
    for t, p, r, f in score(pairs, min_jaccard, [0.2, 0.3, 0.4, 0.5, 0.6, 0.7], higher=True):
        print(
            f"{'MinHash 128, word 3-shingles (Jaccard >=)':<44}{t:>10g}{p:>10.3f}{r:>8.3f}{f:>7.3f}"
        )

    print(
        f"\n== recall per kind of copy at the thresholds used (simhash <= 5, "
        f"MinHash >= {NEAR_DUPLICATE_JACCARD}; LSH: offered as a candidate by a shared band)"
    )
    for kind in sorted(k for k in kinds if k.startswith("same")):
        chosen = [p for p in pairs if p.kind == kind]
        sim_hit = sum(sim_distance(p) <= 5 for p in chosen) / len(chosen)
        min_hit = sum(min_jaccard(p) >= NEAR_DUPLICATE_JACCARD for p in chosen) / len(chosen)
        lsh_hit = sum(shared_band(p) for p in chosen) / len(chosen)
        print(
            f"   {kind:<40} simhash {sim_hit:>6.1%}   MinHash {min_hit:>6.1%}   LSH {lsh_hit:>6.1%}"
        )
    for kind in sorted(k for k in kinds if k.startswith("different")):
        chosen = [p for p in pairs if p.kind == kind]
        sim_hit = sum(sim_distance(p) <= 5 for p in chosen) / len(chosen)
        min_hit = sum(min_jaccard(p) >= NEAR_DUPLICATE_JACCARD for p in chosen) / len(chosen)
        print(f"   {kind:<40} false: simhash {sim_hit:>6.1%}   MinHash {min_hit:>6.1%}")

    texts = list(bodies.values())[:100]
    print(
        f"\n== time per fingerprint (median body {statistics.median(len(t) for t in texts):.0f} chars): "
        f"simhash {timed(simhash, texts):.0f} us, MinHash {timed(minhash_signature, texts):.0f} us"
    )


if __name__ == "__main__":
    main()
