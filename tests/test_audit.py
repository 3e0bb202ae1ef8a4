"""The dependency audit (.ci/audit.py) on PyPI's own project document for a package with an
unfixed vulnerability (ecdsa, saved from pypi.org/pypi/ecdsa/json on 2026-12-01)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).parents[1]
ECDSA = json.loads((ROOT / "tests/fixtures/audit/ecdsa.json").read_text())


def audit() -> ModuleType:
    spec = importlib.util.spec_from_file_location("audit", ROOT / ".ci/audit.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["audit"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_a_latest_release_with_a_known_vulnerability_fails_the_audit() -> None:
    module = audit()
    verdict = module.Verdict()
    module.judge("ecdsa", ECDSA["info"]["version"], ECDSA, verdict)
    assert verdict.audited == ["ecdsa"]
    assert any(
        "CVE-2024-23342" in line and "no fix released" in line for line in verdict.vulnerable
    )


def test_an_older_release_is_reported_as_not_audited_not_as_safe() -> None:
    module = audit()
    verdict = module.Verdict()
    module.judge("ecdsa", "0.1", ECDSA, verdict)
    assert verdict.audited == [] and verdict.vulnerable == []
    assert verdict.not_audited == [f"ecdsa 0.1: PyPI's data covers {ECDSA['info']['version']} only"]


def test_withdrawn_advisories_and_clean_releases_pass() -> None:
    module = audit()
    verdict = module.Verdict()
    withdrawn = {
        **ECDSA,
        "vulnerabilities": [{**v, "withdrawn": "2026-01-01"} for v in ECDSA["vulnerabilities"]],
    }
    module.judge("ecdsa", ECDSA["info"]["version"], withdrawn, verdict)
    module.judge("clean", "1.0", {"info": {"version": "1.0"}, "vulnerabilities": []}, verdict)
    assert verdict.vulnerable == [] and verdict.audited == ["ecdsa", "clean"]
