"""Extraction quality and speed on real pages with gold written by other projects, side by
side with plain trafilatura (default, and favor_precision=True) in the same run.

    python -m bench.extraction [--data ../shared/data] [--limit N] [--english-only]

Per set and per field it prints: title exact match, publish date correct to the day (and the
share of confidently wrong dates), authors exact as a set, body token precision/recall/F1,
must-keep recall and must-drop rate (trafilatura-eval), and milliseconds per page. Rows are
printed for English pages and for all languages.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import statistics
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import trafilatura

from bench.extraction_sets import Case, all_cases
from crawler.extraction import extract_article
from crawler.extraction.language import detect_language

T = TypeVar("T")
DEFAULT_DATA = Path(__file__).parents[2] / "shared" / "data"

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f\u1000-\u109f"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")


def tokens(text: str) -> Counter[str]:
    """Bag of words, case-folded; CJK, Thai and Burmese count one token per character."""
    return Counter(_TOKEN.findall(unicodedata.normalize("NFKC", text).casefold()))


_TYPOGRAPHY = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"'}
    | dict.fromkeys("\u00ad\u200b\u200c\u200d\ufeff")
)


def squash(text: str) -> str:
    """For exact-match fields: the same text up to case, spacing, curly quotes, soft hyphens."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY).split()).casefold()


@dataclass
class Body:
    """Token counts summed over pages (micro-averaged P/R/F1) and keep/drop tallies."""

    overlap: int = 0
    extracted: int = 0
    expected: int = 0
    kept: int = 0
    keep_total: int = 0
    dropped: int = 0
    drop_total: int = 0
    seconds: list[float] = field(default_factory=list)

    def add(self, case: Case, text: str, seconds: float, stored: str | None = None) -> None:
        self.seconds.append(seconds)
        if case.gold.body is not None:
            got, want = tokens(text), tokens(case.gold.body)
            self.overlap += sum((got & want).values())
            self.extracted += sum(got.values())
            self.expected += sum(want.values())
        if case.gold.keep or case.gold.drop:
            flat = squash(stored if stored is not None else text)
            self.kept += sum(squash(s) in flat for s in case.gold.keep)
            self.keep_total += len(case.gold.keep)
            self.dropped += sum(squash(s) not in flat for s in case.gold.drop)
            self.drop_total += len(case.gold.drop)

    def prf(self) -> tuple[float, float, float] | None:
        """Token P/R/F1, or for keep/drop gold trafilatura's own scoring (a kept segment is a
        true positive, a segment that should have been dropped a false positive)."""
        if self.expected:
            p = self.overlap / self.extracted if self.extracted else 0.0
            r = self.overlap / self.expected
        elif self.keep_total:
            leaked = self.drop_total - self.dropped
            p = self.kept / (self.kept + leaked) if self.kept + leaked else 0.0
            r = self.kept / self.keep_total
        else:
            return None
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def ms(self) -> float:
        return 1000 * statistics.fmean(self.seconds) if self.seconds else 0.0


@dataclass
class Fields:
    """Exact-match tallies for the metadata fields: [right, asked]."""

    title: list[int] = field(default_factory=lambda: [0, 0])
    authors: list[int] = field(default_factory=lambda: [0, 0])
    date: list[int] = field(default_factory=lambda: [0, 0])
    wrong_date: int = 0
    misses: dict[str, list[str]] = field(default_factory=dict)

    def add(
        self, case: Case, title: str, authors: tuple[str, ...], date: dt.datetime | None
    ) -> None:
        gold = case.gold
        if gold.title is not None:
            self._tally("title", self.title, squash(title) == squash(gold.title), case, title)
        if gold.authors is not None:
            same = {squash(a) for a in authors} == {squash(a) for a in gold.authors}
            self._tally("authors", self.authors, same, case, repr(authors))
        if gold.has_date:
            right = same_day(date, gold.published)
            self._tally("date", self.date, right, case, str(date))
            self.wrong_date += date is not None and not right

    def _tally(self, name: str, slot: list[int], right: bool, case: Case, got: str) -> None:
        slot[0] += right
        slot[1] += 1
        if not right:
            self.misses.setdefault(name, []).append(f"{case.name}: {got[:90]}")


def same_day(got: dt.datetime | None, want: dt.datetime | None) -> bool:
    """Right to the day in the gold's own time zone; none is right only when none is due.
    A gold at midnight with no zone (newspaper4k takes dates from URLs) allows one day either
    way, since the page's own zone is unknown."""
    if got is None or want is None:
        return got is None and want is None
    if want.tzinfo is dt.UTC and (want.hour, want.minute, want.second) == (0, 0, 0):
        return abs((got.date() - want.date()).days) <= 1
    return got.astimezone(want.tzinfo).date() == want.date()


def timed(fn: Callable[..., T], *args: Any, **kwargs: Any) -> tuple[T, float]:
    started = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - started


@dataclass
class Row:
    ours: Body = field(default_factory=Body)
    default: Body = field(default_factory=Body)
    precision: Body = field(default_factory=Body)
    fields: Fields = field(default_factory=Fields)
    pages: int = 0


def measure(cases: Iterable[Case]) -> dict[tuple[str, str], Row]:
    rows: dict[tuple[str, str], Row] = {}
    for case in cases:
        # The three extractors take turns on each page, so machine noise hits them alike.
        ours, ours_s = timed(extract_article, case.html, case.url)
        plain, plain_s = timed(trafilatura.extract, case.html, url=case.url)
        strict, strict_s = timed(trafilatura.extract, case.html, url=case.url, favor_precision=True)
        groups = ["all"] + (["English"] if case.english else [])
        for group in groups:
            row = rows.setdefault((case.set_name, group), Row())
            row.pages += 1
            # The title is stored beside the body; keep/drop segments may quote the headline.
            row.ours.add(case, ours.body, ours_s, stored=f"{ours.title}\n{ours.body}")
            row.default.add(case, plain or "", plain_s)
            row.precision.add(case, strict or "", strict_s)
            row.fields.add(case, ours.title, ours.authors, ours.published_at)
    return rows


def pct(slot: list[int]) -> str:
    return f"{100 * slot[0] / slot[1]:5.1f}% ({slot[0]}/{slot[1]})" if slot[1] else "—"


def body_cells(body: Body) -> str:
    prf = body.prf()
    cells = "  P {:.3f} R {:.3f} F1 {:.3f}".format(*prf) if prf else "  " + " " * 27
    if body.keep_total:
        cells += (
            f"  keep {body.kept / body.keep_total:.3f} drop {body.dropped / body.drop_total:.3f}"
        )
    return cells + f"  {body.ms():6.1f} ms/page"


def report(rows: dict[tuple[str, str], Row], show_misses: bool) -> None:
    for (set_name, group), row in sorted(rows.items()):
        f = row.fields
        print(f"\n== {set_name} / {group}: {row.pages} pages")
        print(f"  title exact     {pct(f.title)}")
        print(
            f"  date to the day {pct(f.date)}   confidently wrong: {pct([f.wrong_date, f.date[1]])}"
        )
        print(f"  authors exact   {pct(f.authors)}")
        print(f"  body spacewatch                {body_cells(row.ours)}")
        print(f"  body trafilatura default       {body_cells(row.default)}")
        print(f"  body trafilatura precision     {body_cells(row.precision)}")
        print(
            f"  time ratio spacewatch/trafilatura default: {row.ours.ms() / row.default.ms():.2f}"
        )
        if show_misses:
            for name, misses in f.misses.items():
                for miss in misses:
                    print(f"    miss {name}: {miss}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0, help="pages per set (0: all)")
    parser.add_argument("--misses", action="store_true", help="list each wrong field")
    parser.add_argument("--sets", default="", help="comma-separated set names (default: all)")
    args = parser.parse_args()

    def is_english(text: str) -> bool:
        return detect_language(text) == "en"

    per_set: Counter[str] = Counter()

    def limited() -> Iterable[Case]:
        for case in all_cases(args.data, is_english):
            if args.sets and case.set_name not in args.sets.split(","):
                continue
            per_set[case.set_name] += 1
            if not args.limit or per_set[case.set_name] <= args.limit:
                yield case

    # One warm-up page so imports and caches are not charged to the first extractor.
    for case in all_cases(args.data, is_english):
        extract_article(case.html, case.url)
        trafilatura.extract(case.html, url=case.url)
        break
    started = time.perf_counter()
    rows = measure(limited())
    report(rows, args.misses)
    print(
        f"\n{sum(r.pages for (s, g), r in rows.items() if g == 'all')} pages in "
        f"{time.perf_counter() - started:.0f} s (data: {args.data})"
    )


if __name__ == "__main__":
    main()
