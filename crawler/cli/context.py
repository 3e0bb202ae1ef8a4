"""What every command shares: the loaded config and the database, opened on first use."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from crawler.config import Config, load_config
from crawler.errors import SpacewatchError
from storage.database import Database, open_database, require_current_schema


@dataclass
class AppContext:
    config_path: str | None
    database_override: str | None
    _config: Config | None = None
    _database: Database | None = field(default=None)

    @property
    def config(self) -> Config:
        if self._config is None:
            env = None
            if self.database_override:
                import os

                env = {
                    **os.environ,
                    "SPACEWATCH_DATABASE_URL": database_url(self.database_override),
                }
            self._config = load_config(self.config_path, env=env)
        return self._config

    def database(self, read_only: bool = True) -> Database:
        """The configured database; read-only commands refuse one that was never crawled."""
        if self._database is None:
            self._database = open_database(self.config.database_url)
            if read_only:
                require_current_schema(self._database)
        return self._database

    def close(self) -> None:
        if self._database is not None:
            self._database.dispose()


def database_url(value: str) -> str:
    """A database URL, or a file path taken as a SQLite database."""
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def parse_when(value: str | None, option: str, end_of_day: bool = False) -> dt.datetime | None:
    """--since / --until: YYYY-MM-DD (UTC day) or an ISO 8601 time. A date-only --until
    includes that whole day."""
    if value is None:
        return None
    text = value.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            day = dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)
            return day + dt.timedelta(days=1) if end_of_day else day
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise SpacewatchError(
            f"{option}: not a date: {value!r} (use YYYY-MM-DD or an ISO 8601 time)"
        ) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
