"""Backfill: walk a source's whole archive once, resumably.

Resuming is Scrapy's own job persistence (``JOBDIR``: the scheduler's queue and the seen-request
filter on disk). Scrapy can only resume a job that was stopped cleanly; after a kill -9 its queue
files are not trustworthy (the seen-filter may list pages whose requests were lost with the
queue, which would silently cut the walk short). So a clean close leaves a marker, a start
without the marker wipes the job directory and walks again from the entry points, and what is
already stored is still skipped by the usual database check, so the re-walk costs listing and
sitemap pages, not articles.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import platformdirs

log = logging.getLogger("spacewatch.backfill")
CLEAN_STOP = "spacewatch-clean-stop"
DONE_REASONS = {"finished"}


@dataclass(frozen=True, slots=True)
class Backfill:
    """A backfill request: the whole archive, or what changed since ``since``."""

    since: dt.datetime | None = None

    def wanted(self, updated_at: dt.datetime | None) -> bool:
        """Entries dated before ``since`` are skipped; undated ones are always walked."""
        return self.since is None or updated_at is None or updated_at >= self.since


def job_dir(database_url: str, source: str, root: str = "") -> Path:
    """Where one source's backfill keeps its state: per database, since two databases
    backfilled from the same machine are two jobs."""
    base = Path(root) if root else Path(platformdirs.user_data_dir("spacewatch")) / "backfill"
    tag = hashlib.blake2b(database_url.encode(), digest_size=6).hexdigest()
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", source)
    return base / f"{safe}-{tag}"


def prepare(path: Path) -> None:
    """Make ``path`` ready for a run: kept after a clean stop (resume), else made empty."""
    marker = path / CLEAN_STOP
    if marker.exists():
        marker.unlink()
        log.info("resuming the backfill stopped in %s", path)
        return
    if path.exists():
        log.warning(
            "backfill state in %s was not closed cleanly (killed?): walking again from the "
            "entry points; stored articles are still skipped",
            path,
        )
        shutil.rmtree(path)
    path.mkdir(parents=True)


def close(path: Path, reason: str) -> None:
    """After the crawl closed (Scrapy saved its queue and state): a finished backfill leaves
    nothing behind; a stopped one leaves the marker that lets the next run resume it."""
    if reason in DONE_REASONS:
        shutil.rmtree(path, ignore_errors=True)
    elif path.is_dir():
        (path / CLEAN_STOP).write_text(reason, "utf-8")
