"""HTML, feeds and sitemaps of the demo sites, rendered from DemoArticles.

The briefing site's pages are shaped like WordPress (JSON-LD, entry-meta, related-reading
teasers, a comment section, a long footer); the space-news site's carry no structured data
(a byline, a <time> element, <meta name="author">), so both extraction paths are exercised.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
from html import escape
from xml.sax.saxutils import escape as xml_escape

from crawler.demoweb.corpus import DemoArticle

LISTING_PAGE_SIZE = 3


def _iso(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def _rfc822(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%a, %d %b %Y %H:%M:%S +0000")


def _teasers(others: list[DemoArticle], base: str) -> str:
    items = "".join(
        f'<li><a href="{base}{escape(o.path)}">{escape(o.title)}</a>'
        f"<p>{escape(o.paragraphs[0][:140])}…</p></li>"
        for o in others[:3]
    )
    return f'<aside class="related"><h3>Related Reading</h3><ul>{items}</ul></aside>'


def briefing_article(article: DemoArticle, base: str, others: list[DemoArticle]) -> str:
    url = base + article.path
    ld = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "Briefing Demo", "url": base + "/"},
            {
                "@type": "NewsArticle",
                "headline": article.title,
                "datePublished": _iso(article.published),
                "dateModified": _iso(article.modified or article.published),
                "author": [{"@type": "Person", "name": a} for a in article.authors],
                "publisher": {"@type": "Organization", "name": "Dezan Shira & Associates"},
                "keywords": list(article.tags),
                "mainEntityOfPage": url,
                "inLanguage": "en-US",
            },
        ],
    }
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in article.paragraphs)
    tags = "".join(
        f'<a href="{base}/news/tag/{escape(t.lower().replace(" ", "-"))}/" rel="tag">{escape(t)}</a> '
        for t in article.tags
    )
    authors = ", ".join(
        f'<a rel="author" href="{base}/news/author/x/">{escape(a)}</a>' for a in article.authors
    )
    return f"""<!DOCTYPE html>
<html lang="en-US"><head><meta charset="utf-8">
<title>{escape(article.title)} - Briefing Demo</title>
<link rel="canonical" href="{escape(url)}">
<link rel="alternate" type="application/rss+xml" title="Briefing Demo &raquo; Feed" href="{base}/news/feed/">
<meta property="og:type" content="article"><meta property="og:site_name" content="Briefing Demo">
<meta property="og:title" content="{escape(article.title)}">
<meta property="og:description" content="{escape(article.paragraphs[0][:200])}">
<script type="application/ld+json">{json.dumps(ld)}</script>
</head><body class="single-post">
<header class="site-header"><a href="{base}/">Briefing Demo</a>
<nav><ul><li><a href="{base}/news/category/space/">Space</a></li><li><a href="{base}/news/category/trade/">Trade</a></li>
<li><a href="{base}/about-us/">About Us</a></li><li><a href="{base}/contact/">Contact</a></li></ul></nav>
<form class="search"><input name="s" placeholder="Search our briefings"></form></header>
<div class="subscribe-banner">Subscribe to our newsletter for weekly updates on trade and investment in Asia.</div>
<main id="main"><article class="post type-post">
<h1 class="entry-title">{escape(article.title)}</h1>
<div class="entry-meta">Posted by {authors} on <time class="entry-date published" datetime="{_iso(article.published)}">{article.published:%B %d, %Y}</time></div>
<div class="entry-content">{paragraphs}</div>
<footer class="entry-footer">Tags: {tags}</footer>
</article>
{_teasers(others, base)}
<section id="comments" class="comments-area"><h2>2 comments</h2><ol class="comment-list">
<li class="comment"><div class="comment-content"><p>Great overview, thank you. Would you cover the tax implications for foreign firms next?</p></div></li>
<li class="comment"><div class="comment-content"><p>Very useful as always; shared with our whole team.</p></div></li>
</ol></section></main>
<footer class="site-footer"><h4>About Us</h4><p>Briefing Demo is a demo site for spacewatch, modelled on
a business-intelligence publication with offices across Asia. It assists foreign investors with legal,
tax and accounting matters.</p><p>&copy; Briefing Demo</p></footer>
</body></html>"""


def spacewire_article(article: DemoArticle, base: str, others: list[DemoArticle]) -> str:
    paragraphs = [escape(p) for p in article.paragraphs]
    if article.note:
        paragraphs.append(f"<em>{escape(article.note)}</em>")
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    authors = " and ".join(escape(a) for a in article.authors)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{escape(article.title)} | Space Wire</title>
<meta name="author" content="{authors}">
<meta name="description" content="{escape(article.paragraphs[0][:200])}">
</head><body>
<div id="top"><a href="{base}/">Space Wire</a> <a href="{base}/launches/">Launches</a> <a href="{base}/policy/">Policy</a></div>
<div id="content"><div class="story">
<h1>{escape(article.title)}</h1>
<p class="byline">By {authors} &middot; <time datetime="{_iso(article.published)}">{article.published:%d %b %Y}</time></p>
<div class="story-body">{body}</div>
</div>
<div class="sidebar"><h3>Most read</h3>{_teasers(others, base)}</div></div>
<div id="footer">Space Wire &middot; independent space news &middot; <a href="{base}/privacy/">Privacy</a></div>
</body></html>"""


def homepage(title: str, articles: list[DemoArticle], base: str, feed_path: str = "") -> str:
    feed = (
        f'<link rel="alternate" type="application/rss+xml" title="{escape(title)}" href="{base}{feed_path}">'
        if feed_path
        else ""
    )
    items = "".join(
        f'<li><a href="{base}{escape(a.path)}">{escape(a.title)}</a></li>' for a in articles
    )
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>
<meta property="og:type" content="website">{feed}</head>
<body><h1>{escape(title)}</h1><nav><a href="{base}/about-us/">About</a> <a href="{base}/contact/">Contact</a>
<a href="{base}/news/category/space/">Space</a></nav><ul class="latest">{items}</ul></body></html>"""


def listing_page(title: str, articles: list[DemoArticle], base: str, path: str, page: int) -> str:
    start = (page - 1) * LISTING_PAGE_SIZE
    shown = articles[start : start + LISTING_PAGE_SIZE]
    items = "".join(
        f'<article class="post"><h2 class="entry-title"><a href="{base}{escape(a.path)}">{escape(a.title)}</a></h2>'
        f"<p>{escape(a.paragraphs[0][:160])}…</p></article>"
        for a in shown
    )
    more = start + LISTING_PAGE_SIZE < len(articles)
    nav = (
        f'<a class="next page-numbers" href="{base}{path}page/{page + 1}/">Older posts</a>'
        if more
        else ""
    )
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>
<meta property="og:type" content="website"></head><body><h1>{escape(title)}</h1>{items}
<nav class="pagination">{nav}</nav></body></html>"""


def rss(title: str, articles: list[DemoArticle], base: str) -> str:
    items = "".join(
        f"<item><title>{xml_escape(a.title)}</title><link>{xml_escape(base + a.path)}</link>"
        f'<guid isPermaLink="true">{xml_escape(base + a.path)}</guid>'
        f"<pubDate>{_rfc822(a.published)}</pubDate>"
        f"<description>{xml_escape(a.paragraphs[0][:200])}</description></item>"
        for a in articles
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{xml_escape(title)}</title><link>{xml_escape(base)}/</link>"
        f"<description>Latest briefings</description>{items}</channel></rss>"
    )


def atom(title: str, articles: list[DemoArticle], base: str) -> str:
    newest = max((a.modified or a.published for a in articles), default=dt.datetime.now(dt.UTC))
    entries = "".join(
        f"<entry><title>{xml_escape(a.title)}</title>"
        f'<link rel="alternate" href="{xml_escape(base + a.path)}"/>'
        f"<id>{xml_escape(base + a.path)}</id><published>{_iso(a.published)}</published>"
        f"<updated>{_iso(a.modified or a.published)}</updated></entry>"
        for a in articles
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{xml_escape(title)}</title><id>{xml_escape(base)}/</id>"
        f"<updated>{_iso(newest)}</updated>{entries}</feed>"
    )


def sitemap_index(base: str, children: list[tuple[str, dt.datetime]]) -> str:
    items = "".join(
        f"<sitemap><loc>{xml_escape(base + path)}</loc><lastmod>{_iso(when)}</lastmod></sitemap>"
        for path, when in children
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</sitemapindex>'
    )


def urlset_gz(articles: list[DemoArticle], base: str) -> bytes:
    items = "".join(
        f"<url><loc>{xml_escape(base + a.path)}</loc><lastmod>{_iso(a.modified or a.published)}</lastmod></url>"
        for a in articles
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</urlset>'
    )
    return gzip.compress(xml.encode("utf-8"), mtime=0)


def news_sitemap(articles: list[DemoArticle], base: str) -> str:
    items = "".join(
        f"<url><loc>{xml_escape(base + a.path)}</loc><news:news><news:publication>"
        "<news:name>Newsroom Demo</news:name><news:language>en</news:language></news:publication>"
        f"<news:publication_date>{_iso(a.published)}</news:publication_date>"
        f"<news:title>{xml_escape(a.title)}</news:title></news:news></url>"
        for a in articles
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{items}</urlset>'
    )
