"""What the database records about itself (the ``state`` table): the fingerprint of the
taxonomy its stored flags were computed with, so a crawl can tell when they are stale."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.models import Article, State

FLAGS_TAXONOMY = "flags.taxonomy"
UNKNOWN = "unknown"
"""The taxonomy of flags stored before the database recorded one."""


def get(session: Session, key: str) -> str | None:
    return session.scalar(select(State.value).where(State.key == key))


def put(session: Session, key: str, value: str, now: dt.datetime, replace: bool = True) -> None:
    """Set ``key``; with ``replace`` False only if it is not set yet (two processes may race)."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(State).values(key=key, value=value, updated_at=now)
    if replace:
        statement = statement.on_conflict_do_update(
            index_elements=[State.key], set_={"value": value, "updated_at": now}
        )
    else:
        statement = statement.on_conflict_do_nothing(index_elements=[State.key])
    session.execute(statement)


def flags_taxonomy(session: Session, current: str, now: dt.datetime) -> str:
    """The fingerprint of the taxonomy the stored flags were computed with. A database that
    records none yet takes ``current`` when it holds no article, else ``UNKNOWN`` (flags
    stored by a spacewatch that did not record it)."""
    stored = get(session, FLAGS_TAXONOMY)
    if stored is None:
        empty = session.scalar(select(Article.id).limit(1)) is None
        put(session, FLAGS_TAXONOMY, current if empty else UNKNOWN, now, replace=False)
        stored = get(session, FLAGS_TAXONOMY)
    assert stored is not None
    return stored
