"""Author names from JSON-LD, <meta> and bylines, one person (or agency) each."""

from __future__ import annotations

import re
from collections.abc import Callable

from crawler.extraction.text import NEWS_LABELS, text_value

MAX_NAME = 80
_BETWEEN = re.compile(r"\s*(?:[,;]|\s/\s)\s*")
"""Between two names or an address's parts: "A, B", "A; B", "Laura Jordán / Javier Urbina".
A slash with no spaces is part of a name ("Bündnis 90/Die Grünen", "det/dpa")."""
_CONJUNCTION = re.compile(r"\s+(?:and|und|og|och|et|en)\s+", re.IGNORECASE)
""""A and B", "A und B". Not the one-letter conjunctions (Spanish "Ortega y Gasset" is one
name) and not "&" when the name comes from structured data ("Dezan Shira & Associates" is
one author)."""
_AMPERSAND = re.compile(r"\s*[&|]\s*")
_BY = re.compile(r"^(?:by|von|par|por|di|af|door|and|und)\s+", re.IGNORECASE)
_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)$|\s+기자$")
"""'Elena Oberholzer (obe)' and Korean '신현주 기자' ('reporter') are the name before it."""
_ALL_POSTS_BY = re.compile(
    r"^(?:(?:view|see|show|read|zeige|voir|ver|mostrar|vedi)\s+)?"
    r"(?:(?:all|alle|tous\s+les|todas\s+las|todos\s+los|tutti\s+gli)\s+)?"
    r"(?:posts|articles|stories|beiträge|artikel|entradas|articoli)\s+"
    r"(?:by|von|of|de|di|from):?(?:\s+|(?-i:(?=[A-Z])))",
    re.IGNORECASE,
)
"""The text of an author's archive link: "View all posts by Ana Li", "Zeige alle Beiträge von
Ana Li →", "SHOW ALL ARTICLES OFAna Li" (two elements' text run together)."""
_NOT_A_NAME = {
    "unknown",
    "anonymous",
    "anonym",
    "anonyme",
    "anónimo",
    "admin",
    "administrator",
    "webmaster",
    "publisher",
    "guest",
    "posts",
    "bio",
    "profile",
    "profil",
    "more",
    "mehr",
    "weiter",
    "weitere artikel",
    "read more",
    "weiterlesen",
    "archiv anzeigen",
    "view my complete profile",
    "afficher mon profil complet",
    *NEWS_LABELS,
}
"""Default CMS accounts ("admin"), Blogger's "Unknown", the labels of a byline's links and
a section's name left in the author field ("Nachrichten")."""
_CREDENTIAL = re.compile(r"Ph\.?\s?D\.?|M\.?D\.|MD|RDN?|MPH|MBA|MSc|BSc|DPhil|Jr\.?|Sr\.?|Esq\.?")
"""A degree or suffix after a name ("Grant Tinsley, PhD"), not a second author. Case matters:
"md" is also a writer's sign."""
_AFFILIATION = re.compile(r"(.+?)\s+[Ff]or\s+((?:[Tt]he\s+)?[A-Z].*)$")
""""Brendan Carlin For The Mail On Sunday": the name, then where it was written for."""
_COUNTRIES = {
    "germany",
    "deutschland",
    "austria",
    "österreich",
    "switzerland",
    "schweiz",
    "suisse",
    "france",
    "italy",
    "italia",
    "spain",
    "españa",
    "netherlands",
    "belgium",
    "usa",
    "us",
    "united states",
    "uk",
    "united kingdom",
    "england",
    "ireland",
    "canada",
    "australia",
    "india",
    "china",
    "japan",
    "russia",
    "brazil",
    "mexico",
    "south africa",
    "poland",
    "sweden",
    "norway",
    "denmark",
    "finland",
}
_OF_AN_ORGANISATION = {
    "für",
    "for",
    "of",
    "in",
    "im",
    "am",
    "on",
    "at",
    "the",
    "des",
    "pour",
    "per",
}
"""Words that join a body's name ("Ministry of ...", "... für Wirtschaft") and no person's."""


_WIRE_NAMES = {"reuters", "bloomberg", "xinhua", "kyodo", "yonhap", "interfax", "anadolu"}
_WIRE_NAMES |= {"bernama", "antara", "sputnik", "agencies", "agenturen", "agencias"}
"""Agencies signed in one capitalised word; any other such word after a full name is the
dateline's place ("Von Ana Li, Wuhan")."""


def author_names(
    raw: list[str], free_text: bool, names_site: Callable[[str], bool] | None = None
) -> tuple[str, ...]:
    """Clean, split and deduplicate; drop what is not a name (e-mail addresses, URLs, numbers,
    link labels, a publisher's town and country). A value that ``names_site`` (the
    publication's own name, "Kirche und Leben", "Jobs & Hire") is not split into people."""
    names: list[str] = []
    seen: set[str] = set()
    for value in raw:
        first = ""  # the value's first name: after a full name, one word is the dateline
        for part in _parts(text_value(value), free_text, names_site):
            name = _TRAILING_NOTE.sub("", _BY.sub("", part.strip())).strip(" .,;:-–—→»›|")
            name = _ALL_POSTS_BY.sub("", name).strip(" .,;:-–—→»›|")
            if names and _CREDENTIAL.fullmatch(name):
                continue
            if (affiliated := _AFFILIATION.match(name)) and len(affiliated[1].split()) >= 2:
                name = affiliated[1]
            if first and _is_place(name, first):  # "Anna Martel und Lea Wagner, Nairobi"
                continue
            key = _squeezed(name)  # "Sophie Foster" and its slug "sophie-foster" are one
            if _is_name(name):
                first = first or name
                if key not in seen:
                    seen.add(key)
                    names.append(name)
    return tuple(names)


def _parts(value: str, free_text: bool, names_site: Callable[[str], bool] | None) -> list[str]:
    """The names in one value: split at commas, spaced slashes and conjunctions, but an
    address ("Süddeutsche.de GmbH, Munich, Germany") keeps only what it locates, and a
    conjunction inside a body's or a desk's name ("Bundesministerium für Wirtschaft und
    Klimaschutz", "Staff and news service reports", "Department of Industry, Science and
    Resources") or the publication's own ("Kirche und Leben") joins no two people."""
    pieces = [p for p in _BETWEEN.split(value) if p]
    if len(pieces) >= 2 and pieces[-1].casefold() in _COUNTRIES:
        pieces = pieces[:1]
    if len(pieces) >= 2 and _describes(pieces[0]) and _continues_a_list(pieces[1:]):
        return [value.strip()]
    parts: list[str] = []
    for piece in pieces:
        if names_site and names_site(piece):
            parts.append(piece)
            continue
        sides = _CONJUNCTION.split(piece)
        if any(_describes(side) for side in sides):
            sides = [piece]
        for side in sides:
            parts += _AMPERSAND.split(side) if free_text else [side]
    return parts


def _continues_a_list(pieces: list[str]) -> bool:
    """The rest of a body's name after its first comma: a list of one-word fields that ends
    with a conjunction ("..., Science and Resources", "..., Food and Rural Affairs", "...,
    Bildung und Forschung WBF"), not the people who wrote for it ("..., Ana Li and Bo Chen")."""
    sides = [side for piece in pieces for side in _CONJUNCTION.split(piece)]
    if len(_CONJUNCTION.split(pieces[-1])) < 2:
        return False
    *fields, last = sides
    words = last.split()
    if len(words) >= 2 and words[-1].isupper():  # the body's acronym after its name
        words = words[:-1]
    return (
        all(len(field.split()) == 1 and field[:1].isupper() for field in fields)
        and 1 <= len(words) <= 3
    )


def _describes(side: str) -> bool:
    """A body's name ("Bundesministerium für Wirtschaft") or a description in lower case
    ("news service reports"), not a person's name."""
    words = side.split()
    return len(words) >= 2 and (
        side.islower() or any(w in _OF_AN_ORGANISATION for w in words[1:-1])
    )


def _is_place(name: str, first: str) -> bool:
    """One capitalised word after a full name that no agency signs with: a dateline."""
    return (
        len(first.split()) >= 2
        and " " not in name
        and name[:1].isupper()
        and name[1:] != name[1:].upper()
        and name.casefold() not in _WIRE_NAMES
    )


def _squeezed(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.casefold())


def without_posts(names: tuple[str, ...]) -> tuple[str, ...]:
    """Structured data's authors without an entry that is the first author's post written out
    ("Povilas Aleksandravičius", then "Mykolo Romerio universiteto Žmogaus ir visuomenės
    studijų fakulteto profesorius"): five words or more, three of them in lower case."""
    return names[:1] + tuple(name for name in names[1:] if not _a_post(name.split()))


def _a_post(words: list[str]) -> bool:
    return len(words) >= 5 and sum(word.islower() for word in words) >= 3


def without_site_names(
    names: tuple[str, ...], names_site: Callable[[str], bool]
) -> tuple[str, ...]:
    """Authors that are not the publication itself ("Lesotho Times", "mdr.de"), when a person
    is named beside it; a publication alone stays (a desk or agency story has no other)."""
    people = tuple(name for name in names if not names_site(name))
    return people or names


def _is_name(name: str) -> bool:
    lowered = name.casefold()
    return (
        1 < len(name) <= MAX_NAME
        and "@" not in name
        and "[at]" not in lowered
        and "://" not in name
        and "www." not in lowered
        and not re.search(r"\w\.[a-z]{2,6}/\w", lowered)  # facebook.com/ana.li
        and lowered not in _NOT_A_NAME
        and re.search(r"[^\W\d_]", name) is not None
    )
