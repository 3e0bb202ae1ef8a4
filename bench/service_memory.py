"""The service over time: memory of `spacewatch run` after 10 and after N crawl cycles of the
demo web (every source every second): RSS of the service process, and PSS of it with its
extraction pool; and CPU time of all of them while idle. Prints numbers.

    python -m bench.service_memory [--cycles 200] [--idle 60]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.procs import process_tree, pss_mb, rss_mb, tree_cpu_seconds
from crawler.demoweb import DemoWeb


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cycles", type=int, default=200)
    parser.add_argument("--idle", type=float, default=60.0, help="seconds of idle to measure")
    args = parser.parse_args()
    with DemoWeb() as web, tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "spacewatch.toml"
        config.write_text(
            web.config_toml(f"sqlite:///{tmp}/sw.db")
            + '\n[schedule]\ndefault = "every 1s"\njitter = 0\n'
        )
        log = Path(tmp) / "run.log"
        with open(log, "w") as stream:
            service = subprocess.Popen(
                [sys.executable, "-m", "crawler", "--config", str(config), "run"],
                stdout=stream,
                stderr=stream,
                env={**os.environ, "PYTHONWARNINGS": "ignore"},
            )
        sources = 3
        samples: dict[int, float] = {}
        tree_samples: dict[int, float] = {}
        started = time.monotonic()
        try:
            while True:
                cycles = log.read_text().count(": finished") // sources
                for mark in (1, 10, args.cycles // 2, args.cycles):
                    if cycles >= mark and mark not in samples:
                        samples[mark] = rss_mb(service.pid)
                        members = process_tree(service.pid)
                        tree_samples[mark] = pss_mb(members)
                        print(
                            f"after {mark:>4} cycles ({time.monotonic() - started:6.1f} s): "
                            f"RSS {samples[mark]:6.1f} MB (service process); "
                            f"PSS {tree_samples[mark]:6.1f} MB ({len(members)} processes: "
                            "service, extraction pool)",
                            flush=True,
                        )
                if cycles >= args.cycles:
                    break
                if service.poll() is not None:
                    raise SystemExit(f"service exited: {log.read_text()[-2000:]}")
                time.sleep(0.5)
        finally:
            service.terminate()
            service.wait(timeout=60)
        for what, values in (("service RSS", samples), ("all processes' PSS", tree_samples)):
            growth = (values[args.cycles] - values[10]) / values[10]
            print(f"growth from 10 to {args.cycles} cycles, {what}: {growth:+.1%}")

        config.write_text(
            web.config_toml(f"sqlite:///{tmp}/idle.db")
            + '\n[schedule]\ndefault = "every 1h"\njitter = 0\n'
        )
        with open(log, "w") as stream:
            idle = subprocess.Popen(
                [sys.executable, "-m", "crawler", "--config", str(config), "run"],
                stdout=stream,
                stderr=stream,
                env={**os.environ, "PYTHONWARNINGS": "ignore"},
            )
        try:
            while log.read_text().count(": finished") < sources:
                time.sleep(0.5)
            time.sleep(2)
            before = tree_cpu_seconds(idle.pid)
            time.sleep(args.idle)
            used = tree_cpu_seconds(idle.pid) - before
        finally:
            idle.terminate()
            idle.wait(timeout=60)
        print(
            f"idle: {used:.2f} s CPU in {args.idle:.0f} s -> {used * 3600 / args.idle:.1f} s CPU per idle hour"
        )


if __name__ == "__main__":
    main()
