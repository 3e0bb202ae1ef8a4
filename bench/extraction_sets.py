"""The extraction gold sets, read in the layout ../shared/data keeps them in.

- ``fundus/``: ``INDEX_pairs.json`` pairs each ``<country>/<Publisher>_<date>.html.gz`` with
  the publisher's expected output (title, authors, publishing_date, body paragraphs).
- ``trafilatura-eval/``: ``evaldata.json`` maps a URL to a page and the text that must be
  kept (``with``) and must be dropped (``without``).
- ``newspaper4k/current/``: ``html/X.html.gz`` with ``txt/X.txt`` (body) and
  ``metadata/X.json`` (title, authors, publish_date, language).
- ``newspaper4k/legacy_2015_fulltext/``: ``html/X.html.gz`` with ``txt/X.txt`` only (written by
  newspaper's own extractor in 2015: a regression reference, not hand-made gold).

tests/fixtures/extraction holds a small copy in the same layout, so the benchmark and the
pinning tests read both the same way.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from crawler.extraction.decoding import decode_html

ENGLISH_FUNDUS_COUNTRIES = {"us", "uk", "za", "ca", "au", "ind", "na"}


@dataclass(frozen=True)
class Gold:
    """What a page should give; None means the set does not say."""

    title: str | None = None
    authors: tuple[str, ...] | None = None
    published: dt.datetime | None = None
    has_date: bool = False
    body: str | None = None
    keep: tuple[str, ...] = ()
    drop: tuple[str, ...] = ()


@dataclass(frozen=True)
class Case:
    set_name: str
    name: str
    url: str
    html: str
    english: bool | None
    gold: Gold = field(default_factory=Gold)


def decode(raw: bytes) -> str:
    """Bytes to text the way the crawl does it."""
    return decode_html(raw)


def _read_html(path: Path) -> str:
    raw = path.read_bytes()
    return decode(gzip.decompress(raw) if path.suffix == ".gz" else raw)


def _date(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def fundus(root: Path) -> Iterator[Case]:
    index = root / "INDEX_pairs.json"
    if not index.exists():
        return
    for pair in json.loads(index.read_text()):
        expected = json.loads((root / pair["country"] / f"{pair['publisher']}.json").read_text())
        gold = expected[pair["version"]]
        body = gold.get("body") or {}
        paragraphs = list(body.get("summary", []))
        for section in body.get("sections", []):
            paragraphs += section.get("headline", []) + section.get("paragraphs", [])
        date = _date(gold.get("publishing_date"))
        yield Case(
            set_name="fundus",
            name=pair["html"],
            url=pair["url"],
            html=_read_html(root / pair["html"]),
            english=pair["country"] in ENGLISH_FUNDUS_COUNTRIES,
            gold=Gold(
                title=gold.get("title") if "title" in gold else None,
                authors=tuple(gold["authors"]) if "authors" in gold else None,
                published=date,
                has_date="publishing_date" in gold,
                body="\n".join(paragraphs) if "body" in gold else None,
            ),
        )


def trafilatura_eval(root: Path, is_english: object = None) -> Iterator[Case]:
    index = root / "evaldata.json"
    if not index.exists():
        return
    for url, gold in json.loads(index.read_text()).items():
        path = root / "html" / f"{gold['file']}.gz"
        if not path.exists():
            continue
        keep = tuple(gold.get("with", []))
        yield Case(
            set_name="trafilatura-eval",
            name=gold["file"],
            url=url,
            html=_read_html(path),
            english=is_english(" ".join(keep)) if callable(is_english) else None,
            gold=Gold(keep=keep, drop=tuple(gold.get("without", []))),
        )


def newspaper4k(root: Path, subset: str) -> Iterator[Case]:
    folder = root / subset
    if not (folder / "html").exists():
        return
    for html_path in sorted((folder / "html").glob("*.html.gz")):
        name = html_path.name.removesuffix(".html.gz")
        txt = folder / "txt" / f"{name}.txt"
        if not txt.exists():
            continue  # homepages, feeds and meta-refresh stubs have no expected text
        meta_path = folder / "metadata" / f"{name}.json"
        meta = json.loads(meta_path.read_text()) if meta_path.exists() else {}
        yield Case(
            set_name=f"newspaper4k-{subset.split('_')[0]}",
            name=name,
            url=meta.get("url") or f"https://{name.rstrip('0123456789')}/{name}",
            html=_read_html(html_path),
            english=(meta.get("language") or "en") == "en",
            gold=Gold(
                title=meta.get("title") or None,
                authors=tuple(meta["authors"]) if meta.get("authors") else None,
                published=_date(meta.get("publish_date")),
                # newspaper4k writes None where its own extractor found no date, which is not
                # gold for "the page has none": only pages with a date are scored.
                has_date=bool(meta.get("publish_date")),
                body=txt.read_text(encoding="utf-8"),
            ),
        )


def all_cases(data: Path, is_english: object = None) -> Iterator[Case]:
    yield from fundus(data / "fundus")
    yield from trafilatura_eval(data / "trafilatura-eval", is_english)
    yield from newspaper4k(data / "newspaper4k", "current")
    yield from newspaper4k(data / "newspaper4k", "legacy_2015_fulltext")
