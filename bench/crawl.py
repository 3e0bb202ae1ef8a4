"""Crawl throughput against Scrapy's own ceiling, in one run on one fixture web.

The fixture web (127.0.0.1) serves N article pages of 100-200 KB built from real saved pages
(../shared/data, else the repo's sample in tests/fixtures/extraction): each keeps its page's
markup and boilerplate, with a unique title and its paragraphs' text replaced by sentences of
the demo web's real articles, so no two pages are copies. A sitemap lists them all.

(a) bare Scrapy: a plain spider fetching the same URLs, no extraction, no pipelines, the same
    concurrency; (b) spacewatch: `spacewatch crawl` of the sitemap source on an empty SQLite
    database (extract, dedupe, flag, store). Each runs in its own process; pages/s is article
    pages over the crawl's own elapsed time (Scrapy's ``elapsed_time_seconds``), so interpreter
    start-up is left out of both.

    python -m bench.crawl [--pages 2000] [--repeat 1] [--data ../shared/data]

Target (issue 9): (b) >= 0.6 x (a).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from bench import add_data_option
from bench.procs import run_measuring_cpu
from crawler.demoweb import DemoWeb
from crawler.demoweb.corpus import SITEMAPS_SITE, Corpus, DemoArticle, build_corpus
from storage import queries
from storage.database import open_database
from storage.models import CrawlRun

ROOT = Path(__file__).parents[1]
SIZE_RANGE = (100_000, 200_000)
PARAGRAPH = re.compile(r"(<p\b[^>]*>)(.*?)(</p>)", re.S | re.I)
TITLE = re.compile(r"(<title[^>]*>)(.*?)(</title>)", re.S | re.I)
H1 = re.compile(r"(<h1\b[^>]*>)(.*?)(</h1>)", re.S | re.I)
TAG = re.compile(r"<[^>]+>")

BARE_SPIDER = """
import json, sys
from scrapy import Request, Spider
from scrapy.crawler import CrawlerProcess

urls = json.load(open(sys.argv[1]))
settings = json.loads(sys.argv[2])


class Bare(Spider):
    name = "bare"

    async def start(self):
        for url in urls:
            yield Request(url, callback=self.parse)

    def parse(self, response):
        self.crawler.stats.inc_value("bare/pages")


process = CrawlerProcess(settings)
crawler = process.create_crawler(Bare)
process.crawl(crawler)
process.start()
stats = crawler.stats.get_stats()
print(json.dumps({"pages": stats.get("bare/pages", 0),
                  "elapsed": stats.get("elapsed_time_seconds", 0)}))
"""


def template_pages(data: Path) -> list[str]:
    """Saved real pages whose size is within SIZE_RANGE, decoded."""
    from crawler.extraction.decoding import decode_html

    pages = []
    for path in sorted(data.rglob("*.htm*")):
        raw = path.read_bytes()
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
        if SIZE_RANGE[0] <= len(raw) <= SIZE_RANGE[1]:
            text = decode_html(raw)
            if len(PARAGRAPH.findall(text)) >= 3:
                pages.append(text)
    if not pages:
        raise SystemExit(f"no saved page of 100-200 KB under {data}")
    return pages


def sentence_pool() -> list[str]:
    base = build_corpus()
    paragraphs = [p for a in [*base.articles, *base.reserve] for p in a.paragraphs]
    return sorted({s for p in paragraphs for s in re.split(r"(?<=[.!?])\s+", p) if len(s) > 40})


def personalise(page: str, index: int, title: str, rng: random.Random, pool: list[str]) -> str:
    """The page with ``title`` and new text in each real paragraph (same length, roughly)."""

    def paragraph(match: re.Match[str]) -> str:
        length = len(TAG.sub("", match.group(2)))
        if length < 60:
            return match.group(0)
        text = ""
        while len(text) < length:
            text += rng.choice(pool) + " "
        return f"{match.group(1)}{text.strip()}{match.group(3)}"

    page = PARAGRAPH.sub(paragraph, page)
    page = TITLE.sub(lambda m: f"{m.group(1)}{title}{m.group(3)}", page, count=1)
    return H1.sub(lambda m: f"{m.group(1)}{title}{m.group(3)}", page, count=1)


def fixture_corpus(count: int, data: Path, seed: int = 5) -> Corpus:
    templates = template_pages(data)
    pool = sentence_pool()
    rng = random.Random(seed)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    corpus = Corpus()
    for index in range(count):
        title = f"Space policy report {index}: {rng.choice(pool)[:50].strip()}"
        html = personalise(templates[index % len(templates)], index, title, rng, pool)
        corpus.articles.append(
            DemoArticle(
                key=f"page-{index}",
                site=SITEMAPS_SITE,
                path=f"/reports/{index}/",
                title=title,
                authors=(),
                published=now - dt.timedelta(minutes=index),
                paragraphs=[],
                raw_html=html.encode("utf-8"),
            )
        )
    return corpus


def bare_scrapy(urls: list[str], concurrency: int, tmp: Path) -> tuple[int, float, float]:
    url_file = tmp / "urls.json"
    url_file.write_text(json.dumps(urls))
    settings = {
        "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency,
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False,
        "ROBOTSTXT_OBEY": False,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": "WARNING",
        "USER_AGENT": "spacewatch-bench",
    }
    done, cpu = run_measuring_cpu(
        [sys.executable, "-c", BARE_SPIDER, str(url_file), json.dumps(settings)]
    )
    if done.returncode != 0:
        raise SystemExit(f"bare Scrapy failed: {done.stderr[-2000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return int(result["pages"]), float(result["elapsed"]), cpu


def spacewatch_crawl(
    web: DemoWeb, tmp: Path, run: str, processes: int
) -> tuple[int, float, float, dict[str, int]]:
    database = tmp / f"spacewatch-{run}.db"
    config = tmp / f"spacewatch-{run}.toml"
    config.write_text(
        web.config_toml(f"sqlite:///{database}").replace(
            "download_timeout = 10\n",
            "download_timeout = 60\nmax_articles_per_run = 0\n"
            f"extraction_processes = {processes}\n",
        )
    )
    done, cpu = run_measuring_cpu(
        [sys.executable, "-m", "crawler", "--config", str(config), "crawl", "newsroom-demo"],
        cwd=tmp,
        env={**os.environ, "PYTHONWARNINGS": "ignore", "XDG_CACHE_HOME": str(tmp / f"cache-{run}")},
    )
    if done.returncode != 0:
        raise SystemExit(f"spacewatch crawl failed: {done.stderr[-2000:]}")
    db = open_database(f"sqlite:///{database}")
    with db.session() as session:
        (summary,) = queries.runs(session, source="newsroom-demo")
        stats = session.scalar(select(CrawlRun.stats).where(CrawlRun.id == summary.id)) or {}
    db.dispose()
    counts = {k: getattr(summary, k) for k in ("new", "duplicates", "errors")}
    pages = summary.new + summary.duplicates + summary.updated + summary.unchanged
    return pages, float(stats.get("elapsed_time_seconds", 0)), cpu, counts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=1)
    add_data_option(parser)
    args = parser.parse_args()
    corpus = fixture_corpus(args.pages, args.data)
    sizes = [len(a.raw_html or b"") for a in corpus.articles]
    print(
        f"fixture web: {args.pages} pages, {statistics.mean(sizes) / 1000:.0f} KB on average "
        f"({min(sizes) / 1000:.0f}-{max(sizes) / 1000:.0f} KB), from "
        f"{len(template_pages(args.data))} saved pages under {args.data}; "
        f"{os.cpu_count()} cores"
    )
    pool = os.cpu_count() or 1
    kinds = {"in-process": 1, f"pool of {pool}": pool}
    bare_rates: list[float] = []
    rates: dict[str, list[float]] = {kind: [] for kind in kinds}
    cpu_per_page: dict[str, list[float]] = {kind: [] for kind in kinds}
    with DemoWeb(corpus) as web, tempfile.TemporaryDirectory() as tmp:
        urls = [web.url(a) for a in corpus.articles]
        concurrency = 8  # the demo config's concurrent_requests_per_domain
        print(
            f"{'run':>4}{'':3}{'crawl':<26}{'pages':>7}{'seconds':>9}{'pages/s':>9}"
            f"{'CPU ms/page':>13}"
        )
        for run in range(args.repeat):
            pages, elapsed, cpu = bare_scrapy(urls, concurrency, Path(tmp))
            bare_rates.append(pages / elapsed)
            print(
                f"{run + 1:>4}   {'bare Scrapy':<26}{pages:>7}{elapsed:>9.1f}{bare_rates[-1]:>9.1f}"
                f"{1000 * cpu / pages:>13.1f}"
            )
            for kind, processes in kinds.items():
                started = time.perf_counter()
                pages, elapsed, cpu, counts = spacewatch_crawl(
                    web, Path(tmp), f"{run}-{processes}", processes
                )
                wall = time.perf_counter() - started
                rates[kind].append(pages / elapsed)
                cpu_per_page[kind].append(1000 * cpu / pages)
                print(
                    f"{run + 1:>4}   {'spacewatch ' + kind:<26}{pages:>7}{elapsed:>9.1f}"
                    f"{rates[kind][-1]:>9.1f}{cpu_per_page[kind][-1]:>13.1f}"
                    f"   (wall {wall:.1f} s; new {counts['new']}, "
                    f"copies {counts['duplicates']}, errors {counts['errors']})"
                )
    bare = statistics.median(bare_rates)
    for kind in kinds:
        full = statistics.median(rates[kind])
        print(
            f"median pages/s: bare Scrapy {bare:.1f}, spacewatch {kind} {full:.1f}; "
            f"ratio {full / bare:.2f} (target >= 0.6: {'met' if full / bare >= 0.6 else 'NOT met'})"
        )
    speedup = statistics.median(rates[f"pool of {pool}"]) / statistics.median(rates["in-process"])
    print(f"extraction pool / in-process: {speedup:.2f}x")
    # CPU per page counts every process of the crawl (the pool's too) from its start, so it
    # includes interpreter start-up: the ceiling it gives is a little low for short runs.
    cores = os.cpu_count() or 1
    for kind in kinds:
        cost = statistics.median(cpu_per_page[kind])
        print(
            f"spacewatch {kind}: {cost:.1f} ms of CPU per page in all its processes; "
            f"{cores} cores allow at most {cores * 1000 / cost:.0f} pages/s"
        )


if __name__ == "__main__":
    main()
