"""A process and its descendants, read from /proc (Linux): who they are, their memory and
their CPU time. A crawl is several processes: the crawl, its extraction pool's forkserver and
the pool's processes (children of the forkserver, not of the crawl)."""

from __future__ import annotations

import os
import subprocess
import threading
from pathlib import Path


def process_tree(pid: int) -> list[int]:
    """``pid`` and every live descendant."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        parents[int(stat.parent.name)] = int(fields[1])
    tree = [pid]
    for member in tree:
        tree += [child for child, parent in parents.items() if parent == member]
    return tree


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def pss_mb(pids: list[int]) -> float:
    """Proportional set size summed over ``pids``: shared pages (a forked pool shares most of
    its parent's) counted once in all, unlike a sum of RSS."""
    total = 0
    for pid in pids:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        for line in rollup.splitlines():
            if line.startswith("Pss:"):
                total += int(line.split()[1])
    return total / 1024


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


def tree_cpu_seconds(pid: int) -> float:
    total = 0.0
    for member in process_tree(pid):
        try:
            total += cpu_seconds(member)
        except OSError:
            continue
    return total


def run_measuring_cpu(
    command: list[str],
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    interval: float = 0.1,
) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run ``command`` to its end; also return the CPU seconds of it and of all its
    descendants, each read until it exits (the last reading of each, so at most ``interval``
    of a process's final work is missed)."""
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd, env=env
    )
    last: dict[int, float] = {}
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            for member in process_tree(process.pid):
                try:
                    last[member] = cpu_seconds(member)
                except OSError:
                    continue
            done.wait(interval)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    stdout, stderr = process.communicate()
    done.set()
    watcher.join()
    result = subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
    return result, sum(last.values())
