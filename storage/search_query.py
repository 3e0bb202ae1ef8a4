"""A user's search text parsed once, rendered for FTS5 or PostgreSQL tsquery.

Grammar (what a user would guess from web search): words are ANDed; ``"a phrase"``; ``OR``
between two parts; ``-word`` or ``-"a phrase"`` excludes; ``word*`` is a prefix. Anything
else is literal text: only word characters reach the database, so FTS syntax or SQL
metacharacters in a query can neither break nor change the search.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storage.errors import StorageError

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


class QueryError(StorageError):
    """The search text has nothing to search for."""


@dataclass(frozen=True, slots=True)
class Term:
    words: tuple[str, ...]
    """One word, or several for a phrase (or a word the index splits, like Chang'e)."""
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class SearchQuery:
    groups: tuple[tuple[Term, ...], ...]
    """All groups must match; a group matches when any of its terms does."""
    excluded: tuple[Term, ...] = ()

    @classmethod
    def parse(cls, text: str) -> SearchQuery:
        groups: list[list[Term]] = []
        excluded: list[Term] = []
        pending_or = False
        for match in _TOKEN.finditer(text):
            negated, phrase, bare = match.group(1), match.group(2), match.group(3)
            if bare is not None and bare == "OR":
                pending_or = bool(groups)
                continue
            if bare is not None and bare.startswith("-") and len(bare) > 1:
                negated, bare = "-", bare[1:]
            raw = phrase if phrase is not None else bare or ""
            prefix = bare is not None and bare.endswith("*")
            words = tuple(w.lower() for w in _WORD.findall(raw))
            if not words:
                continue
            term = Term(words, prefix=prefix and len(words) == 1)
            if negated:
                excluded.append(term)
            elif pending_or:
                groups[-1].append(term)
            else:
                groups.append([term])
            pending_or = False
        if not groups:
            raise QueryError(f"nothing to search for in {text!r}: give at least one word")
        return cls(tuple(tuple(g) for g in groups), tuple(excluded))

    def to_fts5(self) -> str:
        def term(t: Term) -> str:
            quoted = '"' + " ".join(t.words) + '"'
            return quoted + "*" if t.prefix else quoted

        parts = []
        for group in self.groups:
            rendered = " OR ".join(term(t) for t in group)
            parts.append(f"({rendered})" if len(group) > 1 else rendered)
        expression = " AND ".join(parts)
        for t in self.excluded:
            expression = f"({expression}) NOT {term(t)}"
        return expression

    @property
    def has_phrase(self) -> bool:
        return any(len(t.words) > 1 for group in self.groups for t in group)

    @property
    def required_phrases(self) -> list[Term]:
        """The phrases every match holds: each alone in its group (not OR'd), not a prefix."""
        return [
            group[0]
            for group in self.groups
            if len(group) == 1 and len(group[0].words) > 1 and not group[0].prefix
        ]

    def to_tsquery_words_beyond_phrases(self) -> str:
        """``to_tsquery_words`` of the groups other than the required phrases; "" if none."""
        required = set(self.required_phrases)
        rest = tuple(g for g in self.groups if not (len(g) == 1 and g[0] in required))
        return SearchQuery(rest)._tsquery(" & ", ()) if rest else ""

    def to_tsquery_words(self) -> str:
        """A looser tsquery every match of ``to_tsquery`` also matches: each phrase as all its
        words anywhere, exclusions left out. A GIN index answers it exactly (no positions to
        check), so it finds a phrase's candidates without reading their tsvectors."""
        return self._tsquery(" & ", ())

    def to_tsquery(self) -> str:
        return self._tsquery(" <-> ", self.excluded)

    def _tsquery(self, phrase_joint: str, excluded: tuple[Term, ...]) -> str:
        def term(t: Term) -> str:
            if t.prefix:
                return f"{t.words[0]}:*"
            return "(" + phrase_joint.join(t.words) + ")" if len(t.words) > 1 else t.words[0]

        parts = ["(" + " | ".join(term(t) for t in group) + ")" for group in self.groups]
        parts += [f"!{term(t)}" for t in excluded]
        return " & ".join(parts)
