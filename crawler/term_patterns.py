"""A taxonomy's ``pattern`` as the matcher compiles it: letters folded as the text is, made to
end where a word ends, ignoring case only when its text has capitals. Compiled once per
process (the ~110 bundled patterns, their lists of names written out, take ~1 s of CPU)."""

from __future__ import annotations

import functools
import re

from crawler.textnorm import NON_ASCII, normalise

# Thai, Kana, Han and Hangul: Thai and Chinese write no spaces between words, and Japanese and
# Korean particles and suffixes attach to the noun ("한국과", "JAXAと"). The normalised text
# holds Hangul as jamo (NFKD splits each syllable), hence U+1100-11FF.
SPACELESS = re.compile(
    r"[\u0e00-\u0e7f\u1100-\u11ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]"
)

SYNTAX_IN_CAPITALS = re.compile(r"\(\?P[<=]|\\[A-Z]")
"""Regular-expression syntax written in capitals: a named group's ``(?P<``, ``\\W``, ``\\S``."""


def has_capitals(pattern: str) -> bool:
    """Whether a pattern's text (not its syntax) has capitals: only such a pattern is compiled
    ignoring case. Ignoring case costs re its fast skip to a pattern's first letters, and a
    named group's "P" had set it for every rule with a ``distinct`` pair: one such rule, tried
    over whole texts, took 1.6 ms a page."""
    text = SYNTAX_IN_CAPITALS.sub("", pattern)
    return text != text.lower()


def fold_letters(pattern: str) -> str:
    """A pattern's non-ASCII letters folded as the text is ("й" -> "и", "ド" -> "ト"), so it
    can be written as the language is. Only letters: a folded dash or quote could change
    what the regular expression means."""
    return NON_ASCII.sub(
        lambda m: "".join(normalise(c).folded if c.isalpha() else c for c in m.group()), pattern
    )


def word_bounded(pattern: str) -> str:
    """``pattern`` made to end where a word ends (as ``_bounded`` requires), so that re
    backtracks to a longer or shorter alternative instead of ending inside a word: without
    it "artemis (?:program|programme)" matched "program" in "programme" and the hit was then
    dropped as not a whole word."""
    spaceless = SPACELESS.pattern
    return f"(?:{pattern})(?:(?![^\\W_])|(?<={spaceless})|(?={spaceless}))"


@functools.lru_cache(maxsize=1024)
def compile_term_pattern(pattern: str) -> re.Pattern[str]:
    """``pattern`` compiled as the matcher runs it (see the module's note)."""
    flags = re.IGNORECASE if has_capitals(pattern) else 0
    return re.compile(word_bounded(fold_letters(pattern)), flags)
