"""spacewatch.toml -> frozen dataclasses. Every error names the key and what is wrong.

Resolution: ``--config PATH``, else ``./spacewatch.toml``, else the bundled default. A user
file is laid over the bundled default table by table: ``[database]``, ``[crawl]`` and
``[flagging]`` keys replace the default's one by one (``[flagging.categories]``, ``.lists``,
``.parties`` and ``.blocs`` merge by name); ``[[sources]]`` and ``[[flagging.terms]]``, when given,
replace the default lists whole.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import os
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import platformdirs

from crawler.errors import ConfigError

DEFAULT_CONFIG_NAME = "spacewatch.toml"
DATABASE_URL_ENV = "SPACEWATCH_DATABASE_URL"
SOURCE_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,99}$")


def bundled_config_text() -> str:
    return resources.files("crawler").joinpath("data/default.toml").read_text("utf-8")


@dataclass(frozen=True, slots=True, kw_only=True)
class Listing:
    url: str
    next_selector: str = ""
    """CSS selector of the next-page link; empty: rel=next and common 'next' links."""
    article_selector: str = ""
    """CSS selector of article links; empty: links that look like articles."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    name: str
    homepage: str
    schedule: str = ""
    """"every 10m" / "every 1h" or a cron expression; empty: [schedule] default."""
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    listings: tuple[Listing, ...] = ()
    allowed_domains: tuple[str, ...] = ()
    """Hosts (host or host:port) whose pages belong to this source; default: the hosts of
    the homepage and entry points."""
    allow_private: bool = False
    enabled: bool = True

    @property
    def hosts(self) -> tuple[str, ...]:
        if self.allowed_domains:
            return self.allowed_domains
        urls = (self.homepage, *self.feeds, *self.sitemaps, *(x.url for x in self.listings))
        return tuple(dict.fromkeys(urlsplit(u).netloc.lower() for u in urls))


@dataclass(frozen=True, slots=True, kw_only=True)
class TermSpec:
    category: str
    term: str
    aliases: tuple[str, ...] = ()
    pattern: str = ""
    weight: float = 1.0
    near: bool = False
    """Counts only within proximity_words of an anchor of its category's ``near`` categories."""
    near_weight: float | None = None
    """Weight of an occurrence near such an anchor (``weight`` applies elsewhere)."""
    near_weights: tuple[tuple[str, float], ...] = ()
    """Per anchor category, overriding ``near_weight`` (a generic space word is weaker
    evidence than a named agency). On a ``near`` term: its weight beside an anchor of that
    category (``weight`` beside the others; nothing away from every anchor)."""
    starts_at: tuple[str, ...] = ()
    """Categories: the ``pattern`` is tried only where a term of one of them starts, not at
    every position of the text (a pattern opening with a long list of names is slow)."""
    case_sensitive: bool = False
    """Match ``term`` and ``aliases`` with their case kept ("the Moon", not "the moon")."""
    also: tuple[str, ...] = ()
    """Other categories each occurrence counts in too, with the same weight: the Artemis
    Accords are a cooperation framework and the rules of the lunar programme."""
    unless_near: tuple[str, ...] = ()
    """Categories whose hits, near an occurrence, take it out: a bare "deal" or "signed"
    beside "trade deal" or "budget agreement" is that deal's, whatever satellite maker the
    story names."""
    distinct: tuple[str, ...] = ()
    """Two named groups of ``pattern`` that must name different parties (``Taxonomy.parties``):
    "ISRO to fly ESA payload" is two agencies working together, "China launches Chinese
    satellite" one nation."""


@dataclass(frozen=True, slots=True, kw_only=True)
class CategorySpec:
    name: str
    threshold: float = 1.0
    flag: bool = True
    near: tuple[str, ...] = ()
    show: bool = True
    """False: the category's hits only serve other terms (a pattern's start, ``unless_near``),
    and are left out of the matches listed, stored and highlighted."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Taxonomy:
    categories: tuple[CategorySpec, ...]
    terms: tuple[TermSpec, ...]
    exclusions: tuple[str, ...] = ()
    proximity_words: int = 30
    snippet_chars: int = 80
    parties: tuple[tuple[str, str], ...] = ()
    """(name, party) pairs: the names of one nation, its people and its agencies ("japan",
    "japanese", "jaxa") are one party for the ``distinct`` test."""
    blocs: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(party, its members' names): a member and its bloc are not two parties either ("German
    astronaut selected for ESA mission")."""
    lists: tuple[tuple[str, str], ...] = ()
    """(name, alternation) of ``[flagging.lists]`` in the order written, as the patterns hold
    them expanded: the matcher reads what a list requires once, not in every pattern."""


@dataclass(frozen=True, slots=True, kw_only=True)
class CrawlSettings:
    user_agent: str
    obey_robots_txt: bool = True
    concurrent_requests_per_domain: int = 2
    download_delay: float = 1.0
    autothrottle: bool = True
    download_timeout: float = 30.0
    max_page_mb: float = 10.0
    max_articles_per_run: int = 500
    listing_depth: int = 3
    cache_dir: str = ""
    """Where feeds, sitemaps and listing pages are cached for conditional GETs (empty: the
    user cache directory)."""
    recheck_young_hours: float = 48.0
    """Articles first seen less than this long ago are fetched once more for edits (0: never)."""
    recheck_after_hours: float = 6.0
    """... on the first crawl at least this long after their first fetch."""
    job_dir: str = ""
    """Where a backfill keeps its resumable state (empty: the user data directory)."""
    cache_days: float = 30.0
    """Cache entries older than this are deleted."""
    entry_point_max_age: float = 0.0
    """Seconds a cached entry point is reused without asking the server (0: always revalidate)."""
    extraction_processes: int = 0
    """Processes that extract article pages (0: one per core; 1: in the crawling process)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ScheduleSettings:
    default: str = "every 1h"
    jitter: float = 0.0
    """Seconds of random delay added to each run, so many sources do not start at once."""
    time_limit: float = 1800.0
    """Seconds a crawl may take before it is closed (and recorded as timed out)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class AlertSettings:
    urls: tuple[str, ...] = ()
    """apprise URLs, one per channel."""
    digest: bool = False
    """True: one message per run and channel; false: one message per article."""
    atom_path: str = ""
    """Write an Atom feed of flagged articles here after each run (empty: don't)."""
    max_attempts: int = 10


@dataclass(frozen=True, slots=True, kw_only=True)
class HealthSettings:
    max_error_share: float = 0.5
    """Errors per page fetched above which a run counts as failing."""
    missed_intervals: int = 3
    """A source with no successful run for this many of its intervals is broken."""


@dataclass(frozen=True, slots=True, kw_only=True)
class QueueSettings:
    enabled: bool = False
    """True (PostgreSQL only): `run` queues crawl tasks and `spacewatch worker` processes run
    them (procrastinate, in the same database)."""
    stalled_after: float = 30.0
    """Seconds without a heartbeat after which a worker counts as dead and its task is queued
    again."""
    backfill_chunk: int = 200
    """Article URLs per task when a queued backfill is split among workers."""

    @property
    def heartbeat(self) -> float:
        """Seconds between a worker's heartbeats: several per ``stalled_after``."""
        return max(0.5, self.stalled_after / 4)


@dataclass(frozen=True, slots=True, kw_only=True)
class Config:
    database_url: str
    crawl: CrawlSettings
    taxonomy: Taxonomy
    sources: tuple[Source, ...]
    path: str = "(bundled default)"
    schedule: ScheduleSettings = ScheduleSettings()
    alerts: AlertSettings = AlertSettings()
    health: HealthSettings = HealthSettings()
    queue: QueueSettings = QueueSettings()

    def source(self, name: str) -> Source:
        for source in self.sources:
            if source.name == name:
                return source
        known = ", ".join(s.name for s in self.sources) or "none"
        raise ConfigError(f"unknown source {name!r} (configured: {known})")


def default_database_url() -> str:
    directory = Path(platformdirs.user_data_dir("spacewatch"))
    directory.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{directory / 'spacewatch.db'}"


def default_cache_dir() -> str:
    return str(Path(platformdirs.user_cache_dir("spacewatch")) / "httpcache")


def find_config_path(explicit: str | None) -> Path | None:
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"config file not found: {path}")
        return path
    local = Path(DEFAULT_CONFIG_NAME)
    return local if local.is_file() else None


def load_config(explicit: str | None = None, env: dict[str, str] | None = None) -> Config:
    """The effective configuration: file over bundled default, then environment."""
    env = dict(os.environ) if env is None else env
    base = _parse_toml(bundled_config_text(), "bundled default")
    path = find_config_path(explicit)
    data = base
    if path is not None:
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read: {exc}") from exc
        data = _overlay(base, _parse_toml(text, str(path)))
    config = _build(data, str(path) if path else "(bundled default)")
    override = env.get(DATABASE_URL_ENV, "").strip()
    url = override or config.database_url or default_database_url()
    if config.queue.enabled and not url.startswith("postgresql"):
        raise ConfigError(
            "queue.enabled: the task queue needs PostgreSQL; set database.url or "
            f"{DATABASE_URL_ENV} to a postgresql+psycopg:// URL"
        )
    return dataclasses.replace(config, database_url=url)


def _parse_toml(text: str, where: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{where}: not valid TOML: {exc}") from exc


def _overlay(base: dict[str, Any], user: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in user.items():
        if key in ("database", "crawl", "flagging", "schedule", "alerts", "health") and isinstance(
            value, dict
        ):
            merged[key] = {**base.get(key, {}), **value}
        else:
            merged[key] = value
    user_flagging = user.get("flagging")
    for table in ("categories", "lists", "parties", "blocs"):
        # Merged by name: adding a category keeps the bundled ones, and a user's own patterns
        # may still use the bundled {nations} and parties.
        if isinstance(user_flagging, dict) and isinstance(user_flagging.get(table), dict):
            merged["flagging"][table] = {**base["flagging"].get(table, {}), **user_flagging[table]}
    return merged


class _Table:
    """Reads one TOML table, checking types and rejecting keys nobody reads."""

    def __init__(self, data: Any, path: str) -> None:
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: expected a table, got {type(data).__name__}")
        self.data = data
        self.path = path
        self.read: set[str] = set()

    def _key(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def get(self, key: str, kind: type | tuple[type, ...], default: Any) -> Any:
        self.read.add(key)
        if key not in self.data:
            return default
        value = self.data[key]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if isinstance(value, bool) and kind is not bool:
            raise ConfigError(f"{self._key(key)}: expected {_kind_name(kind)}, got a boolean")
        if not isinstance(value, kind):
            raise ConfigError(
                f"{self._key(key)}: expected {_kind_name(kind)}, got {type(value).__name__}"
            )
        return value

    def number(self, key: str, default: float, minimum: float = 0) -> float:
        value = float(self.get(key, float, default))
        if value < minimum:
            raise ConfigError(f"{self._key(key)}: must be at least {minimum}, got {value}")
        return value

    def integer(self, key: str, default: int, minimum: int = 0) -> int:
        value = int(self.get(key, int, default))
        if value < minimum:
            raise ConfigError(f"{self._key(key)}: must be at least {minimum}, got {value}")
        return value

    def strings(self, key: str) -> tuple[str, ...]:
        values = self.get(key, list, [])
        for i, value in enumerate(values):
            if not isinstance(value, str):
                raise ConfigError(f"{self._key(key)}[{i}]: expected a string")
        return tuple(values)

    def urls(self, key: str) -> tuple[str, ...]:
        values = self.strings(key)
        for i, value in enumerate(values):
            _check_url(value, f"{self._key(key)}[{i}]")
        return values

    def done(self) -> None:
        unknown = sorted(set(self.data) - self.read)
        if unknown:
            raise ConfigError(f"{self._key(unknown[0])}: unknown key")


def _kind_name(kind: type | tuple[type, ...]) -> str:
    names = {
        str: "a string",
        int: "an integer",
        float: "a number",
        bool: "true or false",
        list: "a list",
        dict: "a table",
    }
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def _check_url(value: str, where: str) -> None:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"{where}: not an http(s) URL: {value!r}")


def is_private_host(host: str) -> bool:
    """True for loopback, private, link-local and reserved addresses and for localhost."""
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return bool(
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_reserved
        or address.is_unspecified
        or address.is_multicast
    )


def _build(data: dict[str, Any], path: str) -> Config:
    root = _Table(data, "")
    database = _Table(root.get("database", dict, {}), "database")
    url = database.get("url", str, "")
    database.done()
    crawl = _build_crawl(_Table(root.get("crawl", dict, {}), "crawl"))
    taxonomy = _build_taxonomy(_Table(root.get("flagging", dict, {}), "flagging"))
    raw_sources = root.get("sources", list, [])
    sources = tuple(_build_source(raw, f"sources[{i}]") for i, raw in enumerate(raw_sources))
    names = [s.name for s in sources]
    for name in names:
        if names.count(name) > 1:
            raise ConfigError(f"sources: the name {name!r} is used twice")
    schedule = _build_schedule(_Table(root.get("schedule", dict, {}), "schedule"))
    for i, source in enumerate(sources):
        if source.schedule:
            _check_schedule(source.schedule, f"sources[{i}].schedule")
    alerts = _build_alerts(_Table(root.get("alerts", dict, {}), "alerts"))
    health_table = _Table(root.get("health", dict, {}), "health")
    health = HealthSettings(
        max_error_share=health_table.number("max_error_share", 0.5),
        missed_intervals=health_table.integer("missed_intervals", 3, 1),
    )
    health_table.done()
    queue = _build_queue(_Table(root.get("queue", dict, {}), "queue"))
    root.done()
    return Config(
        database_url=url,
        crawl=crawl,
        taxonomy=taxonomy,
        sources=sources,
        path=path,
        schedule=schedule,
        alerts=alerts,
        health=health,
        queue=queue,
    )


def _build_queue(t: _Table) -> QueueSettings:
    settings = QueueSettings(
        enabled=t.get("enabled", bool, False),
        stalled_after=t.number("stalled_after", 30.0, 1),
        backfill_chunk=t.integer("backfill_chunk", 200, 1),
    )
    t.done()
    return settings


def _check_schedule(value: str, where: str) -> None:
    from crawler.schedule import ScheduleError, parse_schedule

    try:
        parse_schedule(value)
    except ScheduleError as exc:
        raise ConfigError(f"{where}: {exc}") from None


def _build_schedule(t: _Table) -> ScheduleSettings:
    settings = ScheduleSettings(
        default=t.get("default", str, "every 1h"),
        jitter=t.number("jitter", 0.0),
        time_limit=t.number("time_limit", 1800.0, 1),
    )
    _check_schedule(settings.default, "schedule.default")
    t.done()
    return settings


def _build_alerts(t: _Table) -> AlertSettings:
    urls = t.strings("urls")
    for i, url in enumerate(urls):
        if "://" not in url:
            raise ConfigError(f"alerts.urls[{i}]: not an apprise URL (scheme://...)")
    settings = AlertSettings(
        urls=urls,
        digest=t.get("digest", bool, False),
        atom_path=t.get("atom_path", str, ""),
        max_attempts=t.integer("max_attempts", 10, 1),
    )
    t.done()
    return settings


def _build_crawl(t: _Table) -> CrawlSettings:
    settings = CrawlSettings(
        user_agent=t.get("user_agent", str, "spacewatch/0.1"),
        obey_robots_txt=t.get("obey_robots_txt", bool, True),
        concurrent_requests_per_domain=t.integer("concurrent_requests_per_domain", 2, 1),
        download_delay=t.number("download_delay", 1.0),
        autothrottle=t.get("autothrottle", bool, True),
        download_timeout=t.number("download_timeout", 30.0, 1),
        max_page_mb=t.number("max_page_mb", 10.0, 0.1),
        max_articles_per_run=t.integer("max_articles_per_run", 500),
        listing_depth=t.integer("listing_depth", 3, 1),
        cache_dir=t.get("cache_dir", str, ""),
        job_dir=t.get("job_dir", str, ""),
        recheck_young_hours=t.number("recheck_young_hours", 48.0),
        recheck_after_hours=t.number("recheck_after_hours", 6.0),
        cache_days=t.number("cache_days", 30.0, 0.01),
        entry_point_max_age=t.number("entry_point_max_age", 0.0),
        extraction_processes=t.integer("extraction_processes", 0),
    )
    if not settings.user_agent.strip():
        raise ConfigError("crawl.user_agent: must not be empty")
    t.done()
    return settings


def _build_source(raw: Any, path: str) -> Source:
    t = _Table(raw, path)
    name = t.get("name", str, "")
    if not SOURCE_NAME.match(name):
        raise ConfigError(
            f"{path}.name: {name!r} is not a source name (lower-case letters, digits, . _ -)"
        )
    homepage = t.get("homepage", str, "")
    if not homepage:
        raise ConfigError(f"{path}.homepage: required")
    _check_url(homepage, f"{path}.homepage")
    listings = []
    for i, entry in enumerate(t.get("listings", list, [])):
        where = f"{path}.listings[{i}]"
        if isinstance(entry, str):
            _check_url(entry, where)
            listings.append(Listing(url=entry))
            continue
        lt = _Table(entry, where)
        listing = Listing(
            url=lt.get("url", str, ""),
            next_selector=lt.get("next", str, ""),
            article_selector=lt.get("articles", str, ""),
        )
        _check_url(listing.url, f"{where}.url")
        lt.done()
        listings.append(listing)
    source = Source(
        name=name,
        homepage=homepage,
        feeds=t.urls("feeds"),
        sitemaps=t.urls("sitemaps"),
        listings=tuple(listings),
        allowed_domains=tuple(d.lower() for d in t.strings("allowed_domains")),
        allow_private=t.get("allow_private", bool, False),
        enabled=t.get("enabled", bool, True),
        schedule=t.get("schedule", str, ""),
    )
    t.done()
    if not source.allow_private:
        for host in source.hosts:
            hostname = urlsplit(f"//{host}").hostname or host
            if is_private_host(hostname):
                raise ConfigError(
                    f"{path}: {host} is a private or loopback address; "
                    "set allow_private = true to crawl it"
                )
    return source


def _near_weights(tt: _Table) -> tuple[tuple[str, float], ...]:
    table = _Table(tt.get("near_weights", dict, {}), f"{tt.path}.near_weights")
    weights = tuple((name, table.number(name, 0.0)) for name in list(table.data))
    table.done()
    return weights


_LIST_NAME = re.compile(r"\{([a-z][a-z0-9_]*)\}")
"""A list's place in a pattern: ``{nations}``. A quantifier (``{0,3}``) is digits, never a name."""


def _pattern_lists(t: _Table) -> dict[str, str]:
    """``[flagging.lists]``: named lists of regular expressions (names of nations, agencies,
    ...) that several patterns share, each as one alternation, longest entry first: a
    regular expression takes the first alternative that fits ("saudi arabia" before "saudi").
    An entry may name a list written above it ("{nations} and {nations}"), so two patterns can
    share a part as long as one."""
    lists: dict[str, str] = {}
    for name in list(t.data):
        if not _LIST_NAME.fullmatch("{" + name + "}"):
            raise ConfigError(f"{t.path}.{name}: a list's name is lower-case letters, digits, _")
        raw = t.strings(name)
        for later in _LIST_NAME.findall(" ".join(raw)):
            if later in t.data and later not in lists:
                raise ConfigError(
                    f"{t.path}.{name}: names the list {later!r}, which is not written above it"
                )
        entries = [_expand_lists(entry, lists, f"{t.path}.{name}") for entry in raw]
        if not entries:
            raise ConfigError(f"{t.path}.{name}: an empty list")
        checked = _checked(lists)
        for entry in raw:
            try:
                re.compile(_expand_lists(entry, checked, f"{t.path}.{name}"))
                if _list_in_look_behind(entry):
                    re.compile(_expand_lists(entry, lists, f"{t.path}.{name}"))
            except re.error as exc:
                raise ConfigError(
                    f"{t.path}.{name}: {entry!r} is no regular expression: {exc}"
                ) from None
        lists[name] = _alternation(entries)
    t.done()
    return lists


_LITERAL = re.compile(r"(?:[^\\.^$*+?{}\[\]|()]|\\[.'\- ])+")
"""A list entry that is plain text ("saudi arabia", "u\\.s\\."): no operator, only escapes."""


def _alternation(entries: list[str]) -> str:
    """One alternation of ``entries`` that prefers the longest: the entries that are regular
    expressions first, longest first, then the plain ones as a trie ("saudi(?: arabia)?").
    As a flat list of some 300 names, re tried each name in turn wherever a pattern started
    (a sixth to a quarter of the matcher's time); a trie tries one branch per letter."""
    plain = [e for e in dict.fromkeys(entries) if _LITERAL.fullmatch(e)]
    other = sorted({e for e in entries if not _LITERAL.fullmatch(e)}, key=lambda e: (-len(e), e))
    words = [re.sub(r"\\(.)", r"\1", e) for e in plain]
    parts = other + ([_trie_regex(words)] if words else [])
    return "(?:" + "|".join(parts) + ")"


def _trie_regex(words: list[str]) -> str:
    """A regular expression matching exactly ``words``, longest first where one is a prefix of
    another."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        ends_here = "" in node
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends_here:  # a group already, or one character: "?" alone makes it optional
            return f"{body}?" if len(branches) > 1 or len(body) == 1 else f"(?:{body})?"
        return body

    return emit(trie)


def _checked(lists: dict[str, str]) -> dict[str, str]:
    """A one-letter group in place of each list, whose entries were checked already: a
    pattern is checked with these, not with ~5 KB of names per list (~550 KB of expressions
    in the bundled terms, 0.7 s of CPU to compile at every start). The one way a pattern valid
    so fails written out is a look-behind holding a list of names of several lengths, so a
    pattern with a list in a look-behind is also checked written out (``_list_in_look_behind``);
    the matcher compiles the others' expansions when a text first needs them."""
    return dict.fromkeys(lists, "(?:x)")


def _list_in_look_behind(pattern: str) -> bool:
    """Whether a ``{list}`` stands inside a look-behind group of ``pattern`` (escapes and
    character classes skipped)."""
    depth = 0  # nesting inside the outermost open look-behind; 0: none open
    position, in_class = 0, False
    while position < len(pattern):
        char = pattern[position]
        if char == "\\":
            position += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            if depth:
                depth += 1
            elif pattern.startswith(("(?<=", "(?<!"), position):
                depth = 1
        elif char == ")" and depth:
            depth -= 1
        elif char == "{" and depth and _LIST_NAME.match(pattern, position):
            return True
        position += 1
    return False


def _expand_lists(pattern: str, lists: dict[str, str], path: str) -> str:
    """``pattern`` with each ``{name}`` replaced by that list's alternation."""

    def expand(match: re.Match[str]) -> str:
        if match.group(1) not in lists:
            raise ConfigError(f"{path}: no list {match.group(1)!r} in flagging.lists")
        return lists[match.group(1)]

    return _LIST_NAME.sub(expand, pattern)


def _parties(t: _Table) -> tuple[tuple[str, str], ...]:
    """[flagging.parties]: party = [its names]; each name in one party only."""
    seen: dict[str, str] = {}
    for party in list(t.data):
        for name in t.strings(party):
            key = name.strip().lower()
            if key in seen and seen[key] != party:
                raise ConfigError(f"{t.path}.{party}: {name!r} is already a name of {seen[key]!r}")
            seen[key] = party
    t.done()
    return tuple(seen.items())


def _blocs(
    t: _Table, parties: tuple[tuple[str, str], ...]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """[flagging.blocs]: party = [its members' names]; the party must be one of
    [flagging.parties]."""
    known = {party for _, party in parties}
    blocs = []
    for party in list(t.data):
        if party not in known:
            raise ConfigError(f"{t.path}.{party}: not a party of flagging.parties")
        blocs.append((party, tuple(name.strip().lower() for name in t.strings(party))))
    t.done()
    return tuple(blocs)


def _build_taxonomy(t: _Table) -> Taxonomy:
    categories_table = _Table(t.get("categories", dict, {}), f"{t.path}.categories")
    categories = []
    for name in list(categories_table.data):
        ct = _Table(categories_table.get(name, dict, {}), f"{t.path}.categories.{name}")
        categories.append(
            CategorySpec(
                name=name,
                threshold=ct.number("threshold", 1.0),
                flag=ct.get("flag", bool, True),
                show=ct.get("show", bool, True),
                near=ct.strings("near"),
            )
        )
        ct.done()
    known = {c.name for c in categories}
    for category in categories:
        if category.flag and not category.show:
            raise ConfigError(
                f"{t.path}.categories.{category.name}.show: a category that flags shows its "
                "matches (why an article was flagged); set flag = false to hide one"
            )
        for other in category.near:
            if other not in known:
                raise ConfigError(
                    f"{t.path}.categories.{category.name}.near: unknown category {other!r}"
                )
    lists = _pattern_lists(_Table(t.get("lists", dict, {}), f"{t.path}.lists"))
    checked = _checked(lists)
    terms = []
    for i, raw in enumerate(t.get("terms", list, [])):
        tt = _Table(raw, f"{t.path}.terms[{i}]")
        written = tt.get("pattern", str, "")
        term = TermSpec(
            category=tt.get("category", str, ""),
            term=tt.get("term", str, ""),
            aliases=tt.strings("aliases"),
            pattern=_expand_lists(written, lists, f"{tt.path}.pattern"),
            weight=tt.number("weight", 1.0),
            near=tt.get("near", bool, False),
            near_weight=tt.number("near_weight", 0.0) or None,
            case_sensitive=tt.get("case_sensitive", bool, False),
            near_weights=_near_weights(tt),
            starts_at=tt.strings("starts_at"),
            also=tt.strings("also"),
            unless_near=tt.strings("unless_near"),
            distinct=tt.strings("distinct"),
        )
        if term.category not in known:
            raise ConfigError(f"{tt.path}.category: unknown category {term.category!r}")
        if not term.term.strip():
            raise ConfigError(f"{tt.path}.term: required")
        if term.near and term.near_weight is not None:
            raise ConfigError(
                f"{tt.path}: near and near_weight exclude each other (near_weights may "
                "weigh a near term per anchor category)"
            )
        for start in term.starts_at:
            if start not in known or not term.pattern:
                raise ConfigError(
                    f"{tt.path}.starts_at: needs a pattern and known categories, got {start!r}"
                )
        for key, others in (("unless_near", term.unless_near), ("also", term.also)):
            for other in others:
                if other not in known or other == term.category:
                    raise ConfigError(
                        f"{tt.path}.{key}: needs other known categories than its own, got {other!r}"
                    )
        if term.also and (term.near or term.near_weight is not None or term.near_weights):
            raise ConfigError(
                f"{tt.path}.also: only for a term that counts alone (not near, near_weight "
                "or near_weights: those are measured against its own category's anchors)"
            )
        anchors = next(c.near for c in categories if c.name == term.category)
        for anchor, _ in term.near_weights:
            if anchor not in anchors:
                raise ConfigError(
                    f"{tt.path}.near_weights.{anchor}: not one of the {term.category!r} "
                    f"category's near categories {list(anchors)}"
                )
        if term.pattern:
            try:
                checking = _expand_lists(written, checked, f"{tt.path}.pattern")
                groups = re.compile(checking).groupindex
                if _list_in_look_behind(written):
                    re.compile(_expand_lists(written, lists, f"{tt.path}.pattern"))
            except re.error as exc:
                raise ConfigError(
                    f"{tt.path}.pattern: not a valid regular expression: {exc}"
                ) from None
            if term.distinct and (len(term.distinct) != 2 or not set(term.distinct) <= set(groups)):
                raise ConfigError(
                    f"{tt.path}.distinct: needs two named groups of the pattern "
                    f"((?P<name>...)), got {list(term.distinct)}"
                )
        elif term.distinct:
            raise ConfigError(f"{tt.path}.distinct: needs a pattern with two named groups")
        tt.done()
        terms.append(term)
    parties = _parties(_Table(t.get("parties", dict, {}), f"{t.path}.parties"))
    taxonomy = Taxonomy(
        categories=tuple(categories),
        terms=tuple(terms),
        parties=parties,
        blocs=_blocs(_Table(t.get("blocs", dict, {}), f"{t.path}.blocs"), parties),
        lists=tuple(lists.items()),
        exclusions=t.strings("exclusions"),
        proximity_words=t.integer("proximity_words", 30, 1),
        snippet_chars=t.integer("snippet_chars", 80, 10),
    )
    t.done()
    return taxonomy


__all__ = [
    "DATABASE_URL_ENV",
    "CategorySpec",
    "Config",
    "CrawlSettings",
    "Listing",
    "Source",
    "Taxonomy",
    "TermSpec",
    "bundled_config_text",
    "is_private_host",
    "load_config",
]
