"""Dev-only, never run by the suite: copy the real texts and pages the demo web serves from
../shared/data into crawler/demoweb/pages/, each with where it came from and its licence.

    python tests/tools/build_demoweb_corpus.py ../shared/data
"""

from __future__ import annotations

import gzip
import json
import shutil
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "crawler" / "demoweb" / "pages"
FUNDUS_LICENCE = "fundus test data, MIT (c) 2023 Max Dallabetta, Conrad Dobberstein, Aaron Wey; page text (c) its publisher, used as a test fixture"
NEWSPAPER_LICENCE = "newspaper4k test data, MIT (c) 2013 Lucas Ou-Yang; page text (c) its publisher, used as a test fixture"
SEED_LICENCE = "text of a Silk Road Briefing article (c) Dezan Shira & Associates, saved in spacewatch shared data; used as a test fixture"

# Gold texts re-rendered into the demo's own briefing-site templates.
FUNDUS_TEXTS = [
    "na/TheNamibian_2023_11_16.html.gz",
    "uk/BBC_2024_08_01.html.gz",
    "za/TimesLive_2025_05_22.html.gz",
    "za/DailyMaverick_2026_01_06.html.gz",
    "za/TheCitizen_2025_11_28.html.gz",
    "us/Reuters_2023_05_16.html.gz",
    "uk/iNews_2025_01_28.html.gz",
]
# Real pages served byte for byte, with fundus's gold as their truth.
FUNDUS_PAGES = [
    "us/RestOfWorld_2025_10_21.html.gz",
    "ca/OttawaCitizen_2026_05_26.html.gz",
    "au/WestAustralian_2024_11_26.html.gz",
    "uk/Nature_2025_11_04.html.gz",
    "uk/BBC_2026_04_25.html.gz",
    "us/APNews_2023_04_28.html.gz",
]


def fundus_gold(data: Path, html: str) -> dict[str, object]:
    pairs = json.loads((data / "fundus" / "INDEX_pairs.json").read_text())
    pair = next(p for p in pairs if p["html"] == html)
    gold = json.loads((data / "fundus" / pair["country"] / f"{pair['publisher']}.json").read_text())
    version = gold[pair["version"]]
    body = version.get("body") or {}
    paragraphs = list(body.get("summary", [])) + [
        p for section in body.get("sections", []) for p in section.get("paragraphs", [])
    ]
    return {
        "id": html.split("/")[-1].removesuffix(".html.gz"),
        "url": pair["url"],
        "title": version.get("title", ""),
        "authors": version.get("authors", []),
        "published": version.get("publishing_date"),
        "paragraphs": paragraphs,
        "origin": f"fundus tests/resources/parser/test_data/{html}",
        "licence": FUNDUS_LICENCE,
    }


def main(data: Path) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    texts = []
    seed = (data / "seed-article-silk-road-briefing.txt").read_text().split("\n")
    paragraphs = []
    for line in seed[1:]:
        line = line.strip()
        if line.startswith("Related Reading"):
            break
        if line and not line.startswith(("Posted by", "•")):
            paragraphs.append(line)
    texts.append(
        {
            "id": "seed-ilrs",
            "url": "https://www.silkroadbriefing.com/news/2021/03/11/china-and-russias-joint-venture-belt-and-road-to-the-moon/",
            "title": seed[0].strip(),
            "authors": [],
            "published": "2021-03-11T09:00:00+00:00",
            "paragraphs": paragraphs,
            "origin": "spacewatch shared/data/seed-article-silk-road-briefing.txt",
            "licence": SEED_LICENCE,
        }
    )
    for html in FUNDUS_TEXTS:
        texts.append(fundus_gold(data, html))
    legacy = data / "newspaper4k" / "legacy_2015_fulltext" / "txt" / "space.com2.txt"
    texts.append(
        {
            "id": "spacecom-nasa-budget",
            "url": "https://www.space.com/27968-nasa-omnibus-spending-bill-2015.html",
            "title": "NASA Receives $18 Billion in Omnibus Spending Bill",
            "authors": [],
            "published": "2014-12-10T15:00:00+00:00",
            "paragraphs": [
                p.strip() for p in legacy.read_text().split("\n") if len(p.strip()) > 60
            ],
            "origin": "newspaper4k tests legacy_2015_fulltext/txt/space.com2.txt",
            "licence": NEWSPAPER_LICENCE,
        }
    )
    time_meta = json.loads((data / "newspaper4k/current/metadata/time_001.json").read_text())
    time_text = (data / "newspaper4k/current/txt/time_001.txt").read_text()
    texts.append(
        {
            "id": "time-climate",
            "url": time_meta["url"],
            "title": time_meta["title"],
            "authors": time_meta.get("authors", []),
            "published": time_meta.get("publish_date"),
            "paragraphs": [p.strip() for p in time_text.split("\n") if p.strip()],
            "origin": "newspaper4k tests/data/txt/time_001.txt",
            "licence": NEWSPAPER_LICENCE,
        }
    )
    (OUT / "texts.json").write_text(json.dumps(texts, ensure_ascii=False, indent=1))
    pages = []
    for html in FUNDUS_PAGES:
        gold = fundus_gold(data, html)
        name = html.split("/")[-1]
        shutil.copy(data / "fundus" / html, OUT / name)
        gold["file"] = name
        pages.append(gold)
    (OUT / "real_pages.json").write_text(json.dumps(pages, ensure_ascii=False, indent=1))
    sizes = sum(f.stat().st_size for f in OUT.iterdir())
    print(f"{len(texts)} texts, {len(pages)} pages, {sizes // 1024} KB in {OUT}")
    for page in pages:
        with gzip.open(OUT / str(page["file"])) as stream:
            assert stream.read(10)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
