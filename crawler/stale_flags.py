"""Whether the stored flags were computed with the taxonomy now configured: after the terms
are edited, or a new spacewatch brings new ones, the stored flags are stale until ``spacewatch
reflag`` recomputes them, and nothing else would say so."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json

from crawler.config import Taxonomy
from storage import state
from storage.database import Database


def taxonomy_fingerprint(taxonomy: Taxonomy) -> str:
    """A digest of everything in the taxonomy (terms, weights, categories, lists, parties):
    equal for two configs that flag alike as written, different after any edit."""
    fields = dataclasses.asdict(taxonomy)
    del fields["lists"]  # already in the patterns, expanded: the same digest as before them
    text = json.dumps(fields, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def stale_flags_warning(database: Database, taxonomy: Taxonomy) -> str:
    """ "" when the stored flags are the current taxonomy's; else one line saying what to do.
    A database that records no taxonomy yet records the current one if it is empty (call
    this before a crawl stores anything)."""
    current = taxonomy_fingerprint(taxonomy)
    with database.session() as session:
        stored = state.flags_taxonomy(session, current, dt.datetime.now(dt.UTC))
    if stored == current:
        return ""
    made_with = (
        "a taxonomy this database did not record (an earlier spacewatch)"
        if stored == state.UNKNOWN
        else "another taxonomy (the terms, or spacewatch's bundled ones, changed since)"
    )
    return (
        f"the stored flags were computed with {made_with}; `spacewatch reflag` recomputes them "
        "with the current one"
    )


def record_if_unset(database: Database, taxonomy: Taxonomy) -> None:
    """Before a crawl stores anything: what ``stale_flags_warning`` records in a database that
    records no taxonomy yet, at the cost of one SELECT once it does (the digest, ~6 ms, is
    computed only when the record is missing). Every crawl of the service calls it."""
    with database.session() as session:
        if state.get(session, state.FLAGS_TAXONOMY) is None:
            state.flags_taxonomy(session, taxonomy_fingerprint(taxonomy), dt.datetime.now(dt.UTC))


def record_reflagged(database: Database, taxonomy: Taxonomy) -> None:
    """After a reflag of every stored article: the stored flags are the current taxonomy's."""
    with database.session() as session:
        state.put(
            session, state.FLAGS_TAXONOMY, taxonomy_fingerprint(taxonomy), dt.datetime.now(dt.UTC)
        )
