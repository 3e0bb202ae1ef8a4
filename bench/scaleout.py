"""Scale-out throughput: the same queued backfill crawled by 1 worker, then by 2 workers.

For each worker count: a fresh PostgreSQL database, a fixture web of N articles on three sites
(127.0.0.1), the workers started and registered first, then `spacewatch crawl --backfill
--queued` for every source; the clock runs from the enqueue until every article is stored.
Prints articles/s for each and the ratio 2 workers / 1 worker, with the CPU the workers and
the fixture web server (this process) used: on a 2-core machine they share the cores with
PostgreSQL, which is what bounds the ratio.

    python -m bench.scaleout [--articles 1500] [--chunk 100] [--server URL]

``--server``: any database on the PostgreSQL server to use (the benchmark creates and drops
its own databases there).
"""

from __future__ import annotations

import argparse
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from sqlalchemy import text

from bench.recrawl import big_corpus
from crawler.demoweb import DemoWeb
from storage.database import open_database

DEFAULT_SERVER = "postgresql+psycopg://127.0.0.1:5432/test"


@contextmanager
def fresh_database(server: str) -> Iterator[str]:
    admin = psycopg.connect(
        server.replace("postgresql+psycopg://", "postgresql://"), autocommit=True
    )
    name = f"spacewatch_bench_{uuid.uuid4().hex[:10]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server.rsplit('/', 1)[0]}/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def scalar(url: str, sql: str) -> int:
    database = open_database(url)
    try:
        with database.engine.connect() as conn:
            return int(conn.scalar(text(sql)) or 0)
    except Exception:  # tables not created yet
        return 0
    finally:
        database.dispose()


def cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def run_with_workers(
    workers: int, articles: int, chunk: int, server: str, tmp: Path
) -> tuple[float, int, int, float, float]:
    """(seconds, articles stored, crawl runs, workers' CPU seconds, fixture web's CPU seconds)
    for one backfill crawled by ``workers``."""
    corpus = big_corpus(articles, 0)
    with DemoWeb(corpus) as web, fresh_database(server) as url:
        config = tmp / f"spacewatch-{workers}.toml"
        config.write_text(
            web.config_toml(url).replace(
                "download_timeout = 10\n", "download_timeout = 30\nmax_articles_per_run = 0\n"
            )
            + f"\n[queue]\nenabled = true\nbackfill_chunk = {chunk}\n"
        )
        env = {
            **os.environ,
            "PYTHONWARNINGS": "ignore",
            "XDG_CACHE_HOME": str(tmp / f"cache-{workers}"),
            "XDG_DATA_HOME": str(tmp / f"data-{workers}"),
        }
        command = [sys.executable, "-m", "crawler", "--config", str(config)]
        children_cpu = cpu_seconds(resource.RUSAGE_CHILDREN)
        procs = [
            subprocess.Popen([*command, "worker"], env=env, stderr=subprocess.DEVNULL, cwd=tmp)
            for _ in range(workers)
        ]
        try:
            deadline = time.monotonic() + 120
            while scalar(url, "SELECT count(*) FROM procrastinate_workers") < workers:
                if time.monotonic() > deadline:
                    raise SystemExit("workers did not register within 120 s")
                time.sleep(0.2)
            started = time.perf_counter()
            web_cpu = cpu_seconds(resource.RUSAGE_SELF)
            queued = subprocess.run(
                [*command, "crawl", "--backfill", "--queued"],
                env=env,
                capture_output=True,
                text=True,
                cwd=tmp,
            )
            if queued.returncode != 0:
                raise SystemExit(f"enqueue failed: {queued.stderr}")
            deadline = time.monotonic() + 3600
            while scalar(url, "SELECT count(*) FROM articles") < articles:
                if time.monotonic() > deadline:
                    raise SystemExit("the backfill did not finish within an hour")
                time.sleep(0.1)
            elapsed = time.perf_counter() - started
            web_cpu = cpu_seconds(resource.RUSAGE_SELF) - web_cpu
            stored = scalar(url, "SELECT count(DISTINCT url) FROM articles")
            runs = scalar(url, "SELECT count(*) FROM crawl_runs")
        finally:
            for proc in procs:
                proc.send_signal(signal.SIGTERM)
            for proc in procs:
                try:
                    proc.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
    # Children's CPU includes start-up and warm-up, before the clock started.
    return elapsed, stored, runs, cpu_seconds(resource.RUSAGE_CHILDREN) - children_cpu, web_cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1500)
    parser.add_argument("--chunk", type=int, default=100)
    parser.add_argument("--server", default=DEFAULT_SERVER)
    args = parser.parse_args()
    print(
        f"fixture web: {args.articles} articles on 3 sites (127.0.0.1); queued backfill in "
        f"tasks of {args.chunk}; {os.cpu_count()} cores"
    )
    print(
        f"{'workers':>8}{'seconds':>10}{'articles/s':>12}{'stored':>8}{'runs':>6}"
        f"{'worker CPU s':>14}{'web CPU s':>11}"
    )
    rates = {}
    with tempfile.TemporaryDirectory() as tmp:
        for workers in (1, 2):
            seconds, stored, runs, worker_cpu, web_cpu = run_with_workers(
                workers, args.articles, args.chunk, args.server, Path(tmp)
            )
            rates[workers] = stored / seconds
            print(
                f"{workers:>8}{seconds:>10.1f}{rates[workers]:>12.1f}{stored:>8}{runs:>6}"
                f"{worker_cpu:>14.1f}{web_cpu:>11.1f}"
            )
            if stored != args.articles:
                print(f"  WRONG: {stored} distinct articles stored, expected {args.articles}")
    print(f"ratio 2 workers / 1 worker: {rates[2] / rates[1]:.2f}")


if __name__ == "__main__":
    main()
