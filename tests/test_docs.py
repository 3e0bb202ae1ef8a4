"""The docs stay true: the CLI reference is the commands' help, every source is listed, the
reliability table names tests that exist."""

from __future__ import annotations

import re
from pathlib import Path

from crawler.cli import cli
from crawler.cli.reference import render
from crawler.config import load_config

DOCS = Path(__file__).parents[1] / "docs"


def test_cli_reference_is_the_commands_help() -> None:
    assert (DOCS / "cli.md").read_text() == render(), (
        "run: python -m crawler.cli.reference > docs/cli.md"
    )


def test_every_command_has_help_with_an_example() -> None:
    for name, command in cli.commands.items():
        assert command.help, name
        if name != "db":
            assert "Example:" in command.help, name


def test_every_bundled_source_is_in_the_sources_doc() -> None:
    text = (DOCS / "sources.md").read_text()
    for source in load_config(env={"SPACEWATCH_DATABASE_URL": "sqlite://"}).sources:
        assert f"`{source.name}`" in text and source.homepage in text, source.name


def test_every_test_the_reliability_table_names_exists() -> None:
    """docs/RELIABILITY.md says which test proves each case: those tests must exist."""
    text = (DOCS / "RELIABILITY.md").read_text()
    named = re.findall(r"`(tests/[\w/]+\.py)(?:::(\w+))?", text)
    assert len(named) > 10
    root = DOCS.parent
    for path, test in named:
        source = (root / path).read_text()
        assert not test or f"def {test}(" in source, f"{path}::{test}"
