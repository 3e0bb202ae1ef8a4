"""docs/cli.md is rendered from the commands' own help, so the two cannot drift:
``python -m crawler.cli.reference > docs/cli.md``; a test compares them."""

from __future__ import annotations

import click

from crawler.cli import cli


def _commands(group: click.Group, prefix: str) -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = []
    for name in sorted(group.commands):
        command = group.commands[name]
        path = f"{prefix} {name}"
        found.append((path, command))
        if isinstance(command, click.Group):
            found.extend(_commands(command, path))
    return found


def render() -> str:
    parts = [
        "# spacewatch command reference\n",
        "Generated from each command's `--help` by `python -m crawler.cli.reference`;",
        "a test fails when this file and the help disagree.\n",
    ]
    with click.Context(cli, info_name="spacewatch", terminal_width=100) as ctx:
        parts += ["## spacewatch\n", "```", cli.get_help(ctx), "```\n"]
    for path, command in _commands(cli, "spacewatch"):
        with click.Context(command, info_name=path, terminal_width=100) as ctx:
            parts += [f"## {path}\n", "```", command.get_help(ctx), "```\n"]
    return "\n".join(parts)


if __name__ == "__main__":
    print(render(), end="")
