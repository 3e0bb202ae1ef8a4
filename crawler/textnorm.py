"""Text normalised for matching, with a map back to the original characters.

Accents are dropped (NFKD without combining marks), curly apostrophes and typographic dashes
become plain, and case is folded, so "Chang’e", "CHANG'E" and "Chang`e" read the same. The
normalised text can be longer than the original (one character may decompose into several);
``to_original`` maps any normalised index back. ASCII runs and runs NFKD leaves alone are
copied as a whole, so an English or Chinese article costs little more than ``str.lower``.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

_PLAIN = {**dict.fromkeys("’‘`´ʼʹ′＇", "'"), **dict.fromkeys("‐‑‒–—―−﹘﹣－", "-")}
# One character for one: a regex finds the few to replace far faster than str.translate,
# which looks every character up in a dict.
_TYPOGRAPHIC = re.compile("[" + re.escape("".join(_PLAIN)) + "]")
NON_ASCII = re.compile(r"[^\x00-\x7f]+")


@dataclass(frozen=True, slots=True)
class NormalisedText:
    original: str
    cased: str
    """Accents dropped, apostrophes and dashes plain, case kept."""
    folded: str
    """``cased`` in lower case; the same length, so one index map serves both."""
    starts: tuple[int, ...] = ()
    """Normalised index where each segment starts (empty: identical to the original)."""
    origins: tuple[int, ...] = ()
    """Original index of each segment's first character."""
    identity: tuple[bool, ...] = ()
    """True for a run copied as is; False for the characters one original character became."""

    def to_original(self, index: int) -> int:
        if not self.starts:
            return min(index, len(self.original))
        if index >= len(self.cased):
            return len(self.original)
        segment = bisect.bisect_right(self.starts, index) - 1
        offset = index - self.starts[segment]
        return self.origins[segment] + (offset if self.identity[segment] else 0)


def _fold(text: str) -> str:
    # str.lower can lengthen a few characters (İ -> i̇); keep those as they are so the
    # folded text stays aligned with the cased one.
    folded = text.lower()
    if len(folded) == len(text):
        return folded
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _plain_char(match: re.Match[str]) -> str:
    return _PLAIN[match.group()]


_UNDECOMPOSED = {
    **dict(zip("øØłŁđĐ", "oOlLdD", strict=True)),
    **{"æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss"},
}
"""Letters NFKD leaves whole though readers take them for a plain one with a mark or for two:
"Andøya", "Łódź", "Đà Nẵng", "Ærø", "Straße"."""
_HAS_UNDECOMPOSED = re.compile("[" + "".join(_UNDECOMPOSED) + "]")


class _Kept(dict[int, str]):
    """Each character's NFKD form without its combining marks ("é" -> "e", "Ⅱ" -> "II"),
    worked out once per character (the letters of ``_UNDECOMPOSED`` come with it);
    ``str.translate`` looks them up in C."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        decomposed = unicodedata.normalize("NFKD", char)
        kept = "".join(c for c in decomposed if not unicodedata.combining(c)) or char
        self[code] = kept
        return kept


_KEPT = _Kept({ord(char): kept for char, kept in _UNDECOMPOSED.items()})


def normalise(text: str) -> NormalisedText:
    plain = _TYPOGRAPHIC.sub(_plain_char, text)
    if plain.isascii():
        return NormalisedText(text, plain, plain.lower())
    # Run by run of non-ASCII characters: a run NFKD leaves as it is (Chinese, most Cyrillic)
    # stays; another is translated; only a run where a character becomes several ("Ⅱ" ->
    # "II", a Hangul syllable -> its letters) is walked character by character, for the map
    # back. A segment for each such character and one for each run between them, which maps
    # index for index.
    pieces: list[str] = []
    copied = 0
    starts: list[int] = []
    origins: list[int] = []
    identity: list[bool] = []
    length = 0
    position = 0
    for match in NON_ASCII.finditer(plain):
        run = match.group()
        if unicodedata.is_normalized("NFKD", run) and not _HAS_UNDECOMPOSED.search(run):
            continue
        kept = run.translate(_KEPT)
        pieces += (plain[copied : match.start()], kept)
        copied = match.end()
        if len(kept) == len(run):
            continue
        for index in range(match.start(), match.end()):
            width = len(_KEPT[ord(plain[index])])
            if width == 1:
                continue
            if index > position:
                starts.append(length)
                origins.append(position)
                identity.append(True)
                length += index - position
            starts.append(length)
            origins.append(index)
            identity.append(False)
            length += width
            position = index + 1
    cased = "".join((*pieces, plain[copied:])) if pieces else plain
    if not starts:
        # Every character became one: the indexes are the original's.
        return NormalisedText(text, cased, _fold(cased))
    if position < len(plain):
        starts.append(length)
        origins.append(position)
        identity.append(True)
    return NormalisedText(text, cased, _fold(cased), tuple(starts), tuple(origins), tuple(identity))
