"""Query benchmark: every named query, p50 and p95, directly on the store (as `kg query`
runs it, process start aside) and through a real `kg serve` over HTTP.

    python benchmarks/queries.py BUILD_DIR [BUILD_DIR ...] [--runs 7] [--no-serve]
    python benchmarks/queries.py --sizes 1000,4000 [--runs 7]

Each BUILD_DIR is the output folder of a `kg build` (it holds ``store/``). ``--sizes``
builds the first N posts of the November 2025 corpus (then of April 2022, past its
7,443 posts) into temporary folders first. Besides each query with empty parameters,
a few typical filtered calls are timed (an organisation, a person, a place, a day).
A query that runs past ``--timeout`` seconds is reported as such and not repeated.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPORA = [HERE.parent.parent / "shared" / "corpus" / name for name in ("news-2025-11", "news-2022-04")]

# Typical filtered calls besides each query with empty parameters.
CALLS = [
    ("officials", {}), ("officials", {"org": "外交部"}), ("officials", {"person": "王毅"}),
    ("leaders", {}), ("leaders", {"org": "外交部"}),
    ("holders", {"day": "2025-11-15"}), ("holders", {"day": "2022-04-15", "org": "卫生"}),
    ("successions", {}), ("successions", {"org": "外交部"}),
    ("statements", {}), ("statements", {"person": "王毅"}),
    ("cases", {}), ("cases", {"place": "上海"}),
    ("dispatches", {}),
    ("sources", {}), ("sources", {"text": "工作组"}),
    ("entity", {"name": "习近平"}), ("entity", {"name": "外交部"}),
    ("comentions", {}),
]


def corpus_files(n: int) -> list[Path]:
    from kg.read import iter_sources

    files: list[Path] = []
    for corpus in CORPORA:
        files += sorted(p for p in iter_sources([corpus]) if isinstance(p, Path))
    return files[:n]


def build_sizes(sizes: list[int]) -> list[Path]:
    from kg.pipeline import build

    folders = []
    for n in sizes:
        out = Path(tempfile.mkdtemp(prefix=f"newskg-queries-{n}-"))
        started = time.perf_counter()
        summary, store = build(corpus_files(n), out, progress=False, report=lambda line: None, viewer=False)
        store.close()
        print(f"built {summary.articles} posts into {out} in {time.perf_counter() - started:.0f} s", flush=True)
        folders.append(out)
    return folders


def percentiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def time_direct(folder: Path, name: str, params: dict, runs: int, timeout: float) -> tuple[list[float], int]:
    """Seconds of each run in a child process (so that a slow query can be stopped) and
    the row count."""
    code = (
        "import json, sys, time\n"
        "from kg.store import open_store\n"
        "from kg.query import resolve_query, run\n"
        "store = open_store(sys.argv[1], read_only=True)\n"
        "text = resolve_query(sys.argv[2], json.loads(sys.argv[3]))\n"
        "for _ in range(int(sys.argv[4])):\n"
        "    t = time.perf_counter(); rows = sum(1 for _ in run(store, text)); d = time.perf_counter() - t\n"
        "    print(json.dumps([d, rows]), flush=True)\n"
    )
    times, rows = [], -1
    process = subprocess.Popen([sys.executable, "-c", code, str(folder), name, json.dumps(params), str(runs)],
                               stdout=subprocess.PIPE, text=True)
    try:
        for _ in range(runs):
            timer = threading.Timer(timeout + 10, process.kill)  # the first run also opens the store
            timer.start()
            line = process.stdout.readline()
            timer.cancel()
            if not line:
                return times + [timeout + 1], rows
            seconds, rows = json.loads(line)
            times.append(seconds)
            if seconds > timeout:
                break
    finally:
        process.kill()
        process.wait()
    return times, rows


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def time_served(port: int, name: str, params: dict, runs: int, timeout: float) -> list[float]:
    from kg.query import resolve_query

    body = urllib.parse.urlencode({"query": resolve_query(name, params), "format": "csv"}).encode()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{port}/sparql", data=body),
                                        timeout=timeout + 5) as response:
                response.read()
        except Exception:  # noqa: BLE001 - a refused or timed-out query counts as its timeout
            times.append(timeout)
            break
        times.append(time.perf_counter() - started)
    return times


def serve(folder: Path, timeout: float) -> tuple[subprocess.Popen, int]:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(folder), "--port", str(port),
                                "--quiet", "--timeout", str(int(timeout))], stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return process, port
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("kg serve did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--sizes", help="build the first N posts for each N (comma-separated) and measure those")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--no-serve", action="store_true", help="time the queries on the store only")
    args = parser.parse_args()
    folders = list(args.folders) + (build_sizes([int(n) for n in args.sizes.split(",")]) if args.sizes else [])
    if not folders:
        parser.error("give build folders or --sizes")
    print(f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"{args.runs} runs a call, p50 / p95 in ms; '>' marks a call stopped at the {args.timeout:.0f} s limit")
    for folder in folders:
        from kg.store import open_store

        store = open_store(folder, read_only=True)
        articles = next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?a a schema:NewsArticle }")))["n"].value
        del store
        print(f"\n{folder}: {articles} articles")
        print(f"{'query':40} {'rows':>7} {'direct p50':>11} {'p95':>8} {'served p50':>11} {'p95':>8}")
        served = None if args.no_serve else serve(folder, args.timeout)
        try:
            for name, params in CALLS:
                label = name + ("" if not params else " " + " ".join(f"{k}={v}" for k, v in params.items()))
                times, rows = time_direct(folder, name, params, args.runs, args.timeout)
                stopped = not times or times[-1] > args.timeout
                p50, p95 = percentiles(times) if times else (args.timeout * 1000, args.timeout * 1000)
                line = f"{label:40} {rows:>7} {('>' if stopped else '') + f'{p50:.0f}':>11} {p95:>8.0f}"
                if served and not stopped:
                    s50, s95 = percentiles(time_served(served[1], name, params, args.runs, args.timeout))
                    line += f" {s50:>11.0f} {s95:>8.0f}"
                print(line, flush=True)
        finally:
            if served:
                served[0].terminate()
                served[0].wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
