"""Copy a fixed sample of ../shared/data's extraction gold sets into tests/fixtures/extraction,
in the same layout, so the pinning tests and the benchmark's smoke run need nothing outside
the repo. Re-run only to change the sample:

    python -m tests.tools.copy_extraction_fixtures [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

from bench.extraction_sets import ENGLISH_FUNDUS_COUNTRIES

ROOT = Path(__file__).parents[2]
TARGET = ROOT / "tests" / "fixtures" / "extraction"
NEWSPAPER_PAGES = ("cnn_001", "time_001", "spanish_article", "chinese_article_001")
RECALL_PAGES = ("security.googleblog.com.protection.html", "caymancompass.com-prison.html")
"""Pages whose article trafilatura's precision mode drops almost whole (kept apart from the
sample above, whose floors they would move): tests/crawler/test_extraction.py."""
MENU_PAGES = ("rnz.de.witzel.html",)
"""A short article whose page trafilatura's fast recall run reads as its menu."""
BYLINE_PAGES = ("ls/LesothoTimes_2025_11_24.html.gz", "vn/VnExpress_2025_10_22.html.gz")
"""fundus pages whose only byline is a bold paragraph of the story, above it or signed under
it: tests/crawler/test_extraction.py."""


def copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def fundus(data: Path, out: Path = TARGET / "fundus", files: tuple[str, ...] = ()) -> None:
    """Every 6th English page and every 20th other, or the pages named in ``files``."""
    pairs = json.loads((data / "INDEX_pairs.json").read_text())
    english = [p for p in pairs if p["country"] in ENGLISH_FUNDUS_COUNTRIES][::6]
    other = [p for p in pairs if p["country"] not in ENGLISH_FUNDUS_COUNTRIES][::20]
    chosen = [p for p in pairs if p["html"] in files] if files else english + other
    for pair in chosen:
        copy(data / pair["html"], out / pair["html"])
        gold = f"{pair['country']}/{pair['publisher']}.json"
        copy(data / gold, out / gold)
    (out / "INDEX_pairs.json").write_text(json.dumps(chosen, indent=1, ensure_ascii=False))
    copy(data / "LICENSE.upstream", out / "LICENSE.upstream")


def trafilatura_eval(
    data: Path, out: Path = TARGET / "trafilatura-eval", files: tuple[str, ...] = ()
) -> None:
    """Every 33rd page, or the pages named in ``files``."""
    gold = json.loads((data / "evaldata.json").read_text())
    if files:
        chosen = {url: entry for url, entry in gold.items() if entry["file"] in files}
    else:
        chosen = dict(list(gold.items())[::33])
    for entry in chosen.values():
        name = f"{entry['file']}.gz"
        copy(data / "html" / name, out / "html" / name)
    (out / "evaldata.json").write_text(json.dumps(chosen, indent=1, ensure_ascii=False))
    copy(data / "LICENSE.upstream", out / "LICENSE.upstream")


def newspaper4k(data: Path) -> None:
    out = TARGET / "newspaper4k"
    for name in NEWSPAPER_PAGES:
        for folder, suffix in (("html", ".html.gz"), ("txt", ".txt"), ("metadata", ".json")):
            copy(
                data / "current" / folder / f"{name}{suffix}",
                out / "current" / folder / f"{name}{suffix}",
            )
    copy(data / "LICENSE.upstream", out / "LICENSE.upstream")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    shutil.rmtree(TARGET, ignore_errors=True)
    fundus(args.data / "fundus")
    trafilatura_eval(args.data / "trafilatura-eval")
    recall = ROOT / "tests" / "fixtures" / "recall"
    shutil.rmtree(recall, ignore_errors=True)
    trafilatura_eval(args.data / "trafilatura-eval", recall / "trafilatura-eval", RECALL_PAGES)
    menus = ROOT / "tests" / "fixtures" / "menus"
    shutil.rmtree(menus, ignore_errors=True)
    trafilatura_eval(args.data / "trafilatura-eval", menus / "trafilatura-eval", MENU_PAGES)
    bylines = ROOT / "tests" / "fixtures" / "bylines"
    shutil.rmtree(bylines, ignore_errors=True)
    fundus(args.data / "fundus", bylines / "fundus", BYLINE_PAGES)
    newspaper4k(args.data / "newspaper4k")
    sites = ROOT / "tests" / "fixtures" / "sites"
    for name in ("space.com1", "space.com2"):
        legacy = args.data / "newspaper4k" / "legacy_2015_fulltext" / "html" / f"{name}.html.gz"
        copy(legacy, sites / f"{name}.html.gz")


if __name__ == "__main__":
    main()
