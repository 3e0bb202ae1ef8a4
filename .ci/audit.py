"""Dependency audit: fails (exit 1) when an installed distribution has a known vulnerability.

pip-audit cannot run here: it asks PyPI for each installed *version*
(/pypi/NAME/VERSION/json), which these machines' registry access does not serve, and OSV is out
of reach. PyPI's per-project document (/pypi/NAME/json) is served, and its `vulnerabilities`
(from OSV) are those of the project's latest release. So every distribution installed at its
latest release is audited against PyPI's own data; an older one is listed as not audited
(`make setup` installs the newest releases the constraints allow, so those are few).

    python .ci/audit.py            # the current interpreter's environment
"""

from __future__ import annotations

import json
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any

PYPI = "https://pypi.org/pypi/{name}/json"


@dataclass
class Verdict:
    vulnerable: list[str] = field(default_factory=list)
    audited: list[str] = field(default_factory=list)
    not_audited: list[str] = field(default_factory=list)


def judge(name: str, installed: str, project: dict[str, Any] | Exception, verdict: Verdict) -> None:
    """Adds what PyPI's project document says of ``name`` at ``installed`` to ``verdict``."""
    if isinstance(project, Exception):
        verdict.not_audited.append(f"{name} {installed}: PyPI did not answer ({project})")
        return
    latest = project["info"]["version"]
    if latest != installed:
        verdict.not_audited.append(f"{name} {installed}: PyPI's data covers {latest} only")
        return
    verdict.audited.append(name)
    for vulnerability in project.get("vulnerabilities") or []:
        if vulnerability.get("withdrawn"):
            continue
        aliases = ", ".join(vulnerability.get("aliases") or [])
        fixed = ", ".join(vulnerability.get("fixed_in") or []) or "no fix released"
        verdict.vulnerable.append(
            f"{name} {installed}: {vulnerability['id']} ({aliases}); fixed in: {fixed}"
        )


def fetch(name: str) -> dict[str, Any] | Exception:
    try:
        with urllib.request.urlopen(PYPI.format(name=name), timeout=30) as answer:
            document: dict[str, Any] = json.load(answer)
            return document
    except Exception as exc:
        return exc


def main() -> int:
    own = {"spacewatch"}
    installed = {
        dist.metadata["Name"].lower(): dist.version
        for dist in metadata.distributions()
        if dist.metadata["Name"].lower() not in own
    }
    with ThreadPoolExecutor(16) as pool:
        projects = dict(zip(installed, pool.map(fetch, installed), strict=True))
    verdict = Verdict()
    for name, version in sorted(installed.items()):
        judge(name, version, projects[name], verdict)
    for line in verdict.not_audited:
        print(f"not audited: {line}")
    for line in verdict.vulnerable:
        print(f"VULNERABLE: {line}")
    print(
        f"audit: {len(verdict.audited)} of {len(installed)} distributions audited, "
        f"{len(verdict.vulnerable)} known vulnerabilities"
    )
    if not verdict.audited:
        print("audit: PyPI did not answer for any distribution: nothing was audited")
        return 1
    return 1 if verdict.vulnerable else 0


if __name__ == "__main__":
    sys.exit(main())
