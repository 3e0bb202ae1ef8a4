"""Every command's documented output, in every format, and the one-line errors."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
from pathlib import Path

import pytest

from crawler.demoweb import DemoWeb
from crawler.demoweb.corpus import build_corpus
from tests.support import BAD_LOOK_BEHIND, Spacewatch, database_url_for, demo_cli

SUMMARY_KEYS = {"id", "url", "source", "title", "published", "flagged", "categories"}


@pytest.fixture(scope="module")
def cli(tmp_path_factory: pytest.TempPathFactory) -> Spacewatch:
    tmp = tmp_path_factory.mktemp("cli")
    with DemoWeb() as web:
        spacewatch = demo_cli(tmp, web, database_url_for(tmp, "spacewatch.db"))
        result = spacewatch("crawl")
        assert result.code == 0, result.err
        assert "briefing-demo" in result.out and "finished" in result.out
    return spacewatch


def test_search_in_every_format(cli: Spacewatch) -> None:
    rows = cli("search", '"lunar research station"', "--format", "json").json()
    assert rows and all(set(r) >= SUMMARY_KEYS for r in rows)
    assert all("«" in r["snippet"] for r in rows)
    assert rows[0]["title"].startswith(("China and Russia", "Chang", "Artemis"))
    lines = cli("search", '"lunar research station"', "--format", "jsonl").jsonl()
    assert [r["id"] for r in lines] == [r["id"] for r in rows]
    table = list(
        csv.DictReader(
            io.StringIO(cli("search", '"lunar research station"', "--format", "csv").out)
        )
    )
    assert [int(r["id"]) for r in table] == [r["id"] for r in rows]
    text = cli("search", '"lunar research station"').out
    assert "China and Russia" in text


def test_search_filters(cli: Spacewatch) -> None:
    flagged = cli("search", "lunar", "--flagged", "--format", "json").json()
    assert flagged and all(r["flagged"] for r in flagged)
    wire = cli("search", "lunar", "--source", "spacewire-demo", "--format", "json").json()
    assert wire and {r["source"] for r in wire} == {"spacewire-demo"}
    recent = cli(
        "search", "lunar", "--since", "2024-01-01", "--until", "2024-12-31", "--format", "json"
    ).json()
    assert recent and all("2024-01-01" <= r["published"] < "2025-01-01" for r in recent)
    # A word every database indexes ("the" is a stop word to PostgreSQL's english config).
    assert len(cli("search", "lunar", "--limit", "2", "--format", "json").json()) == 2


def test_show_gives_body_authors_and_matches(cli: Spacewatch) -> None:
    flagged = cli("flagged", "--format", "json").json()
    seed = next(r for r in flagged if r["title"].startswith("China and Russia"))
    shown = cli("show", str(seed["id"]), "--format", "json").json()
    assert SUMMARY_KEYS | {"body", "authors", "matches"} <= set(shown)
    assert shown["authors"] == ["Dezan Shira & Associates"]
    assert {m["category"] for m in shown["matches"]} >= {"lunar", "cooperation"}
    assert all(
        {"term", "category", "count", "offsets", "snippet"} <= set(m) for m in shown["matches"]
    )
    assert shown["duplicates"] and shown["duplicates"][0]["source"] == "spacewire-demo"
    by_url = cli("show", seed["url"], "--format", "json").json()
    assert by_url["id"] == seed["id"]
    text = cli("show", str(seed["id"])).out
    assert "Why it was flagged:" in text and "«" in text and "Also published as:" in text
    # The spaceports story is flagged for cooperation: its matches of other categories (a
    # lunar term, nations, agencies) are listed apart from what it was flagged for.
    ports = next(r for r in flagged if r["categories"] == ["cooperation"])
    why, also = cli("show", str(ports["id"])).out.split("Also matched")
    listed = [line.split("]")[0].strip(" [") for line in why.splitlines() if line.startswith("  [")]
    others = [
        line.split("]")[0].strip(" [") for line in also.splitlines() if line.startswith("  [")
    ]
    assert listed and set(listed) == {"cooperation"}
    assert others and "cooperation" not in others and "lunar" in others


def test_flagged_lists_newest_first_in_every_format(cli: Spacewatch) -> None:
    rows = cli("flagged", "--format", "json").json()
    # The ILRS article, the two space briefs, and the Oman spaceports page (labelled
    # cooperation in tests/fixtures/flagging: agreements between Etlaq and space companies).
    expected = {
        "seed-ilrs",
        "change-6-far-side",
        "artemis-accords-signatories",
        "RestOfWorld_2025_10_21",
    }
    corpus = build_corpus()
    assert {r["title"] for r in rows} == {corpus.by_key(k).title for k in expected}
    assert [r["published"] for r in rows] == sorted((r["published"] for r in rows), reverse=True)
    assert all(r["flagged"] and r["categories"] for r in rows)
    assert len(cli("flagged", "--format", "jsonl").jsonl()) == len(expected)
    assert len(list(csv.DictReader(io.StringIO(cli("flagged", "--format", "csv").out)))) == len(
        expected
    )
    assert (
        cli("flagged", "--since", "2025-01-01", "--format", "json")
        .json()[0]["title"]
        .startswith("Artemis")
    )


def test_a_flagged_export_says_where_and_why(cli: Spacewatch) -> None:
    rows = cli("flagged", "--format", "json").json()
    seed = next(r for r in rows if r["title"].startswith("China and Russia"))
    shown = cli("show", str(seed["id"]), "--format", "json").json()
    flagging = [m for m in shown["matches"] if m["category"] in seed["categories"]]
    assert seed["terms"] == list(dict.fromkeys(m["term"] for m in flagging))
    assert seed["snippet"] == flagging[0]["snippet"] and "«" in seed["snippet"]
    assert all(r["terms"] and r["snippet"] for r in rows)
    exported = list(csv.DictReader(io.StringIO(cli("flagged", "--format", "csv").out)))
    assert [int(r["id"]) for r in exported] == [r["id"] for r in rows]
    by_id = {str(r["id"]): r for r in rows}
    for line in exported:
        row = by_id[line["id"]]
        assert line["url"] == row["url"] and line["url"].startswith("http")
        assert line["terms"] == ", ".join(row["terms"]) and line["snippet"] == row["snippet"]
    # A table shows a row's first three terms and how many more.
    longest = max(rows, key=lambda r: len(r["terms"]))
    assert len(longest["terms"]) > 3
    assert f"+{len(longest['terms']) - 3} more" in " ".join(cli("flagged").out.split())
    searched = list(csv.DictReader(io.StringIO(cli("search", "lunar", "--format", "csv").out)))
    assert searched and all(line["url"].startswith("http") for line in searched)


def test_flagged_since_a_span_back_from_now(cli: Spacewatch) -> None:
    # The demo's dates are fixed: a span reaching back to 2025-06-01 takes the 2025 articles.
    days = (dt.datetime.now(dt.UTC).date() - dt.date(2025, 6, 1)).days
    rows = cli("flagged", "--since", f"{days}d", "--format", "json").json()
    by_date = cli("flagged", "--since", "2025-06-01", "--format", "json").json()
    assert rows and [r["id"] for r in rows] == [r["id"] for r in by_date]
    assert all(r["published"] >= "2025-05-31" for r in rows)
    assert len(rows) < len(cli("flagged", "--format", "json").json())


def test_flagged_and_search_by_category(cli: Spacewatch) -> None:
    every = cli("flagged", "--format", "json").json()
    chosen = {
        category: cli("flagged", "--category", category, "--format", "json").json()
        for category in ("lunar", "cooperation")
    }
    for category, rows in chosen.items():
        assert rows and all(category in r["categories"] for r in rows), category
        assert {r["id"] for r in rows} == {r["id"] for r in every if category in r["categories"]}
    # The demo holds articles of one category only, so the filter is no pass-through.
    assert {r["id"] for r in chosen["lunar"]} != {r["id"] for r in chosen["cooperation"]}
    found = cli("search", "lunar", "--category", "cooperation", "--format", "json").json()
    assert found and all(r["flagged"] and "cooperation" in r["categories"] for r in found)
    assert len(found) < len(cli("search", "lunar", "--format", "json").json())
    unknown = cli("flagged", "--category", "mars")
    assert unknown.code == 1
    assert "no flagging category called 'mars' (categories: lunar, cooperation)" in unknown.err


def test_sources_and_runs(cli: Spacewatch) -> None:
    sources = {r["name"]: r for r in cli("sources", "--format", "json").json()}
    assert sources["spacewire-demo"]["articles"] == 5 and sources["spacewire-demo"]["flagged"] == 2
    assert sources["newsroom-demo"]["flagged"] == 1
    assert sources["briefing-demo"]["last_status"] == "finished"
    runs = cli("runs", "--format", "json").json()
    assert {r["source"] for r in runs} == {"briefing-demo", "newsroom-demo", "spacewire-demo"}
    assert all(r["status"] == "finished" for r in runs)


def test_extract_prints_one_record_per_file_in_order(
    tmp_path: Path, spacewatch: Spacewatch
) -> None:
    corpus = build_corpus()
    real = [a for a in corpus.articles if a.raw_html is not None][:2]
    files = []
    for i, article in enumerate(real):
        path = tmp_path / f"{i}-{article.key}.html.gz"
        path.write_bytes(gzip.compress(article.raw_html or b""))
        files.append(path)
    plain = tmp_path / "plain.html"
    plain.write_bytes(real[0].raw_html or b"")
    files.append(plain)
    records = spacewatch("extract", *map(str, files), "--format", "jsonl").jsonl()
    assert [r["file"] for r in records] == [str(f) for f in files]
    for record, article in zip(records, [*real, real[0]], strict=True):
        assert record["title"] == article.title
        assert record["published"][:10] == article.published.date().isoformat()
        assert record["language"] == "en" and record["body"] and record["is_article"] is True
        assert {"file", "title", "authors", "published", "language", "body"} <= set(record)
    as_json = spacewatch("extract", str(files[0]), "--url", "https://example.org/x").json()
    assert len(as_json) == 1 and as_json[0]["url"] == "https://example.org/x"


def test_extract_reports_an_unreadable_file_and_keeps_the_others(
    tmp_path: Path, spacewatch: Spacewatch
) -> None:
    good = tmp_path / "good.html"
    good.write_text("<html><head><title>Fine</title></head><body><p>text</p></body></html>")
    result = spacewatch("extract", str(tmp_path / "missing.html"), str(good))
    assert result.code == 1
    assert [r["title"] for r in result.json()] == ["Fine"]
    assert result.err.count("\n") == 1 and "missing.html" in result.err


def test_flag_plain_text_and_json_lines(spacewatch: Spacewatch) -> None:
    plain = spacewatch(
        "flag",
        stdin="CNSA and Roscosmos signed an MoU on the International Lunar Research Station.",
    )
    (result,) = plain.jsonl()
    assert result["flagged"] and set(result["categories"]) == {"lunar", "cooperation"}
    assert {"term", "category", "count", "offsets", "snippet"} <= set(result["matches"][0])
    lines = "\n".join(
        json.dumps(r)
        for r in [
            {"title": "Lunar New Year", "body": "Offices close for the Lunar New Year holiday."},
            {
                "title": "Chang'e-6",
                "body": "Chang'e-6 returned samples from the far side of the Moon.",
            },
        ]
    )
    results = spacewatch("flag", stdin=lines).jsonl()
    assert [r["flagged"] for r in results] == [False, True]


def test_flag_reports_a_bad_json_line_by_number_and_flags_the_others(
    spacewatch: Spacewatch,
) -> None:
    """One broken line in a JSON-lines file is an error naming it; the lines around it are
    still flagged one by one, not read as one plain text."""
    lines = [
        json.dumps({"title": "Chang'e-6 lands on the far side of the Moon"}),
        '{"title": "cut off',
        json.dumps(["a", "list"]),
        json.dumps({"title": 5}),
        "",
        json.dumps({"body": "CNSA and Roscosmos signed an MoU on the ILRS."}),
    ]
    result = spacewatch("flag", stdin="\n".join(lines))
    assert result.code == 1
    assert [r["categories"] for r in result.jsonl()] == [["lunar"], ["lunar", "cooperation"]]
    errors = result.err.splitlines()
    assert [e.split(": ")[3] for e in errors] == ["line 2", "line 3", "line 4"]
    assert all(e.startswith("spacewatch: error: standard input: line ") for e in errors)


@pytest.mark.parametrize(
    ("config", "args", "message"),
    [
        ("[crawl]\nspeed = 3\n", ["crawl"], "crawl.speed: unknown key"),
        ("[database\n", ["sources"], "not valid TOML"),
        (
            "[database]\nurl = 'sqlite:////no/such/dir/x.db'\n",
            ["crawl"],
            "database directory does not exist: /no/such/dir",
        ),
        ("", ["crawl", "no-such-source"], "unknown source 'no-such-source'"),
        ("", ["search", "moon", "--since", "last tuesday"], "--since: not a date"),
        ("", ["show", "999"], "database"),
        # A pattern that fails only with its lists written out: refused as the config loads.
        (BAD_LOOK_BEHIND, ["crawl"], "flagging.terms[0].pattern: not a valid regular"),
        (BAD_LOOK_BEHIND, ["run", "--once"], "look-behind requires fixed-width pattern"),
    ],
)
def test_user_errors_are_one_line_and_non_zero(
    tmp_path: Path, config: str, args: list[str], message: str
) -> None:
    path = tmp_path / "spacewatch.toml"
    path.write_text(config)
    result = Spacewatch(tmp_path, config=path)(*args)
    assert result.code == 1
    assert result.err.strip().count("\n") == 0, result.err
    assert result.err.startswith("spacewatch: error:") and message in result.err
    assert "Traceback" not in result.err


def test_unknown_article_and_source_filter_are_clear_errors(cli: Spacewatch) -> None:
    missing = cli("show", "999999")
    assert missing.code == 1 and "no stored article '999999'" in missing.err
    unknown = cli("flagged", "--source", "nope")
    assert unknown.code == 1 and "no stored source called 'nope'" in unknown.err


def test_init_writes_a_config_that_loads_and_refuses_to_overwrite(
    tmp_path: Path, spacewatch: Spacewatch
) -> None:
    assert spacewatch("init").code == 0
    written = (tmp_path / "spacewatch.toml").read_text()
    assert "[[sources]]" in written and "silk-road-briefing" in written
    again = spacewatch("init")
    assert again.code == 1 and "--force" in again.err
    assert (
        Spacewatch(tmp_path, config=tmp_path / "spacewatch.toml")(
            "sources", "--format", "json"
        ).code
        == 0
    )


def test_reflag_applies_a_changed_taxonomy_without_recrawling(tmp_path: Path) -> None:
    web_db = database_url_for(tmp_path)
    with DemoWeb() as web:
        config = tmp_path / "spacewatch.toml"
        config.write_text(web.config_toml(web_db))
        cli = Spacewatch(tmp_path, config=config)
        assert cli("crawl").code == 0
    before = {r["id"] for r in cli("flagged", "--format", "json").json()}
    # A taxonomy with one more category: the bundled terms (a user list replaces them, so it
    # repeats them) plus "green hydrogen", which Namibia's pipeline story mentions.
    from crawler.config import bundled_config_text

    bundled_terms = (
        bundled_config_text().split("[[flagging.terms]]", 1)[1].split("# Sources.", 1)[0]
    )
    config.write_text(
        config.read_text()
        + "\n[flagging.categories.energy]\nthreshold = 1\n\n[[flagging.terms]]"
        + bundled_terms
        + '\n[[flagging.terms]]\ncategory = "energy"\nterm = "green hydrogen"\n'
    )
    changed = cli("reflag", "--format", "json")
    assert changed.code == 0, changed.err
    rows = changed.json()
    expected = {
        a.title
        for a in build_corpus().articles
        if "green hydrogen" in (a.title + " " + a.body).lower()
    }
    assert {r["title"] for r in rows} == expected and len(expected) == 2
    assert all(r["change"] == "flagged" and r["after"] == ["energy"] for r in rows)
    after = {r["id"] for r in cli("flagged", "--format", "json").json()}
    assert after == before | {r["id"] for r in rows}
    shown = cli("show", str(rows[0]["id"]), "--format", "json").json()
    assert any(m["term"] == "green hydrogen" for m in shown["matches"])
    again = cli("reflag")
    assert again.code == 0 and "0 newly flagged, 0 no longer flagged" in again.out
