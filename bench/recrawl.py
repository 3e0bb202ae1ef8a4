"""Incremental re-crawl cost: a first full crawl of a fixture web of N articles on three
sites (RSS+Atom feeds, a sitemap index, a home page), then a re-crawl after 20 new articles
and 5 edits. Prints requests, bytes and time for each, their ratios, and whether the
database holds every article exactly once. Everything is served on 127.0.0.1.

    python -m bench.recrawl [--articles 5000] [--database URL]

Targets (issue 6): re-crawl requests <= (entry points + 25) x 1.1; re-crawl time < 5 % of
the first crawl's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

from crawler.demoweb import DemoWeb
from crawler.demoweb.corpus import (
    FEEDS_SITE,
    HOMEPAGE_SITE,
    SITEMAPS_SITE,
    Corpus,
    DemoArticle,
    build_corpus,
    slugify,
)
from storage.database import open_database
from storage.models import Article

SITES = (FEEDS_SITE, SITEMAPS_SITE, HOMEPAGE_SITE)
NEW_ARTICLES = 20
EDITS = 5


def big_corpus(count: int, reserve: int, seed: int = 7) -> Corpus:
    """``count`` distinct articles (and ``reserve`` held back) made of sentences of the demo
    web's real texts: six paragraphs of three sentences drawn at random from ~530. Related, but
    no two the same story: two articles share under one sentence on average, far below what
    near-duplicate detection calls a copy (whole paragraphs drawn from ~280 made pairs that
    shared half their text, rightly stored as copies)."""
    base = build_corpus()
    pool = sorted(
        {p for a in [*base.articles, *base.reserve] for p in a.paragraphs if len(p) > 120}
    )
    sentences = sorted({s for p in pool for s in re.split(r"(?<=[.!?])\s+", p) if len(s) > 40})
    rng = random.Random(seed)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    corpus = Corpus()
    for index in range(count + reserve):
        site = SITES[index % len(SITES)]
        published = now - dt.timedelta(hours=3 * (count + reserve - index))
        title = f"Space policy briefing {index}: {rng.choice(pool)[:60].rstrip()}"
        article = DemoArticle(
            key=f"bench-{index}",
            site=site,
            path=f"/news/{published:%Y/%m/%d}/{slugify(title)}-{index}/",
            title=title,
            authors=("Bench Desk",),
            published=published,
            paragraphs=[" ".join(rng.sample(sentences, 3)) for _ in range(6)],
        )
        (corpus.articles if index < count else corpus.reserve).append(article)
    return corpus


def crawl(config: Path, tmp: str) -> tuple[list[dict[str, object]], float]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "crawler", "--config", str(config), "crawl", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=tmp,
        env={**os.environ, "PYTHONWARNINGS": "ignore", "XDG_CACHE_HOME": f"{tmp}/cache"},
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"crawl failed: {done.stderr[-2000:]}")
    rows: list[dict[str, object]] = json.loads(done.stdout)
    return rows, elapsed


def requests_made(web: DemoWeb) -> list[str]:
    return [path for site in SITES for path in web.requested(site)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--database", default="", help="default: a SQLite file in a temp dir")
    args = parser.parse_args()
    corpus = big_corpus(args.articles, NEW_ARTICLES)
    with DemoWeb(corpus) as web, tempfile.TemporaryDirectory() as tmp:
        url = args.database or f"sqlite:///{tmp}/bench.db"
        config = Path(tmp) / "spacewatch.toml"
        config.write_text(
            web.config_toml(url).replace(
                "download_timeout = 10\n", "download_timeout = 30\nmax_articles_per_run = 0\n"
            )
        )
        article_paths = {a.path for a in [*corpus.articles, *corpus.reserve]}

        first_rows, first_time = crawl(config, tmp)
        first_requests = requests_made(web)
        first_bytes = web.bytes_sent()

        # Edits are dated to the second (as feeds and sitemaps date them): let one pass so
        # an edit is not dated within the second the first crawl fetched the article.
        time.sleep(1.1)
        rng = random.Random(11)
        # Only feeds and sitemaps can tell an edit (a bare home-page link has no date). Chosen
        # before the new articles are published: publishing moves them into corpus.articles,
        # and an "edit" of an article the first crawl never saw is simply a new article.
        editable = [a for a in corpus.articles if a.site != HOMEPAGE_SITE]
        edited = rng.sample(editable, EDITS)
        for article in list(corpus.reserve):
            web.publish(article.key)
        for article in edited:
            web.edit(
                article.key,
                lambda ps: [
                    *ps,
                    "Update: this article was corrected after publication to give the right "
                    "date of the agreement and the names of the agencies that signed it.",
                ],
            )

        second_rows, second_time = crawl(config, tmp)
        second_requests = requests_made(web)[len(first_requests) :]
        second_bytes = web.bytes_sent() - first_bytes

        entry_points = [p for p in second_requests if p not in article_paths]
        articles_fetched = [p for p in second_requests if p in article_paths]
        allowed = (len(entry_points) + NEW_ARTICLES + EDITS) * 1.1
        database = open_database(url)
        with database.session() as session:
            stored = session.scalar(select(func.count()).select_from(Article)) or 0
            originals = (
                session.scalar(
                    select(func.count()).select_from(Article).where(Article.duplicate_of.is_(None))
                )
                or 0
            )
            distinct_urls = session.scalar(select(func.count(func.distinct(Article.url)))) or 0
            updated = session.scalar(
                select(func.count()).select_from(Article).where(Article.version > 1)
            )
        database.dispose()

    def total(rows: list[dict[str, object]], key: str) -> int:
        return sum(int(str(r[key])) for r in rows)

    expected = args.articles + NEW_ARTICLES
    print(f"fixture web: {args.articles} articles on {len(SITES)} sites (127.0.0.1)")
    print(
        f"{'':14}{'requests':>10}{'MB':>10}{'seconds':>10}{'new':>7}{'updated':>9}"
        f"{'unchanged':>11}{'copies':>8}{'errors':>8}"
    )
    for name, reqs, size, secs, rows in (
        ("first crawl", first_requests, first_bytes, first_time, first_rows),
        ("re-crawl", second_requests, second_bytes, second_time, second_rows),
    ):
        print(
            f"{name:14}{len(reqs):>10}{size / 1e6:>10.2f}{secs:>10.1f}"
            f"{total(rows, 'new'):>7}{total(rows, 'updated'):>9}"
            f"{total(rows, 'unchanged'):>11}{total(rows, 'duplicates'):>8}"
            f"{total(rows, 'errors'):>8}"
        )
        for row in rows:
            for sample in list(row.get("error_samples") or [])[:3]:  # type: ignore[call-overload]
                print(f"  {row['source']}: {sample['url']}: {sample['reason']}")
    print(
        f"ratio re-crawl/first: requests {len(second_requests) / len(first_requests):.4f}, "
        f"bytes {second_bytes / first_bytes:.4f}, time {second_time / first_time:.4f}"
    )
    print(
        f"re-crawl requests: {len(entry_points)} entry points (robots, feeds, sitemaps, "
        f"home pages) + {len(articles_fetched)} articles; target <= "
        f"({len(entry_points)} + {NEW_ARTICLES + EDITS}) x 1.1 = {allowed:.0f}: "
        f"{'met' if len(second_requests) <= allowed else 'NOT met'}"
    )
    print(
        f"re-crawl time {100 * second_time / first_time:.1f} % of the first (target < 5 %): "
        f"{'met' if second_time < 0.05 * first_time else 'NOT met'}"
    )
    print(
        f"database: {stored} rows, {originals} originals, {distinct_urls} distinct URLs, "
        f"{updated} updated (expected {expected} once each, {EDITS} updated): "
        f"{'ok' if stored == originals == distinct_urls == expected and updated == EDITS else 'WRONG'}"
    )


if __name__ == "__main__":
    main()
