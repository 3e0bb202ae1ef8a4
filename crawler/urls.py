"""Canonical URLs: one spelling per page, so the same article is stored once."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import tldextract
from w3lib.url import canonicalize_url

TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "piwik_", "hsa_", "oly_", "vero_", "_hs")
TRACKING_PARAMS = {
    "fbclid",
    "gclid",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "yclid",
    "twclid",
    "igshid",
    "mkt_tok",
    "_ga",
    "_gl",
    "ref",
    "ref_src",
    "cmpid",
    "ito",
    "ncid",
    "sr_share",
    "spm",
    "share",
    "amp",
    "outputtype",
}


_PUBLIC_SUFFIXES = tldextract.TLDExtract(
    suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True
)
"""The Public Suffix List as tldextract bundles it (Scrapy depends on it): no download, ever.
Private suffixes count, so two blogs on blogspot.com or github.io are two sites."""


def site_domain(url: str) -> str:
    """The domain a site registered, by the Public Suffix List: amp.theguardian.com ->
    theguardian.com, news.bbc.co.uk -> bbc.co.uk, www.bundeskanzleramt.gv.at ->
    bundeskanzleramt.gv.at. A host under no known suffix (127.0.0.1, localhost) is its own."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    return _PUBLIC_SUFFIXES.extract_str(host).top_domain_under_public_suffix or host


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no fragment, no tracking parameters, sorted query.

    The path keeps its case and trailing slash: servers treat those as different pages.
    """
    parts = urlsplit(url.strip())
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in TRACKING_PARAMS and not k.lower().startswith(TRACKING_PREFIXES)
    ]
    host = (parts.hostname or "").lower()
    port = parts.port
    default_port = {"http": 80, "https": 443}.get(parts.scheme.lower())
    netloc = host if port in (None, default_port) else f"{host}:{port}"
    path = parts.path or "/"
    rebuilt = urlunsplit((parts.scheme.lower(), netloc, path, urlencode(query), ""))
    return canonicalize_url(rebuilt, keep_fragments=False)
