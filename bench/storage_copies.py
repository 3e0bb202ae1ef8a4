"""PostgreSQL at a million articles in ~30 minutes instead of hours of inserts: ``--template``
bench articles are saved through ``save_batch`` (the pipeline's path) with the dates of a
``--total`` run, then copied in SQL up to ``--total`` articles, each copy with the id, URL,
source and dates of its own index and the text of its template. bench.storage's queries then
run on it, with the same terms and the same code.

    python -m bench.storage_copies [--template 20000] [--total 1000000] [--repeat 30]

Every word's share of articles is that of the templates, so term frequencies are those of a
real run of that size; what differs is that total/template articles share each text. The
insert rate is not measured here (bench.storage does that).
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from pathlib import Path

from sqlalchemy import text

from bench import add_data_option
from bench.scaleout import DEFAULT_SERVER
from bench.storage import (
    FETCHED_ELSEWHERE,
    SOURCES,
    YEARS,
    ArticleFactory,
    database_at,
    explain,
    insert,
    pick_terms,
    print_queries,
    sentence_pool,
    size_mb,
)
from storage.database import Database

DATES = (
    "published_at",
    "modified_at",
    "entry_updated_at",
    "first_seen_at",
    "last_fetched_at",
    "flagged_at",
)
COPIES_PER_STATEMENT = 7


def copy_templates(database: Database, template: int, total: int) -> None:
    """Articles template..total-1 as copies of articles 0..template-1 (ids 1..template)."""
    rounds = total // template
    with database.engine.connect() as plain:
        connection = plain.execution_options(isolation_level="AUTOCOMMIT")
        columns = list(
            connection.scalars(
                text(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = "
                    "'articles' AND is_generated = 'NEVER' ORDER BY ordinal_position"
                )
            )
        )
        gin: dict[str, str] = dict(
            connection.execute(
                text(
                    "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'articles' "
                    "AND indexdef ILIKE '%USING gin%'"
                )
            ).all()
        )
        for name in gin:  # built once at the end: far faster than row by row
            connection.execute(text(f"DROP INDEX {name}"))
        index = f"(k * {template} + a.id - 1)"
        site = f"lpad(({index} % {SOURCES})::text, 2, '0')"
        url = f"'https://site' || {site} || '.example/news/' || {index} || '-story'"
        shift = f"(interval '{365 * YEARS} days' * k / {rounds})"
        values = {
            "id": f"{index} + 1",
            "url": url,
            "fetched_url": (
                f"CASE WHEN {index} % {FETCHED_ELSEWHERE} = 0 "
                f"THEN {url} || '?utm_source=feed' ELSE {url} END"
            ),
            "source_id": f"(SELECT s.id FROM sources s WHERE s.name = 'source-' || {site})",
            "duplicate_of": "NULL",
            **{column: f"a.{column} + {shift}" for column in DATES},
        }
        select_list = ", ".join(values.get(column, f"a.{column}") for column in columns)
        started = time.perf_counter()
        for first in range(1, rounds, COPIES_PER_STATEMENT):
            ks = f"generate_series({first}, {min(first + COPIES_PER_STATEMENT, rounds) - 1})"
            connection.execute(
                text(
                    f"INSERT INTO articles ({', '.join(columns)}) SELECT {select_list} "
                    f"FROM articles a, {ks} k WHERE a.id <= {template} ORDER BY k, a.id"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO matches (article_id, category, term, field, count, offsets, "
                    f"snippet) SELECT m.article_id + k * {template}, m.category, m.term, "
                    f"m.field, m.count, m.offsets, m.snippet FROM matches m, {ks} k "
                    f"WHERE m.article_id <= {template}"
                )
            )
        copied = time.perf_counter() - started
        connection.execute(
            text(f"SELECT setval(pg_get_serial_sequence('articles', 'id'), {total})")
        )
        connection.execute(text("SET maintenance_work_mem = '1GB'"))
        started = time.perf_counter()
        for definition in gin.values():
            connection.execute(text(definition))
        connection.execute(text("VACUUM ANALYZE"))
        print(
            f"copied to {total:,} articles in {copied:,.0f} s; full-text indexes built and "
            f"vacuumed in {time.perf_counter() - started:,.0f} s"
        )


def main() -> None:
    from fastapi.testclient import TestClient

    from crawler.config import load_config
    from crawler.web.app import create_app

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--template", type=int, default=20_000)
    parser.add_argument("--total", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--server", default=os.environ.get("SPACEWATCH_BENCH_PG", DEFAULT_SERVER))
    add_data_option(parser)
    args = parser.parse_args()
    if args.total % args.template:
        parser.error("--total must be a multiple of --template")
    pool = sentence_pool(args.data)
    terms = pick_terms(pool, random.Random(5))  # bench.storage's terms
    factory = ArticleFactory(pool, args.total)
    print(
        f"{os.cpu_count()} cores; {args.template:,} articles saved, copied to {args.total:,}; "
        f"terms: common {terms.common[:3]}, rare {terms.rare[:3]}, phrases {terms.phrases[:2]}"
    )
    with (
        tempfile.TemporaryDirectory() as tmp,
        database_at("postgresql", args.server, Path(tmp)) as (database, _),
    ):
        started = time.perf_counter()
        insert(database, factory, 0, args.template, 100)
        print(f"saved {args.template:,} articles in {time.perf_counter() - started:,.0f} s")
        copy_templates(database, args.template, args.total)
        size = size_mb(database, None)
        print(f"database {size:,.0f} MB, {size / args.total * 100_000:,.0f} MB per 100k")
        client = TestClient(create_app(load_config(None), database))
        print_queries(database, factory, args.total, terms, client, args.repeat)
        explain(database, factory, terms)
        client.close()


if __name__ == "__main__":
    main()
