"""Writes and reads through storage/, on SQLite and on PostgreSQL."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import event, func, select, text, update
from sqlalchemy.orm import Session

from crawler.demoweb.corpus import build_corpus
from crawler.fingerprints import content_hash, minhash_signature
from storage import articles, queries, runs
from storage.database import Database, migrate, open_database, query_plan
from storage.errors import StorageError
from storage.models import Article, ArticleBand
from storage.records import ArticleRecord, KnownUrl, MatchRecord
from storage.search_query import QueryError, SearchQuery

NOW = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
CORPUS = build_corpus()
BODY = CORPUS.by_key("seed-ilrs").body
"""A real article (the Silk Road Briefing seed): near-duplicate detection needs real lengths."""
OTHER_BODIES = [a.body for a in CORPUS.articles if a.raw_html is None and not a.syndicated_from][1:]


def record(url: str, body: str = BODY, title: str = "Lunar station", **kw: object) -> ArticleRecord:
    values: dict[str, object] = {
        "url": url,
        "fetched_url": url,
        "source": "s",
        "title": title,
        "body": body,
        "content_hash": content_hash(body),
        "minhash": minhash_signature(body),
        "fetched_at": NOW,
        "published_at": NOW - dt.timedelta(days=1),
    }
    values.update(kw)
    return ArticleRecord(**values)  # type: ignore[arg-type]


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = open_database(database_url)
    migrate(database)
    yield database
    database.dispose()


def save(db: Database, *records: ArticleRecord) -> list[str]:
    with db.session() as session:
        return [r.outcome for r in articles.save_batch(session, list(records))]


def test_new_then_unchanged_then_updated_keeps_the_old_version(db: Database) -> None:
    assert save(db, record("https://a.org/1")) == ["new"]
    assert save(db, record("https://a.org/1")) == ["unchanged"]
    changed = BODY + " An update: a third partner joined."
    assert save(db, record("https://a.org/1", body=changed)) == ["updated"]
    with db.session() as session:
        detail = queries.get_article(session, "https://a.org/1")
    assert detail is not None and detail.version == 2 and detail.body == changed
    assert [v for v, _ in detail.versions] == [1]


def test_same_content_elsewhere_is_a_duplicate_of_the_first(db: Database) -> None:
    assert save(db, record("https://a.org/1")) == ["new"]
    assert save(db, record("https://b.org/copy", title="Copy")) == ["duplicate"]
    near = (
        BODY.replace("Russia and China have signed", "Moscow and Beijing have signed", 1)
        + "\n\nThis article first appeared in Silk Road Briefing and is republished with permission."
    )
    assert save(db, record("https://c.org/near", body=near)) == ["duplicate"]
    unrelated = CORPUS.by_key("BBC_2024_08_01").body
    assert save(db, record("https://d.org/other", body=unrelated)) == ["new"]
    with db.session() as session:
        original = queries.get_article(session, "https://a.org/1")
    assert original is not None and [u for _, _, u in original.duplicates] == [
        "https://b.org/copy",
        "https://c.org/near",
    ]


def test_copies_within_one_batch_are_duplicates_too(db: Database) -> None:
    assert save(
        db, record("https://a.org/1"), record("https://b.org/1"), record("https://a.org/1")
    ) == ["new", "duplicate"]


def test_near_copies_within_one_batch_are_found_among_all_earlier_originals(
    db: Database,
) -> None:
    """The batch's own originals are compared in one go: a near copy (another content hash)
    after an article without a body and several unrelated ones still finds its original."""
    near = BODY.replace("Russia and China have signed", "Moscow and Beijing have signed", 1)
    batch = [
        record("https://a.org/first"),
        record("https://b.org/empty", body=""),
        *(record(f"https://c.org/{i}", body=body) for i, body in enumerate(OTHER_BODIES[:3])),
        record("https://d.org/near", body=near),
    ]
    assert save(db, *batch) == ["new", "new", "new", "new", "new", "duplicate"]
    assert originals_and_copies(db)["https://d.org/near"] == "https://a.org/first"


def test_lookups_by_one_parameter_keep_every_value_as_it_is(db: Database) -> None:
    """``in_one_parameter`` sends a list as one JSON array (SQLite) or array (PostgreSQL):
    quotes, backslashes, non-ASCII text and the extreme 64-bit band keys come back matched."""
    urls = ['https://a.org/"quoted"', "https://a.org/back\\slash", "https://a.org/月球"]
    save(db, *(record(url, body=body) for url, body in zip(urls, OTHER_BODIES, strict=False)))
    extremes = [-(2**63), 2**63 - 1]
    with db.session() as session:
        article_id = session.scalar(select(Article.id).where(Article.url == urls[0]))
        session.add_all(
            ArticleBand(article_id=article_id, band=100 + i, key=key)
            for i, key in enumerate(extremes)
        )
        session.flush()
        dialect = session.get_bind().dialect.name
        in_urls = articles.in_one_parameter(Article.url, [*urls, "https://a.org/none"], dialect)
        found_urls = session.scalars(select(Article.url).where(in_urls)).all()
        in_keys = articles.in_one_parameter(ArticleBand.key, [*extremes, 0], dialect)
        found_keys = session.scalars(select(ArticleBand.key).where(in_keys)).all()
    assert sorted(found_urls) == sorted(urls)
    assert sorted(found_keys) == extremes


def originals_and_copies(db: Database) -> dict[str, str | None]:
    """url -> url of the article it copies (None for an original)."""
    with db.session() as session:
        rows = session.execute(select(Article.id, Article.url, Article.duplicate_of)).all()
    urls = {article_id: url for article_id, url, _ in rows}
    return {url: urls.get(of) if of else None for _, url, of in rows}


def test_the_earliest_published_copy_is_the_original_whatever_the_crawl_order(
    db: Database,
) -> None:
    day = dt.timedelta(days=1)
    alerted = record("https://wire.org/copy", published_at=NOW - day, flagged=True)
    assert save(db, alerted) == ["new"]
    with db.session() as session:  # its alert went out
        session.execute(update(Article).values(alert_pending=False))
    assert save(db, record("https://blog.org/copy", published_at=NOW)) == ["duplicate"]
    # The source itself, published two days before, is crawled last.
    first = record("https://briefing.org/story", published_at=NOW - 3 * day, flagged=True)
    assert save(db, first) == ["new"]
    assert originals_and_copies(db) == {
        "https://briefing.org/story": None,
        "https://wire.org/copy": "https://briefing.org/story",
        "https://blog.org/copy": "https://briefing.org/story",
    }
    with db.session() as session:
        rows = {a.url: a for a in session.scalars(select(Article))}
        bands = session.scalars(select(ArticleBand.article_id).distinct()).all()
    assert rows["https://briefing.org/story"].flagged and not rows["https://wire.org/copy"].flagged
    assert not rows["https://briefing.org/story"].alert_pending  # the story was alerted once
    assert bands == [rows["https://briefing.org/story"].id]  # only originals are candidates

    # In one batch too, and an undated copy never displaces a dated original.
    assert save(
        db,
        record("https://x.org/1", body=OTHER_BODIES[0], published_at=NOW),
        record("https://y.org/1", body=OTHER_BODIES[0], published_at=NOW - day),
        record("https://z.org/1", body=OTHER_BODIES[0], published_at=None),
    ) == ["duplicate", "new", "duplicate"]
    copies = originals_and_copies(db)
    assert copies["https://x.org/1"] == copies["https://z.org/1"] == "https://y.org/1"


@pytest.mark.parametrize("first", ["alert round", "crawl"])
def test_an_alert_round_beside_a_crawl_that_finds_the_original_alerts_the_story_once(
    db: Database, first: str
) -> None:
    """A copy is stored and waits to be alerted; another source's crawl then stores the
    original (published earlier), which demotes the copy, while the leader's alert round takes
    what waits. Whichever transaction starts first, the story is alerted once: the round must
    not take the copy as the crawl demotes it, nor the crawl read the copy's alert as still
    waiting while the round takes it (seen in CI with two workers: five alerts, four flags)."""
    from storage import outbox

    day = dt.timedelta(days=1)
    assert save(db, record("https://wire.org/copy", published_at=NOW, flagged=True)) == ["new"]
    original = record("https://briefing.org/story", published_at=NOW - day, flagged=True)
    taken: list[list[str]] = []
    errors: list[BaseException] = []

    def alert_round(session: Session) -> None:
        taken.append([a.url for a in outbox.take_newly_flagged(session)])

    def crawl(session: Session) -> None:
        assert [r.outcome for r in articles.save_batch(session, [original])] == ["new"]

    def in_thread(work: Callable[[Session], None]) -> threading.Thread:
        def run() -> None:
            try:
                with db.session() as session:
                    work(session)
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)

        thread = threading.Thread(target=run)
        thread.start()
        return thread

    # The first transaction does its work and stays open while the second starts; a second
    # that must wait for it is still waiting a second later, then the first commits.
    one, other = (alert_round, crawl) if first == "alert round" else (crawl, alert_round)
    with db.session() as session:
        one(session)
        second = in_thread(other)
        second.join(timeout=1.0)
    second.join(timeout=30)
    assert not second.is_alive() and not errors, errors
    with db.session() as session:  # the leader's next round
        alert_round(session)
    alerted = [url for urls in taken for url in urls]
    assert len(alerted) == 1, taken
    assert originals_and_copies(db) == {
        "https://briefing.org/story": None,
        "https://wire.org/copy": "https://briefing.org/story",
    }


def test_flags_and_matches_are_stored_for_originals_only(db: Database) -> None:
    match = MatchRecord(
        category="lunar", term="lunar", field="body", count=3, offsets=[1, 2, 3], snippet="«lunar»"
    )
    flagged = record(
        "https://a.org/1", flagged=True, categories=["lunar"], flag_score=3.0, matches=[match]
    )
    copy = dataclasses.replace(flagged, url="https://b.org/1", fetched_url="https://b.org/1")
    with db.session() as session:
        results = articles.save_batch(session, [flagged, copy])
    assert [(r.outcome, r.flagged) for r in results] == [("new", True), ("duplicate", False)]
    with db.session() as session:
        assert [a.id for a in queries.flagged(session, queries.Filters())] == [
            results[0].article_id
        ]
        detail = queries.get_article(session, results[0].article_id)
    assert detail is not None and detail.matches[0].offsets == [1, 2, 3]


def test_flag_reasons_hold_the_flagging_terms_for_any_number_of_articles(db: Database) -> None:
    def match(category: str, term: str) -> MatchRecord:
        return MatchRecord(
            category=category, term=term, field="body", count=1, offsets=[0], snippet=f"«{term}»"
        )

    matches = [match("space", "spacecraft"), match("lunar", "ILRS"), match("lunar", "lunar")]
    flagged = record("https://a.org/1", flagged=True, categories=["lunar"], matches=matches)
    save(db, flagged)
    with db.session() as session:
        (stored,) = queries.flagged(session, queries.Filters())
        # An export of a large database asks for more ids than SQLite takes bound variables
        # (999 before 3.32, 32,766 or 250,000 after, by build): one parameter holds them all.
        reasons = queries.flag_reasons(
            session, [*range(stored.id + 1, stored.id + 300_000), stored.id]
        )
    assert reasons == {stored.id: queries.FlagReason(("ILRS", "lunar"), ("«ILRS»", "«lunar»"))}
    assert reasons[stored.id].snippet == "«ILRS»"


def test_lists_read_no_matches_and_the_article_view_reads_them_with_the_article(
    db: Database,
) -> None:
    match = MatchRecord(
        category="lunar", term="lunar", field="body", count=1, offsets=[4], snippet="«lunar»"
    )
    save(db, record("https://a.org/1", flagged=True, categories=["lunar"], matches=[match]))
    statements: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        statements.append(" ".join(statement.split()))

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        with db.session() as session:
            assert len(queries.flagged(session, queries.Filters())) == 1
            assert len(queries.search(session, SearchQuery.parse("lunar"), queries.Filters())) == 1
        assert not [s for s in statements if "FROM matches" in s]
        with db.session() as session:
            detail = queries.get_article(session, "https://a.org/1")
        assert detail is not None and [m.term for m in detail.matches] == ["lunar"]
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    # An update replaces the matches it loads when it needs them.
    changed = record("https://a.org/1", body=BODY + " Lunar update.", flagged=True, matches=[])
    assert save(db, changed) == ["updated"]
    with db.session() as session:
        detail = queries.get_article(session, "https://a.org/1")
    assert detail is not None and detail.matches == []


def test_known_urls_by_canonical_or_fetched_url(db: Database) -> None:
    entry = NOW - dt.timedelta(hours=1)
    save(
        db,
        record(
            "https://a.org/1", fetched_url="https://a.org/1?utm_source=x", entry_updated_at=entry
        ),
    )
    with db.session() as session:
        known = articles.known_urls(
            session, ["https://a.org/1", "https://a.org/1?utm_source=x", "https://a.org/2"]
        )
    facts = known["https://a.org/1"]
    assert known == {"https://a.org/1": facts, "https://a.org/1?utm_source=x": facts}
    assert facts.changed_at == entry and facts.first_seen_at == facts.last_fetched_at == NOW
    # A sitemap's worth of links, in one parameter (a JSON array on SQLite, an array on
    # PostgreSQL): more than SQLite's limit of bound parameters in older releases (999).
    unknown = [f"https://a.org/new/{n}" for n in range(2001)]
    with db.session() as session:
        batch = articles.known_urls(session, [*unknown, "https://a.org/1?utm_source=x"])
    assert batch == {"https://a.org/1?utm_source=x": facts}


def test_the_known_url_check_reads_only_its_covering_index(tmp_path: Path) -> None:
    """Each found URL would otherwise cost a random read of its article's row. SQLite's
    planner needs statistics to know it: closing a connection, as every crawl does at its
    end, analyzes what it queried (PRAGMA optimize). SQLite only: PostgreSQL plans a tiny
    table as a sequential scan whatever indexes exist."""
    db = open_database(f"sqlite:///{tmp_path / 'spacewatch.db'}")
    migrate(db)
    save(db, record("https://a.org/1"), record("https://a.org/2", body=OTHER_BODIES[0]))
    with db.session() as session:
        assert set(articles.known_urls(session, ["https://a.org/1", "https://a.org/3"])) == {
            "https://a.org/1"
        }
    db.engine.dispose()
    statement = articles.known_url_statement(["https://a.org/1", "https://a.org/3"])
    by_fetched = articles.known_url_statement(["https://a.org/3"], Article.fetched_url)
    with db.engine.connect() as connection:
        plan = query_plan(connection, statement)
        fetched_plan = query_plan(connection, by_fetched)
    db.dispose()
    assert plan[0] == "SEARCH articles USING COVERING INDEX ix_articles_url_known (url=?)", plan
    assert not [line for line in plan[1:] if "articles" in line], plan
    # The URLs the canonical index did not find: the partial index of fetched URLs that
    # differ from the canonical one (migration 0012), not a scan of the table.
    assert fetched_plan[0] == (
        "SEARCH articles USING INDEX ix_articles_fetched_url_differs (fetched_url=?)"
    ), fetched_plan


def test_a_young_article_is_rechecked_once_after_a_while() -> None:
    hour = dt.timedelta(hours=1)
    young, after = 48 * hour, 6 * hour

    def due(first_seen_ago: float, last_fetched_ago: float) -> bool:
        facts = KnownUrl(None, NOW - first_seen_ago * hour, NOW - last_fetched_ago * hour)
        return facts.recheck_due(NOW, young, after)

    assert not due(1, 1)  # too soon after the first fetch
    assert due(7, 7)  # 7 h old, fetched only once
    assert not due(7, 0.5)  # already rechecked
    assert due(30, 29)  # fetched again 1 h after first sight (announced): not the recheck
    assert not due(49, 49)  # no longer young
    assert not KnownUrl(None, NOW - 7 * hour, NOW - 7 * hour).recheck_due(NOW, 0 * hour, after)


def saved_at_once(db: Database, batches: list[list[ArticleRecord]]) -> list[list[str]]:
    """Save each batch from its own thread, all starting together; their outcomes."""
    barrier = threading.Barrier(len(batches))
    outcomes: list[list[str]] = []
    errors: list[BaseException] = []

    def writer(batch: list[ArticleRecord]) -> None:
        try:
            barrier.wait()
            outcomes.append(save(db, *batch))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(batch,)) for batch in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return outcomes


def test_two_writers_at_once_store_each_article_once(db: Database) -> None:
    bodies = [BODY, *OTHER_BODIES]
    batch = [record(f"https://a.org/{i}", body=body) for i, body in enumerate(bodies)]
    outcomes = saved_at_once(db, [batch, batch])
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Article)) == len(batch)
    assert sum(o.count("new") for o in outcomes) == len(batch)


def test_search_ranks_and_filters(db: Database) -> None:
    save(
        db,
        record(
            "https://a.org/1",
            title="Lunar research station",
            published_at=NOW - dt.timedelta(days=400),
        ),
        record(
            "https://a.org/2",
            body=CORPUS.by_key("artemis-accords-signatories").body,
            title="Accords meeting",
            published_at=NOW - dt.timedelta(days=2),
            flagged=True,
        ),
        record(
            "https://b.org/3", body=CORPUS.by_key("BBC_2024_08_01").body, title="Budget", source="t"
        ),
    )
    with db.session() as session:

        def ids(query: str, **filters: object) -> list[str]:
            hits = queries.search(session, SearchQuery.parse(query), queries.Filters(**filters))  # type: ignore[arg-type]
            return [h.url for h in hits]

        assert ids("roscosmos memorandum") == ["https://a.org/1"]
        assert set(ids("lunar station")) == {"https://a.org/1", "https://a.org/2"}
        assert ids('"research station" OR accords') == [
            "https://a.org/1",
            "https://a.org/2",
        ] or ids('"research station" OR accords') == ["https://a.org/2", "https://a.org/1"]
        assert ids("accords -gateway") == ["https://a.org/1"]
        assert ids("signator*") == ["https://a.org/2"]
        assert ids("accords OR lunar", flagged_only=True) == ["https://a.org/2"]
        assert ids("accords OR lunar", since=NOW - dt.timedelta(days=30)) == ["https://a.org/2"]
        assert ids("budget", sources=("s",)) == []
        hit = queries.search(session, SearchQuery.parse("lunar"), queries.Filters())[0]
        assert "«" in hit.snippet and "»" in hit.snippet


def test_search_ranks_the_newest_matches_after_filters(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ranking is over the newest RANKED_MATCHES matches (at least a page of them: a common
    word stays fast at a million articles); filters apply before that cut, so a narrowed
    search reaches older articles."""
    monkeypatch.setattr(queries, "RANKED_MATCHES", 2)
    bodies = OTHER_BODIES[:4]
    save(
        db,
        # Saved oldest first: ids follow. The oldest says "orbit" most, in its title too.
        record("https://a.org/old", body=bodies[0] + " orbit orbit", title="Orbit orbit"),
        record("https://b.org/mid", body=bodies[1] + " orbit", title="Mid", source="t"),
        record("https://a.org/new", body=bodies[2] + " orbit", title="New"),
        record("https://a.org/none", body=bodies[3], title="Nothing here"),
    )
    with db.session() as session:

        def urls(**filters: object) -> list[str]:
            chosen = queries.Filters(**filters)  # type: ignore[arg-type]
            hits = queries.search(session, SearchQuery.parse("orbit"), chosen, limit=2)
            return [h.url for h in hits]

        assert set(urls()) == {"https://b.org/mid", "https://a.org/new"}
        assert urls(sources=("s",)) == ["https://a.org/old", "https://a.org/new"]
        monkeypatch.setattr(queries, "RANKED_MATCHES", 1000)
        assert urls()[0] == "https://a.org/old"


def test_search_pages_follow_one_another_in_rank_order(db: Database) -> None:
    """A page of results is cut from the ranked matches before the articles are read: the
    pages, one after another, are the whole ranked list, with no article twice."""
    bodies = OTHER_BODIES[:7]
    save(
        db,
        *[
            record(f"https://a.org/{n}", body=body + " orbit" * (1 + n % 3), title=f"Story {n}")
            for n, body in enumerate(bodies)
        ],
    )
    with db.session() as session:

        def urls(limit: int, offset: int = 0) -> list[str]:
            found = queries.search(
                session, SearchQuery.parse("orbit"), queries.Filters(), limit, offset
            )
            return [h.url for h in found]

        everything = urls(20)
        assert len(everything) == 7
        assert urls(3) + urls(3, 3) + urls(3, 6) == everything
        assert urls(3, 7) == []
        scores = [
            h.score for h in queries.search(session, SearchQuery.parse("orbit"), queries.Filters())
        ]
        assert scores == sorted(scores, reverse=True)


def test_sqlite_search_checks_its_filters_from_a_covering_index(tmp_path: Path) -> None:
    """Each full-text match is checked against the filters (never a duplicate; flag, dates,
    category) from ix_articles_search_filters, not from its article's row, which holds the
    body: at a million articles those rows are random reads into gigabytes. (A source filter
    is not planned here: on one source's statistics the planner starts from the source.)"""
    from alembic import command

    from storage.database import _alembic_config

    db = open_database(f"sqlite:///{tmp_path / 'spacewatch.db'}")
    command.upgrade(_alembic_config(db), "0010")  # a database from before the index
    save(db, record("https://a.org/1"), record("https://a.org/2", body=OTHER_BODIES[0]))
    with db.engine.begin() as connection:
        connection.execute(text("ANALYZE"))
    db.engine.dispose()
    migrate(db)
    with db.engine.connect() as connection:
        # The upgrade analyzed the new index: PRAGMA optimize would not, and without its
        # statistics the planner kept reading the rows (seen on a database of 1M articles).
        analyzed = "SELECT count(*) FROM sqlite_stat1 WHERE idx = 'ix_articles_search_filters'"
        assert connection.scalar(text(analyzed)) == 1
    with db.engine.begin() as connection:
        # The statistics of a million articles: on two rows the planner would rather check
        # the table through a Bloom filter, and the question is the plan at scale.
        connection.execute(text("ANALYZE"))
        connection.execute(
            text(
                "UPDATE sqlite_stat1 SET stat = '1000000' || substr(stat, instr(stat, ' '))"
                " WHERE tbl = 'articles' AND instr(stat, ' ') > 0"
            )
        )
    db.engine.dispose()  # the next connection reads the statistics
    narrowed = queries.Filters(
        since=NOW - dt.timedelta(days=30), flagged_only=True, category="lunar"
    )
    with db.engine.connect() as connection:
        for filters, id_range in ((queries.Filters(), None), (narrowed, (1, 900_000))):
            statement = queries.search_statement(
                "sqlite", SearchQuery.parse("lunar"), filters, id_range=id_range
            )
            plan = "\n".join(query_plan(connection, statement))
            assert "SEARCH articles USING COVERING INDEX ix_articles_search_filters" in plan, plan
    db.dispose()


def test_date_windows_find_articles_stored_out_of_date_order(db: Database) -> None:
    """A search with a date filter walks only the id range the window admits (read from an
    index): an old article stored late (a backfill) widens that range and is still found, and
    a window holding no article finds nothing."""
    day = dt.timedelta(days=1)
    bodies = OTHER_BODIES[:5]
    save(
        db,
        record("https://a.org/jan", body=bodies[0] + " orbit", published_at=NOW - 300 * day),
        record("https://a.org/jun", body=bodies[1] + " orbit", published_at=NOW - 150 * day),
        record(
            "https://b.org/jun", body=bodies[2] + " orbit", published_at=NOW - 149 * day, source="t"
        ),
        record("https://a.org/dec", body=bodies[3] + " orbit", published_at=NOW - 2 * day),
        # A backfill stores an old article last: the highest id, an early date.
        record("https://a.org/feb", body=bodies[4] + " orbit", published_at=NOW - 280 * day),
    )
    with db.session() as session:

        def urls(**filters: object) -> set[str]:
            chosen = queries.Filters(**filters)  # type: ignore[arg-type]
            return {h.url for h in queries.search(session, SearchQuery.parse("orbit"), chosen)}

        assert urls(until=NOW - 200 * day) == {"https://a.org/jan", "https://a.org/feb"}
        assert urls(since=NOW - 290 * day, until=NOW - 100 * day) == {
            "https://a.org/feb",
            "https://a.org/jun",
            "https://b.org/jun",
        }
        assert urls(since=NOW - 290 * day, sources=("s",)) == {
            "https://a.org/feb",
            "https://a.org/jun",
            "https://a.org/dec",
        }
        assert urls(since=NOW - 10 * day) == {"https://a.org/dec"}
        assert urls(since=NOW - 100 * day, until=NOW - 50 * day) == set()
        assert urls(since=NOW + day) == set()


@pytest.mark.parametrize(
    "query",
    ["'; DROP TABLE articles; --", 'lunar" OR 1=1 --', "NEAR(a b)", "title:lunar", "a AND (", "*"],
)
def test_hostile_search_text_is_literal_or_a_clear_error(db: Database, query: str) -> None:
    save(db, record("https://a.org/1"))
    with db.session() as session, contextlib.suppress(QueryError):
        queries.search(session, SearchQuery.parse(query), queries.Filters())
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Article)) == 1


def test_query_with_only_exclusions_is_refused() -> None:
    with pytest.raises(QueryError):
        SearchQuery.parse("-moon -lunar")


@pytest.mark.parametrize(
    ("text", "required", "beyond"),
    [
        ('"research station"', ["research station"], ""),
        ('"research station" china -moon', ["research station"], "(china)"),
        ('"research station" OR ILRS', [], "((research & station) | ilrs)"),
        ('lunar* "research station"', ["research station"], "(lunar:*)"),
    ],
)
def test_the_words_beyond_required_phrases(text: str, required: list[str], beyond: str) -> None:
    """PostgreSQL reads a required phrase's candidates from its word pairs and the other
    groups' words from the full-text index; an OR'd phrase holds no required pair."""
    parsed = SearchQuery.parse(text)
    assert [" ".join(term.words) for term in parsed.required_phrases] == required
    assert parsed.to_tsquery_words_beyond_phrases() == beyond


def test_crawl_run_records_counts_and_errors(db: Database) -> None:
    with db.session() as session:
        run_id = runs.start_run(session, "s", "https://a.org/")
    with db.session() as session:
        runs.finish_run(
            session,
            run_id,
            status="finished",
            reason="finished",
            counts=runs.RunCounts(pages=5, new=2, errors=1),
            stats={"x": 1},
        )
        runs.record_errors(session, run_id, [("https://a.org/gone", "HTTP 404")])
    with db.session() as session:
        (run,) = queries.runs(session, source="s")
    assert (run.status, run.pages, run.new, run.errors) == ("finished", 5, 2, 1)
    assert run.error_samples == [("https://a.org/gone", "HTTP 404")]


def test_runs_of_a_dead_workers_tasks_are_aborted_and_no_others(db: Database) -> None:
    with db.session() as session:
        dead = runs.start_run(session, "s", job_id=41)
        alive = runs.start_run(session, "s", job_id=42)
        local = runs.start_run(session, "s")
    with db.session() as session:
        assert runs.abort_runs_of_jobs(session, [41], "worker stopped answering") == 1
        assert runs.abort_runs_of_jobs(session, [], "nothing") == 0
    with db.session() as session:
        found = {r.id: (r.status, r.finish_reason) for r in queries.runs(session, source="s")}
    assert found[dead] == ("aborted", "worker stopped answering")
    assert found[alive][0] == found[local][0] == "running"


def test_database_from_a_newer_version_is_refused_untouched(db: Database) -> None:
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(StorageError, match="newer than this spacewatch"):
        migrate(db)
    with db.engine.connect() as conn:
        assert conn.scalar(text("SELECT version_num FROM alembic_version")) == "9999_future"


def test_missing_database_directory_is_a_clear_error(tmp_path: object) -> None:
    with pytest.raises(StorageError, match="database directory does not exist"):
        open_database(f"sqlite:///{tmp_path}/no/such/dir/x.db")


def test_alert_pending_is_set_by_crawls_and_by_reflag_only_when_asked(db: Database) -> None:
    from storage.flags import NewFlags, write_flags

    flagged = record("https://a.org/1", flagged=True, categories=["lunar"])
    plain = record("https://b.org/2", body=OTHER_BODIES[0])
    later = record("https://c.org/3", body=OTHER_BODIES[1])
    with db.session() as session:
        ids = [r.article_id for r in articles.save_batch(session, [flagged, plain, later])]
    newly = [
        NewFlags(id=i, flagged=True, score=3.0, categories=["lunar"], matches=[]) for i in ids[1:]
    ]
    with db.session() as session:
        write_flags(session, newly[:1], NOW, alert=False)
        write_flags(session, newly[1:], NOW, alert=True)
    with db.session() as session:
        pending = dict(session.execute(select(Article.id, Article.alert_pending)).all())
        flagged_now = dict(session.execute(select(Article.id, Article.flagged)).all())
    assert pending == {ids[0]: True, ids[1]: False, ids[2]: True}
    assert all(flagged_now.values())


def test_a_reflag_leaves_unflagged_an_article_demoted_to_a_copy_since_it_was_read(
    db: Database,
) -> None:
    from storage.flags import NewFlags, texts_to_reflag, write_flags

    day = dt.timedelta(days=1)
    save(db, record("https://wire.org/copy", published_at=NOW))
    with db.session() as session:
        (read,) = texts_to_reflag(session, None, 0, 10)
    save(db, record("https://briefing.org/story", published_at=NOW - day))  # the original
    reflagged = NewFlags(id=read.id, flagged=True, score=3.0, categories=["lunar"], matches=[])
    with db.session() as session:
        write_flags(session, [reflagged], NOW, alert=True)
    with db.session() as session:
        copy = session.get_one(Article, read.id)
        assert copy.duplicate_of is not None
        assert not copy.flagged and not copy.alert_pending and copy.categories == []


def test_copies_saved_at_once_by_two_crawls_are_stored_once(db: Database) -> None:
    """Two sources' crawls save the same story (one lightly edited) at the same moment: the
    dedupe check and the insert must not interleave, or both copies become originals."""
    note = "\n\nThis article first appeared elsewhere and is republished."
    for attempt, body in enumerate(OTHER_BODIES[:5]):
        batches = [
            [record(f"https://first.org/{attempt}", body=body)],
            [record(f"https://second.org/{attempt}", body=body + note)],
        ]
        saved_at_once(db, batches)
        with db.session() as session:
            rows = session.execute(
                select(Article.url, Article.duplicate_of).where(
                    Article.url.in_([b[0].url for b in batches])
                )
            ).all()
        assert sorted(d is None for _, d in rows) == [False, True], (attempt, rows)
