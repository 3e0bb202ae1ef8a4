"""What changed between stored versions of an article, as unified diffs of its paragraphs."""

from __future__ import annotations

import difflib
import itertools

from storage.queries import VersionText


def version_diffs(versions: list[VersionText]) -> list[dict[str, object]]:
    """For each version after the first: its number, when fetched, and a unified diff (one
    paragraph per line, title first) against the version before it."""
    diffs: list[dict[str, object]] = []
    for before, after in itertools.pairwise(versions):
        diff = difflib.unified_diff(
            _lines(before),
            _lines(after),
            fromfile=f"version {before.version}",
            tofile=f"version {after.version}",
            lineterm="",
            n=1,
        )
        diffs.append({"version": after.version, "fetched": after.fetched, "diff": "\n".join(diff)})
    return diffs


def _lines(version: VersionText) -> list[str]:
    paragraphs = [" ".join(p.split()) for p in version.body.split("\n\n")]
    return [f"# {version.title}", *(p for p in paragraphs if p)]
