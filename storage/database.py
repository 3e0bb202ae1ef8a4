"""Open a database by URL: SQLite (WAL, busy timeout, foreign keys) or PostgreSQL.

``open_database`` never creates directories: a missing directory in a SQLite URL is a
``StorageError`` naming it. ``migrate`` brings the schema to the newest revision and refuses
a database written by a newer spacewatch.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import ClauseElement, Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql.compiler import SQLCompiler

from storage.errors import StorageError

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
HEAD_REVISION = "0014"
"""The newest migration's id (a test checks it against alembic's head). Every command checks
the schema; comparing with this constant keeps alembic's ~0.6 s import off the common path,
where the database is already current."""
SQLITE_BUSY_TIMEOUT_MS = 30_000
SQLITE_WAL_CHECKPOINT_PAGES = 30_000
"""Pages the WAL may hold before a commit copies them into the database (SQLite's default is
1,000). Each batch of articles dirties pages all over the LSH band-key index, so at 1,000
nearly every commit also ran a checkpoint; checkpointing every ~120 MB writes a page touched
by several batches once. Inserts to 100k articles, same-run: 1.31x in batches of 100, 1.29-1.45x
in the pipeline's 20; at 1M no gain shows (batches share few pages). PERFORMANCE.md."""
SQLITE_WAL_SIZE_LIMIT = 128 * 1024 * 1024
"""Bytes the WAL file is cut back to after a checkpoint, so one huge transaction does not
leave a huge file behind."""


@dataclass(frozen=True)
class Database:
    url: str
    engine: Engine
    sessions: sessionmaker[Session]

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on error."""
        with self.sessions.begin() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # 64 MB of page cache (the default is 2 MB): at a million articles the indexes a save
    # touches (URLs, LSH band keys) no longer fit in 2 MB and every batch re-read them.
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.execute(f"PRAGMA wal_autocheckpoint={SQLITE_WAL_CHECKPOINT_PAGES}")
    cursor.execute(f"PRAGMA journal_size_limit={SQLITE_WAL_SIZE_LIMIT}")
    cursor.close()


def _sqlite_optimize(dbapi_connection: Any, _record: Any) -> None:
    """SQLite's own advice, run before a connection closes (every crawl closes its own at the
    end): `PRAGMA optimize` analyzes the tables this connection queried when their statistics
    are missing or stale, bounded by analysis_limit so it takes milliseconds even at a million
    articles. Without statistics the planner cannot tell that the known-URL check is answered
    by its covering index alone and reads every found article's row instead."""
    try:
        cursor = dbapi_connection.cursor()
        # Never wait at close: a database another process is writing is analyzed next time.
        cursor.execute("PRAGMA busy_timeout=0")
        cursor.execute("PRAGMA analysis_limit=400")
        cursor.execute("PRAGMA optimize")
        cursor.close()
    except sqlite3.Error as exc:
        log.debug("PRAGMA optimize skipped: %s", exc)


MEMORY_RANDOM_PAGE_COST = 1.1
"""PostgreSQL's random_page_cost where a statement's plan depends on it: the usual value for
SSDs and for tables in memory, where a page read out of order costs about one read in order.
The default (4) is for spinning disks."""


@contextlib.contextmanager
def costed_for_memory(session: Session) -> Iterator[None]:
    """On PostgreSQL, the statements inside are planned with ``MEMORY_RANDOM_PAGE_COST``
    (``SET LOCAL``, back to the server's default after); on SQLite, nothing changes. After an
    error nothing is reset: the transaction is rolled back, and the setting with it (a
    statement in an aborted transaction would hide the error)."""
    postgresql = session.get_bind().dialect.name == "postgresql"
    if postgresql:
        session.execute(text(f"SET LOCAL random_page_cost = {MEMORY_RANDOM_PAGE_COST}"))
    yield
    if postgresql:
        session.execute(text("SET LOCAL random_page_cost TO DEFAULT"))


def query_plan(connection: Connection, statement: ClauseElement) -> list[str]:
    """The plan the database chooses for ``statement`` (EXPLAIN QUERY PLAN on SQLite, EXPLAIN
    on PostgreSQL), one line per step, with the statement's own parameters bound."""
    compiled = cast(
        SQLCompiler,
        statement.compile(dialect=connection.dialect, compile_kwargs={"render_postcompile": True}),
    )
    params: Any = compiled.params
    if compiled.positional:
        params = tuple(compiled.params[key] for key in compiled.positiontup or [])
    prefix = "EXPLAIN QUERY PLAN " if connection.dialect.name == "sqlite" else "EXPLAIN "
    rows = connection.exec_driver_sql(prefix + str(compiled), params).all()
    return [str(row[-1]) for row in rows]


GIN_INDEXES = ("ix_articles_search_vector", "ix_articles_word_pairs")
"""PostgreSQL's full-text indexes (migrations 0001 and 0010)."""


def merge_pending_index_entries(database: Database) -> None:
    """PostgreSQL: move the full-text indexes' pending entries into the indexes proper.

    GIN adds new rows to a pending list (fast inserts), and every search scans that whole list
    until vacuum or an overflowing insert merges it: with the ~300 rows a crawl of 10k
    articles left there, a rare word's search took 85 ms (p50) instead of 19. A crawl calls
    this when it is done storing (~0.4 s). Not the indexes' owner, or the server gone: vacuum
    will merge them later, and nothing is lost."""
    if database.dialect != "postgresql":
        return
    try:
        with database.engine.connect() as connection:
            connection = connection.execution_options(isolation_level="AUTOCOMMIT")
            for index in GIN_INDEXES:
                connection.execute(
                    text("SELECT gin_clean_pending_list(CAST(:index AS regclass))"),
                    {"index": index},
                )
    except DBAPIError as exc:
        log.info("full-text index entries left for vacuum to merge: %s", exc.orig)


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def open_database(url: str) -> Database:
    """Engine and session factory for ``url``; raises StorageError on a bad URL or path."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StorageError(f"database url is not valid: {url!r}") from exc
    path = sqlite_path(url)
    if path is not None and not path.parent.is_dir():
        raise StorageError(f"database directory does not exist: {path.parent}")
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "postgresql":
        kwargs["pool_pre_ping"] = True
    try:
        engine = create_engine(url, **kwargs)
    except (ArgumentError, ImportError) as exc:
        raise StorageError(f"cannot open database {parsed!r}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "close", _sqlite_optimize)
    return Database(url=url, engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))


HAND_MADE_OBJECTS = {
    "articles_fts",
    "search_vector",
    "ix_articles_search_vector",
    "ix_articles_word_pairs",
    "ix_articles_flagged_when",
    "ix_articles_source_when",
    "ix_articles_when",
    "ix_articles_search_filters",
}
"""Made by hand in the migrations (database-specific, or an expression index alembic does not
compare), so not in the models."""


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """alembic's filter: compare everything but the full-text objects."""
    if name is None:
        return True
    return not (name in HAND_MADE_OBJECTS or name.startswith("articles_fts"))


def _script_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def _alembic_config(db: Database) -> Config:
    cfg = _script_config()
    cfg.attributes["engine"] = db.engine
    return cfg


def schema_revision(db: Database) -> str | None:
    """The revision the database is at, or None for an empty database (alembic's own
    version table, read without importing alembic)."""
    try:
        with db.engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            found = conn.scalar(text("SELECT version_num FROM alembic_version"))
            return str(found) if found is not None else None
    except OperationalError as exc:
        raise StorageError(f"cannot read database {db.engine.url!r}: {exc.orig}") from exc


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_script_config()).get_current_head()
    assert head is not None
    return head


def _known_revision(revision: str) -> bool:
    from alembic.script import ScriptDirectory
    from alembic.script.revision import ResolutionError
    from alembic.util.exc import CommandError

    try:
        return ScriptDirectory.from_config(_script_config()).get_revision(revision) is not None
    except (ResolutionError, CommandError):
        return False


def migrate(db: Database) -> None:
    """Upgrade the schema to the newest revision; refuse a database from a newer version."""
    current = schema_revision(db)
    if current == HEAD_REVISION:
        return
    if current is not None and not _known_revision(current):
        raise StorageError(
            f"database schema revision {current} is newer than this spacewatch knows: "
            "upgrade spacewatch; the database was left untouched"
        )
    from alembic import command

    try:
        command.upgrade(_alembic_config(db), "head")
    except OperationalError as exc:
        raise StorageError(f"cannot migrate database {db.engine.url!r}: {exc.orig}") from exc


def require_current_schema(db: Database) -> None:
    """For read-only commands: a database that was never crawled gets a clear message."""
    current = schema_revision(db)
    if current is None:
        raise StorageError(
            f"database {db.engine.url!r} is empty: "
            "run `spacewatch crawl` or `spacewatch db upgrade`"
        )
    if current != HEAD_REVISION:
        migrate(db)
