"""Secrets in the configuration (an alert channel's token and password, a database password)
never reach what spacewatch prints: logs, command output, error messages."""

from __future__ import annotations

import socket
from pathlib import Path

from crawler.demoweb import DemoWeb
from tests.support import CliResult, Spacewatch, database_url_for, demo_cli

SECRETS = ("SECRETpw1", "SECRETtok2", "SECRETdbpw3")


def closed_port() -> int:
    """A 127.0.0.1 port nothing listens on: sends to it fail at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def printed(result: CliResult) -> str:
    return result.out + result.err


def assert_no_secret(text: str) -> None:
    leaked = [secret for secret in SECRETS if secret in text]
    assert not leaked, f"{leaked} printed:\n{text[-3000:]}"


def test_an_alert_channels_token_never_appears_in_logs_or_output(
    tmp_path: Path, demoweb: DemoWeb
) -> None:
    cli = demo_cli(tmp_path, demoweb, database_url_for(tmp_path))
    assert cli.config is not None
    channel = f"json://alice:SECRETpw1@127.0.0.1:{closed_port()}/hook?token=SECRETtok2"
    cli.config.write_text(
        cli.config.read_text() + f'\n[alerts]\nurls = ["{channel}"]\nmax_attempts = 1\n'
    )
    run = cli("run", "--once")
    assert run.code == 0, run.err
    assert "alert channel json://… failed" in run.err  # the failure is told, redacted
    outputs = [run] + [cli(*args) for args in (["status"], ["health"], ["runs"], ["sources"])]
    for result in outputs:
        assert_no_secret(printed(result))


def test_a_database_password_never_appears_in_errors(tmp_path: Path) -> None:
    url = f"postgresql+psycopg://spacewatch:SECRETdbpw3@127.0.0.1:{closed_port()}/spacewatch"
    cli = Spacewatch(tmp_path, database=url)
    for args in (["status"], ["search", "lunar"], ["crawl"], ["db", "upgrade"]):
        result = cli(*args)
        assert result.code != 0, args
        assert "Traceback" not in result.err, result.err
        assert_no_secret(printed(result))
