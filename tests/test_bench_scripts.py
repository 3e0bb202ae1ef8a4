"""The benchmark scripts still run (a quick pass each): benchmarks are not timed tests, but a
broken benchmark is a defect."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
