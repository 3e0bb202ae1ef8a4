"""The benchmark scripts still run (a quick pass each): benchmarks are not timed tests, but a
broken benchmark is a defect."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.support import fresh_postgres_database

ROOT = Path(__file__).parents[1]


def run_bench(module: str, *options: str) -> str:
    """Run a benchmark script to its end; what it printed."""
    done = subprocess.run(
        [sys.executable, "-W", "ignore", "-m", module, *options],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def run_on_sample(module: str, *options: str) -> str:
    """Run a benchmark on the bundled sample of real pages."""
    return run_bench(module, *options, "--data", "tests/fixtures/extraction")


def test_flagging_benchmark_runs_and_prints_its_tables() -> None:
    printed = run_bench("bench.flagging", "--quick")
    assert "ratio automaton/naive" in printed
    assert "precision / recall" in printed and "lunar" in printed
    assert "ms per 100 KB" in printed


def run_recrawl_bench() -> str:
    return run_bench("bench.recrawl", "--articles", "90")


def test_recrawl_benchmark_runs_and_stores_every_article_once() -> None:
    printed = run_recrawl_bench()
    assert "ratio re-crawl/first" in printed
    assert "database: 110 rows, 110 originals, 110 distinct URLs" in printed


def test_recrawl_benchmark_stores_every_edit_as_a_version() -> None:
    # Was an xfail: the benchmark picked some of its 5 edits among the 20 articles it had just
    # published, which the re-crawl rightly stored as new, not updated.
    printed = run_recrawl_bench()
    assert "5 updated (expected" in printed
    recrawl_row = next(line for line in printed.splitlines() if line.startswith("re-crawl "))
    new, updated = recrawl_row.split()[4:6]
    assert (new, updated) == ("20", "5"), recrawl_row


def test_extraction_benchmark_runs_on_the_bundled_sample() -> None:
    printed = run_on_sample("bench.extraction")
    for line in ("== fundus / English", "== trafilatura-eval / all", "body trafilatura precision"):
        assert line in printed
    assert "time ratio spacewatch/trafilatura default" in printed


def test_dedupe_benchmark_runs_on_the_bundled_sample() -> None:
    printed = run_on_sample("bench.dedupe", "--quick")
    assert "MinHash 128, word 3-shingles (Jaccard >=)" in printed
    row = next(
        line for line in printed.splitlines() if "new intro + credit" in line and "LSH" in line
    )
    # The syndicated copies must be found by the stored fingerprint and offered by its bands.
    assert re.search(r"MinHash\s+100\.0%\s+LSH\s+100\.0%", row), row


def test_scaleout_benchmark_runs_with_one_and_two_workers() -> None:
    with fresh_postgres_database() as url:  # skips outside CI when there is no server
        printed = run_bench("bench.scaleout", "--articles", "30", "--chunk", "5", "--server", url)
    assert "ratio 2 workers / 1 worker" in printed and "WRONG" not in printed
    rows = [line.split() for line in printed.splitlines() if line.strip()[:1] in ("1", "2")]
    assert [row[0] for row in rows] == ["1", "2"] and all(row[3] == "30" for row in rows)


def test_crawl_benchmark_runs_bare_scrapy_and_both_spacewatch_crawls() -> None:
    printed = run_on_sample("bench.crawl", "--pages", "20")
    assert "fixture web: 20 pages" in printed
    rows = [line for line in printed.splitlines() if line.startswith("   1 ")]
    assert [row.split()[1] for row in rows] == ["bare", "spacewatch", "spacewatch"], printed
    for row in rows:
        assert re.search(r"\s20\s+\d+\.\d\s+\d+\.\d", row), row  # every page fetched
    assert all("new 20, copies 0, errors 0" in row for row in rows[1:]), printed
    assert "extraction pool / in-process" in printed


def test_storage_benchmark_runs_on_both_databases() -> None:
    with fresh_postgres_database() as url:  # skips outside CI when there is no server
        server = url.rsplit("/", 1)[0] + "/test"
        printed = run_on_sample(
            "bench.storage", "--steps", "300,600", "--repeat", "3", "--server", server
        )
    assert "SQLite's own ceiling" in printed
    for database in ("== sqlite", "== postgresql"):
        section = printed.split(database, 1)[1].split("\n== ", 1)[0]
        assert "-- 600 articles: inserted" in section, section
        assert "known-URL check, 1,000 URLs" in section and "plan of search common term" in section


def test_service_memory_benchmark_runs_and_counts_the_extraction_pool() -> None:
    printed = run_bench("bench.service_memory", "--cycles", "10", "--idle", "2")
    assert "growth from 10 to 10 cycles, all processes' PSS" in printed
    after = next(line for line in printed.splitlines() if line.startswith("after   10 cycles"))
    processes = int(re.search(r"\((\d+) processes", after).group(1))  # type: ignore[union-attr]
    assert processes >= 3, after  # the service, the forkserver, at least one pool process
    assert "s CPU per idle hour" in printed


def test_storage_copies_benchmark_copies_to_its_total_and_runs_the_queries() -> None:
    with fresh_postgres_database() as url:  # skips outside CI when there is no server
        server = url.rsplit("/", 1)[0] + "/test"
        printed = run_on_sample(
            "bench.storage_copies",
            *("--template", "200", "--total", "1000", "--repeat", "3", "--server", server),
        )
    assert "copied to 1,000 articles" in printed
    assert "show by id" in printed and "known-URL check, 1,000 URLs" in printed
    assert "plan of search common term" in printed
