"""extract_article: one page's HTML + URL -> ArticleFields.

Each field is found by the most reliable reader first: JSON-LD (NewsArticle and kin), then
OpenGraph / <meta>, then the markup (<h1>, <time>, bylines), then trafilatura for the body and
htmldate on the article node for a date. Nothing is invented: a field no reader finds stays
empty, and a missing date is None, never the time of the crawl.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from copy import deepcopy
from typing import Any, TypeVar
from urllib.parse import urljoin, urlsplit

import trafilatura
from htmldate import find_date
from lxml import etree
from lxml import html as lxml_html

from crawler.extraction.authors import author_names, without_posts, without_site_names
from crawler.extraction.bios import without_author_notes, without_leading_byline
from crawler.extraction.bylines import (
    BYLINE_XPATH,
    author_page_links,
    body_byline,
    byline_names,
    labelled_author,
)
from crawler.extraction.dates import modified_after, parse_date, url_date
from crawler.extraction.language import detect_language
from crawler.extraction.promos import is_promo
from crawler.extraction.structured import (
    first_meta,
    json_ld_article,
    ld_names,
    ld_text,
    meta_tags,
)
from crawler.extraction.tags import article_tags
from crawler.extraction.teasers import is_teaser
from crawler.extraction.text import clean_value, text_value
from crawler.extraction.titles import choose_title, site_namer
from crawler.items import ArticleFields
from crawler.sites import rules_for
from crawler.urls import site_domain

PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "dc.date.issued",
    "dcterms.created",
    "dc.date",
    "sailthru.date",
    "parsely-pub-date",
    "date",
    "citation_publication_date",
)
OTHER_PUBLISHED_META = (
    # Names fewer publishers use (htmldate's list has most), or misspell: "article:published:time"
    # (Börsen-Zeitung's CMS). Read after the page's <time>: on sac-cas.ch
    # og:article:published_time names a day ten days before the one the page shows.
    "article:published:time",
    "og:article:published_time",
    "published_time",
    "published_date",
    "publication_date",
    "date_published",
    "article.published",
    "dc.date.published",
    "rnews:datepublished",
)
MODIFIED_META = (
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dcterms.modified",
    "article:modified:time",
    "og:article:modified_time",
    "modified_time",
    "date_modified",
)
AUTHOR_META = ("author", "article:author", "dc.creator", "sailthru.author", "parsely-author")
MIN_BODY = 300
FALLBACK_SHARE = 0.4
"""trafilatura runs without its readability/jusText comparison (fast=True, ~40% quicker);
when that body is shorter than MIN_BODY characters or than this share of the article node's
paragraph text, the text was missed and the full comparison runs."""
FAST_BODY_ENOUGH = 2000
"""...but not for a fast body of this many characters or more: an article element that holds
far more paragraph text than that is holding comments and teasers besides. On the 1,416
benchmark pages the comparison gave such bodies back unchanged (one body in all changed, no
score), at 10-50 ms a page: the 2015 newspaper pages' time ratio to trafilatura 1.02 -> 0.96."""
PROSE_PARAGRAPHS, PROSE_PARAGRAPH_CHARS = 3, 150
"""A page with no article markup (JSON-LD, og:type, ``<article>``/``<main>``) and no date is
still an article when its body holds this many paragraphs of this many characters: a plain
press-release page (an agency's, a ministry's) has them, a listing's teaser lines do not. Of
the 54 benchmark content pages without markup or date, 34 have them."""
SHORT_BODY = 800
RECALL_GAIN = 3
"""A body still under SHORT_BODY characters is read again in trafilatura's recall mode, and
that text is taken when it is over RECALL_GAIN times as long (see ``_body``)."""
PROSE_LINE_WORDS, PROSE_LINE_CHARS, PROSE_LINE_IDEOGRAPHS, PROSE_SHARE = 8, 80, 20, 0.5
"""A line of prose has this many words, or characters, or Chinese or Japanese characters
(written without spaces, a sentence in a third of the length); a text with less than
PROSE_SHARE of its characters in such lines is a menu or a list of links."""
_HAN_KANA = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HANGUL = re.compile("[\uac00-\ud7af]")


def reading_length(text: str) -> int:
    """Length in Latin-script characters of the same reading: a Chinese or Japanese word is
    ~2 characters against ~6 (with its space) for an English one, a Korean word ~4. Without
    it a full CJK news story "looks short" and pays a second trafilatura run for nothing."""
    return len(text) + 2 * len(_HAN_KANA.findall(text)) + len(_HANGUL.findall(text))


SUBTREE_SHARE = 0.6
"""The article element is handed to trafilatura alone when it holds this share of the page's
paragraph text (``_article_subtree``)."""
_SPACE = re.compile(r"[ \t\r\f\v]+")


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_NOT_IN_XML = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f]")
"""Control characters XML cannot hold (NUL is removed before parsing). trafilatura builds its
output as XML elements, which refuse them: one stray BEL in a page lost its whole body."""
PARSER = lxml_html.HTMLParser(
    collect_ids=False,
    default_doctype=False,
    encoding="utf-8",
    huge_tree=True,
    remove_comments=True,
    remove_pis=True,
)
"""trafilatura's own parser settings: the tree it is handed must look like one it parsed
(comment nodes left in the tree cost it whole paragraphs). ``huge_tree``: libxml2 otherwise
stops at a nesting depth of 256 and the rest of the page is lost (400 unclosed ``<font>``
tags, a page of an old CMS, kept no body at all); with it the limit is 2,048."""


def parse_html(html: str) -> lxml_html.HtmlElement | None:
    """A parsed tree, or None for a page lxml cannot make sense of (empty, binary)."""
    if not html or not html.strip():
        return None
    if len(_CONTROL.findall(html, 0, 4096)) > 2:
        return None  # binary served as text: no HTML document has control characters
    text = html.replace("\x00", "")
    try:
        try:
            return lxml_html.document_fromstring(text, parser=PARSER)
        except ValueError:  # "Unicode strings with encoding declaration are not supported"
            return lxml_html.document_fromstring(text.encode("utf-8"), parser=PARSER)
    except (etree.ParserError, ValueError):
        return None


GUESSED_DATE = "htmldate"
"""The method name of a publish date guessed from the page's text rather than stated."""
URL_DATE = "url"
"""The method name of the day a page's URL files it under (a day, not a time)."""


def extract_article(html: str, url: str, now: dt.datetime | None = None) -> ArticleFields:
    """Fields of the article at ``url``. Bad HTML gives empty fields, never an exception.

    ``fields.methods`` names the reader that gave each field (``spacewatch extract --explain``).
    """
    tree = parse_html(html)
    if tree is None:
        return ArticleFields(is_article=False)
    methods: dict[str, str] = {}
    site = rules_for(url)
    ld = json_ld_article(tree)
    meta = meta_tags(tree)
    article_node = _article_node(tree)
    site_name = clean_value(first_meta(meta, "og:site_name", "application-name"))
    names_site = site_namer(site_name, url, part_of_name=False)
    candidates = _title_candidates(tree, ld, meta, names_site)
    if site and site.title:
        candidates[:0] = [(f"site rule {site.domains[0]}", _xpath_text(tree, site.title))]
    title, methods["title"] = choose_title(candidates, site_name, url)
    authors, methods["authors"] = _authors(tree, ld, meta, article_node, names_site)
    if site and site.authors:
        names = author_names([_text(n) for n in tree.xpath(site.authors)], free_text=False)
        if names:
            authors, methods["authors"] = names, f"site rule {site.domains[0]}"
    authors = without_site_names(authors, names_site)
    if all(names_site(name) for name in authors):  # none, or only the publication
        bylines = [(b.get("class", ""), _text(b)) for b in article_node.xpath(BYLINE_XPATH)]
        found = without_site_names(byline_names(bylines), names_site)
        if found and not all(names_site(name) for name in found):
            authors, methods["authors"] = found, "markup byline"
        elif linked := author_page_links(article_node, names_site):
            authors, methods["authors"] = linked, "markup author-page link"
        elif labelled := labelled_author(tree, names_site):
            authors, methods["authors"] = labelled, "markup author field"
        elif printed := body_byline(article_node, names_site):
            authors, methods["authors"] = printed, "markup byline paragraph"
    published, methods["published_at"] = _published(ld, meta, article_node, url, now)
    if site and site.published and (ruled := site.published(tree)) is not None:
        published, methods["published_at"] = ruled, f"site rule {site.domains[0]}"
    modified, methods["modified_at"] = _first_found(
        ("json-ld dateModified", lambda: parse_date(ld.get("dateModified"), now)),
        ("meta modified", lambda: parse_date(first_meta(meta, *MODIFIED_META), now)),
    )
    # trafilatura copies the tree it is given rather than parsing the page a second time.
    headlines = {title, *(text for method, text in candidates if method == "markup <h1>")}
    if site and site.drop:
        _drop(tree, site.drop)  # after every other reader has had the whole page
    body, methods["body"] = _body(tree, url, article_node)
    if not body and _NOT_IN_XML.search(html):
        # Cleaned only on this path: scanning every page for them cost ~2 ms of ~25.
        return extract_article(_NOT_IN_XML.sub(_xml_safe, html), url, now)
    body = without_author_notes(_without_leading_title(body, headlines), authors)
    body = without_leading_byline(body, authors)
    language, methods["language"] = _language(tree, ld, meta, f"{title}\n{body}")
    section, methods["section"] = _section(ld, meta)
    tags, methods["tags"] = article_tags(ld, meta)
    summary, methods["summary"] = _summary(ld, meta, body, names_site, authors)
    canonical, methods["canonical_url"] = _canonical(tree, meta, url)
    image, methods["image_url"] = _image(ld, meta, url)
    methods["is_article"] = _article_evidence(
        ld, meta, published is not None, article_node is not tree, body
    )
    return ArticleFields(
        title=title,
        authors=authors,
        published_at=published,
        modified_at=modified_after(modified, published),
        language=language,
        summary=summary,
        body=body,
        section=section,
        tags=tags,
        canonical_url=canonical,
        image_url=image,
        is_article=bool(methods["is_article"]),
        methods={field: method for field, method in methods.items() if method},
    )


T = TypeVar("T")


def _first_found(*readers: tuple[str, Callable[[], T | None]]) -> tuple[T | None, str]:
    """The first reader's value that is not None, with the reader's name."""
    for method, read in readers:
        value = read()
        if value is not None:
            return value, method
    return None, ""


SUMMARY_CHARS = 300
"""A summary taken from the body is cut to about this many characters, at a word's end."""
_LETTERS = re.compile(r"[^\W\d_]")
_TEMPLATE_LEFTOVER = re.compile(r"[|–—:·-]\s")
"""A description that opens with a separator is what a template put after an empty field
("| Lebanon News"), not a summary."""


def _summary(
    ld: dict[str, Any],
    meta: dict[str, list[str]],
    body: str,
    names_site: Callable[[str], bool],
    authors: tuple[str, ...],
) -> tuple[str, str]:
    """The page's own description, unless it only names the site, is a template's leftover
    ("| Lebanon News") or an author's name; else the body's first paragraph of prose, so a
    list of stories shows no empty line for a page without one (7 % of the 1,416 real
    pages)."""
    people = {author.casefold() for author in authors}
    described, method = _first_text(
        ("json-ld description", ld_text(ld.get("description"))),
        ("meta description", first_meta(meta, "og:description", "description")),
        ("meta description", first_meta(meta, "twitter:description")),
        accept=lambda text: (
            not _TEMPLATE_LEFTOVER.match(text)
            and not names_site(text.strip(" |-–—:·"))
            and text.casefold() not in people
        ),
    )
    if described:
        return described, method
    # The first paragraph of prose: not a heading, a dateline or a row of table cells.
    lead = next((p for p in body.split("\n\n") if len(_LETTERS.findall(p)) >= 40), "").strip()
    if len(lead) > SUMMARY_CHARS:
        cut = lead.rfind(" ", 0, SUMMARY_CHARS)
        if cut < SUMMARY_CHARS // 2:  # a script written without spaces (Chinese, Japanese)
            cut = SUMMARY_CHARS
        lead = lead[:cut].rstrip(" ,;:–—-") + " …"
    return lead, "the body's first paragraph" if lead else ""


def _first_text(
    *candidates: tuple[str, str], accept: Callable[[str], bool] = bool
) -> tuple[str, str]:
    """(text, method) of the first (method, raw) candidate whose text ``accept`` takes."""
    for method, text in candidates:
        cleaned = text_value(text)
        if cleaned and accept(cleaned):
            return cleaned, method
    return "", ""


def _article_node(tree: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """The element that holds the article: <article>, [itemprop=articleBody]'s parent, <main>."""
    for xpath in ("//article", '//*[@itemprop="articleBody"]/..', "//main"):
        nodes = tree.xpath(xpath)
        if nodes:
            node: lxml_html.HtmlElement = max(nodes, key=lambda n: len(n.text_content()))
            return node
    return tree


def _title_candidates(
    tree: lxml_html.HtmlElement,
    ld: dict[str, Any],
    meta: dict[str, list[str]],
    names_site: Callable[[str], bool],
) -> list[tuple[str, str]]:
    candidates = [
        ("json-ld headline", ld_text(ld.get("headline"))),
        ("meta og:title", first_meta(meta, "og:title", "twitter:title")),
    ]
    h1s = [clean_value(h1.text_content()) for h1 in tree.xpath("//h1")[:3]]
    titles = [clean_value(t.text_content()) for t in tree.xpath("//title")[:1]]
    page_title = titles[0] if titles else ""
    if len(h1s) >= 2 and page_title:
        # A template's headings ("Menu", "Quicklinks", the site's name) beside the story's:
        # the story's is the one the page's <title> repeats, the longest if several do. If
        # none does, the <title> comes first, unless it is only the site's name.
        repeated = [h for h in h1s if len(h) >= 4 and h.casefold() in page_title.casefold()]
        if repeated:
            h1s = sorted(repeated, key=len, reverse=True) + [h for h in h1s if h not in repeated]
        elif not names_site(page_title):
            return [*candidates, ("markup <title>", page_title), *(("markup <h1>", h) for h in h1s)]
    return [
        *candidates,
        *(("markup <h1>", h) for h in h1s),
        *(("markup <title>", t) for t in titles),
    ]


def _published(
    ld: dict[str, Any],
    meta: dict[str, list[str]],
    article_node: lxml_html.HtmlElement,
    url: str,
    now: dt.datetime | None,
) -> tuple[dt.datetime | None, str]:
    return _first_found(
        ("json-ld datePublished", lambda: parse_date(ld.get("datePublished"), now)),
        ("meta published", lambda: parse_date(first_meta(meta, *PUBLISHED_META), now)),
        ("markup <time>", lambda: _time_element_date(article_node, now)),
        ("meta published", lambda: parse_date(first_meta(meta, *OTHER_PUBLISHED_META), now)),
        (URL_DATE, lambda: url_date(url, now)),
        (GUESSED_DATE, lambda: _htmldate(article_node, now)),
    )


def _authors(
    tree: lxml_html.HtmlElement,
    ld: dict[str, Any],
    meta: dict[str, list[str]],
    article_node: lxml_html.HtmlElement,
    names_site: Callable[[str], bool],
) -> tuple[tuple[str, ...], str]:
    names = without_posts(author_names(ld_names(ld.get("author")), False, names_site))
    if names:
        return names, "json-ld author"
    raw = [v for key in AUTHOR_META for v in meta.get(key, []) if "://" not in v]
    if names := author_names(raw, True, names_site):
        return names, "meta author"
    # The article's own byline links: the page's are also on related-story cards.
    links = article_node.xpath('.//a[@rel="author"]') or tree.xpath('//a[@rel="author"]')
    if names := author_names([a.text_content() for a in links], True, names_site):
        return names, "markup rel=author"
    return (), ""


def _time_element_date(node: lxml_html.HtmlElement, now: dt.datetime | None) -> dt.datetime | None:
    for time in node.xpath(".//time[@datetime]"):
        parsed = parse_date(time.get("datetime"), now)
        if parsed is not None:
            return parsed
    return None


def _htmldate(node: lxml_html.HtmlElement, now: dt.datetime | None) -> dt.datetime | None:
    # On a detached copy of the article node: on the whole page htmldate returns sidebar
    # dates, and an XPath from a node still in its document searches the whole document.
    try:
        found = find_date(
            deepcopy(node),
            original_date=True,
            extensive_search=False,
            outputformat="%Y-%m-%d",
        )
    except (ValueError, TypeError):
        return None
    return parse_date(found, now) if found else None


def _language(
    tree: lxml_html.HtmlElement, ld: dict[str, Any], meta: dict[str, list[str]], text: str
) -> tuple[str, str]:
    """The text's own language when the classifier is sure, else what the page declares.
    Templates often declare lang="en" on every page whatever the article's language."""
    raw = (
        tree.get("lang")
        or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
        or ld_text(ld.get("inLanguage"))
        or first_meta(meta, "og:locale", "content-language", "language", "dc.language")
    )
    primary = re.split(r"[-_]", raw.strip().lower())[0] if raw else ""
    declared = primary if re.fullmatch(r"[a-z]{2,3}", primary) else ""
    detected = detect_language(text)
    if detected and detected != declared:
        return (
            detected,
            f"text (py3langid){f'; the page declares {declared!r}' if declared else ''}",
        )
    return declared, "markup lang" if declared else ""


def _section(ld: dict[str, Any], meta: dict[str, list[str]]) -> tuple[str, str]:
    return _first_text(
        ("json-ld articleSection", ld_text(ld.get("articleSection"))),
        ("meta article:section", first_meta(meta, "article:section", "section")),
    )


def same_site(a: str, b: str) -> bool:
    """Same registered domain: an AMP, mobile or print host names the main site's page as
    canonical (amp.example.com -> www.example.com), another site cannot."""
    return site_domain(a) == site_domain(b)


def _canonical(
    tree: lxml_html.HtmlElement, meta: dict[str, list[str]], url: str
) -> tuple[str, str]:
    links = [
        ("link rel=canonical", str(href)) for href in tree.xpath('//link[@rel="canonical"]/@href')
    ]
    for method, candidate in [*links, ("meta og:url", first_meta(meta, "og:url"))]:
        candidate = candidate.strip()
        if not candidate:
            continue
        absolute = urljoin(url, candidate)
        if absolute.startswith(("http://", "https://")) and same_site(absolute, url):
            return absolute, method
    return "", ""


_STAND_IN = re.compile(
    r"(?:^|[-_.])(?:blank|placeholder|spacer|favicon|icon|avatar|default[-_]user[-_]image)"
    r"(?:[-_.]|$)",
    re.IGNORECASE,
)
"""A file name that is a site's stand-in, not the story's picture: WordPress's "blank.jpg",
"social_placeholder.png", "default-user-image.png", an author's avatar."""
_LOGO = re.compile(r"(?:^|[-_.])logo(?:[-_.]|$)", re.IGNORECASE)
_DATED_UPLOAD = re.compile(r"/(?:19|20)\d\d/")
"""A logo in a dated upload folder is a story's picture of a company's logo
(".../files/2014/09/Blackberry-Logo.jpg"); elsewhere it is the site's own ("logo.jpg",
".../themes/ok/images/ok-logo.gif")."""


def _no_picture(image: str) -> bool:
    path = urlsplit(image).path
    name = path.rsplit("/", 1)[-1]
    return bool(_STAND_IN.search(name) or (_LOGO.search(name) and not _DATED_UPLOAD.search(path)))


def _image(ld: dict[str, Any], meta: dict[str, list[str]], url: str) -> tuple[str, str]:
    image, method = _first_text(
        ("meta og:image", first_meta(meta, "og:image")),
        ("meta twitter:image", first_meta(meta, "twitter:image")),
        ("json-ld image", ld_text(ld.get("image"))),
        accept=lambda image: not _no_picture(image),
    )
    return (urljoin(url, image), method) if image else ("", "")


def _xml_safe(control: re.Match[str]) -> str:
    return " " if control.group() in "\x0b\x0c" else ""  # vertical tab, form feed: spaces


def _without_leading_title(body: str, headlines: set[str]) -> str:
    """trafilatura keeps the headline as the first paragraph when no <article> wraps the
    text; the title is stored on its own, so the body starts after it."""
    first, _, rest = body.partition("\n\n")
    if clean_value(first).casefold() in {h.casefold() for h in headlines if h}:
        return rest
    return body


def _text(node: object) -> str:
    return node.text_content() if isinstance(node, lxml_html.HtmlElement) else str(node)


def _article_evidence(
    ld: dict[str, Any],
    meta: dict[str, list[str]],
    dated: bool,
    has_article_node: bool,
    body: str,
) -> str:
    """What shows the page is an article, the first found; "" when nothing does."""
    evidence = (
        ("json-ld article", bool(ld)),
        ("meta og:type article", first_meta(meta, "og:type").lower() == "article"),
        ("a publish date", dated),
        ("markup <article>/<main>", has_article_node),
    )
    for name, found in evidence:
        if found:
            return name
    return "paragraphs of prose" if _is_prose(body) else ""


def _is_prose(body: str) -> bool:
    long_paragraphs = (p for p in body.split("\n\n") if len(p) >= PROSE_PARAGRAPH_CHARS)
    return sum(1 for _ in long_paragraphs) >= PROSE_PARAGRAPHS


def _xpath_text(tree: lxml_html.HtmlElement, xpath: str) -> str:
    found = tree.xpath(xpath)
    return _text(found[0]) if found else ""


def _drop(tree: lxml_html.HtmlElement, xpaths: tuple[str, ...]) -> None:
    for xpath in xpaths:
        for node in tree.xpath(xpath):
            node.drop_tree()


def _prose_share(text: str) -> float:
    """The share of a text's characters in lines of prose (see PROSE_LINE_WORDS)."""
    lines = text.split("\n")
    prose = sum(
        len(line)
        for line in lines
        if len(line) >= PROSE_LINE_CHARS
        or len(line.split()) >= PROSE_LINE_WORDS
        or len(_HAN_KANA.findall(line)) >= PROSE_LINE_IDEOGRAPHS
    )
    return prose / len(text) if text else 0.0


def _paragraph_chars(node: lxml_html.HtmlElement) -> int:
    return sum(len(p.text_content().strip()) for p in node.iter("p"))


def _article_subtree(
    tree: lxml_html.HtmlElement, article_node: lxml_html.HtmlElement, article_chars: int
) -> lxml_html.HtmlElement | None:
    """The article element alone in a page of its own, when it holds most of the page's
    paragraph text; else None. trafilatura's pruning XPaths test every element's class and id
    with Python regular expressions, so their cost follows the page's size; on the element
    that holds the text they cost less than half (and find the same body)."""
    if article_node is tree or article_chars < SUBTREE_SHARE * _paragraph_chars(tree):
        return None
    page = lxml_html.Element("html")
    body = lxml_html.Element("body")
    page.append(body)
    body.append(deepcopy(article_node))
    return page


def _body(
    tree: lxml_html.HtmlElement, url: str, article_node: lxml_html.HtmlElement
) -> tuple[str, str]:
    """(paragraphs separated by blank lines, how they were found)."""

    def run(root: lxml_html.HtmlElement, fast: bool, precision: bool = True) -> str:
        return (
            trafilatura.extract(
                root,
                url=url,
                include_comments=False,
                include_tables=True,
                include_images=False,
                favor_precision=precision,
                fast=fast,
                deduplicate=False,
                with_metadata=False,
            )
            or ""
        )

    article_chars = _paragraph_chars(article_node)
    subtree = _article_subtree(tree, article_node, article_chars)
    if subtree is None:
        text, method = run(tree, True), "trafilatura (fast)"
    else:
        text, method = run(subtree, True), "trafilatura (fast, on the article element)"
    missed = len(text) < MIN_BODY or (
        len(text) < FAST_BODY_ENOUGH and len(text) < FALLBACK_SHARE * article_chars
    )
    if missed:
        # On what the fast run read: an article element that holds most of the page's text
        # holds the body too (the benchmark's scores held; its 89 fallback pages 7 % quicker).
        if subtree is None:
            text, method = run(tree, False), "trafilatura (with its readability/jusText fallback)"
        else:
            text = run(subtree, False)
            method = "trafilatura (on the article element, with its readability/jusText fallback)"
    # reading_length is never under len: most bodies are long, and skip the character scan.
    if len(text) < SHORT_BODY and reading_length(text) < SHORT_BODY:
        # Precision mode can drop a short article's text as a whole (one paragraph of it
        # left); recall mode finding several times as much means it found the article.
        recalled = run(tree, True, precision=False)
        how = "recall mode"
        recalled_prose = _prose_share(recalled)
        if len(recalled) > RECALL_GAIN * len(text) and recalled_prose < PROSE_SHARE:
            # What the fast recall run would give is a menu (a regional paper's 300 links):
            # trafilatura's full default run, with its readability/jusText comparison.
            slower = run(tree, False, precision=False)
            if _prose_share(slower) > recalled_prose:
                recalled, how = slower, "default mode"
        if len(recalled) > RECALL_GAIN * len(text):
            text, method = recalled, f"trafilatura ({how}: precision mode kept too little)"
    if not text:
        return "", ""
    paragraphs = [_SPACE.sub(" ", p).strip() for p in text.split("\n")]
    kept = (p for p in paragraphs if p and not is_teaser(p) and not is_promo(p))
    return "\n\n".join(kept), method
