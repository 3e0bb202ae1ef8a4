"""`spacewatch run` as a real process against the demo web, with real alert receivers.

Every wait here is bounded; no test waits on wall-clock minutes (schedules are seconds long,
retries use an explicit clock)."""

from __future__ import annotations

import datetime as dt
import signal
import subprocess
import time
from collections.abc import Iterator
from email import message_from_string
from email.header import decode_header, make_header
from pathlib import Path

import feedparser
import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError, ProgrammingError

from crawler import alerts
from crawler.config import load_config
from crawler.demoweb import DemoWeb
from crawler.demoweb.corpus import FEEDS_SITE
from storage.database import open_database
from storage.models import Alert, Article, CrawlRun
from tests.service.receivers import MailReceiver, WebhookReceiver
from tests.support import Spacewatch, database_url_for, wait_for


class Setup:
    def __init__(self, tmp: Path, web: DemoWeb, extra: str = "") -> None:
        self.tmp = tmp
        self.db_url = database_url_for(tmp)
        self.config = tmp / "spacewatch.toml"
        self.config.write_text(web.config_toml(self.db_url) + extra)
        self.cli = Spacewatch(tmp, config=self.config)

    def start(self, *args: str) -> subprocess.Popen[str]:
        return self.cli.start("run", *args)

    def scalar(self, statement):  # type: ignore[no-untyped-def]
        database = open_database(self.db_url)
        try:
            with database.session() as session:
                return session.scalar(statement)
        finally:
            database.dispose()

    def runs(self) -> list[tuple[str, str]]:
        """(source, status) of every run; [] before the service has created the schema."""
        if self.db_url.startswith("sqlite") and not (self.tmp / "sw.db").exists():
            return []  # opening it would create it
        database = open_database(self.db_url)
        try:
            with database.session() as session:
                return [
                    (r.source.name, r.status)
                    for r in session.scalars(select(CrawlRun).order_by(CrawlRun.id))
                ]
        except (OperationalError, ProgrammingError):  # the schema is not made yet
            return []
        finally:
            database.dispose()


@pytest.fixture
def receivers() -> Iterator[tuple[WebhookReceiver, MailReceiver]]:
    hook, mail = WebhookReceiver(), MailReceiver()
    yield hook, mail
    hook.stop()
    mail.stop()


def flagged_count(setup: Setup) -> int:
    return int(
        setup.scalar(select(func.count()).select_from(Article).where(Article.flagged.is_(True)))
    )


def test_run_once_crawls_due_sources_then_waits_for_their_schedule(
    tmp_path: Path, demoweb: DemoWeb
) -> None:
    setup = Setup(tmp_path, demoweb, '\n[schedule]\ndefault = "every 1h"\njitter = 0\n')
    first = setup.cli("run", "--once")
    assert first.code == 0, first.err
    assert sorted(setup.runs()) == [
        ("briefing-demo", "finished"),
        ("newsroom-demo", "finished"),
        ("spacewire-demo", "finished"),
    ]
    assert "crawl briefing-demo: finished" in first.err and "new=7" in first.err
    second = setup.cli("run", "--once")
    assert second.code == 0 and "0 of 3 sources due" in second.err
    assert len(setup.runs()) == 3
    status = setup.cli("status", "--format", "json").json()
    assert all(row["last_status"] == "finished" and row["health"] == "ok" for row in status)
    assert all(row["next_run"] > row["last_run"] for row in status)


def test_alerts_go_to_every_channel_once_per_article(
    tmp_path: Path, demoweb: DemoWeb, receivers
) -> None:  # type: ignore[no-untyped-def]
    hook, mail = receivers
    atom = tmp_path / "flagged.atom"
    setup = Setup(
        tmp_path,
        demoweb,
        f'\n[schedule]\ndefault = "every 1s"\njitter = 0\n\n[alerts]\nurls = ["{hook.url}", "{mail.url}"]\natom_path = "{atom}"\n',
    )
    assert setup.cli("run", "--once").code == 0
    flagged = flagged_count(setup)
    assert flagged == 4
    assert len(hook.posts) == flagged and len(mail.messages) == flagged
    titles = {p["title"] for p in hook.posts}
    assert any("China and Russia" in t and "lunar" in t for t in titles)
    assert all("http://127.0.0.1" in p["message"] for p in hook.posts)  # the link
    subjects = {
        str(make_header(decode_header(message_from_string(m)["Subject"]))) for m in mail.messages
    }
    assert subjects == titles
    time.sleep(1.1)
    assert setup.cli("run", "--once").code == 0  # due again: crawls, nothing new
    assert len(hook.posts) == flagged and len(mail.messages) == flagged
    parsed = feedparser.parse(atom.read_bytes())
    assert not parsed.bozo and len(parsed.entries) == flagged
    assert all(
        e.get("id") and e.get("title") and e.get("link") and e.get("updated")
        for e in parsed.entries
    )
    # Each says why it was flagged: the first snippets of its flagging categories' matches,
    # not of context ("«China»") nor of a category it did not reach (the spaceports story,
    # flagged for cooperation, names the Apollo program once).
    summaries = {e["link"]: e["summary"] for e in parsed.entries}
    others = 0
    for row in setup.cli("flagged", "--format", "json").json():
        matches = setup.cli("show", str(row["id"]), "--format", "json").json()["matches"]
        why = [m["snippet"] for m in matches if m["category"] in row["categories"]][:3]
        others += [m["snippet"] for m in matches][:3] != why
        (post,) = [p for p in hook.posts if p["title"].endswith(row["title"])]
        bullets = [line[2:] for line in post["message"].splitlines() if line.startswith("• ")]
        assert why and bullets == why, row["title"]
        assert summaries[row["url"]] == "\n".join(why)
    assert others  # at least one article's first matches are not all what it was flagged for


def test_digest_mode_sends_one_message_per_channel(
    tmp_path: Path, demoweb: DemoWeb, receivers
) -> None:  # type: ignore[no-untyped-def]
    hook, _ = receivers
    setup = Setup(tmp_path, demoweb, f'\n[alerts]\nurls = ["{hook.url}"]\ndigest = true\n')
    assert setup.cli("run", "--once").code == 0
    assert len(hook.posts) == 1
    assert "4 new alerts" in hook.posts[0]["title"]
    assert hook.posts[0]["message"].count("http://127.0.0.1") == 4


def test_a_channel_that_is_down_keeps_its_alerts_and_gets_each_once_later(
    tmp_path: Path, demoweb: DemoWeb, receivers
) -> None:  # type: ignore[no-untyped-def]
    hook, mail = receivers
    hook.failing = True
    setup = Setup(tmp_path, demoweb, f'\n[alerts]\nurls = ["{hook.url}", "{mail.url}"]\n')
    result = setup.cli("run", "--once")
    assert result.code == 0 and "crawl briefing-demo: finished" in result.err  # crawling went on
    flagged = flagged_count(setup)
    assert hook.posts == [] and len(mail.messages) == flagged
    failed = setup.scalar(select(func.count()).select_from(Alert).where(Alert.status == "failed"))
    assert failed == flagged
    settings = load_config(str(setup.config), env={}).alerts
    database = open_database(setup.db_url)
    try:
        now = dt.datetime.now(dt.UTC)
        assert alerts.deliver(database, settings, now).sent == 0  # backoff: not due yet
        hook.failing = False
        later = now + dt.timedelta(hours=1)
        assert alerts.deliver(database, settings, later).sent == flagged
        assert alerts.deliver(database, settings, later + dt.timedelta(hours=1)).sent == 0
    finally:
        database.dispose()
    assert len(hook.posts) == flagged and len(mail.messages) == flagged


def test_an_alert_interrupted_mid_send_is_never_sent_again(
    tmp_path: Path, demoweb: DemoWeb, receivers
) -> None:  # type: ignore[no-untyped-def]
    hook, _ = receivers
    setup = Setup(tmp_path, demoweb, f'\n[alerts]\nurls = ["{hook.url}"]\n')
    hook.failing = True
    assert setup.cli("run", "--once").code == 0
    database = open_database(setup.db_url)
    try:
        with (
            database.session() as session
        ):  # as if the process died after marking, before confirming
            session.execute(Alert.__table__.update().values(status="sending"))
    finally:
        database.dispose()
    hook.failing = False
    result = setup.cli("run", "--once")
    assert result.code == 0 and "alerts left unsent" in result.err
    assert hook.posts == []
    assert setup.scalar(
        select(func.count()).select_from(Alert).where(Alert.status == "unknown")
    ) == flagged_count(setup)


def test_a_second_scheduler_is_refused_and_takes_over_after_kill_9(
    tmp_path: Path, demoweb: DemoWeb
) -> None:
    # Slow enough that the crawls outlast the refused second process on a loaded machine.
    demoweb.slow_down(8.0)
    setup = Setup(tmp_path, demoweb, '\n[schedule]\ndefault = "every 1h"\njitter = 0\n')
    first = setup.start()
    try:
        wait_for(
            lambda: ("briefing-demo", "running") in setup.runs(), what="the first crawl to start"
        )
        second = setup.cli("run", "--once")
        assert second.code == 1
        assert (
            "already schedules crawls for this database" in second.err
            and second.err.count("\n") == 1
        )
        first.send_signal(signal.SIGKILL)
    finally:
        if first.poll() is None:
            first.kill()
        first.communicate(timeout=10)  # reap it and close its pipes
    demoweb.slow_down(0)
    takeover = setup.cli("run", "--once")
    assert takeover.code == 0, takeover.err
    assert "runs marked aborted" in takeover.err
    statuses = setup.runs()
    aborted = [i for i, (_, status) in enumerate(statuses) if status == "aborted"]
    assert aborted, statuses  # the killed process left runs behind ...
    for index in aborted:  # ... and each of their sources then completed a run
        source = statuses[index][0]
        assert (source, "finished") in statuses[index + 1 :], statuses
    assert not any(status == "running" for _, status in statuses)
    database = open_database(setup.db_url)
    try:
        with database.engine.connect() as conn:
            if conn.dialect.name == "sqlite":  # PostgreSQL's WAL makes a crash atomic
                assert conn.scalar(text("PRAGMA integrity_check")) == "ok"
            urls = conn.execute(
                text("SELECT url, count(*) FROM articles GROUP BY url HAVING count(*) > 1")
            ).all()
            assert urls == []
    finally:
        database.dispose()
    assert setup.scalar(select(func.count()).select_from(Article)) == len(demoweb.articles())


def test_sigterm_closes_running_crawls_and_exits(tmp_path: Path, demoweb: DemoWeb) -> None:
    demoweb.slow_down(1.0)
    setup = Setup(tmp_path, demoweb, '\n[schedule]\ndefault = "every 1h"\njitter = 0\n')
    service = setup.start("--log-format", "json")
    try:
        wait_for(lambda: ("briefing-demo", "running") in setup.runs(), what="a crawl to start")
        started = time.monotonic()
        service.send_signal(signal.SIGTERM)
        _, err = service.communicate(timeout=45)
        assert service.returncode == 0, err
        assert time.monotonic() - started < 40
    finally:
        if service.poll() is None:
            service.kill()
    statuses = setup.runs()
    assert statuses and all(status in ("cancelled", "finished") for _, status in statuses), statuses
    assert '"message": "stopped"' in err


def test_a_crawl_over_its_time_limit_is_closed_and_recorded(
    tmp_path: Path, demoweb: DemoWeb
) -> None:
    demoweb.slow_down(1.5)
    setup = Setup(tmp_path, demoweb, "\n[schedule]\ntime_limit = 2\n")
    result = setup.cli("run", "--once")
    assert result.code == 0, result.err
    statuses = setup.runs()
    # Every site is slowed down; which crawls outlive the limit depends on their page counts.
    assert len(statuses) == 3 and any(status == "timeout" for _, status in statuses), statuses
    assert all(status in ("timeout", "finished") for _, status in statuses)


def test_a_broken_source_is_reported_and_alerted(
    tmp_path: Path, demoweb: DemoWeb, receivers
) -> None:  # type: ignore[no-untyped-def]
    hook, _ = receivers
    setup = Setup(
        tmp_path,
        demoweb,
        # Every second, so the second run is due at once; staleness is not under test here
        # (a slow CLI start must not make "no successful run for 3 intervals" the reason).
        f'\n[schedule]\ndefault = "every 1s"\njitter = 0\n\n[health]\nmissed_intervals = 1000\n'
        f'\n[alerts]\nurls = ["{hook.url}"]\n',
    )
    assert setup.cli("run", "--once").code == 0
    before = len(hook.posts)
    demoweb.break_site(FEEDS_SITE)
    time.sleep(1.1)
    result = setup.cli("run", "--once")
    assert result.code == 0 and "source briefing-demo is broken" in result.err
    health = {row["source"]: row for row in setup.cli("health", "--format", "json").json()}
    assert health["briefing-demo"]["health"] == "broken"
    assert "gave no articles" in health["briefing-demo"]["reason"]
    assert health["newsroom-demo"]["health"] == "ok"
    new_posts = hook.posts[before:]
    assert [p["title"] for p in new_posts] == ["[spacewatch] source briefing-demo is broken"]


def test_a_slow_channel_times_out_without_losing_its_alerts(
    tmp_path: Path, demoweb: DemoWeb, receivers
) -> None:  # type: ignore[no-untyped-def]
    hook, _ = receivers
    hook.delay = 6  # longer than apprise's 4 s read timeout
    setup = Setup(tmp_path, demoweb, f'\n[alerts]\nurls = ["{hook.url}?rto=1"]\n')
    started = time.monotonic()
    result = setup.cli("run", "--once")
    assert result.code == 0 and "crawl spacewire-demo: finished" in result.err
    flagged = flagged_count(setup)
    assert (
        setup.scalar(select(func.count()).select_from(Alert).where(Alert.status == "failed"))
        == flagged
    )
    assert time.monotonic() - started < 60
