"""The article's own byline element, read when the page's data names no author or only the
publication: "Von Seb Dumitru, Lille" in a <span class="article__author">."""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml.html import HtmlElement

from crawler.extraction.authors import author_names
from crawler.extraction.text import clean_value

BYLINE_XPATH = './/*[contains(@class, "uthor") or contains(@class, "yline") or @itemprop="author"]'
"""Elements marked as the byline ("article__author", "byline", "authorname", itemprop)."""
AUTHOR_PAGE_LINKS = (
    './/a[contains(@href, "/author/") or contains(@href, "/authors/")'
    ' or contains(@href, "/autor/") or contains(@href, "/autoren/") or contains(@href, "/auteur/")'
    ' or contains(@href, "/autore/") or contains(@href, "/journalist/")]'
)
"""Links to an author's page (WordPress's /author/slug/ and its translations), which many
sites put in a byline no class marks: "von <a href="/autoren/name/max-kolter">"."""

_NOT_BYLINE = re.compile(
    r"bio|avatar|image|img|photo|pic|desc|social|follow|more|related|teaser|card|list|box|about"
    r"|comment|form|reply",
    re.IGNORECASE,
)
"""Classes near "author" that hold something else: the author's bio or picture, a follow
button, other stories' bylines, the comment form's "Name *" field."""
_AUTHORS_LIST = re.compile(r"authors?[-_]*list", re.IGNORECASE)
"""The list of the article's own authors ("authors__list-item"), not other stories' list."""
_NOT_IN_NAME = re.compile(
    r"[\d{}()=;*]|\b(?:published|updated|posted|read|min|minutes|photos?|images?|video"
    r"|redaktion|staff|newsroom|desk|team|author|veröffentlicht|publiziert|erstellt|beiträge"
    r"|sponsored|gesponserte|empfehlen)\b",
    re.IGNORECASE,
)
"""A date, a reading time, script text or a desk ("von unserer Redaktion"): no person."""
_ROLE = re.compile(
    r"(?:\w+ )?(?:editor|commentator|correspondent|reporter|writer|contributor|columnist"
    r"|\w*redakteur(?:in)?)"
    r"|follow|twitter|e-?mail|(?:\w+ )?(?:by|von)",
    re.IGNORECASE,
)
"""A part of the byline that is the author's role or a button: left out of the names."""
_LABEL = re.compile(
    r"^(?:by|von|par|por|di|af|door|[^\W\d_][\w ]{0,15}:|(?:[^\W\d_]+ )?by:?)$", re.IGNORECASE
)
"""A line of the byline that only introduces it: "von", "Autor:", "Article by"."""
_LEAD_LABEL = re.compile(
    r"^(?:(?:(?:written|article|geschrieben|verfasst) )?(?:by|von)\b|autor\b"
    r"|[^\W\d_]{2,12}(?:/in)?\s*:)\s*:?\s*",
    re.IGNORECASE,
)
""""Written by: ", "Autor/in: ", "Quelle: " before the name."""
_CREDIT_LINE = re.compile(r"^(?:photo\w*|images?|illustrations?|produced|video)\b", re.I)
"""A credit in the byline box for the pictures or the production, not the text."""
MAX_BYLINE = 120
"""Characters: a byline names a few people, an agency and a place."""


def byline_names(elements: list[tuple[str, str]]) -> tuple[str, ...]:
    """Names from the first short byline among (class, text) of elements marked as one
    ("article__author", "byline", itemprop=author), its lines read as separate names:
    "Von Ana Li und Bo Chen, dpa" -> ("Ana Li", "Bo Chen", "dpa"), the dateline's place left
    out by ``author_names`` ("Von Seb Dumitru, Lille" -> ("Seb Dumitru",)). The first name
    must be a full name or an agency's short one, none may hold a date, script or desk
    ("Published 3 May", "von unserer Redaktion"), or the next element is tried; roles
    ("Sports Editor") are left out."""
    for css_class, text in elements[:6]:
        if _NOT_BYLINE.search(_AUTHORS_LIST.sub("", css_class)):
            continue
        lines = [_LEAD_LABEL.sub("", clean_value(line)) for line in text.splitlines()]
        lines = [x for x in lines if x and not _LABEL.match(x) and not _CREDIT_LINE.match(x)]
        joined = ", ".join(lines)
        if len(joined) > MAX_BYLINE:
            continue
        names = [n for n in author_names([joined], free_text=True) if not _ROLE.fullmatch(n)]
        if (
            names
            and names[0][0].isalpha()
            and (len(names[0].split()) >= 2 or _is_short_name(names[0]))
            and all(len(n.split()) <= 5 and not _NOT_IN_NAME.search(n) for n in names)
        ):
            return tuple(names)
    return ()


def _is_short_name(name: str) -> bool:
    """An agency's or a writer's short sign ("AFP", "dpa", "kesm") or a name in a script
    without capitals or spaces ("松岡大地"), not a first name alone ("Lars")."""
    return len(name) <= 5 and (name.isupper() or name.islower() or name.upper() == name.lower())


def author_page_links(
    article_node: HtmlElement, names_site: Callable[[str], bool]
) -> tuple[str, ...]:
    """The names of the first links to an author's page in the article, when they are all
    one byline's (at most three, each a full name): more, or an odd one, are other stories'
    cards."""
    texts = list(dict.fromkeys(a.text_content() for a in article_node.xpath(AUTHOR_PAGE_LINKS)))
    if not texts or len(texts) > 3:
        return ()
    names = author_names(texts, free_text=False)
    people = tuple(n for n in names if not names_site(n) and _person_name(n))
    return people if len(people) == len(texts) else ()


_NAME_PARTICLES = frozenset(
    [
        "von",
        "van",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "du",
        "le",
        "la",
        "bin",
        "al",
        "el",
        "y",
    ]
)
_LINK_LABEL = re.compile(
    r"\b(?:articles?|all|more|see|view|subscribe|rss|posts?|profile|artikel\w*|alles?"
    r"|beiträge|übersicht|geprüft|reviewed|redaktion|staff|team)\b",
    re.IGNORECASE,
)


def _person_name(text: str) -> bool:
    """Two to four words, each capitalised but for name particles ("Walter von Aachen"), none
    twice and none a link's label ("See All Articles", "Zur Artikelübersicht")."""
    words = text.split()
    return (
        2 <= len(words) <= 4
        and len(set(words)) == len(words)
        and not _LINK_LABEL.search(text)
        and all(w[0].isupper() or w.casefold() in _NAME_PARTICLES for w in words)
        and words[0][0].isupper()
    )


AUTHOR_LABEL = re.compile(
    r"^(?:autor(?:in)?(?:\s*/\s*autor(?:in)?)?|autoren|author|authors|written by|auteur|autore"
    r"|autora|por|von)\s*:?$",
    re.IGNORECASE,
)
"""A field's label that says the author comes next ("Autorin/Autor", "Author:")."""


def labelled_author(page: HtmlElement, names_site: Callable[[str], bool]) -> tuple[str, ...]:
    """A field whose label is "Autor", "Author", ... in bold or a term (<strong>, <b>, <dt>,
    <th>) and whose rest is a person's name: "<li><strong>Autorin/Autor</strong> Roman
    Goncharenko</li>" (dw.com's facts box, beside the article rather than in it, hence the
    whole page; the first 200 labels)."""
    for label in page.xpath(".//strong | .//b | .//dt | .//th")[:200]:
        if not AUTHOR_LABEL.match(" ".join(label.text_content().split())):
            continue
        parent = label.getparent()
        if label.tag == "dt":
            value = label.getnext()
            text = value.text_content() if value is not None and value.tag == "dd" else ""
        elif label.tag == "th":
            value = label.getnext()
            text = value.text_content() if value is not None and value.tag == "td" else ""
        else:
            whole = parent.text_content() if parent is not None else ""
            text = whole.replace(label.text_content(), "", 1)
        names = author_names([" ".join(text.split())], free_text=True)
        people = tuple(n for n in names if not names_site(n) and _person_name(n))
        if people and len(people) == len(names):
            return people
    return ()


_RIGHT_ALIGNED = re.compile(r"text-align\s*:\s*right", re.IGNORECASE)
"""A signature's alignment; not "margin-right" or "padding-right"."""
BODY_BYLINE_TOP = 4
"""Paragraphs at the top of the article's text where a byline paragraph is looked for."""


def body_byline(article_node: HtmlElement, names_site: Callable[[str], bool]) -> tuple[str, ...]:
    """The byline printed as the story's own paragraph, in bold and alone: "<p><strong>Mohloai
    Mpesi</strong></p>" above the text, or signed under it, right-aligned ("<p
    style="text-align:right"><strong>Lê Phương</strong></p>"), as small sites' editors type
    it into the story. Each name must read as a person's (two to four capitalised words); one
    above the text must also be written nowhere else in it (``_not_prose``): a bold "Key
    Takeaways" is a heading."""
    paragraphs = [p for p in article_node.iter("p") if p.text_content().strip()]
    top = paragraphs[:BODY_BYLINE_TOP]
    signed = [
        p
        for p in paragraphs[-2:]
        if _RIGHT_ALIGNED.search(p.get("style", "")) or p.get("align", "").lower() == "right"
    ]
    for paragraph in top:
        names = _bold_names(paragraph)
        if names and not names_site(" ".join(names)) and _not_prose(names, article_node):
            return names
    for paragraph in signed:  # a signature's alignment already sets it apart from a heading
        names = _bold_names(paragraph)
        if names and not names_site(" ".join(names)):
            return names
    return ()


def _bold_names(paragraph: HtmlElement) -> tuple[str, ...]:
    children = [child for child in paragraph if child.tag != "br"]
    text = " ".join(paragraph.text_content().split())
    if (
        len(children) != 1
        or children[0].tag not in ("strong", "b")
        or " ".join(children[0].text_content().split()) != text
        or len(text) > MAX_BYLINE
    ):
        return ()
    # Split as any free-text byline is; a slash between two names has no spaces here
    # ("Mathatisi Sebusi/Mohalenyane Phakela"), and each part must be a person's name below.
    names = author_names([_LEAD_LABEL.sub("", text).replace("/", " / ")], free_text=True)
    if not names or not all(_person_name(name) and not _NOT_IN_NAME.search(name) for name in names):
        return ()
    return names


def _not_prose(names: tuple[str, ...], article_node: HtmlElement) -> bool:
    """No word of the names is written elsewhere in the article: not in lower case (a
    heading's "Key Takeaways" or "Breaking News"), nor again capitalised (a heading that
    names the subject, "Alp Race Gurtzeug" over a review of it: a byline's names appear
    once, in the byline)."""
    words = {w for name in names for w in name.split() if w.casefold() not in _NAME_PARTICLES}
    text = " ".join(article_node.itertext())  # text_content() glues "<h1>A</h1><p>B" into "AB"
    return all(
        len(re.findall(rf"(?<!\w){re.escape(w)}(?!\w)", text, re.IGNORECASE)) == 1 for w in words
    )
