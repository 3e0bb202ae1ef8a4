"""Extraction pinned on real pages with other projects' gold (a sample copied from
../shared/data into tests/fixtures/extraction by tests/tools/copy_extraction_fixtures.py).

The floors are what spacewatch scored on this sample when it was pinned, less a small margin:
a change that makes extraction worse on real pages fails here. bench/extraction.py prints the
same numbers on the full sets."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.extraction import Row, measure
from bench.extraction_sets import all_cases

FIXTURES = Path(__file__).parents[1] / "fixtures" / "extraction"


@pytest.fixture(scope="module")
def rows() -> dict[tuple[str, str], Row]:
    return measure(all_cases(FIXTURES))


def rate(slot: list[int]) -> float:
    return slot[0] / slot[1]


def test_the_sample_covers_every_set(rows: dict[tuple[str, str], Row]) -> None:
    assert rows["fundus", "all"].pages == 23
    assert rows["trafilatura-eval", "all"].pages == 30
    assert rows["newspaper4k-current", "all"].pages == 4


def test_fundus_fields_match_the_gold(rows: dict[tuple[str, str], Row]) -> None:
    fields = rows["fundus", "all"].fields
    assert rate(fields.title) >= 0.90, fields.misses.get("title")
    assert rate(fields.date) == 1.0, fields.misses.get("date")
    assert rate(fields.authors) >= 0.80, fields.misses.get("authors")
    assert fields.wrong_date == 0


def test_fundus_body_is_precise_and_beats_trafilatura_precision_mode(
    rows: dict[tuple[str, str], Row],
) -> None:
    row = rows["fundus", "all"]
    ours, baseline = row.ours.prf(), row.precision.prf()
    assert ours is not None and baseline is not None
    precision, recall, f1 = ours
    assert precision >= 0.95 and recall >= 0.93
    assert f1 >= baseline[2]


def test_boilerplate_is_dropped_and_main_text_kept(rows: dict[tuple[str, str], Row]) -> None:
    body = rows["trafilatura-eval", "all"].ours
    assert body.kept / body.keep_total >= 0.92
    assert body.dropped / body.drop_total >= 0.90
    ours, default = body.prf(), rows["trafilatura-eval", "all"].default.prf()
    assert ours is not None and default is not None and ours[2] >= default[2]


def test_newspaper4k_bodies_in_four_languages(rows: dict[tuple[str, str], Row]) -> None:
    prf = rows["newspaper4k-current", "all"].ours.prf()
    assert prf is not None and prf[0] >= 0.95 and prf[1] >= 0.98
