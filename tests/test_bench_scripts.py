"""The benchmark scripts still run (a quick pass each): benchmarks are not timed tests, but a
broken benchmark is a defect."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


def test_flagging_benchmark_runs_and_prints_its_tables() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench.flagging", "--quick"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "ratio automaton/naive" in done.stdout
    assert "precision / recall" in done.stdout and "lunar" in done.stdout


def run_recrawl_bench() -> str:
    done = subprocess.run(
        [sys.executable, "-m", "bench.recrawl", "--articles", "90"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_recrawl_benchmark_runs_and_stores_every_article_once() -> None:
    printed = run_recrawl_bench()
    assert "ratio re-crawl/first" in printed
    assert "database: 110 rows, 110 originals, 110 distinct URLs" in printed


@pytest.mark.xfail(
    strict=False,  # a timing-dependent bug: do not fail CI if it passes once
    reason="issue 6, open: bench/recrawl.py finds 2 of 5 edited articles re-fetched but "
    "stored neither as a new version nor counted (23 outcomes for 25 article fetches)",
)
def test_recrawl_benchmark_stores_every_edit_as_a_version() -> None:
    assert "5 updated (expected" in run_recrawl_bench()
