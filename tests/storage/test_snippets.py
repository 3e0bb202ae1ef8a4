"""Search snippets: on PostgreSQL only the passage holding the query's words goes through
ts_headline, and the snippet is the one the whole body gives."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from storage import queries, snippets
from storage.database import Database
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


def test_a_stem_that_is_not_a_prefix_is_found_shorter_and_a_title_only_match_shows_the_opening() -> (
    None
):
    body = f"{FILLER} a study of the regolith {FILLER}"
    assert "a study of the regolith" in snippets.passage(body, ["studi"])  # "study" -> "studi"
    opening = snippets.passage(body, ["xylophon"])  # the word is in the title only
    assert body.startswith(opening) and 0 < len(opening) <= snippets.PASSAGE_CHARS
    assert snippets.passage("Short lunar text.", ["lunar"]) == "Short lunar text."


@pytest.mark.parametrize(
    ("query", "highlighted"),
    [
        ("hydrazine", "«hydrazine»"),
        ("studies", "«study»"),
        ("possibilities", "«possibility»"),
        ("refuel*", "«refuelling»"),
    ],
)
def test_postgresql_snippets_are_those_of_the_whole_body(
    postgres: Database, query: str, highlighted: str
) -> None:
    body = (
        f"{FILLER} The tanks held hydrazine for the descent. {FILLER} "
        f"A study found refuelling in orbit feasible. {FILLER} The possibility of ice. {FILLER}"
    )
    save(postgres, record("https://a.org/long", body=body, title="Propellant"))
    parsed = SearchQuery.parse(query)
    with postgres.session() as session:
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
