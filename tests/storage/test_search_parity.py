"""The same search gives the same articles on SQLite (FTS5) and PostgreSQL (tsvector): both
queries are built from one parsed query, so phrases, OR, exclusions and prefixes bind alike."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import select, text

from crawler.demoweb.corpus import build_corpus
from crawler.fingerprints import content_hash, minhash_signature
from storage import articles, queries
from storage.database import Database, migrate, open_database, query_plan
from storage.models import Article
from storage.records import ArticleRecord
from storage.search_query import SearchQuery
from tests.storage.test_articles import NOW

QUERIES = [
    "lunar",
    "moon",
    "agreements",  # stemmed: finds "agreement" too, on both
    "signator*",
    "cooper*",  # a prefix of the stem: "cooperation" is indexed as "cooper" on both
    '"research station"',
    '"international lunar research station" OR ILRS',
    "lunar OR artemis",
    "artemis accords",
    "lunar -artemis",
    "nasa esa",
    "launch* -lunar",
    '"space station" OR orbit -moon',
    '"research station" china -artemis',  # a phrase's pairs and another word's postings
]


def corpus_records() -> list[ArticleRecord]:
    stories = [a for a in build_corpus().articles if a.body]
    return [
        ArticleRecord(
            url=f"https://parity.example/{i}",
            fetched_url=f"https://parity.example/{i}",
            source="parity",
            title=story.title,
            body=story.body,
            # Distinct hashes: each story is kept as its own original, copies included.
            content_hash=content_hash(f"{i}:{story.body}"),
            minhash=minhash_signature(f"story {i}"),
            fetched_at=NOW,
            published_at=NOW,
        )
        for i, story in enumerate(stories)
    ]


@pytest.fixture
def both(sqlite_url: str, postgres_url: str) -> Iterator[tuple[Database, Database]]:
    databases = (open_database(sqlite_url), open_database(postgres_url))
    records = corpus_records()
    for database in databases:
        migrate(database)
        with database.session() as session:
            articles.save_batch(session, records)
    yield databases
    for database in databases:
        database.dispose()


def found(database: Database, text: str) -> set[str]:
    with database.session() as session:
        hits = queries.search(session, SearchQuery.parse(text), queries.Filters(), limit=500)
    return {hit.url for hit in hits}


def record_word_windows(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Per call of ``queries._word_hits`` from now on: whether it searched in id windows
    (True) or left the search to the planner (False)."""
    windowed: list[bool] = []
    real_word_hits = queries._word_hits

    def recorded(*args: object) -> list[queries.Hit] | None:
        hits = real_word_hits(*args)  # type: ignore[arg-type]
        windowed.append(hits is not None)
        return hits

    monkeypatch.setattr(queries, "_word_hits", recorded)
    return windowed


def test_every_query_finds_the_same_articles_on_both_databases(
    both: tuple[Database, Database],
) -> None:
    sqlite, postgres = both
    results = {text: (found(sqlite, text), found(postgres, text)) for text in QUERIES}
    differing = {
        text: {"sqlite only": sorted(a - b), "postgresql only": sorted(b - a)}
        for text, (a, b) in results.items()
        if a != b
    }
    assert not differing, differing
    empty = [text for text, (a, _) in results.items() if not a]
    assert not empty, f"queries that find nothing test nothing: {empty}"


def test_a_phrase_window_holds_its_upper_bound_and_not_its_lower(
    both: tuple[Database, Database],
) -> None:
    """``phrase_statement``'s id windows (low, high] meet end to end, the last one (from 0)
    bounded outside the primary key: each match is in exactly the windows that hold it."""
    _, postgres = both
    parsed = SearchQuery.parse('"research station"')
    with postgres.session() as session:
        pairs = queries._phrase_pairs(session, parsed)
        assert pairs

        def ids(window: tuple[int, int]) -> set[int]:
            statement = queries.phrase_statement(parsed, queries.Filters(), 100, pairs, window)
            return {row.id for row in session.execute(statement)}

        matches = ids((0, 10**9))
        assert matches
        for match in matches:
            assert match in ids((match - 1, match)), match
            assert match not in ids((match, match + 1)), match
            assert match in ids((0, match)), match  # the last window
            assert match not in ids((0, match - 1)), match


def test_phrase_search_on_postgresql_finds_the_newest_matches_by_pairs_or_windows(
    both: tuple[Database, Database], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A phrase on PostgreSQL is searched among the candidates holding its word pairs
    (``ix_articles_word_pairs``), in one statement or, when its words are common, in id
    windows (``queries._common_phrase_share``); or, with no pair, in windows of the newest ids: a
    phrase that stop words leave one word ("the moon"), once the table is analysed, in the
    windows of words (``queries._word_hits``), any other in PHRASE_WINDOW ids
    (``queries._phrase_hits``). Each way gives the same articles, ranked the same, as the
    plain statement that checks every match."""
    _, postgres = both
    monkeypatch.setattr(queries, "PHRASE_WINDOW", 3)  # ids: the corpus spans many windows
    monkeypatch.setattr(queries, "RANKED_MATCHES", 4)
    monkeypatch.setattr(queries, "PAIR_WINDOWS_FROM", 0)  # a phrase's pairs in windows too
    windowed = record_word_windows(monkeypatch)
    pair_shares: list[float | None] = []
    real_share = queries._common_phrase_share

    def recorded_share(*args: object) -> float | None:
        pair_shares.append(real_share(*args))  # type: ignore[arg-type]
        # a share so high that the first windows are two ids wide: many over the corpus
        return None if pair_shares[-1] is None else 4.0

    monkeypatch.setattr(queries, "_common_phrase_share", recorded_share)
    filters = [queries.Filters(), queries.Filters(sources=("parity",), since=NOW)]
    phrases = [text for text in QUERIES if '"' in text]
    phrases += ['"lunar research station"', '"the moon"']  # "the moon" is the word 'moon'
    paths = set()
    for analysed in (False, True):
        with postgres.session() as session:
            if analysed:
                session.execute(text("ANALYZE articles"))  # the statistics windows are sized by
            for text_, chosen in [(t, f) for t in phrases for f in filters]:
                parsed = SearchQuery.parse(text_)
                assert parsed.has_phrase
                paths.add(bool(queries._phrase_pairs(session, parsed)))
                statement = queries.search_statement("postgresql", parsed, chosen, 4)
                direct = session.execute(statement)
                found = queries.search(session, parsed, chosen, limit=4)
                assert [h.url for h in found] == [row.url for row in direct], text_
                assert found, text_
            # fewer matches than wanted: every window is walked, none is lost
            parsed = SearchQuery.parse('"international lunar research station" OR ILRS')
            statement = queries.search_statement("postgresql", parsed, filters[0], 500)
            every = [row.url for row in session.execute(statement)]
            found = queries.search(session, parsed, filters[0], limit=500)
            assert every and [h.url for h in found] == every
    assert paths == {True, False}, "both ways of finding a phrase's candidates are tested"
    assert set(windowed) == {True, False}, "both kinds of id window are tested"
    assert None in pair_shares and any(pair_shares), "pairs in one statement and in windows"


def test_words_on_postgresql_are_found_by_window_or_id_windows_as_by_the_plain_plan(
    both: tuple[Database, Database], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Words on PostgreSQL are read from the GIN index in windows of the newest ids
    (``queries._word_hits``), or, under a filter admitting few articles, by testing those
    articles one by one (``queries._in_narrow_window``): the same articles, ranked the same,
    as the plain statement the planner would run."""
    _, postgres = both
    monkeypatch.setattr(queries, "RANKED_MATCHES", 4)  # the corpus spans many windows
    windowed = record_word_windows(monkeypatch)
    with postgres.session() as session:
        session.execute(text("ANALYZE articles"))  # the word statistics the choice reads
    filters = [queries.Filters(), queries.Filters(sources=("parity",), since=NOW)]
    words = [text for text in QUERIES if '"' not in text]
    for text_, chosen in [(w, f) for w in words for f in filters]:
        parsed = SearchQuery.parse(text_)
        with postgres.session() as session:
            narrow = queries._in_narrow_window(session, chosen)
            assert narrow == bool(chosen.sources)
            direct = session.execute(queries.search_statement("postgresql", parsed, chosen, 4))
            expected = [row.url for row in direct]
        with postgres.session() as session:
            hits = queries.search(session, parsed, chosen, limit=4)
        assert [h.url for h in hits] == expected, text_
        assert hits, text_
    assert windowed and all(windowed), "every unfiltered word was read in id windows"


def test_words_the_planner_finds_are_ranked_as_by_the_plain_statement(
    both: tuple[Database, Database], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the planner's own plan finds a word's newest matches (the commonest words), the
    matches are ranked in that statement and the page sorted in Python: the same articles,
    in the same order, with the same scores, as the plain statement ranking them itself."""
    _, postgres = both
    monkeypatch.setattr(queries, "RANKED_MATCHES", 4)
    monkeypatch.setattr(queries, "_word_hits", lambda *args: None)  # the planner's plan
    for text_ in [q for q in QUERIES if '"' not in q]:
        parsed = SearchQuery.parse(text_)
        with postgres.session() as session:
            direct = session.execute(
                queries.search_statement("postgresql", parsed, queries.Filters(), 4)
            ).all()
            expected = [(row.url, pytest.approx(float(row.rank))) for row in direct]
            hits = queries.search(session, parsed, queries.Filters(), limit=4)
        assert [(h.url, h.score) for h in hits] == expected, text_
        assert hits, text_


def test_a_phrase_s_word_pairs_are_those_the_index_holds(
    both: tuple[Database, Database],
) -> None:
    """Pairs of adjacent lexemes, stemmed as in the articles; a stop word leaves a gap, so
    "the moon" has none; a phrase among alternatives is not required, so it gives none."""
    _, postgres = both
    with postgres.session() as session:

        def pairs(text: str) -> list[str]:
            return queries._phrase_pairs(session, SearchQuery.parse(text))

        assert pairs('"Artemis Accords"') == ["artemi accord"]
        assert pairs('"International Lunar Research Station"') == [
            "intern lunar",
            "lunar research",
            "research station",
        ]
        assert pairs('"Secretary of State John Kerry" moon') == ["john kerri", "state john"]
        assert pairs('"the moon"') == []
        assert pairs('"lunar base" OR ILRS') == []
        # without pairs, a phrase is searched as words only when stop words left one word
        assert not queries._keeps_a_phrase(session, SearchQuery.parse('"the moon"'))
        assert not queries._keeps_a_phrase(session, SearchQuery.parse('"Share your" OR moon'))
        assert queries._keeps_a_phrase(session, SearchQuery.parse('"lunar base" OR ILRS'))
        assert queries._keeps_a_phrase(session, SearchQuery.parse('"moon of jupiter"'))


def test_the_word_pair_index_answers_a_phrase_s_candidates(
    both: tuple[Database, Database],
) -> None:
    """The pair test the phrase search uses is the index's own expression, so the index can
    serve it. (On this small table the planner would rather read every row, or take the words'
    index alone: row scans are turned off; bench.storage prints the plan at scale.)"""
    _, postgres = both
    with postgres.session() as session:
        session.execute(text("SET LOCAL enable_seqscan = off"))
        pairs = queries._phrase_pairs(session, SearchQuery.parse('"research station"'))
        statement = select(Article.id).where(queries.word_pairs_held(pairs))
        plan = "\n".join(query_plan(session.connection(), statement))
        assert "ix_articles_word_pairs" in plan, plan
        assert len(session.scalars(statement).all()) > 0


def test_postgresql_plans_every_search_with_its_own_words(
    both: tuple[Database, Database],
) -> None:
    """psycopg prepares a statement on a connection once it has run 5 times, and PostgreSQL
    may then plan it generically, without the words or dates searched: at a million articles
    such a plan took ~1.2 s where one planned for the words took ~65 ms."""
    _, postgres = both
    with postgres.session() as session:
        for n in range(12):
            since = NOW - dt.timedelta(days=30 + n)
            queries.search(session, SearchQuery.parse("lunar"), queries.Filters(since=since))
        custom, generic = session.execute(
            text(
                "SELECT sum(custom_plans), sum(generic_plans) FROM pg_prepared_statements"
                " WHERE statement LIKE '%to_tsquery%'"
            )
        ).one()
    assert custom and generic == 0  # the searches ran as prepared statements, each planned anew
