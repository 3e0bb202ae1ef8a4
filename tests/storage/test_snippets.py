"""Search snippets: on PostgreSQL only the passage holding the query's words goes through
ts_headline, and the snippet is the one the whole body gives."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from storage import queries, snippets
from storage.database import Database, migrate, open_database
from storage.models import Article
from storage.search_query import SearchQuery
from tests.storage.test_articles import OTHER_BODIES, record, save

FILLER = " ".join(OTHER_BODIES[0].split())[:1500]


def test_the_passage_is_where_the_query_s_words_stand_together() -> None:
    body = (
        f"{FILLER} The lunar rover rolled. {FILLER} A lunar research station is planned. {FILLER}"
    )
    passage = snippets.passage(body, ["station", "research", "lunar"])
    assert "lunar research station" in passage
    assert "rover" not in passage
    assert len(passage) <= snippets.PASSAGE_CHARS
    # cut at spaces: the passage's first and last words are whole words of the body
    assert f" {passage.split()[0]} " in f" {body} " and f" {passage.split()[-1]} " in f" {body} "


def test_the_most_hits_in_one_stretch_win_over_the_first_hit() -> None:
    body = f"{FILLER} orbit once. {FILLER} orbit after orbit after orbit. {FILLER}"
    assert "orbit after orbit after orbit" in snippets.passage(body, ["orbit"])


def test_a_body_is_kept_whole_when_no_stem_starts_a_word_or_it_is_short() -> None:
    body = f"{FILLER} a study of the regolith {FILLER}"
    assert snippets.passage(body, ["studi"]) == body  # the stem of "study" is not its prefix
    assert snippets.passage(body, ["regolith"]) != body
    assert snippets.passage(body, ["xylophon"]) == body  # a match in the title only
    assert snippets.passage("Short lunar text.", ["lunar"]) == "Short lunar text."


@pytest.fixture
def pg(postgres_url: str) -> Iterator[Database]:
    database = open_database(postgres_url)
    migrate(database)
    yield database
    database.dispose()


@pytest.mark.parametrize(
    ("query", "highlighted"),
    [("hydrazine", "«hydrazine»"), ("studies", "«study»"), ("refuel*", "«refuelling»")],
)
def test_postgresql_snippets_are_those_of_the_whole_body(
    pg: Database, query: str, highlighted: str
) -> None:
    body = (
        f"{FILLER} The tanks held hydrazine for the descent. {FILLER} "
        f"A study found refuelling in orbit feasible. {FILLER}"
    )
    save(pg, record("https://a.org/long", body=body, title="Propellant"))
    parsed = SearchQuery.parse(query)
    with pg.session() as session:
        (hit,) = queries.search(session, parsed, queries.Filters())
        whole = session.scalar(
            select(
                func.ts_headline(
                    "english",
                    Article.body,
                    func.to_tsquery("english", parsed.to_tsquery()),
                    "StartSel=«, StopSel=», MaxWords=24, MinWords=8",
                )
            )
        )
    assert highlighted in hit.snippet
    assert hit.snippet == " ".join(str(whole).split())
