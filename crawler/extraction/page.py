"""extract_article: one page's HTML + URL -> ArticleFields.

Each field is found by the most reliable reader first: JSON-LD (NewsArticle and kin), then
OpenGraph / <meta>, then the markup (<h1>, <time>, bylines), then trafilatura for the body and
htmldate on the article node for a date. Nothing is invented: a field no reader finds stays
empty, and a missing date is None, never the time of the crawl.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import urljoin, urlsplit

import trafilatura
from htmldate import find_date
from lxml import etree
from lxml import html as lxml_html

from crawler.extraction.dates import parse_date
from crawler.extraction.structured import (
    first_meta,
    json_ld_article,
    ld_names,
    ld_text,
    meta_tags,
)
from crawler.items import ArticleFields

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
MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified")
AUTHOR_META = ("author", "article:author", "dc.creator", "sailthru.author", "parsely-author")
TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·•»]\s+")
_SPACE = re.compile(r"[ \t\r\f\v]+")


def parse_html(html: str) -> lxml_html.HtmlElement | None:
    """A parsed tree, or None for a page lxml cannot make sense of (empty, binary)."""
    if not html or not html.strip():
        return None
    try:
        tree = lxml_html.document_fromstring(html.replace("\x00", ""))
    except (etree.ParserError, ValueError):
        return None
    return tree


def extract_article(html: str, url: str, now: dt.datetime | None = None) -> ArticleFields:
    """Fields of the article at ``url``. Bad HTML gives empty fields, never an exception."""
    tree = parse_html(html)
    if tree is None:
        return ArticleFields(is_article=False)
    ld = json_ld_article(tree)
    meta = meta_tags(tree)
    article_node = _article_node(tree)
    body = _body(html, url)
    published = (
        parse_date(ld.get("datePublished"), now)
        or parse_date(first_meta(meta, *PUBLISHED_META), now)
        or _time_element_date(article_node, now)
        or _htmldate(article_node, url, now)
    )
    modified = parse_date(ld.get("dateModified"), now) or parse_date(
        first_meta(meta, *MODIFIED_META), now
    )
    og_type = first_meta(meta, "og:type").lower()
    title = _title(tree, ld, meta)
    return ArticleFields(
        title=title,
        authors=_authors(tree, ld, meta),
        published_at=published,
        modified_at=modified if modified and (not published or modified >= published) else None,
        language=_language(tree, ld, meta),
        summary=_clean(
            ld_text(ld.get("description"))
            or first_meta(meta, "og:description", "description", "twitter:description")
        ),
        body=_without_leading_title(body, title),
        tags=_tags(ld, meta),
        canonical_url=_canonical(tree, meta, url),
        image_url=_image(ld, meta, url),
        is_article=bool(ld)
        or og_type == "article"
        or published is not None
        or article_node is not tree,
    )


def _clean(text: str) -> str:
    return " ".join(text.split())


def _article_node(tree: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """The element that holds the article: <article>, [itemprop=articleBody]'s parent, <main>."""
    for xpath in ("//article", '//*[@itemprop="articleBody"]/..', "//main"):
        nodes = tree.xpath(xpath)
        if nodes:
            node: lxml_html.HtmlElement = max(nodes, key=lambda n: len(n.text_content()))
            return node
    return tree


def _title(tree: lxml_html.HtmlElement, ld: dict[str, Any], meta: dict[str, list[str]]) -> str:
    candidates = [ld_text(ld.get("headline")), first_meta(meta, "og:title", "twitter:title")]
    h1 = tree.xpath("//h1")
    if h1:
        candidates.append(h1[0].text_content())
    titles = tree.xpath("//title")
    if titles:
        candidates.append(_strip_site_name(titles[0].text_content(), meta))
    for candidate in candidates:
        cleaned = _clean(candidate)
        if cleaned:
            return _strip_site_name(cleaned, meta)
    return ""


def _strip_site_name(title: str, meta: dict[str, list[str]]) -> str:
    """'Headline | Site' -> 'Headline' when the last part is the site's name."""
    title = _clean(title)
    site = _clean(first_meta(meta, "og:site_name", "application-name")).lower()
    parts = TITLE_SEPARATORS.split(title)
    if len(parts) > 1 and site and (parts[-1].lower() in site or site in parts[-1].lower()):
        return _clean(title[: title.rfind(parts[-1])].rstrip(" |-–—:·•»"))
    return title


def _authors(
    tree: lxml_html.HtmlElement, ld: dict[str, Any], meta: dict[str, list[str]]
) -> tuple[str, ...]:
    # JSON-LD names are one author each ("Dezan Shira & Associates" stays whole); the
    # free-text sources (meta, rel=author) may hold "A and B" and are split.
    names = [_clean(n) for n in ld_names(ld.get("author"))]
    if not names:
        raw = [v for key in AUTHOR_META for v in meta.get(key, []) if "://" not in v]
        raw = raw or [a.text_content() for a in tree.xpath('//a[@rel="author"]')]
        names = [p for name in raw for p in re.split(r"\s*(?:,|;|\band\b|&|\|)\s*", _clean(name))]
    result: list[str] = []
    for name in names:
        name = re.sub(r"^(?:by|von|par|por|di)\s+", "", name, flags=re.IGNORECASE).strip()
        if name and len(name) < 80 and name not in result and "://" not in name:
            result.append(name)
    return tuple(result)


def _time_element_date(node: lxml_html.HtmlElement, now: dt.datetime | None) -> dt.datetime | None:
    for time in node.xpath(".//time[@datetime]"):
        parsed = parse_date(time.get("datetime"), now)
        if parsed is not None:
            return parsed
    return None


def _htmldate(node: lxml_html.HtmlElement, url: str, now: dt.datetime | None) -> dt.datetime | None:
    # On the article node only: on the whole page htmldate returns sidebar dates.
    try:
        found = find_date(
            lxml_html.tostring(node, encoding="unicode"),
            url=url,
            original_date=True,
            extensive_search=False,
            outputformat="%Y-%m-%d",
        )
    except (ValueError, TypeError):
        return None
    return parse_date(found, now) if found else None


def _language(tree: lxml_html.HtmlElement, ld: dict[str, Any], meta: dict[str, list[str]]) -> str:
    raw = (
        tree.get("lang")
        or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
        or ld_text(ld.get("inLanguage"))
        or first_meta(meta, "og:locale", "content-language", "language", "dc.language")
    )
    primary = re.split(r"[-_]", raw.strip().lower())[0] if raw else ""
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else ""


def _tags(ld: dict[str, Any], meta: dict[str, list[str]]) -> tuple[str, ...]:
    raw: list[str] = list(meta.get("article:tag", []))
    keywords = ld.get("keywords")
    if isinstance(keywords, str):
        raw.extend(keywords.split(","))
    elif isinstance(keywords, list):
        raw.extend(str(k) for k in keywords)
    if not raw:
        raw.extend(first_meta(meta, "news_keywords", "keywords").split(","))
    seen: dict[str, str] = {}
    for tag in raw:
        cleaned = _clean(tag)
        if cleaned and cleaned.lower() not in seen and len(cleaned) < 100:
            seen[cleaned.lower()] = cleaned
    return tuple(seen.values())


def same_site(a: str, b: str) -> bool:
    """Same host, ignoring a leading www. and the port's absence."""
    host_a, host_b = urlsplit(a).netloc.lower(), urlsplit(b).netloc.lower()
    return host_a.removeprefix("www.") == host_b.removeprefix("www.")


def _canonical(tree: lxml_html.HtmlElement, meta: dict[str, list[str]], url: str) -> str:
    links = tree.xpath('//link[@rel="canonical"]/@href')
    for candidate in [*links, first_meta(meta, "og:url")]:
        candidate = str(candidate).strip()
        if not candidate:
            continue
        absolute = urljoin(url, candidate)
        if absolute.startswith(("http://", "https://")) and same_site(absolute, url):
            return absolute
    return ""


def _image(ld: dict[str, Any], meta: dict[str, list[str]], url: str) -> str:
    image = first_meta(meta, "og:image", "twitter:image") or ld_text(ld.get("image"))
    return urljoin(url, image) if image else ""


def _without_leading_title(body: str, title: str) -> str:
    """trafilatura keeps the headline as the first paragraph when no <article> wraps the
    text; the title is stored on its own, so the body starts after it."""
    first, _, rest = body.partition("\n\n")
    if title and _clean(first).casefold() == _clean(title).casefold():
        return rest
    return body


def _body(html: str, url: str) -> str:
    text = trafilatura.extract(
        html,
        url=url,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
        deduplicate=False,
        with_metadata=False,
    )
    if not text:
        return ""
    paragraphs = [_SPACE.sub(" ", p).strip() for p in text.split("\n")]
    return "\n\n".join(p for p in paragraphs if p)
