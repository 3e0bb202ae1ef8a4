"""Flagging: speed against the naive approach, share of extraction time, and precision/recall
on the hand-labelled set (tests/fixtures/flagging/labels.jsonl). Prints numbers.

    python -m bench.flagging [--quick]
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import statistics
import time
from collections import Counter
from pathlib import Path

from crawler.config import CategorySpec, Taxonomy, TermSpec, load_config
from crawler.demoweb.corpus import build_corpus
from crawler.extraction import extract_article
from crawler.flagging import Matcher
from crawler.textnorm import normalise

LABELS = Path(__file__).parents[1] / "tests" / "fixtures" / "flagging" / "labels.jsonl"
WRITTEN = Path(__file__).parents[1] / "crawler" / "demoweb" / "pages" / "written.json"


class NaiveMatcher:
    """The baseline: one compiled regex per term variant, each scanned over the text."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.patterns = [
            (term.category, re.compile(r"(?<!\w)" + re.escape(v.lower()) + r"(?!\w)"))
            for term in taxonomy.terms
            for v in (term.term, *term.aliases)
        ]

    def flag(self, title: str, body: str) -> Counter[str]:
        found: Counter[str] = Counter()
        for text in (title, body):
            folded = normalise(text).folded
            for category, pattern in self.patterns:
                found[category] += len(pattern.findall(folded))
        return found


def big_taxonomy(texts: list[str], size: int, base: Taxonomy) -> Taxonomy:
    """``size`` terms: the bundled ones plus frequent real word pairs from the texts."""
    pairs: Counter[str] = Counter()
    for text in texts:
        words = re.findall(r"[a-z]{4,}", text.lower())
        pairs.update(f"{a} {b}" for a, b in itertools.pairwise(words))
    extra = [TermSpec(category="extra", term=p) for p, _ in pairs.most_common(size)]
    terms = (*base.terms, *extra)[:size]
    return Taxonomy(
        categories=(*base.categories, CategorySpec(name="extra", threshold=1000)),
        terms=terms,
        exclusions=base.exclusions,
    )


def throughput(flag, texts: list[str], rounds: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """(MB/s, median ms per text) over ``rounds`` passes."""
    size_mb = sum(len(t.encode()) for t in texts) / 1e6
    passes = []
    per_text = []
    for _ in range(rounds):
        started = time.perf_counter()
        for text in texts:
            t0 = time.perf_counter()
            flag("", text)
            per_text.append((time.perf_counter() - t0) * 1000)
        passes.append(time.perf_counter() - started)
    return size_mb / statistics.median(passes), statistics.median(per_text)


def evaluate(
    matcher: Matcher, units: list[dict[str, object]]
) -> dict[str, tuple[float, float, int, int, int]]:
    result = {}
    for category in ("lunar", "cooperation"):
        tp = fp = fn = 0
        for unit in units:
            got = category in matcher.flag(str(unit["title"]), str(unit["text"])).categories
            want = bool(unit[category])
            tp += got and want
            fp += got and not want
            fn += want and not got
        result[category] = (tp / max(tp + fp, 1), tp / max(tp + fn, 1), tp, fp, fn)
    return result


def long_documents(ours: Matcher, naive: NaiveMatcher, texts: list[str], quick: bool) -> None:
    """Time per KB as one body grows (the labelled units about the Moon or cooperation end to
    end, repeated to size: a long report dense with terms): it should stay flat, as the naive
    matcher's does. A page is flagged on the crawl's reactor thread, so a cost that grows with
    the square of the hits stalls the whole crawl on one huge page."""
    text = "\n\n".join(texts)
    sizes = [16_000, 64_000] if quick else [16_000, 64_000, 256_000, 512_000]
    while len(text) < sizes[-1]:
        text += "\n\n" + text
    print(
        f"\n== one long body ({len(texts)} labelled units on the topic, end to end), bundled taxonomy"
    )
    print(f"{'body KB':>8}{'hits':>8}{'ms':>9}{'ms per 100 KB':>15}{'naive ms per 100 KB':>21}")
    for size in sizes:
        body = text[:size]
        started = time.perf_counter()
        result = ours.flag("", body)
        ours_ms = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        naive.flag("", body)
        naive_ms = (time.perf_counter() - started) * 1000
        hits = sum(m.count for m in result.matches)
        print(
            f"{size // 1000:>8}{hits:>8}{ours_ms:>9.1f}{ours_ms * 100_000 / size:>15.2f}"
            f"{naive_ms * 100_000 / size:>21.1f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--quick", action="store_true", help="a fast run that only proves the script works"
    )
    args = parser.parse_args()
    rounds = 1 if args.quick else 5
    bundled = load_config(env={"SPACEWATCH_DATABASE_URL": "sqlite://"}).taxonomy
    units = [json.loads(line) for line in LABELS.read_text().splitlines() if line.strip()]
    articles = [str(u["text"]) for u in units if u["level"] == "article"]
    if args.quick:
        articles = articles[:10]

    print(
        f"== speed (real article text: {len(articles)} articles, "
        f"{sum(len(a.encode()) for a in articles) / 1e6:.2f} MB)"
    )
    print(f"{'taxonomy':<22}{'engine':<28}{'MB/s':>8}{'ms/article':>12}")
    ratios = {}
    for label, taxonomy in (
        (f"bundled ({len(bundled.terms)} terms)", bundled),
        ("2,000 terms", big_taxonomy(articles, 2000, bundled)),
    ):
        # Compiled before the clock starts, as a crawl compiles its matcher before its first
        # page (`Matcher.compile_all`): else the first texts pay for the lazy compiling.
        ours = Matcher(taxonomy)
        ours.compile_all()
        naive = NaiveMatcher(taxonomy)
        ours_mbs, ours_ms = throughput(ours.flag, articles, rounds)
        naive_mbs, naive_ms = throughput(naive.flag, articles, rounds)
        ratios[label] = ours_mbs / naive_mbs
        print(f"{label:<22}{'automaton (spacewatch)':<28}{ours_mbs:>8.2f}{ours_ms:>12.3f}")
        print(f"{'':<22}{'one regex per term (naive)':<28}{naive_mbs:>8.2f}{naive_ms:>12.3f}")
        print(f"{'':<22}{'ratio automaton/naive':<28}{ratios[label]:>8.1f}x")

    matcher = Matcher(bundled)
    matcher.compile_all()
    on_topic = [str(u["text"]) for u in units if u.get("lunar") or u.get("cooperation")]
    long_documents(matcher, NaiveMatcher(bundled), on_topic, args.quick)

    pages = [a for a in build_corpus().articles if a.raw_html is not None]
    extract_ms, flag_ms = [], []
    for page in pages * (1 if args.quick else 3):
        html = (page.raw_html or b"").decode("utf-8", "replace")
        t0 = time.perf_counter()
        fields = extract_article(html, "https://example.org" + page.path)
        t1 = time.perf_counter()
        matcher.flag(fields.title, fields.body)
        t2 = time.perf_counter()
        extract_ms.append((t1 - t0) * 1000)
        flag_ms.append((t2 - t1) * 1000)
    share = statistics.median(flag_ms) / statistics.median(extract_ms)
    print(
        f"\n== per article on {len(pages)} real pages: extraction {statistics.median(extract_ms):.1f} ms, "
        f"flagging {statistics.median(flag_ms):.2f} ms (median) -> flagging is {share:.1%} of extraction"
    )

    print(
        f"\n== precision / recall on {len(units)} hand-labelled real units (tests/fixtures/flagging)"
    )
    levels = Counter(str(u["level"]) for u in units)
    print("   units: " + ", ".join(f"{k} {v}" for k, v in sorted(levels.items())))
    print(f"{'category':<14}{'precision':>10}{'recall':>8}{'TP':>5}{'FP':>5}{'FN':>5}")
    for category, (p, r, tp, fp, fn) in evaluate(matcher, units).items():
        print(f"{category:<14}{p:>10.3f}{r:>8.3f}{tp:>5}{fp:>5}{fn:>5}")
    written = json.loads(WRITTEN.read_text())
    print("\n== written hard negatives and demo briefs (not real text; reported apart)")
    for item in written:
        result = matcher.flag(item["title"], "\n\n".join(item["paragraphs"]))
        print(f"   {item['id']:<30} flagged: {', '.join(result.categories) or 'no'}")


if __name__ == "__main__":
    main()
