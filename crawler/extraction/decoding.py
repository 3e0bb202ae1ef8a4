"""Bytes of a page to text, trusting the bytes over a charset label that contradicts them.

w3lib (what Scrapy's TextResponse uses) takes the Content-Type header, then a BOM, then the
<meta> charset. Pages are often re-encoded by a CMS or a proxy without the label changing: a
page labelled GB2312 or ISO-8859-15 whose bytes are valid UTF-8 is UTF-8 (a legacy-encoded text
with non-ASCII bytes is almost never valid UTF-8 by chance), and a page labelled UTF-8 whose
bytes are not valid UTF-8 is in some other encoding, which charset-normalizer guesses.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes
from w3lib.encoding import html_to_unicode, read_bom

UTF8_NAMES = {"utf-8", "utf8"}


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode_html(raw: bytes, content_type: str | None = None) -> str:
    """The page's text. Never raises: undecodable bytes become U+FFFD. NUL characters are
    dropped, as browsers do: lxml stops reading a document at the first one."""
    return _decode(raw, content_type).replace("\x00", "")


def _decode(raw: bytes, content_type: str | None) -> str:
    encoding, text = html_to_unicode(content_type, raw)
    if read_bom(raw)[0] is not None:
        return text
    name = codecs.lookup(encoding).name if encoding else ""
    if name not in UTF8_NAMES:
        if not raw.isascii() and _is_utf8(raw):
            return raw.decode("utf-8")
        return text
    if _is_utf8(raw):
        return text
    guess = from_bytes(raw[:200_000]).best()
    if guess is None or codecs.lookup(guess.encoding).name in UTF8_NAMES:
        return text
    return raw.decode(guess.encoding, errors="replace")
