"""Page bytes to text when the charset label and the bytes disagree."""

from __future__ import annotations

from crawler.extraction.decoding import decode_html

TEXT = "Chang’e-6 et la coopération lunaire: 嫦娥六号 «sample return» — déjà vu"


def page(charset: str, body: str) -> str:
    return f'<html><head><meta charset="{charset}"><title>t</title></head><body><p>{body}</p></body></html>'


def test_utf8_bytes_under_a_legacy_label_are_utf8() -> None:
    raw = page("GB2312", TEXT).encode("utf-8")
    assert TEXT in decode_html(raw)
    assert TEXT in decode_html(page("iso-8859-15", TEXT).encode("utf-8"))
    assert TEXT in decode_html(raw, "text/html; charset=windows-1252")


def test_legacy_bytes_under_a_utf8_label_are_guessed() -> None:
    text = "La coopération spatiale européenne a été renforcée, déclare l’agence. " * 20
    raw = page("utf-8", text).encode("cp1252")
    decoded = decode_html(raw, "text/html; charset=utf-8")
    assert "coopération spatiale européenne" in decoded and "\ufffd" not in decoded


def test_a_correct_legacy_label_is_honoured() -> None:
    text = "Космическое сотрудничество России и Китая по лунной станции. " * 10
    assert text in decode_html(page("koi8-r", text).encode("koi8-r"))
    gb = "中国与俄罗斯签署国际月球科研站合作协议。" * 10
    assert gb in decode_html(page("gb2312", gb).encode("gb2312"))


def test_undecodable_bytes_never_raise() -> None:
    assert isinstance(decode_html(b"\xff\xfe\x00garbage\x80\x81"), str)
    assert decode_html(b"") == ""
