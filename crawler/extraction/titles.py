"""The headline: JSON-LD headline, then og:/twitter:title, then <h1>, then <title>, with the
site's name and section suffixes ("Headline | Sport | Site") taken off."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

from crawler.extraction.text import clean_value
from crawler.urls import site_domain

SEPARATOR = re.compile(r"\s+(?:--|[|\-–—:·•»/*])\s+|\s*[|ㅣ]\s*")
"""Between a headline and what a site appends to it. A bare hyphen needs spaces around it
("Covid-19" is a word); a pipe does not. Some sites write a dash as two hyphens, some an
asterisk ("Headline * The Gateway Pundit")."""


def choose_title(candidates: list[tuple[str, str]], site_name: str, url: str) -> tuple[str, str]:
    """(title, method) from (method, raw text) candidates in order of trust."""
    cleaned = [(method, clean_value(text)) for method, text in candidates]
    cleaned = [(method, text) for method, text in cleaned if text]
    if not cleaned:
        return "", ""
    method, title = cleaned[0]
    for other_method, other in cleaned[1:]:
        if _cut_short(title, other) or _placeholder(title, other, cleaned[1:]):
            method, title = other_method, other
            break
    # "Headline | Sport" where another reader gives "Headline": the shorter one is the headline.
    for _, other in cleaned[1:]:
        rest = title[len(other) :]
        if len(other) >= 10 and title.startswith(other) and SEPARATOR.match(rest):
            title = other
    others = {text for _, text in cleaned[1:]}
    stripped = strip_site_name(title, site_name, url, others)
    return stripped, method if stripped == title else f"{method}, site name removed"


def _cut_short(title: str, other: str) -> bool:
    """``title`` is ``other`` cut off: it ends in an ellipsis, or is long enough to have met a
    length limit (Google once showed 110 characters of a JSON-LD headline, and publishers
    cut theirs to fit), maybe in the middle of a word. A short headline that another reader
    continues is a headline and its subtitle, or markup glued on ("InfantaUltima Hora")."""
    stem = title.rstrip(" .…")
    if not stem or len(other) <= len(stem) or not other.startswith(stem):
        return False
    rest = other[len(stem) :].lstrip(".…")  # the other's own ellipsis: the same headline
    if SEPARATOR.match(rest) or not re.search(r"\w", rest):
        return False  # "Headline | Site", "Headline…": no more headline
    return title.endswith(("…", "...")) or len(stem) >= CUT_AT_LEAST


CUT_AT_LEAST = 90


def _placeholder(title: str, other: str, others: list[tuple[str, str]]) -> bool:
    """A one-word title (a template's placeholder: "escenic", "Article") where two other
    readers agree on a headline of several words."""
    return (
        len(title.split()) == 1
        and len(other.split()) > 1
        and sum(text == other for _, text in others) >= 2
    )


def _site_names(site_name: str, url: str) -> list[str]:
    domain = site_domain(url)  # news.sky.com -> "sky.com" and "sky"
    names = (
        [site_name, domain, domain.split(".")[0]] if site_name else [domain, domain.split(".")[0]]
    )
    return [name for name in names if len(name) >= 2]


def _squeeze(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def _initials(name: str) -> str:
    """The first letters of a name of two or three words, lower case ("Deutsche Welle" ->
    "dw"); none for one word or for more (a sentence's initials can spell anything)."""
    words = re.findall(r"[^\W\d_]+", name)
    return "".join(w[0] for w in words).casefold() if 2 <= len(words) <= 3 else "-"


def site_namer(site_name: str, url: str, part_of_name: bool = True) -> Callable[[str], bool]:
    """A test of whether a text names the site: its og:site_name or its domain, ignoring case,
    spaces and punctuation ("Lesotho Times", "lesothotimes.com", "mdr.de"), or a little more
    ("MDR Sachsen-Anhalt"). With ``part_of_name``, a piece of the name counts too ("NY" of
    nytimes.com: right for a title's suffix, wrong for an author called Tim)."""
    names = [_squeeze(name) for name in _site_names(site_name, url)]

    def names_site(part: str) -> bool:
        squeezed = _squeeze(part)
        return len(squeezed) >= 2 and (
            any(
                (squeezed in n if part_of_name else squeezed == n)
                or (n in squeezed and len(squeezed) <= 2 * len(n) + 10)
                for n in names
            )
            # A name whose initials are the site's: "Deutsche Welle" on dw.com.
            or _initials(part) in names
        )

    return names_site


def strip_site_name(title: str, site_name: str, url: str, confirmed: Collection[str] = ()) -> str:
    """'Headline | Site' or 'Site: Headline' -> 'Headline', when the part cut off names the
    site (its og:site_name or its domain, ignoring case, spaces and punctuation).

    What is left must look like a headline: ten characters, two words, or the very text
    another reader of the page gave (``confirmed``: "Penny - Stardew Valley Wiki" with an
    ``<h1>`` "Penny")."""
    parts = SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    names_site = site_namer(site_name, url)  # with no name to test, it matches nothing

    def headline_like(kept: str) -> bool:
        return len(kept) >= 10 or len(kept.split()) >= 2 or kept in confirmed

    # Trailing parts, the most that can go: "Headline | DW | 28.04.2023" drops the site and the
    # date after it, "Headline - Martina Berg - Lady 50plus" the two halves of the site's name,
    # "Headline | Journelles | Jetzt entdecken!" the site and its slogan.
    for cut in range(len(parts) - 1, 0, -1):
        tail = parts[-cut:]
        if names_site(tail[0]) and all(_site_furniture(p, names_site) for p in tail[1:]):
            kept = _text_before(title, parts[-cut])
            if headline_like(kept):
                return kept
    # A leading name only before a real separator: "NASA: Artemis II ..." keeps "NASA".
    if names_site(parts[0]) and re.match(r"\s*[|–—»·•ㅣ-]", title[len(parts[0]) :]):
        kept = title[title.find(parts[1], len(parts[0])) :].strip()
        if len(kept) >= 10:
            return kept
    return title


def _site_furniture(part: str, names_site: Callable[[str], bool]) -> bool:
    """What may follow a site's name in a title: its name again, a date or number, or a short
    slogan or section ("Webdesign", "Analyse Opinion Critique"); never a headline's length."""
    return names_site(part) or not re.search(r"[^\W\d_]", part) or len(part.split()) <= 4


def _text_before(title: str, part: str) -> str:
    return title[: title.rfind(part)].rstrip(" |-–—:·•»/*ㅣ").strip()
