"""What a regular expression cannot match without: sets of literal strings, one of each set
in any text it matches. The flagging matcher checks these against a text once (one
Aho-Corasick pass) and tries a pattern only where all its sets are met: "an astronaut on
another party's programme" need not be tried at each of an article's 30 nation names when
the article holds no "astronaut".

Read from the parsed expression (``re._parser``, the standard library's own parser): a run of
literal characters; a group; an alternation, when every branch has a set (their union); a
repeat of at least one; a positive look-ahead or look-behind (its text is in the text too).
Anything else (a negative look-around, a class, an optional part, a conditional) requires
nothing. An expression the parser cannot read requires nothing, so the answer errs only
towards trying a pattern.
"""

from __future__ import annotations

import re
from typing import Any

try:  # The parser is private: a Python without it tries every pattern, as before.
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - present in CPython 3.11-3.14
    _c = _p = None

SHORTEST = 3
"""A literal shorter than this is in nearly every text: no use as a requirement."""
LARGEST_SET = 400
"""A set of more alternatives (a list of 300 nations) says little and costs a long automaton."""


def required_literals(pattern: str, flags: int = 0, *, behind: bool = True) -> list[frozenset[str]]:
    """Sets of lower-case literals: a text ``pattern`` matches holds one literal of each set
    (the text lower-cased, as the matcher's folded text is). Empty: nothing is required.
    Without ``behind``, a look-behind's text is left out: what is left lies at or after
    where the match starts."""
    if _p is None or flags & re.IGNORECASE:
        return []  # ignoring case, "k" also matches the Kelvin sign: no literal is certain
    try:
        parsed = _p.parse(pattern, flags)
    except Exception:  # an unreadable pattern requires nothing
        return []
    found = _all_of(list(parsed), behind)
    return [
        frozenset(s.lower() for s in group)
        for group in found
        if min(len(s) for s in group) >= SHORTEST
    ]


def stand_in(required: list[frozenset[str]]) -> str:
    """A short expression that requires what ``required`` says: put in place of a long part
    of a pattern (a list of 300 nations' names), it spares parsing that part again in every
    pattern that holds it. Reading a pattern's requirements is a Python parse, ~6 ms for a
    pattern holding the nations' list twice."""
    groups = ("(?:" + "|".join(re.escape(s) for s in sorted(group)) + ")" for group in required)
    return "(?:" + "".join(groups) + ")"


def _all_of(items: list[tuple[Any, Any]], behind: bool = True) -> list[set[str]]:
    """Every requirement of a sequence: each of them must be met."""
    sets: list[set[str]] = []
    run = ""
    for op, arg in items:
        if op is _c.LITERAL:
            run += chr(arg)
            continue
        if run:
            sets.append({run})
            run = ""
        if op is _c.SUBPATTERN:
            sets += _all_of(list(arg[-1]), behind)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and arg[0] >= 1:
            sets += _all_of(list(arg[2]), behind)
        elif op is _c.ASSERT and (behind or arg[0] >= 0):  # arg[0] < 0: a look-behind
            sets += _all_of(list(arg[1]), behind)
        elif op is _c.BRANCH:
            union = _union_of_branches(arg[1], behind)
            if union is not None:
                sets.append(union)
    if run:
        sets.append({run})
    return [s for s in sets if len(s) <= LARGEST_SET]


def _union_of_branches(branches: list[Any], behind: bool = True) -> set[str] | None:
    """One literal of each branch's best set: any match takes one branch."""
    union: set[str] = set()
    for branch in branches:
        best = _best(_all_of(list(branch), behind))
        if best is None:
            return None
        union |= best
    return union


def _best(sets: list[set[str]]) -> set[str] | None:
    """The most telling set: its shortest literal the longest, then the fewest literals."""
    return max(sets, key=lambda s: (min(len(x) for x in s), -len(s)), default=None)
