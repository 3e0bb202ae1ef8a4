"""One scheduler per database.

PostgreSQL: a session advisory lock held on a dedicated connection. SQLite: ``flock`` on a file
next to the database. Both are released by the operating system or the server when the holder
dies, so a new scheduler takes over after a crash without any clean-up.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path
from typing import IO, Any

from sqlalchemy import text

from storage.database import Database, sqlite_path

ADVISORY_KEY = 0x5370_6163_6557  # "SpaceW": spacewatch's scheduler lock id


class SchedulerLock:
    def __init__(self, database: Database) -> None:
        self.database = database
        self._file: IO[str] | None = None
        self._connection: Any = None
        path = sqlite_path(database.url)
        self.path: Path | None = Path(f"{path}.scheduler.lock") if path else None

    def acquire(self) -> bool:
        """Take the lock if no other process holds it; True when taken."""
        if self.database.dialect == "postgresql":
            connection = self.database.engine.connect()
            taken = bool(
                connection.scalar(text("SELECT pg_try_advisory_lock(:k)"), {"k": ADVISORY_KEY})
            )
            connection.commit()
            if taken:
                self._connection = connection
            else:
                connection.close()
            return taken
        if self.path is None:
            return True  # an in-memory database belongs to this process alone
        handle = open(self.path, "a+")  # noqa: SIM115 - held open for the lock's lifetime
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._file = handle
        return True

    def holder(self) -> str:
        """Who holds the lock, as far as can be told (for messages)."""
        if self.path is not None and self.path.exists():
            pid = self.path.read_text().strip()
            return f"process {pid}" if pid else "another process"
        return "another process"

    def release(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(Exception):
                self._connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": ADVISORY_KEY})
                self._connection.commit()
            self._connection.close()
            self._connection = None
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None

    def is_held_elsewhere(self) -> bool:
        """True when another process holds the lock (takes and drops it to find out)."""
        if self.acquire():
            self.release()
            return False
        return True
