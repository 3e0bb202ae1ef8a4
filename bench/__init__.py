"""Benchmark scripts: each prints its numbers beside a baseline measured in the same run."""

from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
SAMPLE_DATA = ROOT / "tests" / "fixtures" / "extraction"


def add_data_option(parser: argparse.ArgumentParser) -> None:
    """--data: the real saved pages (../shared/data beside the checkout, else the repo's
    sample of them)."""
    parser.add_argument(
        "--data",
        type=Path,
        default=SHARED_DATA if SHARED_DATA.is_dir() else SAMPLE_DATA,
        help="folder of real saved pages with their gold output",
    )
