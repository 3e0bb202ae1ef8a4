"""Reads: search, one article, flagged list, sources, runs. Plain dataclasses out.

Duplicates (copies of a story stored elsewhere first) are left out of lists and search: the
original stands for them, and ``get_article`` names them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    Integer,
    Select,
    String,
    Subquery,
    Text,
    bindparam,
    cast,
    column,
    func,
    literal,
    literal_column,
    select,
    table,
    text,
    true,
)
from sqlalchemy.orm import Session, selectinload

from storage import snippets
from storage.articles import in_one_parameter
from storage.database import costed_for_memory
from storage.models import (
    Article,
    ArticleVersion,
    CrawlError,
    CrawlRun,
    Match,
    Source,
    fetched_elsewhere,
)
from storage.search_query import SearchQuery

AnySelect = TypeVar("AnySelect", bound=Select[*tuple[Any, ...]])
SNIPPET_OPEN, SNIPPET_CLOSE = "«", "»"
ARTICLES_FTS = table("articles_fts", column("rowid", Integer))
"""The FTS5 table the migrations create on SQLite (not a mapped model)."""
SEARCH_VECTOR: ColumnElement[Any] = literal_column("articles.search_vector")
"""PostgreSQL's generated tsvector column, made by the migrations (not a mapped column)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Filters:
    flagged_only: bool = False
    sources: tuple[str, ...] = ()
    since: dt.datetime | None = None
    until: dt.datetime | None = None
    """Exclusive upper bound, aware UTC."""
    category: str = ""
    """Only articles flagged in this category."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleSummary:
    id: int
    url: str
    source: str
    title: str
    published: dt.datetime | None
    first_seen: dt.datetime
    flagged: bool
    categories: list[str]
    score: float = 0.0
    snippet: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class MatchView:
    category: str
    term: str
    field: str
    count: int
    offsets: list[int]
    snippet: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleDetail:
    summary: ArticleSummary
    body: str
    authors: list[str]
    language: str
    description: str
    section: str
    tags: list[str]
    image_url: str
    modified: dt.datetime | None
    version: int
    flag_score: float
    duplicate_of: int | None
    matches: list[MatchView] = field(default_factory=list)
    duplicates: list[tuple[int, str, str]] = field(default_factory=list)
    """(id, source, url) of copies of this story stored after it."""
    versions: list[tuple[int, dt.datetime]] = field(default_factory=list)
    """(version, superseded at) of earlier states."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceSummary:
    name: str
    homepage: str
    articles: int
    flagged: int
    last_run: dt.datetime | None
    last_status: str


@dataclass(frozen=True, slots=True, kw_only=True)
class RunSummary:
    id: int
    source: str
    started: dt.datetime
    finished: dt.datetime | None
    status: str
    finish_reason: str
    pages: int
    new: int
    updated: int
    duplicates: int
    unchanged: int
    flagged: int
    errors: int
    error_samples: list[tuple[str, str]] = field(default_factory=list)


def _when() -> ColumnElement[Any]:
    return func.coalesce(Article.published_at, Article.first_seen_at)


def _filtered(statement: AnySelect, filters: Filters) -> AnySelect:
    statement = statement.where(Article.duplicate_of.is_(None))
    if filters.flagged_only:
        statement = statement.where(Article.flagged == true())
    if filters.sources:
        statement = statement.where(Source.name.in_(filters.sources))
    statement = _in_window(statement, filters)
    if filters.category:
        # categories is a JSON list; its text form holds each name in double quotes.
        name = filters.category.replace('"', "")
        statement = statement.where(cast(Article.categories, String).like(f'%"{name}"%'))
    return statement


def _in_window(statement: AnySelect, filters: Filters) -> AnySelect:
    """Only articles dated (published, else first seen) in ``filters``' since/until window."""
    if filters.since is not None:
        statement = statement.where(_when() >= _bind_time(filters.since))
    if filters.until is not None:
        statement = statement.where(_when() < _bind_time(filters.until))
    return statement


def _bind_time(value: dt.datetime) -> Any:
    # coalesce() loses the UTCDateTime type, so compare through the column's type explicitly.
    return literal(value, Article.published_at.type)


SUMMARY_COLUMNS = (
    Article.id,
    Article.url,
    Source.name.label("source"),
    Article.title,
    Article.published_at.label("published"),
    Article.first_seen_at.label("first_seen"),
    Article.flagged,
    Article.categories,
)
"""What a list or search page shows of an article, named as ArticleSummary's fields, read as
plain rows rather than Article objects (every column, JSON decoded): the flagged list of 50
at 200k articles on PostgreSQL took 7-8 ms of Python that way, 3.5-5.3 ms as rows. Selected
through ``summary_select``, which joins the source they name."""


def summary_select(*extra: Any) -> Select[*tuple[Any, ...]]:
    """SELECT SUMMARY_COLUMNS and ``extra`` from articles joined to their source."""
    return select(*SUMMARY_COLUMNS, *extra).join(Source, Article.source_id == Source.id)


def _summary(row: Any, score: float = 0.0, snippet: str = "") -> ArticleSummary:
    """An ArticleSummary from a row of SUMMARY_COLUMNS."""
    return ArticleSummary(
        id=row.id,
        url=row.url,
        source=row.source,
        title=row.title,
        published=row.published,
        first_seen=row.first_seen,
        flagged=row.flagged,
        categories=list(row.categories),
        score=score,
        snippet=snippet,
    )


RANKED_MATCHES = 1000
"""Search ranks the newest this-many matches (after filters) by relevance. Ranking every match
of a common word costs seconds at a million articles (bm25 / ts_rank_cd per matching row);
the newest matches come from the index in id order and stop early. A query with fewer
matches is ranked whole."""


def search(
    session: Session, query: SearchQuery, filters: Filters, limit: int = 20, offset: int = 0
) -> list[ArticleSummary]:
    """Articles matching ``query``, most relevant first (among the newest RANKED_MATCHES
    matches), each with a highlighted snippet."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        # psycopg prepares a statement on its 5th run on a connection, and PostgreSQL's plan
        # cache then may switch to a generic plan, made without the words and dates searched:
        # at 1M articles a common word with a source and 90 days took ~1.2 s that way against
        # ~65 ms (docs/PERFORMANCE.md). This transaction only: the write path keeps its
        # cached plans (inserts were ~25 % slower re-planned each time).
        session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))
        # Nor JIT compiling: a statement the planner costs above jit_above_cost (a phrase's
        # candidates by word pairs, whose recheck is priced at the pairs function's cost)
        # spent ~13 ms compiling to run in under 1 ms ("verband immer" at 1M: 2.6 -> 15 ms).
        session.execute(text("SET LOCAL jit = off"))
    id_range = _filtered_id_range(session, filters) if dialect == "sqlite" else None
    if id_range == (None, None):
        return []  # no article is in the date window
    if dialect == "postgresql":
        rows = _page_of(
            session, _postgresql_hits(session, query, filters, limit, offset), limit, offset
        )
    else:
        statement = search_statement(dialect, query, filters, limit, offset, id_range)
        rows = [(row, row.rank) for row in session.execute(statement)]
    highlighted = _search_snippets(session, dialect, query, {row.id: row.body for row, _ in rows})
    # bm25 is lower-is-better; the score shown is higher-is-better on both databases.
    sign = -1.0 if dialect == "sqlite" else 1.0
    return [
        _summary(row, sign * float(rank), _one_line(highlighted.get(row.id))) for row, rank in rows
    ]


def _postgresql_hits(
    session: Session, query: SearchQuery, filters: Filters, limit: int, offset: int
) -> list[Hit]:
    """The newest matches to rank, each with its rank, by the cheapest way to find them."""
    wanted = _ranked(limit, offset)
    if query.has_phrase:
        return _phrase_hits(session, query, filters, wanted)
    window_first = _in_narrow_window(session, filters)
    hits = None if window_first else _word_hits(session, query, filters, wanted)
    if hits is None:
        newest = newest_matches(query, filters, wanted, window_first).subquery("hits")
        hits = _with_ranks(session, newest, query)
    return hits


Hit = tuple[int, float]
"""(article id, rank) of a match, as the PostgreSQL hit statements return them: the rank is
computed where the match's tsvector was just read (its TOAST pages in the buffer cache) rather
than by a second statement reading the 1,000 rows and their tsvectors again."""


def _page_of(session: Session, hits: list[Hit], limit: int, offset: int) -> list[tuple[Any, float]]:
    """The page of ``hits``, best rank first (newest first among equals): (row of
    SUMMARY_COLUMNS and body, rank) each."""
    page = sorted(hits, key=lambda hit: (-hit[1], -hit[0]))[offset : offset + limit]
    if not page:
        return []
    statement = summary_select(Article.body)
    ids = [article_id for article_id, _ in page]
    found = {row.id: row for row in session.execute(statement.where(Article.id.in_(ids)))}
    return [(found[article_id], rank) for article_id, rank in page]


def _filtered_id_range(session: Session, filters: Filters) -> tuple[Any, Any] | None:
    """(lowest, highest) id of the articles a date filter admits (with its source and flagged
    filters), read from a covering index (ix_articles_source_when, ix_articles_when,
    ix_articles_flagged_when); None without a date filter.

    SQLite's full-text index walks matches in id order and checks the filters on each: a common
    word in a narrow window walked every newer match first (5 s at 1M articles). Bounding the
    walk by this range gives the same rows, since every admitted id lies in it; articles arrive
    roughly in date order, so a window is a short range. (PostgreSQL's planner combines the
    indexes itself.)"""
    if filters.since is None and filters.until is None:
        return None
    bounds = select(func.min(Article.id), func.max(Article.id))
    if filters.sources:
        ids = select(Source.id).where(Source.name.in_(filters.sources))
        bounds = bounds.where(Article.source_id.in_(ids.scalar_subquery()))
    if filters.flagged_only:
        bounds = bounds.where(Article.flagged == true())
    low, high = session.execute(_in_window(bounds, filters)).one()
    return low, high


NARROW_WINDOW = 3000
"""Articles a source or date filter may admit for a PostgreSQL search to test each of them
against the words (~8 µs each) rather than read the words' postings from the GIN index: a
common word at 1M articles has ~250,000 (~60 ms), a source's last 90 days ~1,600 articles
(~13 ms). Above it the planner's own plan stands."""


def _in_narrow_window(session: Session, filters: Filters) -> bool:
    """True when ``filters`` narrow by source, date or flag to at most NARROW_WINDOW
    articles (counted from the covering indexes, stopping at NARROW_WINDOW + 1)."""
    if not (filters.sources or filters.since or filters.until or filters.flagged_only):
        return False
    window = _filtered(select(Article.id).join(Source), filters).limit(NARROW_WINDOW + 1)
    count = session.scalar(select(func.count()).select_from(window.subquery()))
    return (count or 0) <= NARROW_WINDOW


WALK_ROW_MS = 0.009
"""PostgreSQL, measured at 1M articles: testing one row's tsvector (read from TOAST) while
walking the primary key from the newest article."""
POSTING_MS = 0.00023
"""Reading one row pointer of a word's GIN posting list into a bitmap."""
UNKNOWN_WORD_SHARE = 0.005
"""PostgreSQL's estimate for a word outside its statistics' most common ones
(DEFAULT_TS_MATCH_SEL): the word's share is then unknown, below the least common of them."""
FIRST_WINDOW_SHARE = 0.05
"""The share a word of unknown frequency is assumed to have for sizing the first id window;
each next window is sized by the share seen in the windows before it."""


def _word_hits(
    session: Session, query: SearchQuery, filters: Filters, wanted: int
) -> list[Hit] | None:
    """PostgreSQL: the newest ``wanted`` matches, newest first, with their ranks, read from
    the GIN index in id windows from the newest article; None when the planner's own plan is
    cheaper (the commonest words).

    Two plans are open to PostgreSQL, both slow at 1M articles for a word in a few per cent of
    them: walking the primary key backwards and testing each row's tsvector (read from TOAST)
    until ``wanted`` match, ~wanted / share rows (a word in 7 %: 13,700 rows, ~125 ms); or
    reading all the word's postings from the GIN index and then every matching row from the
    heap to order them by id (a word in 2 %: 20,000 rows, ~95 ms). A window of the newest ids
    ANDed with the GIN postings reads only that window's rows from the heap. The walk stays
    for the words whose share the planner knows to be high enough that it is cheaper (its
    statistics hold the commonest words; any other word is rarer than those)."""
    planned = _planner_estimate(session, query)
    if planned is None:
        return None  # never analysed: no statistics to go by
    estimate, total = planned
    if estimate:
        share = min(1.0, estimate / total)
        if POSTING_MS * estimate >= WALK_ROW_MS * wanted / share:
            return None
    else:
        share = FIRST_WINDOW_SHARE

    def newest_between(limit: int, low: int, high: int) -> list[Hit]:
        in_window = (
            select(Article.id.label("id"), SEARCH_VECTOR.label("vector"))
            .join(Source, Article.source_id == Source.id)
            .where(SEARCH_VECTOR.op("@@")(_tsquery(query)), Article.id > low, Article.id <= high)
        )
        newest = _filtered(in_window, filters).order_by(Article.id.desc())
        return _with_ranks(session, newest.limit(limit).subquery("newest"), query)

    return _in_id_windows(session, wanted, share, newest_between)


def _in_id_windows(
    session: Session,
    wanted: int,
    share: float,
    newest_between: Callable[[int, int, int], list[Hit]],
) -> list[Hit]:
    """The newest ``wanted`` hits, newest first, from ``newest_between(limit, low, high)``
    (the newest ``limit`` hits with low < id <= high) called on windows of ids from the
    newest article down, each sized to hold what is still wanted at the share of articles
    that match (``share`` for the first, then the share the last window found)."""
    high = session.scalar(select(func.max(Article.id))) or 0
    session.execute(text("SET LOCAL enable_indexscan = off"))  # a bitmap, not the walk
    found: list[Hit] = []
    window = int(1.5 * wanted / share) + 1
    # Nor a sequential scan: it tests every row's tsvector, read from TOAST (~9 µs a row),
    # which the planner does not cost. On a small database a common word's window spans the
    # table and the default random_page_cost (4, for spinning disks) priced the bitmap of its
    # postings just above the scan: the statement took 102 ms against 20 ms, the search 74
    # against 30 ms p50 at 10,000 bench articles (no change at 200,000).
    with costed_for_memory(session):
        while high > 0 and len(found) < wanted:
            # A window over a third of the ids left is the last: no lower bound, so the
            # planner reads the remaining matches from the index alone (cheap when they are
            # few) rather than ANDing them with a long range of the primary key.
            last = window * 3 > high
            low = 0 if last else high - window
            got = newest_between(wanted - len(found), low, high)
            found += got
            share = max(len(got), 1) / (high - low)
            window = int(1.5 * (wanted - len(found)) / share) + 1
            high = low
    session.execute(text("SET LOCAL enable_indexscan TO DEFAULT"))
    return found


def _with_ranks(session: Session, hits: Subquery, query: SearchQuery) -> list[Hit]:
    """(id, rank) of the rows of ``hits`` (columns id and vector), newest first."""
    return [(int(i), float(r)) for i, r in session.execute(ranked_statement(hits, query))]


def ranked_statement(hits: Subquery, query: SearchQuery) -> Select[tuple[int, Any]]:
    """PostgreSQL: the SELECT of (id, rank) over ``hits`` (columns id and vector, e.g. from
    ``newest_matches`` or ``phrase_statement``), newest first."""
    ranked = select(hits.c.id, func.ts_rank_cd(hits.c.vector, _tsquery(query)))
    return ranked.order_by(hits.c.id.desc())


def _planner_estimate(session: Session, query: SearchQuery) -> tuple[float, float] | None:
    """(articles the planner estimates to match ``query``, articles in the table); the
    estimate is 0 when the statistics do not know the words (they hold the commonest ones, so
    the words are rarer than those); None when the table was never analysed."""
    total = session.scalar(text("SELECT reltuples FROM pg_class WHERE oid = 'articles'::regclass"))
    if not total or total <= 0:
        return None
    estimate = _estimated_matches(session, query)
    if estimate <= 1.01 * UNKNOWN_WORD_SHARE * total:  # the planner rounds its estimate
        estimate = 0.0
    return estimate, float(total)


def _estimated_matches(session: Session, query: SearchQuery) -> float:
    """The planner's estimate of the articles matching ``query`` (from its statistics of the
    tsvector's words; planning only, ~1 ms)."""
    plan = session.execute(
        text(
            "EXPLAIN (FORMAT JSON) SELECT 1 FROM articles "
            "WHERE search_vector @@ to_tsquery('english', :q)"
        ),
        {"q": query.to_tsquery()},
    ).scalar_one()
    return float(plan[0]["Plan"]["Plan Rows"])


def _ranked(limit: int, offset: int) -> int:
    """How many of the newest matches a search ranks: RANKED_MATCHES, or the page if deeper."""
    return max(RANKED_MATCHES, limit + offset)


PHRASE_WINDOW = 100_000
"""Ids per step of ``_phrase_hits``' walk from the newest article (each next step 4x)."""


def _phrase_hits(session: Session, query: SearchQuery, filters: Filters, wanted: int) -> list[Hit]:
    """PostgreSQL: the newest ``wanted`` matches of a query with a phrase, newest first, with
    their ranks.

    GIN on the tsvector stores no word positions, so a phrase is checked against each
    candidate's tsvector (read from TOAST). Planned directly, PostgreSQL walks the primary key
    backwards and checks the phrase on every row, most of which lack its words (1.4 s at 330k
    articles). Here the candidates come from indexes exactly: articles holding every adjacent
    word pair of the query's phrases (``ix_articles_word_pairs``, migration 0010), or, for a
    phrase with no such pair ("the moon": one word once stop words go), holding all the
    words, newest first in id windows of PHRASE_WINDOW ids; the phrase is then checked on
    them, newest first, until enough match. Pairs of common words are read in id windows
    too (``_common_phrase_share``). A phrase that stop words leave a single word
    ("Share your") is searched as words are (``_word_hits``: 85 -> 33 ms at 200k
    articles)."""
    pairs = _phrase_pairs(session, query)
    if pairs:
        # Room for an exact bitmap of every candidate: a lossy one (over work_mem, 4 MB by
        # default: ~90k table pages) would recheck its pages' rows by computing their word
        # pairs, ~0.5 ms each. 64 MB holds ~1.4M pages; this transaction only.
        session.execute(text("SET LOCAL work_mem = '64MB'"))
        # Without the words' own bitmap the planner overrates the candidates (no statistics
        # on the pairs) and starts two workers: slower here for every phrase measured.
        session.execute(text("SET LOCAL max_parallel_workers_per_gather = 0"))
        share = _common_phrase_share(session, query, wanted)
        if share is None:
            statement = phrase_statement(query, filters, wanted, pairs)
            return _with_ranks(session, statement.subquery(), query)

        def newest_between(limit: int, low: int, high: int) -> list[Hit]:
            statement = phrase_statement(query, filters, limit, pairs, window=(low, high))
            return _with_ranks(session, statement.subquery(), query)

        return _in_id_windows(session, wanted, share, newest_between)
    if not _keeps_a_phrase(session, query):  # "Share your" is the word 'share'
        windowed = _word_hits(session, query, filters, wanted)
        if windowed is not None:
            return windowed
    found: list[Hit] = []
    high, window = session.scalar(select(func.max(Article.id))) or 0, PHRASE_WINDOW
    while high > 0 and len(found) < wanted:
        low = max(0, high - window)
        statement = phrase_statement(query, filters, wanted - len(found), window=(low, high))
        found += _with_ranks(session, statement.subquery(), query)
        high, window = low, window * 4
    return found


PAIR_WINDOWS_FROM = 3
"""A phrase is searched in id windows when its words are estimated in more than this many
times the matches wanted."""


def _common_phrase_share(session: Session, query: SearchQuery, wanted: int) -> float | None:
    """PostgreSQL: the share of articles the planner estimates to hold the words of
    ``query``'s phrase when they are common enough for id windows to pay; else None.

    Candidates by word pairs are exact, but ordering them by id reads every one's heap row:
    "months later" at 1M articles, 9,500 candidates, ~60 ms. A window of the newest ids reads
    only its own candidates, but costs a bitmap of its id range (~10 ms per 150,000 ids), which
    only pays when the candidates are many; the words' statistics, which know the common
    words, tell that. The words' share is above the phrase's, so the first window is smaller
    than needed and the next is sized by what it found."""
    planned = _planner_estimate(session, query)
    if planned is None or planned[0] <= PAIR_WINDOWS_FROM * wanted:
        return None
    estimate, total = planned
    return min(1.0, estimate / total)


def _keeps_a_phrase(session: Session, query: SearchQuery) -> bool:
    """Whether PostgreSQL's tsquery of ``query`` still has a phrase operator once stop words
    are gone ("the moon" and "Share your" are one word each). Without one the GIN index
    answers the query exactly, and it is searched as words are; with one, every candidate a
    window's bitmap holds would be rechecked against its TOASTed tsvector ('"central bank" OR
    moon' at 200k articles: 36 -> 127 ms that way), so the candidates come by words alone."""
    normalized = session.scalar(select(cast(_tsquery(query), Text)))
    return re.search(r"<(?:-|\d+)>", str(normalized or "")) is not None


def phrase_statement(
    query: SearchQuery,
    filters: Filters,
    limit: int,
    pairs: list[str] | None = None,
    window: tuple[int, int] | None = None,
) -> Select[tuple[int, Any]]:
    """PostgreSQL: (id, tsvector) of the newest ``limit`` matches of ``query`` (the tsvector
    read already, for ranking them) among the candidates that hold every word pair in
    ``pairs`` (``ix_articles_word_pairs``) and every word of the query's other terms, or,
    without pairs, every word of it; within ``window`` of ids (lowest excluded) if given.

    A phrase's pairs imply its words, so the words' GIN postings are not read for it: for
    two common words ("months later" at 1M articles: 42,900 hold both words, 9,500 the pair)
    that bitmap took 22 ms, the pairs' 2 ms."""
    vector = SEARCH_VECTOR
    narrowed = select(Article.id.label("id"), vector.label("vector")).join(
        Source, Article.source_id == Source.id
    )
    words = query.to_tsquery_words_beyond_phrases() if pairs else query.to_tsquery_words()
    if pairs:
        narrowed = narrowed.where(word_pairs_held(pairs))
    if words:
        narrowed = narrowed.where(vector.op("@@")(func.to_tsquery("english", words)))
    if window is not None:
        if window[0] == 0 and pairs:
            # The last window: "+ 0" keeps the bound out of the primary key. The planner,
            # pricing the recheck of the pairs at their function's cost, would AND the pairs'
            # bitmap with one of the whole id range (850,000 ids: 63 ms) to spare rechecks
            # that an exact bitmap never makes.
            narrowed = narrowed.where((Article.id + 0) <= window[1])
        else:
            narrowed = narrowed.where(Article.id > window[0], Article.id <= window[1])
    # The tsvector rides along as a TOAST pointer, read only for the candidates checked
    # before the LIMIT is reached; OFFSET 0 keeps the check out of the index scan.
    candidates = (
        _filtered(narrowed, filters).order_by(Article.id.desc()).offset(0).subquery("candidates")
    )
    return (
        select(candidates.c.id, candidates.c.vector)
        .where(candidates.c.vector.op("@@")(_tsquery(query)))
        .order_by(candidates.c.id.desc())
        .limit(limit)
    )


def word_pairs_held(pairs: list[str]) -> ColumnElement[bool]:
    """PostgreSQL: the article holds every one of these word pairs; the left side is the
    expression of ``ix_articles_word_pairs`` (migration 0010), which answers it."""
    held = bindparam("pairs", pairs, type_=ARRAY(Text))
    return func.spacewatch_word_pairs(SEARCH_VECTOR).op("@>")(held)  # type: ignore[no-any-return]


def _phrase_pairs(session: Session, query: SearchQuery) -> list[str]:
    """The adjacent lexeme pairs every match must hold: those of each phrase the query
    requires (a phrase among OR'd alternatives is not required), made by the same function
    as the index from the phrase's own tsvector, so "Artemis Accords" gives "artemi accord"
    exactly as the articles' text does."""
    required = [" ".join(term.words) for term in query.required_phrases]
    pairs: set[str] = set()
    for phrase in required:
        found = session.scalar(
            select(func.spacewatch_word_pairs(func.to_tsvector("english", phrase)))
        )
        pairs.update(found or ())
    return sorted(pairs)


def search_statement(
    dialect: str,
    query: SearchQuery,
    filters: Filters,
    limit: int = 20,
    offset: int = 0,
    id_range: tuple[int, int] | None = None,
    window_first: bool = False,
) -> Select[*tuple[Any, ...]]:
    """The SELECT of a search's rows (SUMMARY_COLUMNS, body, rank), best first. On SQLite it
    is what ``search`` runs, its full-text walk bounded by ``id_range`` when given
    (``_filtered_id_range``). On PostgreSQL it is the plain statement: ``search`` ranks each
    match in the statement that finds it (``_postgresql_hits``), and this one is what those
    are checked against; with ``window_first`` the articles the filters admit are tested
    against the words one by one (``_in_narrow_window``)."""
    ranked = _ranked(limit, offset)
    if dialect == "sqlite":
        # title hits weigh ten times a body hit
        rank: ColumnElement[Any] = literal_column("bm25(articles_fts, 10.0, 1.0)")
        newest: ColumnElement[Any] = ARTICLES_FTS.c.rowid
        matches = (
            select(newest.label("id"), rank.label("rank"))
            .select_from(ARTICLES_FTS)
            .join(Article, Article.id == newest)
            .join(Source, Article.source_id == Source.id)
            .where(_fts_match(query))
        )
        if id_range is not None:
            matches = matches.where(newest.between(*id_range))
        hits = _filtered(matches, filters).order_by(newest.desc()).limit(ranked).subquery("hits")
        # The page is cut from the hits before any article row is read: sorting the joined
        # rows read every hit's columns, body included, into the sorter (1,000 rows for 20).
        page = (
            select(hits.c.id, hits.c.rank)
            .order_by(hits.c.rank.asc(), hits.c.id.desc())
            .limit(limit)
            .offset(offset)
            .subquery("page")
        )
        return (
            summary_select(Article.body, page.c.rank)
            .join(page, page.c.id == Article.id)
            .order_by(page.c.rank.asc(), Article.id.desc())
        )
    # PostgreSQL: the rank is computed outside, for the newest matches only (in the inner
    # SELECT it would be computed for every match before the LIMIT).
    hits_pg = newest_matches(query, filters, ranked, window_first).subquery("hits")
    rank_pg = func.ts_rank_cd(SEARCH_VECTOR, _tsquery(query))
    return (
        summary_select(Article.body, rank_pg.label("rank"))
        .join(hits_pg, hits_pg.c.id == Article.id)
        .order_by(rank_pg.desc(), Article.id.desc())
        .limit(limit)
        .offset(offset)
    )


def newest_matches(
    query: SearchQuery, filters: Filters, limit: int, window_first: bool = False
) -> Select[tuple[int, Any]]:
    """PostgreSQL: (id, tsvector) of the newest ``limit`` matches as the planner finds them
    (for the commonest words: walking the primary key from the newest article), or, with
    ``window_first``, by testing each article the filters admit."""
    vector = SEARCH_VECTOR
    tsquery = _tsquery(query)
    if window_first:
        # OFFSET 0 keeps the planner from folding the window into the outer query, where it
        # would AND it with the word's GIN bitmap again.
        admitted = select(Article.id.label("id"), vector.label("vector")).join(Source)
        window = _filtered(admitted, filters).offset(0).subquery("window")
        return (
            select(window.c.id, window.c.vector)
            .where(window.c.vector.op("@@")(tsquery))
            .order_by(window.c.id.desc())
            .limit(limit)
        )
    matching = (
        select(Article.id.label("id"), vector.label("vector"))
        .join(Source, Article.source_id == Source.id)
        .where(vector.op("@@")(tsquery))
    )
    return _filtered(matching, filters).order_by(Article.id.desc()).limit(limit)


def _fts_match(query: SearchQuery) -> ColumnElement[bool]:
    return text("articles_fts MATCH :match").bindparams(match=query.to_fts5())  # type: ignore[return-value]


def _tsquery(query: SearchQuery) -> ColumnElement[Any]:
    return func.to_tsquery("english", query.to_tsquery())


def _search_snippets(
    session: Session, dialect: str, query: SearchQuery, bodies: dict[int, str]
) -> dict[int, str]:
    """A highlighted passage per article, for the page shown only (``bodies`` by id)."""
    if not bodies:
        return {}
    if dialect != "sqlite":
        options = f"StartSel={SNIPPET_OPEN}, StopSel={SNIPPET_CLOSE}, MaxWords=24, MinWords=8"
        return snippets.headlines(session, query, bodies, options)
    snippet: ColumnElement[Any] = literal_column(
        f"snippet(articles_fts, 1, '{SNIPPET_OPEN}', '{SNIPPET_CLOSE}', '…', 16)"
    )
    rows = session.execute(
        select(ARTICLES_FTS.c.rowid, snippet)
        .select_from(ARTICLES_FTS)
        .where(_fts_match(query), ARTICLES_FTS.c.rowid.in_(list(bodies)))
    )
    return {int(i): str(s) for i, s in rows}


def _one_line(snippet: object) -> str:
    return " ".join(str(snippet or "").split())


def flagged(
    session: Session, filters: Filters, limit: int = 50, offset: int = 0
) -> list[ArticleSummary]:
    """Flagged articles, newest first (publish date, else when first seen)."""
    return [_summary(row) for row in session.execute(flagged_statement(filters, limit, offset))]


def flagged_statement(
    filters: Filters, limit: int = 50, offset: int = 0
) -> Select[*tuple[Any, ...]]:
    """The SELECT of SUMMARY_COLUMNS rows that ``flagged`` runs."""
    statement = (
        summary_select()
        .where(Article.flagged == true())
        .order_by(_when().desc(), Article.id.desc())
    )
    return _filtered(statement, filters).limit(limit).offset(offset)


def get_article(session: Session, key: int | str) -> ArticleDetail | None:
    """One article by id or by URL (canonical or as fetched)."""
    by_key = (
        Article.id == key
        if isinstance(key, int)
        else (Article.url == key) | ((Article.fetched_url == key) & fetched_elsewhere())
    )
    found = session.execute(
        summary_select(Article).where(by_key).options(selectinload(Article.matches)).limit(1)
    ).first()
    if found is None:
        return None
    article = found.Article
    duplicates = session.execute(
        select(Article.id, Source.name, Article.url)
        .join(Source, Article.source_id == Source.id)
        .where(Article.duplicate_of == article.id)
        .order_by(Article.id)
    ).all()
    versions = session.execute(
        select(ArticleVersion.version, ArticleVersion.superseded_at)
        .where(ArticleVersion.article_id == article.id)
        .order_by(ArticleVersion.version)
    ).all()
    return ArticleDetail(
        summary=_summary(found),
        body=article.body,
        authors=list(article.authors),
        language=article.language,
        description=article.summary,
        section=article.section,
        tags=list(article.tags),
        image_url=article.image_url,
        modified=article.modified_at,
        version=article.version,
        flag_score=article.flag_score,
        duplicate_of=article.duplicate_of,
        matches=[
            MatchView(
                category=m.category,
                term=m.term,
                field=m.field,
                count=m.count,
                offsets=list(m.offsets),
                snippet=m.snippet,
            )
            for m in article.matches
        ],
        duplicates=[(int(i), str(s), str(u)) for i, s, u in duplicates],
        versions=[(int(v), at) for v, at in versions],
    )


def source_names(session: Session) -> list[str]:
    return list(session.scalars(select(Source.name).order_by(Source.name)))


def sources(session: Session) -> list[SourceSummary]:
    """Each source with its article and flag counts and its latest run."""
    counts = dict(
        (name, (total, flagged_count))
        for name, total, flagged_count in session.execute(
            select(
                Source.name,
                func.count(Article.id),
                func.coalesce(func.sum(func.cast(Article.flagged, Integer())), 0),
            )
            .join(Article, (Article.source_id == Source.id) & Article.duplicate_of.is_(None))
            .group_by(Source.name)
        )
    )
    latest = (
        select(CrawlRun.source_id, func.max(CrawlRun.id).label("run_id"))
        .group_by(CrawlRun.source_id)
        .subquery()
    )
    last_runs = {
        source_id: (started, status)
        for source_id, started, status in session.execute(
            select(CrawlRun.source_id, CrawlRun.started_at, CrawlRun.status).join(
                latest, CrawlRun.id == latest.c.run_id
            )
        )
    }
    result = []
    for source in session.scalars(select(Source).order_by(Source.name)):
        total, flagged_count = counts.get(source.name, (0, 0))
        started, status = last_runs.get(source.id, (None, ""))
        result.append(
            SourceSummary(
                name=source.name,
                homepage=source.homepage,
                articles=int(total),
                flagged=int(flagged_count),
                last_run=started,
                last_status=status,
            )
        )
    return result


def runs(
    session: Session,
    source: str | None = None,
    limit: int = 20,
    errors_per_run: int = 5,
    ids: Sequence[int] | None = None,
) -> list[RunSummary]:
    """Crawl runs (those with ``ids``, or the latest), newest first, with a few URL errors."""
    statement = select(CrawlRun).order_by(CrawlRun.id.desc())
    statement = statement.where(CrawlRun.id.in_(ids)) if ids is not None else statement.limit(limit)
    if source:
        statement = statement.join(Source, CrawlRun.source_id == Source.id).where(
            Source.name == source
        )
    result = []
    for run in session.scalars(statement):
        samples = session.execute(
            select(CrawlError.url, CrawlError.reason)
            .where(CrawlError.run_id == run.id)
            .order_by(CrawlError.id)
            .limit(errors_per_run)
        ).all()
        result.append(
            RunSummary(
                id=run.id,
                source=run.source.name,
                started=run.started_at,
                finished=run.finished_at,
                status=run.status,
                finish_reason=run.finish_reason,
                pages=run.pages,
                new=run.new,
                updated=run.updated,
                duplicates=run.duplicates,
                unchanged=run.unchanged,
                flagged=run.flagged,
                errors=run.errors,
                error_samples=[(str(u), str(r)) for u, r in samples],
            )
        )
    return result


def daily_counts(session: Session, since: dt.datetime) -> dict[str, dict[dt.date, tuple[int, int]]]:
    """Per source and UTC day since ``since``: (articles first seen, articles flagged)."""
    result: dict[str, dict[dt.date, tuple[int, int]]] = {}
    rows = session.execute(
        select(Source.name, Article.first_seen_at, Article.flagged)
        .join(Source, Source.id == Article.source_id)
        .where(Article.duplicate_of.is_(None), Article.first_seen_at >= _bind_time(since))
    )
    for name, seen, is_flagged in rows:
        days = result.setdefault(name, {})
        seen_count, flagged_count = days.get(seen.date(), (0, 0))
        days[seen.date()] = (seen_count + 1, flagged_count + int(bool(is_flagged)))
    return result


@dataclass(frozen=True, slots=True)
class FlagReason:
    """Why an article is flagged, in a line: what a list or an export shows beside it."""

    terms: tuple[str, ...]
    """The terms matched in the categories it is flagged in, in the order they were stored."""
    snippets: tuple[str, ...]
    """Those matches' snippets, in the same order."""

    @property
    def snippet(self) -> str:
        return self.snippets[0] if self.snippets else ""


def flag_reasons(session: Session, article_ids: list[int]) -> dict[int, FlagReason]:
    """Per article, the terms and snippets of its matches in the categories it is flagged in
    (articles with no such match are left out): not the context's ("nations: «China»"), nor a
    category's it did not reach (a spaceport story flagged for cooperation that names the
    Apollo program once)."""
    if not article_ids:
        return {}
    # One bound parameter however many: an export of every flagged article passes them all.
    dialect = session.get_bind().dialect.name
    rows = session.execute(
        select(Match.article_id, Match.category, Match.term, Match.snippet, Article.categories)
        .join(Article, Article.id == Match.article_id)
        .where(in_one_parameter(Match.article_id, article_ids, dialect))
        .order_by(Match.article_id, Match.id)
    )
    terms: dict[int, dict[str, None]] = {}
    snippets: dict[int, list[str]] = {}
    for article_id, category, term, snippet, categories in rows:
        if category in categories:
            terms.setdefault(article_id, {})[term] = None
            snippets.setdefault(article_id, []).append(snippet)
    return {
        article_id: FlagReason(tuple(found), tuple(snippets[article_id]))
        for article_id, found in terms.items()
    }


@dataclass(frozen=True, slots=True)
class VersionText:
    version: int
    title: str
    body: str
    fetched: dt.datetime | None
    """When this version was fetched (None for the current one: see the article)."""
    superseded: dt.datetime | None
    """When a newer version replaced it (None for the current one)."""


def version_texts(session: Session, article_id: int) -> list[VersionText]:
    """Every version of an article, oldest first, the current one last."""
    article = session.get(Article, article_id)
    if article is None:
        return []
    older = session.scalars(
        select(ArticleVersion)
        .where(ArticleVersion.article_id == article_id)
        .order_by(ArticleVersion.version)
    )
    texts = [VersionText(v.version, v.title, v.body, v.fetched_at, v.superseded_at) for v in older]
    texts.append(
        VersionText(article.version, article.title, article.body, article.last_fetched_at, None)
    )
    return texts
