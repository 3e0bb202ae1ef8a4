"""`spacewatch serve` as a user starts it: a real process on 127.0.0.1."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.support import Spacewatch
from tests.web.conftest import Site


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_answers_on_localhost_until_stopped(site: Site, tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    process = subprocess.Popen(
        [sys.executable, "-m", "crawler", "--database", site.config.database_url, "serve",
         "--port", str(port)],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/flagged", timeout=5) as page:
                    html = page.read().decode()
                break
            except OSError:
                assert process.poll() is None, process.communicate()
                assert time.monotonic() < deadline, "serve did not answer in 30 s"
                time.sleep(0.2)
        assert "<h1>Flagged articles</h1>" in html
        assert "&lt;script&gt;alert(&#34;crawled-title&#34;)&lt;/script&gt;" in html
    finally:
        process.terminate()
        _, err = process.communicate(timeout=20)
    assert f"serving http://127.0.0.1:{port}/" in err


def test_serve_refuses_a_database_that_was_never_crawled(tmp_path: Path) -> None:
    result = Spacewatch(tmp_path, database=str(tmp_path / "empty.db"))("serve", "--port", "0")
    assert result.code == 1
    assert "is empty: run `spacewatch crawl`" in result.err, result.err
