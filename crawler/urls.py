"""Canonical URLs: one spelling per page, so the same article is stored once."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

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


SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac", "edu", "or", "ne", "go"}
"""Labels under a country code that are not the site's name (bbc.co.uk, abc.net.au)."""


def site_domain(url: str) -> str:
    """The domain a site registered: amp.theguardian.com -> theguardian.com,
    news.bbc.co.uk -> bbc.co.uk. A heuristic (no public-suffix list): the last two labels,
    or three under a generic second level of a country code."""
    labels = (urlsplit(url).hostname or "").lower().rstrip(".").split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


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
