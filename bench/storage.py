"""Storage and queries at scale: insert rate, size, and query latency from 10k to 1M articles.

Articles are made by recombining sentences of real article bodies (the gold texts under
../shared/data, else the repo's sample): 4-10 paragraphs of 2-5 sentences, titles cut from
sentences, 30 sources, publish dates spread over five years up to now, 4 % flagged with
matches. They are saved through ``storage.articles.save_batch``, the crawl pipeline's own
write path, in batches of the pipeline's size. The MinHash signature is random bytes of the
real length: distinct stories have unrelated band keys, and computing 1M real signatures
(~1-2 ms each, measured by bench.dedupe) would only time datasketch.

At each step (default 10k, 100k, 1M articles) every query runs ``--repeat`` times with
varying parameters on a warm database and p50/p95 are printed: full-text search (a common
term, a rare term, a phrase, a common term with source + date filters), ``flagged --since``,
``show`` (by id and by URL), the web page's flagged list (over HTTP through the app), and the
known-URL check for 1,000 URLs. Then the query plans (EXPLAIN), to show the indexes used.

    python -m bench.storage [--steps 10000,100000,1000000] [--databases sqlite,postgresql]
                            [--server postgresql+psycopg://127.0.0.1:5432/test]

Targets (issue 9): insert >= 5,000 articles/s; every search and list p95 <= 50 ms at 1M;
the known-URL check <= 20 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import random
import re
import sqlite3
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import text

from bench import add_data_option
from bench.extraction_sets import all_cases
from bench.scaleout import DEFAULT_SERVER, fresh_database
from crawler.pipelines.store import BATCH_SIZE
from storage import queries
from storage.articles import known_url_statement, known_urls, save_batch
from storage.database import (
    Database,
    merge_pending_index_entries,
    migrate,
    open_database,
    query_plan,
)
from storage.fingerprints import NUM_PERM
from storage.models import Article
from storage.records import ArticleRecord, MatchRecord
from storage.search_query import SearchQuery

ROOT = Path(__file__).parents[1]
SOURCES = 30
YEARS = 5
FLAGGED_SHARE = 0.04
FETCHED_ELSEWHERE = 6
"""One article in six was fetched at a URL other than its canonical one: 17 % of the 1,379
real pages of ../shared/data with a URL ("?cmp=rss", "?maca=...", "www." or not). The spider
asks for the canonical form of a link (crawler.urls.canonical_url), so the rest match."""
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“])")
WORD = re.compile(r"[^\W\d_]{5,}")
# Words PostgreSQL's english configuration drops (a search for one finds nothing there).
STOP_WORDS = frozenset(
    [
        "about",
        "above",
        "after",
        "again",
        "against",
        "before",
        "below",
        "between",
        "during",
        "further",
        "having",
        "other",
        "should",
        "their",
        "there",
        "these",
        "those",
        "through",
        "under",
        "until",
        "where",
        "which",
        "while",
        "would",
        "yourself",
        "itself",
        "themselves",
        "ourselves",
        "because",
    ]
)
LUNAR = [
    "The International Lunar Research Station partners signed a new cooperation memorandum.",
    "Officials discussed the Artemis Accords and a joint lunar landing timeline.",
    "The Chang'e mission will carry instruments from several partner agencies to the Moon.",
]


def sentence_pool(data: Path) -> list[str]:
    sentences: list[str] = []
    for case in all_cases(data):
        for sentence in SENTENCE.split(case.gold.body or ""):
            sentence = " ".join(sentence.split())
            if 40 <= len(sentence) <= 320:
                sentences.append(sentence)
    return list(dict.fromkeys(sentences))


@dataclass(frozen=True)
class Terms:
    common: list[str]
    rare: list[str]
    phrases: list[str]


def pick_terms(pool: list[str], rng: random.Random) -> Terms:
    """Common words (in ~1-5 % of sentences: ~20-70 % of articles), rare ones (in one
    sentence: ~0.05 % of articles) and two-word phrases, by their frequency in the pool."""
    frequency = Counter(w for s in pool for w in set(WORD.findall(s.lower())))
    ranked = sorted(frequency, key=lambda w: (frequency[w], w))
    share = {w: frequency[w] / len(pool) for w in ranked}
    common = [w for w in ranked if 0.01 <= share[w] <= 0.05 and w not in STOP_WORDS]
    rare = [w for w in ranked if frequency[w] == 1]
    phrases = []
    for sentence in rng.sample(pool, min(len(pool), 4000)):
        words = re.findall(r"[^\W\d_]{4,}", sentence)
        if len(words) >= 2 and frequency[words[0].lower()] >= 3:
            phrases.append(f'"{words[0]} {words[1]}"')
    return Terms(rng.sample(common, 12), rng.sample(rare, 12), rng.sample(phrases, 12))


class ArticleFactory:
    def __init__(self, pool: list[str], total: int, seed: int = 11) -> None:
        self.pool = pool
        self.total = total
        self.rng = random.Random(seed)
        self.now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        self.start = self.now - dt.timedelta(days=365 * YEARS)

    def url(self, index: int) -> str:
        return f"https://site{index % SOURCES:02d}.example/news/{index}-story"

    def fetched_url(self, index: int) -> str:
        """The URL the crawler asked for: the canonical one, but for one article in
        FETCHED_ELSEWHERE (a feed's tracking parameter that the page's canonical link drops)."""
        url = self.url(index)
        return url + "?utm_source=feed" if index % FETCHED_ELSEWHERE == 0 else url

    def record(self, index: int) -> ArticleRecord:
        rng = self.rng
        paragraphs = [
            " ".join(rng.choices(self.pool, k=rng.randint(2, 5))) for _ in range(rng.randint(4, 10))
        ]
        flagged = rng.random() < FLAGGED_SHARE
        matches: list[MatchRecord] = []
        if flagged:
            lunar = rng.choice(LUNAR)
            paragraphs.insert(rng.randrange(len(paragraphs)), lunar)
            matches = [
                MatchRecord(
                    category="lunar",
                    term="ILRS" if "Lunar Research" in lunar else "Moon",
                    field="body",
                    count=1,
                    offsets=[10],
                    snippet=lunar,
                )
            ]
        body = "\n\n".join(paragraphs)
        words = rng.choice(self.pool).split()
        title = " ".join(words[: rng.randint(6, 14)]).rstrip(".,;:")
        # Articles arrive roughly in publish order, a few days out of it.
        published = self.start + (self.now - self.start) * (index / self.total)
        published -= dt.timedelta(hours=rng.uniform(0, 72))
        fetched = published + dt.timedelta(minutes=rng.uniform(5, 600))
        return ArticleRecord(
            url=self.url(index),
            fetched_url=self.fetched_url(index),
            source=f"source-{index % SOURCES:02d}",
            title=title,
            body=body,
            content_hash=hashlib.sha256(body.encode()).hexdigest(),
            minhash=rng.randbytes(NUM_PERM * 4),
            fetched_at=min(fetched, self.now),
            authors=[f"Author {rng.randint(1, 400)}"],
            published_at=published,
            language="en",
            summary=paragraphs[0][:300],
            section=rng.choice(["Space", "Policy", "Science", "Business", "Asia"]),
            tags=rng.sample(["space", "moon", "china", "policy", "trade", "nasa"], 2),
            flagged=flagged,
            flag_score=2.0 if flagged else 0.0,
            categories=["lunar"] if flagged else [],
            matches=matches,
        )


def fts5_ceiling(pool: list[str], count: int = 5000) -> float:
    """Bodies per second plain sqlite3 inserts into a table with the same FTS5 index and
    trigger, in batches of 20 (no SQLAlchemy, no other index): SQLite's own ceiling here."""
    rng = random.Random(1)
    bodies = [
        "\n\n".join(" ".join(rng.choices(pool, k=rng.randint(2, 5))) for _ in range(7))
        for _ in range(count)
    ]
    with tempfile.TemporaryDirectory() as tmp:
        connection = sqlite3.connect(Path(tmp) / "ceiling.db")
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.execute("CREATE TABLE a (id INTEGER PRIMARY KEY, title TEXT, body TEXT)")
        connection.execute(
            "CREATE VIRTUAL TABLE f USING fts5(title, body, content='a', content_rowid='id', "
            "tokenize='porter unicode61 remove_diacritics 2')"
        )
        connection.execute(
            "CREATE TRIGGER t AFTER INSERT ON a BEGIN "
            "INSERT INTO f(rowid, title, body) VALUES (new.id, new.title, new.body); END"
        )
        started = time.perf_counter()
        for first in range(0, count, 20):
            rows = [("title", body) for body in bodies[first : first + 20]]
            connection.executemany("INSERT INTO a (title, body) VALUES (?, ?)", rows)
            connection.commit()
        seconds = time.perf_counter() - started
        connection.close()
    return count / seconds


def insert(database: Database, factory: ArticleFactory, start: int, stop: int, batch: int) -> float:
    """Save articles ``start`` to ``stop`` in pipeline-sized batches; seconds taken."""
    started = time.perf_counter()
    for first in range(start, stop, batch):
        records = [factory.record(i) for i in range(first, min(first + batch, stop))]
        with database.session() as session:
            save_batch(session, records)
    return time.perf_counter() - started


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(0, round(0.95 * len(ordered)) - 1)]


@dataclass
class Query:
    name: str
    run: Callable[[int], object]
    target_ms: float = 50.0


def queries_for(
    database: Database, factory: ArticleFactory, count: int, terms: Terms, client: Any
) -> list[Query]:
    rng = random.Random(3)
    now = factory.now

    def search(words: list[str], **filters: Any) -> Callable[[int], object]:
        def run(i: int) -> object:
            chosen = queries.Filters(**{k: v(i) if callable(v) else v for k, v in filters.items()})
            with database.session() as session:
                return queries.search(session, SearchQuery.parse(words[i % len(words)]), chosen)

        return run

    def flagged(days: int) -> Callable[[int], object]:
        def run(i: int) -> object:
            with database.session() as session:
                since = now - dt.timedelta(days=days)
                return queries.flagged(session, queries.Filters(since=since))

        return run

    def show(by_url: bool) -> Callable[[int], object]:
        def run(i: int) -> object:
            index = rng.randrange(count)
            key: int | str = factory.url(index) if by_url else index + 1
            with database.session() as session:
                found = queries.get_article(session, key)
            assert found is not None, key
            return found

        return run

    def web_list(i: int) -> object:
        response = client.get("/flagged", params={"page": 1 + i % 3})
        assert response.status_code == 200, response.text[:300]
        return response

    def known(i: int) -> object:
        urls = [factory.url(rng.randrange(count)) for _ in range(500)]
        # Not stored, on the same sites and paths as the stored ones (a sitemap lists both):
        # in every index they fall between stored URLs, not together at one end of it.
        urls += [factory.url(factory.total + rng.randrange(count)) for _ in range(500)]
        with database.session() as session:
            found = known_urls(session, urls)
        assert len(found) >= 1, "no known URL found"
        return found

    def source(i: int) -> list[str]:
        return [f"source-{i % SOURCES:02d}"]

    return [
        Query("search common term", search(terms.common)),
        Query("search rare term", search(terms.rare)),
        Query("search phrase", search(terms.phrases)),
        Query(
            "search common + source + 90 days",
            search(terms.common, sources=source, since=now - dt.timedelta(days=90)),
        ),
        Query("flagged --since 7 days", flagged(7)),
        Query("flagged --since 365 days", flagged(365)),
        Query("show by id", show(False)),
        Query("show by URL", show(True)),
        Query("web flagged list (HTTP)", web_list),
        Query("known-URL check, 1,000 URLs", known, 20.0),
    ]


def print_queries(
    database: Database,
    factory: ArticleFactory,
    count: int,
    terms: Terms,
    client: Any,
    repeat: int,
) -> dict[str, tuple[float, float]]:
    """Measure every query at ``count`` articles; print a row each; (p50, p95) by name."""
    print(f"   {'query':<36}{'p50 ms':>9}{'p95 ms':>9}  target")
    measured = {}
    for query in queries_for(database, factory, count, terms, client):
        p50, p95 = measure(query, repeat)
        measured[query.name] = (p50, p95)
        verdict = "met" if p95 <= query.target_ms else "NOT met"
        print(f"   {query.name:<36}{p50:>9.1f}{p95:>9.1f}  <= {query.target_ms:.0f}: {verdict}")
    return measured


def measure(query: Query, repeat: int) -> tuple[float, float]:
    query.run(0)  # warm: the first call compiles statements and reads pages into cache
    samples = []
    for i in range(repeat):
        started = time.perf_counter()
        query.run(i + 1)
        samples.append((time.perf_counter() - started) * 1000)
    return percentiles(samples)


def size_mb(database: Database, path: Path | None) -> float:
    if path is not None:
        return sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 1e6
    with database.engine.connect() as conn:
        return float(conn.scalar(text("SELECT pg_database_size(current_database())")) or 0) / 1e6


def explain(database: Database, factory: ArticleFactory, terms: Terms) -> None:
    """The plans of the main queries, as the database prints them."""
    now = factory.now
    window = queries.Filters(sources=("source-03",), since=now - dt.timedelta(days=90))
    phrase = SearchQuery.parse(terms.phrases[0])
    common = SearchQuery.parse(terms.common[0])
    ranked = queries.RANKED_MATCHES
    if database.dialect == "postgresql":
        # what search runs there: the newest matches, ranked in the statement that finds them
        searches: dict[str, Callable[[Any], Any]] = {
            "search common term": lambda s: queries.ranked_statement(
                queries.newest_matches(common, queries.Filters(), ranked).subquery("hits"),
                common,
            ),
            "search common + source + 90 days": lambda s: queries.ranked_statement(
                queries.newest_matches(
                    common, window, ranked, queries._in_narrow_window(s, window)
                ).subquery("hits"),
                common,
            ),
            "search phrase": lambda s: queries.ranked_statement(
                queries.phrase_statement(
                    phrase, queries.Filters(), ranked, pairs=queries._phrase_pairs(s, phrase)
                ).subquery("hits"),
                phrase,
            ),
        }
    else:
        searches = {
            "search common term": lambda s: queries.search_statement(
                database.dialect, common, queries.Filters()
            ),
            "search common + source + 90 days": lambda s: queries.search_statement(
                database.dialect, common, window, id_range=queries._filtered_id_range(s, window)
            ),
            "search phrase": lambda s: queries.search_statement(
                database.dialect, phrase, queries.Filters()
            ),
        }
    cases: dict[str, Callable[[Any], Any]] = {
        **searches,
        "flagged --since 7 days": lambda s: queries.flagged_statement(
            queries.Filters(since=now - dt.timedelta(days=7)), 50
        ),
        "known-URL check": lambda s: known_url_statement(
            [factory.url(i) for i in range(3)], dialect=database.dialect
        ),
        "known-URL check, by fetched URL": lambda s: known_url_statement(
            [factory.fetched_url(0)], Article.fetched_url, dialect=database.dialect
        ),
    }
    with database.session() as session:
        for name, build in cases.items():
            print(f"   plan of {name}:")
            for line in query_plan(session.connection(), build(session)):
                print("     ", line)


@contextmanager
def database_at(kind: str, server: str, tmp: Path) -> Iterator[tuple[Database, Path | None]]:
    if kind == "sqlite":
        path = tmp / "bench.db"
        database = open_database(f"sqlite:///{path}")
        migrate(database)
        try:
            yield database, path
        finally:
            database.dispose()
        return
    with fresh_database(server) as url:
        database = open_database(url)
        migrate(database)
        try:
            yield database, None
        finally:
            database.dispose()


def bench_database(
    kind: str, steps: list[int], pool: list[str], terms: Terms, args: argparse.Namespace
) -> None:
    from fastapi.testclient import TestClient

    from crawler.config import load_config
    from crawler.web.app import create_app

    print(f"\n== {kind}")
    factory = ArticleFactory(pool, steps[-1])
    with (
        tempfile.TemporaryDirectory() as tmp_name,
        database_at(kind, args.server, Path(tmp_name)) as (database, path),
    ):
        config = load_config(None)
        client = TestClient(create_app(config, database))
        done = 0
        growth: dict[str, list[tuple[float, float]]] = {}
        for step in steps:
            seconds = insert(database, factory, done, step, args.batch)
            rate = (step - done) / seconds
            done = step
            if database.dialect == "postgresql":
                # What a crawl does at its end: merge the GIN pending lists (store pipeline).
                merge_pending_index_entries(database)
                with database.engine.connect() as conn:
                    conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("ANALYZE"))
            else:
                # What a crawl does at its end: its connections close, and closing runs
                # SQLite's PRAGMA optimize (storage.database), which keeps statistics current.
                database.engine.dispose()
            size = size_mb(database, path)
            print(
                f"-- {step:,} articles: inserted {rate:,.0f} articles/s "
                f"(target >= 5,000: {'met' if rate >= 5000 else 'NOT met'}); "
                f"database {size:,.0f} MB, {size / step * 100_000:,.0f} MB per 100k"
            )
            measured = print_queries(database, factory, step, terms, client, args.repeat)
            for name, latency in measured.items():
                growth.setdefault(name, []).append(latency)
        print(f"   growth of p95 (ms) over {', '.join(f'{s:,}' for s in steps)} articles:")
        for name, values in growth.items():
            print(f"   {name:<36}" + "".join(f"{p95:>9.1f}" for _, p95 in values))
        explain(database, factory, terms)
        client.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", default="10000,100000,1000000")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--server", default=os.environ.get("SPACEWATCH_BENCH_PG", DEFAULT_SERVER))
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--batch", type=int, default=BATCH_SIZE, help="the store pipeline's")
    add_data_option(parser)
    args = parser.parse_args()
    steps = sorted(int(s) for s in args.steps.split(","))
    pool = sentence_pool(args.data)
    terms = pick_terms(pool, random.Random(5))
    print(
        f"{len(pool):,} real sentences from {args.data}; {os.cpu_count()} cores; batches of "
        f"{args.batch}; terms: common {terms.common[:3]}, rare {terms.rare[:3]}, "
        f"phrases {terms.phrases[:2]}"
    )
    if "sqlite" in args.databases:
        print(f"SQLite's own ceiling (sqlite3, FTS5 only): {fts5_ceiling(pool):,.0f} bodies/s")
    for kind in args.databases.split(","):
        bench_database(kind, steps, pool, terms, args)


if __name__ == "__main__":
    main()
