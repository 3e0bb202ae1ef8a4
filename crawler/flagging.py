"""The term matcher: title + body + Taxonomy -> FlagResult. Pure: no I/O, no settings.

How a text is read:
- Normalised first (``crawler.textnorm``): accents dropped, apostrophes and dashes plain,
  case folded, with a map back, so offsets and snippets always refer to the original text.
- Every term, alias and exclusion is a key of one Aho-Corasick automaton (pyahocorasick), so
  the cost is one pass over the text whatever the size of the taxonomy. Spaces and hyphens
  between a phrase's words are interchangeable. An all-capitals alias (ESA, SLIM, KARI) lives
  in a second automaton over the text with its case kept, so Spanish "esa" or the adjective
  "slim" do not count; so do the variants of a ``case_sensitive`` term ("the Moon").
- ``pattern`` terms (numbered names, phrases with a slot) are regular expressions over the
  lower-case text, each scanned on its own; one with ``starts_at`` is tried only where a term
  of that category starts ("two nations acting together" starts at a nation's name). A
  pattern is tried only on a text that holds what it cannot match without (its required
  literals, ``crawler.regex_literals``, found by a third automaton in one pass).
- A term with ``also`` is found once and counts in each of its categories (the Artemis
  Accords: cooperation and lunar).
- A hit counts on word boundaries only (a combining mark belongs to its word); scripts
  written without spaces (Chinese, Japanese, Thai) match without them, and an Arabic word may
  follow one or two joined one-letter words ("و", "ب": "والقمر"). Overlapping hits of one
  category keep the longest ("lunar surface" over "lunar"); hits of different categories may
  overlap.
- A hit inside an exclusion ("Lunar New Year", "Moon Jae-in", "climate change") is dropped,
  unless the term spells the whole exclusion out and more ("Blue Moon lander") or runs on past
  its end ("new Moon exploration": "moon exploration" is no "new moon").
- Proximity, against "anchors" (hits of the category's ``near`` categories that need no
  anchor themselves): a ``near`` term counts only when an anchor is in the same paragraph or
  within ``proximity_words`` words; a term with ``near_weight`` weighs that much near an
  anchor and ``weight`` elsewhere (``near_weights`` sets it per anchor category; on a
  ``near`` term it weighs the term beside that category's anchors: "cooperation" beside an
  agency 2, beside a generic space word 1).
- ``distinct``: a pattern's two named parties must differ, by ``Taxonomy.parties`` (the
  names of a nation, its people and its agencies) or, for a name not listed, by its first
  four letters ("iran", "iranian"); a bloc and its members (``Taxonomy.blocs``: ESA and
  Germany) are not two parties either: "ISRO to fly ESA payload", not "ISRO launches Indian
  satellite".
- ``unless_near``: a term's occurrence does not count with a hit of those categories near it
  (the same test; the headline and the body's first ``proximity_words`` words are near each
  other both ways): a bare "deal" beside "trade deal" is the trade deal.
- A look-alike in the headline that holds a weak term's word ("Supermoon", "Blood moon")
  mutes that term in the body to its own weight: the story is about the sky's moon.
- Score per category: each term adds its three heaviest occurrences; a category whose score
  reaches its threshold (and may flag) flags the article. A weak ``near`` term (below the
  threshold) in the headline and again in the body counts once there: the headline retells
  the lede, so "partnership" in both beside a bare "satellite" is one weak term, not two.
"""

from __future__ import annotations

import bisect
import dataclasses
import enum
import functools
import re
import sys
import threading
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import product
from typing import Any

import ahocorasick

from crawler.config import Taxonomy, TermSpec
from crawler.errors import ConfigError
from crawler.regex_literals import required_literals, stand_in
from crawler.textnorm import NON_ASCII, NormalisedText, normalise

COUNT_CAP = 3
FLAGGED_BODY_CHARS = 300_000
"""An article's body is under 100,000 characters (the longest of the 1,416 saved pages: 100,775);
a 10 MB page of nation names would keep the crawl's reactor thread for ~20 s."""
STARTS_PER_PATTERN = 2_000
"""A pattern is tried at no more than this many of a text's names: an article names a nation
a few dozen times, a hostile page of 300 KB of "China and " 30,000 times, and each start costs
~2 µs for each of ~50 patterns (5 s on the crawl's reactor thread before this cap)."""
_GERMAN_ADJECTIVE_ENDING = re.compile(r"(?<=sch)(?:e|en|er|es|em)$")
HIGHLIGHT_OPEN, HIGHLIGHT_CLOSE = "«", "»"
EXCLUSION = -1
# Thai, Kana, Han and Hangul: Thai and Chinese write no spaces between words, and Japanese and
# Korean particles and suffixes attach to the noun ("한국과", "JAXAと"). The normalised text
# holds Hangul as jamo (NFKD splits each syllable), hence U+1100-11FF.
_SPACELESS = re.compile(
    r"[\u0e00-\u0e7f\u1100-\u11ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]"
)
_WORDS = re.compile(r"\w+")
# Arabic writes "and", "so", "with", "for" and "as" as one letter joined to the next word
# ("والقمر": and the Moon, "بالتعاون": with cooperation); a hit may follow up to two of them.
_ARABIC_LETTER = re.compile(r"[\u0620-\u064a\u066e-\u06d3]")
_ARABIC_PROCLITICS = "وفبلك"
_SEPARATORS = re.compile(r"[\s\-]+")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n")
# A word as title case sees it: letters first, then its apostrophes and hyphens ("Moon's").
_TITLE_WORDS = re.compile(r"[^\W\d_][\w'’-]*")

_SYNTAX_IN_CAPITALS = re.compile(r"\(\?P[<=]|\\[A-Z]")
"""Regular-expression syntax written in capitals: a named group's ``(?P<``, ``\\W``, ``\\S``."""


def _case_flags(pattern: str) -> int:
    """``re.IGNORECASE`` when a pattern's text (not its syntax) has capitals, else 0: only
    such a pattern is compiled ignoring case. Ignoring case costs re its fast skip to a
    pattern's first letters, and a named group's "P" had set it for every rule with a
    ``distinct`` pair: one such rule, tried over whole texts, took 1.6 ms a page."""
    text = _SYNTAX_IN_CAPITALS.sub("", pattern)
    return re.IGNORECASE if text != text.lower() else 0


@dataclass(frozen=True, slots=True, kw_only=True)
class TermMatch:
    category: str
    term: str
    """The configured term; its aliases are counted under it."""
    field: str
    """"title" or "body"."""
    count: int
    offsets: tuple[int, ...]
    """Character offsets of each occurrence in the original field text."""
    snippet: str
    """Text around the first occurrence, the occurrence between « and »."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FlagResult:
    flagged: bool
    score: float
    """Sum of the scores of the categories that flag."""
    categories: tuple[str, ...]
    """Categories whose score reached their threshold, in taxonomy order."""
    scores: dict[str, float] = field(default_factory=dict)
    matches: tuple[TermMatch, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "flagged": self.flagged,
            "score": round(self.score, 3),
            "categories": list(self.categories),
            "scores": {k: round(v, 3) for k, v in self.scores.items()},
            "matches": [
                {
                    "term": m.term,
                    "category": m.category,
                    "field": m.field,
                    "count": m.count,
                    "offsets": list(m.offsets),
                    "snippet": m.snippet,
                }
                for m in self.matches
            ],
        }


Span = tuple[int, int, str]
"""(start, end, category) in an original text."""


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    term: int
    """Index into Matcher.terms."""
    by_case: bool = False
    """Found with its case (an acronym, "the Moon"), which a headline in capitals has for
    every word."""


class Capitals(enum.IntEnum):
    """What a headline's capitals tell apart: in sentence case (``NONE``) a capital marks a
    name; in title case every long word has one; in all capitals every letter is one."""

    NONE = 0
    TITLE = 1
    ALL = 2


_Field = tuple[str, str, NormalisedText, list[_Hit], list[float | None]]
"""A field read: its name ("title", "body"), text, normalised text, hits, and each hit's
weight (None: it does not count)."""


def _variants(phrase: str) -> list[str]:
    """The phrase normalised, with every mix of space and hyphen between its words; an Arabic
    phrase opening with the article "ال" also as "لل" (the article after "ل", "for":
    "للقمر")."""
    words = [w for w in _SEPARATORS.split(normalise(phrase.strip()).cased) if w]
    if len(words) > 6:
        spellings = [" ".join(words)]
    else:
        spellings = [
            "".join(w + s for w, s in zip(words, (*separators, ""), strict=True))
            for separators in product((" ", "-"), repeat=len(words) - 1)
        ]
    if words and words[0].startswith("ال") and len(words[0]) > 2:
        spellings += ["لل" + spelling[2:] for spelling in spellings]
    return spellings


_SPACE_AGENCY = re.compile(r"(?:'s)? space (?:agency|administration)$")
"""The tail of "Kenya's space agency": the nation before it is the party."""


def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and alias.isascii()


def _fold_letters(pattern: str) -> str:
    """A pattern's non-ASCII letters folded as the text is ("й" -> "и", "ド" -> "ト"), so it
    can be written as the language is. Only letters: a folded dash or quote could change
    what the regular expression means."""
    return NON_ASCII.sub(
        lambda m: "".join(normalise(c).folded if c.isalpha() else c for c in m.group()), pattern
    )


def _list_stand_ins(lists: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    """(a list's expansion, a short expression requiring what it requires), longest first:
    a list that names an earlier one ("(?:{agencies}|{nations}){part_supplied}") is read
    with the earlier one's stand-in in its place."""
    stand_ins: list[tuple[str, str]] = []
    for _, expansion in lists:
        shortened = _shortened(expansion, stand_ins)
        stand_ins.append((expansion, stand_in(required_literals(_fold_letters(shortened)))))
        stand_ins.sort(key=lambda pair: -len(pair[0]))
    return stand_ins


def _shortened(pattern: str, stand_ins: list[tuple[str, str]]) -> str:
    """``pattern`` with each list's expansion replaced by its stand-in."""
    for expansion, short in stand_ins:
        pattern = pattern.replace(expansion, short)
    return pattern


def _bounded(text: str, start: int, end: int) -> bool:
    """True when text[start:end] stands as whole words (or is written without spaces). A
    script written without spaces ends a word on either side: "与NASA合作", "JAXAと"."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    left_ok = (
        not _in_word(before)
        or bool(_SPACELESS.match(text[start]) or _SPACELESS.match(before))
        or _after_arabic_proclitics(text, start)
    )
    right_ok = not _in_word(after) or bool(
        _SPACELESS.match(text[end - 1]) or _SPACELESS.match(after)
    )
    return left_ok and right_ok


def _in_word(char: str) -> bool:
    """A letter, a digit, or a mark that belongs to the letter before it: Devanagari's vowel
    signs survive normalising, and "चांद" (moon) must not end inside "चांदी" (silver)."""
    return char.isalnum() or (not char.isascii() and unicodedata.category(char)[0] == "M")


def _after_arabic_proclitics(text: str, start: int) -> bool:
    """True when the Arabic word at ``start`` follows one or two joined proclitic letters
    that begin a word ("و" + "القمر", "و" + "ب" + "التعاون")."""
    if not _ARABIC_LETTER.match(text[start]):
        return False
    for length in (1, 2):
        if length > start or text[start - length] not in _ARABIC_PROCLITICS:
            return False
        if length == start or not _in_word(text[start - length - 1]):
            return True
    return False


_WORD_BOUNDARY = re.compile(r"(?<!\\)((?:\\\\)*)\\b")
"""A ``\\b`` in a pattern, not an escaped backslash followed by "b"."""


def _abbreviations_end_words(pattern: str) -> str:
    """``pattern`` with each ``\\b`` also true after a final dot: "u.s." is a whole word in
    "deal with U.S. firm", where re's ``\\b`` (between two non-word characters) is false, so
    a rule ending "{nations}\\b" missed every party written with dots."""
    return _WORD_BOUNDARY.sub(lambda m: m.group(1) + r"(?:\b|(?<=\.)(?!\w))", pattern)


def _plural_possessives(pattern: str) -> str:
    """``pattern`` with each optional "'s" also reading a plural's bare apostrophe: "the
    Philippines' microsatellite", "the United States' satellite"."""
    return pattern.replace("(?:'s)?", "(?:'(?:s|(?<=s')))?")  # the apostrophe tested first


def _word_bounded(pattern: str) -> str:
    """``pattern`` made to end where a word ends (as ``_bounded`` requires), so that re
    backtracks to a longer or shorter alternative instead of ending inside a word: without
    it "artemis (?:program|programme)" matched "program" in "programme" and the hit was then
    dropped as not a whole word."""
    spaceless = _SPACELESS.pattern
    return f"(?:{pattern})(?:(?![^\\W_])|(?<={spaceless})|(?={spaceless}))"


class Matcher:
    """A taxonomy compiled into two automatons (folded, capitals) and one pattern regex."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        # The configured terms, then one twin per ``also`` category: each hit of the term is
        # a hit of its twins too (found once, counted in each category).
        self.terms = list(taxonomy.terms)
        self.twins: dict[int, list[int]] = defaultdict(list)
        for index, term in enumerate(taxonomy.terms):
            for category in term.also:
                self.twins[index].append(len(self.terms))
                self.terms.append(
                    dataclasses.replace(
                        term, category=category, aliases=(), pattern="", starts_at=(), also=()
                    )
                )
        self.categories = {c.name: c for c in taxonomy.categories}
        self.order = {name: i for i, name in enumerate(self.categories)}
        self.hidden = frozenset(c.name for c in taxonomy.categories if not c.show)
        self.folded = ahocorasick.Automaton()
        self.cased = ahocorasick.Automaton()
        for index, term in enumerate(taxonomy.terms):
            for variant in (term.term, *term.aliases):
                automaton, key_case = (
                    (self.cased, str)
                    if term.case_sensitive or _is_acronym(variant)
                    else (self.folded, str.lower)
                )
                for key in _variants(variant):
                    self._add(automaton, key_case(key), index)
        for exclusion in taxonomy.exclusions:
            for key in _variants(exclusion):
                self._add(self.folded, key.lower(), EXCLUSION)
        for automaton in (self.folded, self.cased):
            if len(automaton):
                automaton.make_automaton()
        # Each pattern on its own: a lone pattern that opens with a literal is found by re's
        # fast literal search, which an alternation of all patterns would defeat. The text is
        # already lower case, so case is ignored only for a pattern written with capitals.
        # Each is compiled the first time a text could match it (``_compiled``): with their
        # lists written out the ~150 patterns took 2.3-3.5 s to compile, most of a one-line
        # `spacewatch flag`, whose text rules nearly all of them out by their literals.
        self.scanned: list[int] = []
        self._patterns: list[re.Pattern[str] | None] = [None] * len(taxonomy.terms)
        stand_ins = _list_stand_ins(taxonomy.lists)
        # What each pattern cannot match without (``crawler.regex_literals``): sets of
        # literals' ids, one of each set in the text, found by one pass of ``literals``.
        self.literals = ahocorasick.Automaton()
        self.requires: dict[int, list[frozenset[int]]] = {}
        # A started pattern's literals that lie at or after its start (no look-behind's):
        # where none of a set occurs after a hit, the pattern is not tried there.
        self.requires_after: dict[int, list[frozenset[int]]] = {}
        self.started: dict[str, list[int]] = defaultdict(list)
        for index, term in enumerate(taxonomy.terms):
            if term.pattern:
                for category in term.starts_at:
                    self.started[category].append(index)
                if not term.starts_at:
                    self.scanned.append(index)
                shortened = _word_bounded(_fold_letters(_shortened(term.pattern, stand_ins)))
                flags = _case_flags(term.pattern)
                self._require(index, required_literals(shortened, flags))
                if term.starts_at:
                    after = self._literal_ids(required_literals(shortened, flags, behind=False))
                    if after:
                        self.requires_after[index] = after
        if len(self.literals):
            self.literals.make_automaton()
        self.party_of = {normalise(name).folded: party for name, party in taxonomy.parties}
        self.members = {
            party: frozenset(self._party(normalise(name).folded) for name in names)
            for party, names in taxonomy.blocs
        }
        self.distinct = {i: t.distinct for i, t in enumerate(taxonomy.terms) if t.distinct}
        # Anchors: hits of these terms may make a near term count (they need no anchor).
        self.anchoring = [not t.near for t in self.terms]
        self.needs_anchor = [
            t.near or t.near_weight is not None or bool(t.near_weights) or bool(t.unless_near)
            for t in self.terms
        ]
        # Terms told apart by a capital ("the Moon", the body in space writing, against "the
        # moon"): in a headline in title case every word has one, so there they are near
        # terms, as a German noun is ("zum Mond"): "Man on the Moon: Jim Carrey Film Turns 25".
        flagged = {c.name for c in taxonomy.categories if c.flag}
        self.by_capitals = [
            t.case_sensitive and not t.near and t.category in flagged for t in self.terms
        ]
        # Weak terms with a boost beside an anchor ("moon"), by the keys they are found by: a
        # headline's look-alike that holds one ("Supermoon", "Blood moon") mutes the boost.
        self.weak_keys = {
            index: {key.lower() for v in (t.term, *t.aliases) for key in _variants(v)}
            for index, t in enumerate(self.terms)
            if t.near_weight is not None
        }
        # Weight of a term near an anchor, per anchor category (near_weights over near_weight).
        self.near_weights = [
            {
                anchor: dict(t.near_weights).get(anchor, t.near_weight or t.weight)
                for anchor in self.categories[t.category].near
            }
            for t in self.terms
        ]

    @staticmethod
    def _add(automaton: Any, key: str, index: int) -> None:
        found = automaton.get(key, None)
        if found is None or (found[1] != EXCLUSION and index == EXCLUSION):
            # An exclusion wins over a term spelled the same ("Moon Jae-in" as a term would
            # be odd, but a user's list may do it); among terms the first configured wins.
            automaton.add_word(key, (len(key), index))

    def flag(self, title: str, body: str) -> FlagResult:
        found: list[TermMatch] = []
        scores: dict[str, float] = defaultdict(float)
        echoed: set[int] = set()
        for field_name, text, norm, hits, weights in self._read(title, body):
            self._add_field(found, scores, echoed, field_name, text, norm, hits, weights)
        flagging = tuple(
            c.name
            for c in self.taxonomy.categories
            if c.flag and scores.get(c.name, 0.0) > 0 and scores[c.name] >= c.threshold
        )
        found.sort(key=lambda m: (self.order[m.category], -m.count, m.field, m.term))
        return FlagResult(
            flagged=bool(flagging),
            score=sum(scores[c] for c in flagging),
            categories=flagging,
            scores=dict(scores),
            matches=tuple(found),
        )

    def spans(self, title: str, body: str) -> tuple[list[Span], list[Span]]:
        """(start, end, category) of every occurrence that counts in ``flag(title, body)``,
        in the original texts' offsets: (the title's, the body's)."""
        found: dict[str, list[Span]] = {"title": [], "body": []}
        for field_name, _, norm, hits, weights in self._read(title, body):
            found[field_name] = [
                (
                    norm.to_original(h.start),
                    norm.to_original(h.end - 1) + 1,
                    self.terms[h.term].category,
                )
                for h, w in zip(hits, weights, strict=True)
                if w is not None and self.terms[h.term].category not in self.hidden
            ]
        return found["title"], found["body"]

    def _read(self, title: str, body: str) -> list[_Field]:
        """Each non-empty field's (name, text, normalised text, hits, weight of each hit, None
        for one that does not count), the headline and the lede read as neighbours. Only the
        body's first ``FLAGGED_BODY_CHARS`` characters are read."""
        fields: list[_Field] = []
        body = body[:FLAGGED_BODY_CHARS]
        # A headline about the sky's moon ("Supermoon rises tonight", "Blood moon eclipse")
        # makes the body's bare "moon" the same moon, whatever agency the story quotes.
        title_norm = normalise(title) if title else None
        muted = (
            self._echoed_in_look_alikes(title_norm.folded)
            if title_norm and self.weak_keys
            else frozenset()
        )
        body_norm = normalise(body) if body else None
        body_hits = self._hits(body_norm) if body_norm else []
        capitals = headline_capitals(title)
        title_hits = self._hits(title_norm, capitals) if title_norm else []
        if title_norm:
            # The headline sits just before the body's first words: an agency or a space word
            # there anchors the headline's near terms ("India, Russia discuss cooperation"
            # over "ISRO and Roscosmos officials met ...").
            lede = self._lede_anchors(body_hits, body_norm.folded) if body_norm else frozenset()
            weights = self._weights(title_hits, title_norm.folded, outside=lede, capitals=capitals)
            fields.append(("title", title, title_norm, title_hits, weights))
        if body_norm:
            # And the other way for ``unless_near``: "Senate passes spending deal" over "The
            # deal keeps NASA funded" makes the lede's bare "deal" the spending deal.
            headline = frozenset(
                self.terms[h.term].category for h in title_hits if not self._near_only(h, capitals)
            )
            weights = self._weights(body_hits, body_norm.folded, muted, headline=headline)
            fields.append(("body", body, body_norm, body_hits, weights))
        return fields

    def _echoed_in_look_alikes(self, folded: str) -> frozenset[int]:
        """Weak terms whose key is part of an exclusion in the headline (``folded``, its
        normalised text): "moon" in "supermoon"."""
        spans = [
            folded[end + 1 - length : end + 1]
            for end, (length, index) in self.folded.iter(folded)
            if index == EXCLUSION
        ]
        return frozenset(
            term
            for term, keys in self.weak_keys.items()
            if any(k in s for k in keys for s in spans)
        )

    def _require(self, index: int, sets: list[frozenset[str]]) -> None:
        ids = self._literal_ids(sets)
        if ids:
            self.requires[index] = ids

    def _literal_ids(self, sets: list[frozenset[str]]) -> list[frozenset[int]]:
        ids: list[frozenset[int]] = []
        for literals in sets:
            for literal in literals:
                if literal not in self.literals:
                    self.literals.add_word(literal, len(self.literals))
            ids.append(frozenset(self.literals.get(literal) for literal in literals))
        return ids

    def _last_literals(self, folded: str) -> dict[int, int]:
        """Each required literal found in ``folded``, with where its last occurrence ends."""
        if not len(self.literals):
            return {}
        return {found: end for end, found in self.literals.iter(folded)}

    def _impossible(self, last: dict[int, int]) -> set[int]:
        """The patterns that cannot match in the text whose literals are ``last``: it lacks
        every literal of one of their required sets. Half the patterns on a space-policy
        article, five in six on other pages."""
        return {
            index
            for index, sets in self.requires.items()
            if any(last.keys().isdisjoint(s) for s in sets)
        }

    def _last_start(self, index: int, last: dict[int, int]) -> int:
        """The last position where started pattern ``index`` may start: every literal set it
        needs at or after its start has an occurrence ending there or later."""
        sets = self.requires_after.get(index)
        if not sets:
            return sys.maxsize
        return min(max((last[i] for i in s if i in last), default=-1) for s in sets)

    def _compiled(self, index: int) -> re.Pattern[str]:
        """Term ``index``'s pattern, compiled with its lists written out on first use."""
        compiled = self._patterns[index]
        if compiled is None:
            pattern = self.terms[index].pattern
            try:
                compiled = re.compile(
                    _word_bounded(
                        _plural_possessives(_abbreviations_end_words(_fold_letters(pattern)))
                    ),
                    _case_flags(pattern),
                )
            except re.error as exc:  # the config checked it with one-letter lists
                raise ConfigError(
                    f"flagging term {self.terms[index].term!r}: its pattern does not compile "
                    f"with its lists written out: {exc}"
                ) from None
            self._patterns[index] = compiled
        return compiled

    def compile_all(self) -> None:
        """Compile every pattern now (a long-running service, before its first crawl)."""
        for index, term in enumerate(self.taxonomy.terms):
            if term.pattern:
                self._compiled(index)

    def _started_hits(
        self, raw: list[_Hit], folded: str, impossible: set[int], last: dict[int, int]
    ) -> list[_Hit]:
        """Each ``starts_at`` pattern tried once where a term of its categories starts (two
        hits may share a start: "china" and "china national space administration")."""
        terms = self.terms
        possible = {
            category: [i for i in indices if i not in impossible]
            for category, indices in self.started.items()
        }
        starts: dict[int, list[str]] = {}
        for hit in raw:
            category = terms[hit.term].category
            if possible.get(category) and category not in starts.setdefault(hit.start, []):
                starts[hit.start].append(category)
        needed = {category for categories in starts.values() for category in categories}
        live = {
            category: [(i, self._compiled(i), self._last_start(i, last)) for i in indices]
            for category, indices in possible.items()
            if category in needed
        }
        attempts: dict[int, int] = defaultdict(int)
        found_hits: list[_Hit] = []
        for start, categories in starts.items():
            if len(categories) == 1:
                candidates = live[categories[0]]
            else:  # each pattern once, though listed under several of the categories
                candidates = list({p[0]: p for c in categories for p in live[c]}.values())
            for index, pattern, last_start in candidates:
                if start > last_start:  # a literal it needs occurs only before here
                    continue
                attempts[index] += 1
                if attempts[index] == STARTS_PER_PATTERN:  # tried enough: drop it
                    live = {c: [p for p in ps if p[0] != index] for c, ps in live.items()}
                found = pattern.match(folded, start)
                if (
                    found
                    and found.end() > start
                    and _bounded(folded, start, found.end())
                    and self._parties_differ(index, found)
                ):
                    found_hits.append(_Hit(start, found.end(), index))
        return found_hits

    def _near_only(self, hit: _Hit, capitals: Capitals) -> bool:
        """Whether ``hit`` counts only beside an anchor (and so anchors nothing): a ``near``
        term's; in a headline in title case, a term's told apart by capitals ("the Moon"); in
        one in capitals, any found by its case ("SLIM" in "JAPAN'S SLIM MAJORITY AT RISK")."""
        return (
            not self.anchoring[hit.term]
            or (capitals >= Capitals.TITLE and self.by_capitals[hit.term])
            or (capitals is Capitals.ALL and hit.by_case)
        )

    def _hits(self, norm: NormalisedText, capitals: Capitals = Capitals.NONE) -> list[_Hit]:
        raw: list[_Hit] = []
        excluded: list[tuple[int, int]] = []
        for automaton, haystack in ((self.folded, norm.folded), (self.cased, norm.cased)):
            if not len(automaton):
                continue
            for end, (length, index) in automaton.iter(haystack):
                start = end + 1 - length
                if not _bounded(haystack, start, end + 1):
                    continue
                if index == EXCLUSION:
                    excluded.append((start, end + 1))
                else:
                    raw.append(_Hit(start, end + 1, index, automaton is self.cased))
        folded = norm.folded
        last = self._last_literals(folded)
        impossible = self._impossible(last)
        for index in self.scanned:
            if index in impossible:
                continue
            pattern = self._compiled(index)
            # Not finditer: after a match that starts inside a word ("land" in "Finland
            # landed a rover on the Moon") the search goes on from the next character, not
            # from the match's end, which would skip the real one.
            position = 0
            while (m := pattern.search(folded, position)) is not None:
                if (
                    m.end() > m.start()
                    and _bounded(folded, m.start(), m.end())
                    and self._parties_differ(index, m)
                ):
                    raw.append(_Hit(m.start(), m.end(), index))
                    position = m.end()
                else:
                    position = m.start() + 1
        if self.started:
            raw += self._started_hits(raw, folded, impossible, last)
        if self.twins:
            raw += [
                _Hit(h.start, h.end, t, h.by_case)
                for h in raw
                if h.term in self.twins
                for t in self.twins[h.term]
            ]
        excluded.sort()
        starts = [s for s, _ in excluded]
        kept = [h for h in raw if not _inside_any(excluded, starts, h)]
        kept.sort(key=lambda h: (h.start, -(h.end - h.start)))
        # Within a category, overlapping hits keep the longest ("lunar surface" over "lunar").
        # Across categories both count: "joins China's lunar research station" is cooperation
        # and still lunar.
        terms = self.terms
        # A hit inside a longer one that counts only near an anchor still counts when it
        # needs none itself ("space agreement" inside "Japan-US space agreement"): else the
        # longer one, found with no anchor, would take the shorter one down with it.
        result: list[_Hit] = []
        reach: dict[str, tuple[int, bool]] = {}
        for hit in kept:
            category = terms[hit.term].category
            end, covered_by_near = reach.get(category, (0, False))
            near = self._near_only(hit, capitals)
            if hit.start < end:
                if covered_by_near and not near:
                    result.append(hit)
                continue  # overlaps a longer (or earlier) hit of its category
            reach[category] = (hit.end, near)
            result.append(hit)
        return result

    def _parties_differ(self, index: int, found: re.Match[str]) -> bool:
        """False when the term is ``distinct`` and its two groups name one party."""
        groups = self.distinct.get(index)
        if not groups:
            return True
        first, second = (found.group(g) for g in groups)
        return first is None or second is None or not self.same_party(first, second)

    def same_party(self, first: str, second: str) -> bool:
        """True when two names stand for one party, or for a bloc and one of its members."""
        one, other = self._party(first), self._party(second)
        return (
            one == other or one in self.members.get(other, ()) or other in self.members.get(one, ())
        )

    def _party(self, name: str) -> str:
        """The party a name stands for: "japan's jaxa" -> JAXA's, "italian space agency" ->
        Italy's; a name not in ``parties`` by its first four letters ("pakistani"; "~": never
        a listed party's key)."""
        name = _SPACE_AGENCY.sub("", " ".join(name.split()))
        name = name.rsplit("'s ", 1)[-1].removesuffix("'s")
        # A German adjective by its stem: "japanischen" -> "japanisch", listed as Japan's.
        stem = _GERMAN_ADJECTIVE_ENDING.sub("", name)
        return self.party_of.get(name) or self.party_of.get(stem) or "~" + name[:4]

    def _lede_anchors(self, hits: list[_Hit], folded: str) -> frozenset[str]:
        """Categories of the anchors among the body's first ``proximity_words`` words."""
        window = self.taxonomy.proximity_words
        lede_end = len(folded)
        for count, word in enumerate(_WORDS.finditer(folded)):
            if count == window:
                lede_end = word.start()
                break
        terms = self.terms
        return frozenset(
            terms[h.term].category for h in hits if h.start < lede_end and self.anchoring[h.term]
        )

    def _add_field(
        self,
        found: list[TermMatch],
        scores: dict[str, float],
        echoed: set[int],
        field_name: str,
        text: str,
        norm: NormalisedText,
        hits: list[_Hit],
        weights: list[float | None],
    ) -> None:
        """Add the field's matches to ``found`` and their weights to ``scores``. A weak
        ``near`` term (below its category's threshold) in the headline is echoed by its
        heaviest weak occurrence in the body, which then does not count again (``echoed``
        holds the headline's): "Airline and telecom partnership lifts shares" over "agreed a
        partnership ... Satellite broadband" is one partnership beside a bare space word."""
        terms = self.terms
        by_term: dict[int, list[tuple[_Hit, float]]] = defaultdict(list)
        for hit, weight in zip(hits, weights, strict=True):
            if weight is not None:
                by_term[hit.term].append((hit, weight))
        for index, occurrences in by_term.items():
            term: TermSpec = terms[index]
            weights_of = [w for _, w in occurrences]
            if term.near:
                threshold = self.categories[term.category].threshold
                weak = [w for w in weights_of if w < threshold]
                if weak and field_name == "title":
                    echoed.add(index)
                elif weak and index in echoed:
                    weights_of.remove(max(weak))
            heaviest = sorted(weights_of, reverse=True)[:COUNT_CAP]
            scores[term.category] += sum(heaviest)
            if term.category in self.hidden:
                continue
            first = occurrences[0][0]
            found.append(
                TermMatch(
                    category=term.category,
                    term=term.term,
                    field=field_name,
                    count=len(occurrences),
                    offsets=tuple(norm.to_original(h.start) for h, _ in occurrences),
                    snippet=_snippet(
                        text,
                        norm.to_original(first.start),
                        norm.to_original(first.end - 1) + 1,
                        self.taxonomy.snippet_chars,
                    ),
                )
            )

    def _weights(
        self,
        hits: list[_Hit],
        folded: str,
        muted: frozenset[int] = frozenset(),
        outside: frozenset[str] = frozenset(),
        headline: frozenset[str] = frozenset(),
        capitals: Capitals = Capitals.NONE,
    ) -> list[float | None]:
        """Each hit's weight, or None when a near-only term has no anchor close enough or a
        hit of its ``unless_near`` categories is close; a ``muted`` weak term weighs its own
        weight, not its boost beside an anchor. Anchors of the ``outside`` categories are near
        every hit (the headline's lede); those of ``headline`` are near the first
        ``proximity_words`` words (the lede's, the headline being next to it). A headline's
        ``capitals`` make the hits they cannot tell apart near terms (``_near_only``)."""
        terms = self.terms
        near_only = [self._near_only(h, capitals) for h in hits]
        needs_anchor = [
            self.needs_anchor[h.term] or n for h, n in zip(hits, near_only, strict=True)
        ]
        if not any(needs_anchor):
            return [terms[h.term].weight for h in hits]
        word_starts = [m.start() for m in _WORDS.finditer(folded)]
        breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(folded)]
        positions = [bisect.bisect_right(word_starts, h.start) for h in hits]
        paragraphs = [bisect.bisect_right(breaks, h.start) for h in hits]
        anchors: dict[str, _Anchors] = defaultdict(_Anchors)
        for hit, position, paragraph, only_near in zip(
            hits, positions, paragraphs, near_only, strict=True
        ):
            if not only_near:
                anchors[terms[hit.term].category].add(position, paragraph)
        window = self.taxonomy.proximity_words
        weights: list[float | None] = []
        for hit, position, paragraph, check, only_near in zip(
            hits, positions, paragraphs, needs_anchor, near_only, strict=True
        ):
            term = terms[hit.term]
            if not check:
                weights.append(term.weight)
                continue
            if any(
                category in outside
                or (category in headline and position <= window)
                or (
                    category in anchors
                    and anchors[category].near(position, paragraph, window, itself=False)
                )
                for category in term.unless_near
            ):
                weights.append(None)
                continue
            # Near: in the same paragraph, or within the word window across a break.
            anchored_by = [
                category
                for category in self.categories[term.category].near
                if category in outside
                or (category in headline and position <= window)
                or (
                    category in anchors
                    and anchors[category].near(
                        position, paragraph, window, itself=category == term.category
                    )
                )
            ]
            if only_near and not anchored_by:
                weights.append(None)
            elif hit.term in muted:
                weights.append(term.weight)
            else:
                near = self.near_weights[hit.term]
                weights.append(max([term.weight, *(near[c] for c in anchored_by)]))
        return weights


@dataclass
class _Anchors:
    """One category's anchors (hits that need no anchor themselves) by word position, for the
    proximity test in O(log n) per hit. Testing each hit against every anchor was quadratic:
    a 260 KB body with 8,000 hits took 0.76 s to flag, on the crawl's reactor thread."""

    positions: list[int] = field(default_factory=list)
    by_paragraph: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))

    def add(self, position: int, paragraph: int) -> None:
        # Hits come in text order, so each list stays sorted; insort keeps it so otherwise.
        bisect.insort(self.positions, position)
        bisect.insort(self.by_paragraph[paragraph], position)

    def near(self, position: int, paragraph: int, window: int, itself: bool) -> bool:
        """Whether an anchor lies within ``window`` words of ``position`` or in its paragraph,
        not counting one at ``position`` when ``itself`` (the anchors are of the hit's own
        category, so the one at its word may be the hit itself)."""
        own = _count(self.positions, position, position) if itself else 0
        if _count(self.positions, position - window, position + window) > own:
            return True
        in_paragraph = self.by_paragraph.get(paragraph, [])
        own = _count(in_paragraph, position, position) if itself else 0
        return len(in_paragraph) > own


def headline_capitals(headline: str) -> Capitals:
    """What the capitals of ``headline`` tell apart (``Capitals``): ``ALL`` when four in five
    of its words of three letters or more are in capitals and there are at least three."""
    words = _TITLE_WORDS.findall(headline)
    long = [w for w in words if len(w) >= 3]
    if len(long) >= 3 and sum(w.isupper() for w in long) >= 0.8 * len(long):
        return Capitals.ALL
    return Capitals.TITLE if _in_title_case(words) else Capitals.NONE


def in_title_case(headline: str) -> bool:
    """True when a headline capitalises its words, so a capital tells no name or style apart:
    four in five of its words of four letters or more after the first start with one, and
    there are at least three. Short words (the, on, of, to) stay lower case in title case."""
    return _in_title_case(_TITLE_WORDS.findall(headline))


def _in_title_case(words: list[str]) -> bool:
    """``in_title_case`` on a headline's words (``_TITLE_WORDS``), found once by the caller."""
    long = [w for w in words[1:] if len(w) >= 4]
    return len(long) >= 3 and sum(w[0].isupper() for w in long) >= 0.8 * len(long)


def _count(ordered: list[int], low: int, high: int) -> int:
    """How many of the sorted ``ordered`` lie in [low, high]."""
    return bisect.bisect_right(ordered, high) - bisect.bisect_left(ordered, low)


def _inside_any(spans: list[tuple[int, int]], starts: list[int], hit: _Hit) -> bool:
    """True when ``hit`` overlaps one of the sorted exclusion ``spans`` without covering it
    whole or running on past its end: a term that spells out the look-alike and more ("Blue
    Moon lander" over "blue moon"), or that goes on from the look-alike's last word ("a new
    Moon exploration pact": "moon exploration" past "new moon"), is the longer, surer
    reading. One that ends inside it stays out ("the Moon" of "the Moon Jae-in government")."""
    k = bisect.bisect_right(starts, hit.start)
    return any(
        s < hit.end and hit.start < e and not (hit.start <= s and e <= hit.end) and hit.end <= e
        for s, e in spans[max(0, k - 8) : k + 8]
    )


def _snippet(text: str, start: int, end: int, context: int) -> str:
    """About ``context`` characters each side of text[start:end], cut at spaces."""
    left = max(0, start - context)
    right = min(len(text), end + context)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    snippet = (
        _collapse(text[left:start])
        + HIGHLIGHT_OPEN
        + _collapse(text[start:end])
        + HIGHLIGHT_CLOSE
        + _collapse(text[end:right])
    ).strip()
    return ("… " if left > 0 else "") + snippet + (" …" if right < len(text) else "")


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def matcher_for(taxonomy: Taxonomy) -> Matcher:
    """The taxonomy's matcher, built once. The last one is found by identity: hashing a
    taxonomy of ~600 terms for the cache's key took ~50 µs, 4 % of flagging a page."""
    global _last_matcher
    last = _last_matcher
    if last is not None and last[0] is taxonomy:
        return last[1]
    # A second thread (the web page's first request during its warm-up) waits for the build
    # under way and then finds it cached, rather than building the same matcher again.
    with _build_lock:
        matcher = _build_matcher(taxonomy)
    _last_matcher = (taxonomy, matcher)
    return matcher


_last_matcher: tuple[Taxonomy, Matcher] | None = None
_build_lock = threading.Lock()


@functools.lru_cache(maxsize=8)
def _build_matcher(taxonomy: Taxonomy) -> Matcher:
    return Matcher(taxonomy)


def flag(title: str, body: str, taxonomy: Taxonomy) -> FlagResult:
    """Flag one article's title and body against ``taxonomy``."""
    return matcher_for(taxonomy).flag(title, body)


def highlight_spans(title: str, body: str, taxonomy: Taxonomy) -> tuple[list[Span], list[Span]]:
    """What the web page marks: (start, end, category) of every term occurrence that counts
    when the article is flagged, in order, in original-text offsets; (title's, body's)."""
    return matcher_for(taxonomy).spans(title, body)
