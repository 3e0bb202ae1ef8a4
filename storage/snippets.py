"""Search snippets on PostgreSQL: the passage of a body that holds the query's words is cut
here, and only that passage goes through ``ts_headline``.

``ts_headline`` parses and stems the whole text it is given to pick its fragment: on the
20 bodies of a result page that was ~8-13 ms of every search at a million articles. The
words' stems come from PostgreSQL's own stemmer (``to_tsvector`` of the query's words); a
stem is nearly always the start of the words it stands for ("accord" of "Accords"), so the
passage is found by searching for the stems at word starts (then, for the stems ending in
"i" or "l", without that letter: "studi" of "study")."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from itertools import islice

from sqlalchemy import ARRAY, Integer, Text, bindparam, func, select, text
from sqlalchemy.orm import Session

from storage.search_query import SearchQuery

PASSAGE_BEFORE = 200
"""Characters kept before the first word of the chosen passage."""
PASSAGE_CHARS = 600
"""Characters in a passage (~100 words): room for ts_headline's 8-24 words around its best
fragment."""
FRAGMENT_CHARS = 120
"""About ts_headline's fragment of up to 24 words: the passage is placed around the first
stretch this long holding the most distinct stems, then the most stems (ts_headline's own
choice counts the query's words in each fragment)."""
MAX_WORD_HITS = 200
"""Word hits considered per body when choosing the passage (a common word may occur hundreds
of times; the first ones suffice)."""


def query_stems(session: Session, query: SearchQuery) -> list[str]:
    """The lexemes PostgreSQL's english configuration makes of the query's words (stop words
    gone), and a prefix term's own text; longest first."""
    terms = [term for group in query.groups for term in group]
    words = " ".join(w for term in terms if not term.prefix for w in term.words)
    stems: set[str] = {term.words[0] for term in terms if term.prefix}
    if words:
        lexemes = session.scalar(select(func.tsvector_to_array(func.to_tsvector("english", words))))
        stems.update(lexemes or ())
    return sorted(stems, key=lambda stem: (-len(stem), stem))


def passage(body: str, stems: list[str]) -> str:
    """The PASSAGE_CHARS of ``body`` around the first stretch of FRAGMENT_CHARS where the most
    distinct stems, then the most stems, start a word; cut at spaces. When no stem starts a
    word, the stems ending in "i" or "l" are tried less that letter ("studi" finds "study",
    "possibl" "possibility"); when those are not found either, the words are taken to be in
    the title only and the body's opening is the passage (ts_headline then shows it unmarked,
    as it did for the whole body)."""
    if len(body) <= PASSAGE_CHARS:
        return body
    # Snowball's stems that are not a prefix of the word: "studi" (y -> i), "possibl" (-bility)
    shorter = [s[:-1] for s in stems if len(s) > 3 and s[-1] in "il"]
    hits = _word_hits(body, stems) or _word_hits(body, shorter)
    if not hits:
        return _cut(body, 0, PASSAGE_CHARS, 0)
    best_at, best = hits[0][0], (0, 0)
    inside: Counter[str] = Counter()  # stems of hits[i:j], the hits within reach of hits[i]
    j = 0
    for i, (at, stem) in enumerate(hits):
        while j < len(hits) and hits[j][0] < at + FRAGMENT_CHARS:
            inside[hits[j][1]] += 1
            j += 1
        score = (len(inside), j - i)  # distinct stems, then hits
        if score > best:
            best_at, best = at, score
        inside[stem] -= 1
        if not inside[stem]:
            del inside[stem]
    start = max(0, best_at - PASSAGE_BEFORE)
    return _cut(body, start, start + PASSAGE_CHARS, best_at)


def _word_hits(body: str, stems: list[str]) -> list[tuple[int, str]]:
    """(offset, stem) of the first MAX_WORD_HITS places where a stem starts a word. A literal
    search in the lower-cased text is ~20x faster than a case-blind regex with a look-behind
    (which is kept for the rare text whose lower case changes its length)."""
    if not stems:
        return []
    alternatives = "|".join(map(re.escape, sorted(stems, key=len, reverse=True)))
    lower = body.lower()
    if len(lower) != len(body):
        pattern = re.compile(rf"(?<!\w)(?:{alternatives})", re.IGNORECASE)
        found = ((m.start(), m.group().lower()) for m in pattern.finditer(body))
    else:
        found = (
            (m.start(), m.group())
            for m in re.finditer(alternatives, lower)
            if not m.start() or not (lower[m.start() - 1].isalnum() or lower[m.start() - 1] == "_")
        )
    return list(islice(found, MAX_WORD_HITS))


def _cut(body: str, start: int, end: int, keep_from: int) -> str:
    """body[start:end], moved to begin after a space and end before one (never past
    ``keep_from``, the first word the passage must hold)."""
    end = min(len(body), end)
    if start > 0:
        space = body.find(" ", start, keep_from)
        start = space + 1 if space != -1 else start
    if end < len(body):
        space = body.rfind(" ", start, end)
        end = space if space > keep_from else end
    return body[start:end]


def headlines(
    session: Session, query: SearchQuery, bodies: Mapping[int, str], options: str
) -> dict[int, str]:
    """PostgreSQL: ``ts_headline`` of each body's passage, by article id."""
    if not bodies:
        return {}
    stems = query_stems(session, query)
    ids = list(bodies)
    statement = text(
        "SELECT x.id, ts_headline('english', x.passage, to_tsquery('english', :q), :options) "
        "FROM unnest(:ids, :passages) AS x(id, passage)"
    ).bindparams(
        bindparam("ids", ids, type_=ARRAY(Integer)),
        bindparam("passages", [passage(bodies[i], stems) for i in ids], type_=ARRAY(Text)),
        q=query.to_tsquery(),
        options=options,
    )
    return {int(i): str(s) for i, s in session.execute(statement)}
