"""What every command shares: the loaded config and the database, opened on first use."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from crawler.config import Config, load_config
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
