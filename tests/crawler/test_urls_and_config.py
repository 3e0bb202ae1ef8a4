"""Canonical URLs and configuration errors that name the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.config import load_config
from crawler.errors import ConfigError
from crawler.urls import canonical_url, site_domain


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "HTTPS://Example.COM:443/a/b/?utm_source=x&b=2&a=1&fbclid=z#frag",
            "https://example.com/a/b/?a=1&b=2",
        ),
        ("http://example.com:8080/Path/?gclid=1", "http://example.com:8080/Path/"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com/news?id=7&utm_medium=rss&mc_cid=3", "https://example.com/news?id=7"),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


@pytest.mark.parametrize(
    ("url", "site"),
    [
        ("https://amp.theguardian.com/world/x", "theguardian.com"),
        ("https://news.bbc.co.uk/1/hi/x.stm", "bbc.co.uk"),
        ("https://www.sina.com.cn/x", "sina.com.cn"),
        # Suffixes a two-labels rule gets wrong: a government's, a city's, a blog host's.
        ("https://www.bundeskanzleramt.gv.at/x", "bundeskanzleramt.gv.at"),
        ("https://www.osw.waw.pl/pl/x", "osw.waw.pl"),
        ("https://plentylife.blogspot.com/2017/05/x.html", "plentylife.blogspot.com"),
        ("http://127.0.0.1:8123/x", "127.0.0.1"),
        ("http://localhost/x", "localhost"),
    ],
)
def test_site_domain_is_the_registered_domain_by_the_public_suffix_list(
    url: str, site: str
) -> None:
    assert site_domain(url) == site


def test_a_site_name_under_a_government_suffix_leaves_the_title() -> None:
    from crawler.extraction.titles import strip_site_name

    title = "Bundesministerin Raab: Mit Ländern Rahmenbedingungen gestalten - Bundeskanzleramt Österreich"
    url = "https://www.bundeskanzleramt.gv.at/bundeskanzleramt/nachrichten/2022/02/raab.html"
    assert strip_site_name(title, "", url) == title.rsplit(" - ", 1)[0]


def test_bundled_config_loads_with_real_sources() -> None:
    config = load_config(env={"SPACEWATCH_DATABASE_URL": "sqlite:///x.db"})
    names = {s.name for s in config.sources}
    assert {
        "silk-road-briefing",
        "china-briefing",
        "spacenews",
        "spacepolicyonline",
        "nasa-news",
        "esa",
    } <= names
    assert config.database_url == "sqlite:///x.db"
    assert {c.name for c in config.taxonomy.categories} >= {"lunar", "cooperation", "actors"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[crawl]\ndownload_delay = 'slow'\n", "crawl.download_delay: expected a number, got str"),
        ("[crawl]\nspeed = 3\n", "crawl.speed: unknown key"),
        (
            "[[sources]]\nname = 'x'\nhomepage = 'htp://x'\n",
            "sources[0].homepage: not an http(s) URL: 'htp://x'",
        ),
        (
            "[[sources]]\nname = 'x'\nhomepage = 'https://x.org/'\nfeeds = ['nope']\n",
            "sources[0].feeds[0]: not an http(s) URL",
        ),
        (
            "[[sources]]\nname = 'x'\nhomepage = 'http://127.0.0.1:8000/'\n",
            "set allow_private = true",
        ),
        ("[[sources]]\nname = 'Bad Name'\nhomepage = 'https://x.org/'\n", "sources[0].name"),
        (
            "[flagging]\nterms = [{category = 'nope', term = 'x'}]\n",
            "flagging.terms[0].category: unknown category 'nope'",
        ),
        (
            "[flagging]\nterms = [{category = 'lunar', term = 'x', pattern = '(('}]\n",
            "flagging.terms[0].pattern: not a valid regular expression",
        ),
        (
            "[flagging]\nterms = [{category = 'lunar', term = 'x', pattern = '{planets} pact'}]\n",
            "flagging.terms[0].pattern: no list 'planets' in flagging.lists",
        ),
        ("[flagging.lists]\nNations = ['x']\n", "flagging.lists.Nations: a list's name"),
        (
            "[flagging.categories.lunar]\nshow = false\n",
            "flagging.categories.lunar.show: a category that flags shows its matches",
        ),
        ("[flagging.lists]\nplanets = []\n", "flagging.lists.planets: an empty list"),
        ("[flagging.lists]\nplanets = ['(mars']\n", "flagging.lists.planets: '(mars' is no"),
        (
            "[flagging.lists]\npair = ['{planet} and {planet}']\nplanet = ['mars']\n",
            "flagging.lists.pair: names the list 'planet', which is not written above it",
        ),
        ("[database\nurl = 1", "not valid TOML"),
        ("[queue]\nenabled = 'yes'\n", "queue.enabled: expected"),
        ("[queue]\nstalled_after = 0\n", "queue.stalled_after"),
        ("[queue]\nworkers = 3\n", "queue.workers: unknown key"),
        (
            "[database]\nurl = 'sqlite:///x.db'\n[queue]\nenabled = true\n",
            "queue.enabled: the task queue needs PostgreSQL",
        ),
    ],
)
def test_broken_config_names_the_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "spacewatch.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as raised:
        load_config(str(path), env={})
    assert message in str(raised.value)


def test_user_sources_replace_the_default_list(tmp_path: Path) -> None:
    path = tmp_path / "spacewatch.toml"
    path.write_text("[[sources]]\nname = 'only'\nhomepage = 'https://only.example/'\n")
    config = load_config(str(path), env={})
    assert [s.name for s in config.sources] == ["only"]
    assert config.taxonomy.terms  # the bundled taxonomy still applies


def test_queue_settings_on_postgresql(tmp_path: Path) -> None:
    path = tmp_path / "spacewatch.toml"
    path.write_text("[queue]\nenabled = true\nstalled_after = 8\nbackfill_chunk = 50\n")
    config = load_config(str(path), env={"SPACEWATCH_DATABASE_URL": "postgresql+psycopg://h/db"})
    assert config.queue.enabled and config.queue.backfill_chunk == 50
    assert config.queue.heartbeat == 2.0  # four heartbeats per stalled_after


def test_a_lists_trie_matches_what_the_flat_alternation_matches() -> None:
    """[flagging.lists] become tries ("saudi(?: arabia)?"); at every place the trie must take
    what the flat alternation, longest name first, takes."""
    import random
    import re

    from crawler.config import _alternation

    words = ["us", "usa", "u\\.s\\.", "uk", "saudi", "saudi arabia", "india", "indian", "in"]
    words += ["payloads?", "[a-z]+(?:'s)? space agency", "росси[яиюей]", "россиеи"]
    flat = re.compile("(?:" + "|".join(sorted(words, key=lambda w: (-len(w), w))) + ")")
    trie = re.compile(_alternation(words))
    pieces = ["us", "a", "u.s.", "k", "saudi", " arabia", "indi", "an", "n", "payload", "s", " "]
    pieces += ["nasa's space agency", "россия", "россиеи", "x"]
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 4)))
        f, t = flat.match(text), trie.match(text)
        assert (f and f.group()) == (t and t.group()), text


def test_a_pattern_is_checked_with_its_lists_as_one_letter(tmp_path: Path) -> None:
    """The config checks a pattern with each list as a one-letter group (compiling the lists
    written out took ~0.7 s at every start); what fails only written out, a look-behind
    holding a list of names of several lengths, is checked written out, in a term or in a
    list, and refused with its path. Names of one length may stand in a look-behind."""
    from crawler.errors import ConfigError
    from crawler.flagging import flag

    path = tmp_path / "spacewatch.toml"
    path.write_text(
        "[flagging.lists]\nnames = ['china', 'russia']\n"
        "[[flagging.terms]]\ncategory = 'lunar'\nterm = 'after a name'\n"
        "pattern = '(?<={names} )rover'\n"
    )
    with pytest.raises(ConfigError, match=r"flagging\.terms\[0\]\.pattern: .*fixed-width"):
        load_config(str(path), env={})
    path.write_text(
        "[flagging.lists]\nnames = ['china', 'russia']\nafter = ['(?<={names} )rover']\n"
        "[[flagging.terms]]\ncategory = 'lunar'\nterm = 'after a name'\npattern = '{after}'\n"
    )
    with pytest.raises(ConfigError, match=r"flagging\.lists\.after: .*fixed-width"):
        load_config(str(path), env={})
    path.write_text(
        "[flagging.lists]\nnames = ['usa', 'rus']\n"
        "[[flagging.terms]]\ncategory = 'lunar'\nterm = 'after a name'\nweight = 3\n"
        "pattern = '(?<={names} )rover'\n"
    )
    taxonomy = load_config(str(path), env={}).taxonomy
    assert flag("", "usa rover", taxonomy).flagged and not flag("", "mars rover", taxonomy).flagged
    path.write_text(
        "[flagging.lists]\nnames = ['china', 'india']\n"
        "[[flagging.terms]]\ncategory = 'lunar'\nterm = 'two names'\nweight = 3\n"
        "pattern = '(?P<first>{names}) and (?P<second>{names})'\ndistinct = ['first', 'second']\n"
    )
    assert flag("", "china and india", load_config(str(path), env={}).taxonomy).flagged
