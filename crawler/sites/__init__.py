"""Per-site rules for what the generic extraction gets wrong on a bundled source.

Each module here describes one site with a :class:`SiteRules` (CSS selectors, or a function
for what selectors cannot say) and registers it by domain. A rule's field wins over the
generic readers; a rule that finds nothing leaves the generic result. Each site has a saved
page and a test in tests/crawler/test_sites.py. Keep rules small and structural: never a
rule for one URL.
"""

from __future__ import annotations

from crawler.sites import space_com  # noqa: F401  (registers itself)
from crawler.sites.registry import SiteRules, rules_for

__all__ = ["SiteRules", "rules_for"]
