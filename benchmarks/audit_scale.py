"""How `restorelint audit` scales: messages/s and peak memory, one process against a
Dask local cluster, from 10,000 to 100,000 messages.

    python benchmarks/audit_scale.py                         # 10k and 100k, both engines
    python benchmarks/audit_scale.py --sizes 2000 --engines local   # a quick look

The messages are made up from the sentences of examples/audit/feedback.csv and the
older corpus, data/feedback/legacy-*.jsonl (one to three sentences each, so nearly
every text is distinct and the run measures linting, not the cache), with teams,
roles and dates, written to a CSV in a temporary folder. Each audit runs the installed command with
--no-cache and a fresh cache folder, as a subprocess; its peak RSS is sampled
from /proc every 0.2 s for the command's process and for its whole process
tree (the Dask scheduler lives in the command's process, the workers are its
children). Prints a markdown table; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TEAMS = ("Payments", "Platform", "Mobile", "Support", "Sales Ops", "Data")
ROLES = ("manager", "peer", "skip-level", "self")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
PAGE = os.sysconf("SC_PAGE_SIZE")


def sentences() -> list[str]:
    texts = [
        row["text"]
        for row in csv.DictReader((REPO / "examples/audit/feedback.csv").open(encoding="utf-8"))
    ]
    for path in sorted((REPO / "data" / "feedback").glob("legacy-*.jsonl")):
        texts += [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines()]
    return sorted({s.strip() for t in texts for s in _SENTENCE.split(t) if len(s.split()) > 2})


def write_messages(path: Path, count: int, seed: int = 14) -> None:
    pool = sentences()
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["id", "team", "author_role", "date", "text"])
        for number in range(count):
            day = 1 + rng.randrange(730)
            year, ordinal = (2024, day) if day <= 366 else (2025, day - 366)
            date = time.strftime("%Y-%m-%d", time.strptime(f"{year} {ordinal}", "%Y %j"))
            text = " ".join(rng.sample(pool, rng.randint(1, 3)))
            out.writerow([f"m-{number}", rng.choice(TEAMS), rng.choice(ROLES), date, text])


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * PAGE
    except (OSError, ValueError, IndexError):
        return 0


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    ppid = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            if ppid == pid:
                found.append(int(entry))
    return found


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        todo.extend(_children(current))
    return out


def audit(csv_path: Path, engine: str, workers: int) -> dict[str, float]:
    cache = tempfile.mkdtemp(prefix="rl-bench-cache-")
    command = [
        str(Path(sys.executable).parent / "restorelint"),
        "audit",
        str(csv_path),
        "--group-column=team",
        "--role-column=author_role",
        "--date-column=date",
        "--format=json",
        "--no-cache",
        "--no-progress",
        f"--engine={engine}",
    ]
    if engine == "dask":
        command.append(f"--workers={workers}")
    env = dict(os.environ, RESTORELINT_CACHE_DIR=cache)
    peak = {"main": 0, "tree": 0}
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )

    def sample() -> None:
        while process.poll() is None:
            peak["main"] = max(peak["main"], _rss(process.pid))
            peak["tree"] = max(peak["tree"], sum(_rss(p) for p in _tree(process.pid)))
            time.sleep(0.2)

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    watcher.join()
    shutil.rmtree(cache, ignore_errors=True)
    if process.returncode != 0:
        raise SystemExit(f"audit failed ({process.returncode}):\n{stderr}")
    messages = json.loads(stdout)["summary"]["messages"]
    return {
        "messages": messages,
        "seconds": seconds,
        "per_second": messages / seconds,
        "main_mib": peak["main"] / 2**20,
        "tree_mib": peak["tree"] / 2**20,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--engines", default="local,dask")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    engines = args.engines.split(",")
    folder = Path(tempfile.mkdtemp(prefix="rl-audit-bench-"))
    rows = []
    try:
        for size in sizes:
            data = folder / f"messages-{size}.csv"
            write_messages(data, size)
            for engine in engines:
                print(f"auditing {size:,} messages, engine {engine} ...", file=sys.stderr)
                result = audit(data, engine, args.workers)
                rows.append((size, engine, result))
                print(f"  {result}", file=sys.stderr)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"{os.cpu_count()} CPUs; dask: a LocalCluster of {args.workers} worker processes\n")
    print("| messages | engine | seconds | messages/s | peak RSS, command | peak RSS, all |")
    print("| ---: | --- | ---: | ---: | ---: | ---: |")
    for size, engine, r in rows:
        print(
            f"| {size:,} | {engine} | {r['seconds']:.1f} | {r['per_second']:.0f} "
            f"| {r['main_mib']:.0f} MiB | {r['tree_mib']:.0f} MiB |"
        )


if __name__ == "__main__":
    main()
