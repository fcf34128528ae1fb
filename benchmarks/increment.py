"""Increment benchmark: what adding a few articles to a built store costs.

    python benchmarks/increment.py [CORPUS_DIR] [--limit N] [--add K] [--out DIR]

Builds the first N files of the corpus (sorted by name) into a new folder, then adds
the next K in two ways, each from a copy of that store: given alone, and given with
the N already built (a folder that grew: the N are skipped as unchanged). It also
builds the K alone into a new folder, builds the N + K once more (nothing new), and
rewrites the exports (`kg export`). Each step is a `kg` process of its own, as a user
runs it; the figures are its wall time and its peak resident memory (the largest
process of the step, workers included), and the ratio of an addition to the K alone.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus" / "news-2025-11"


def step(*args: str) -> tuple[float, float, str]:
    """Run ``python -m kg ARGS``: (seconds, peak RSS in MB, its standard output)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen([sys.executable, "-m", "kg", *args], stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        out.seek(0)
        printed = out.read().decode("utf-8")
    if process.returncode not in (0, 1):
        raise SystemExit(f"kg {' '.join(args[:1])} failed ({process.returncode}):\n{printed}")
    return seconds, usage.ru_maxrss / 1024, printed


def summary(folder: Path) -> dict:
    return json.loads((folder / "summary.json").read_text(encoding="utf-8"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--limit", type=int, default=1000, help="files in the first build (default: %(default)s)")
    parser.add_argument("--add", type=int, default=10, help="files added afterwards (default: %(default)s)")
    parser.add_argument("--out", help="working folder (default: a temporary one, removed at the end)")
    args = parser.parse_args()

    from kg.read import iter_sources

    files = sorted(p for p in iter_sources([args.corpus]) if isinstance(p, Path))
    first, added = files[: args.limit], files[args.limit: args.limit + args.add]
    work = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="newskg-increment-"))
    work.mkdir(parents=True, exist_ok=True)
    base, alone, grown, fresh = work / "base", work / "alone", work / "grown", work / "fresh"
    for folder in (base, alone, grown, fresh):
        shutil.rmtree(folder, ignore_errors=True)
    flags = ["--no-progress"]

    def names(paths: list[Path]) -> list[str]:
        return [str(p) for p in paths]

    def record(label: str, folder: Path | None, figures: tuple[float, float, str]) -> float:
        seconds, peak, _ = figures
        facts = ""
        if folder is not None:
            made = summary(folder)
            facts = (f"{made['articles']:>5} read, {made['unchanged']:>5} unchanged, store {made['store']['graphs']:,} graphs "
                     f"{made['store']['quads']:,} quads, stale: {', '.join(made['exports']['stale']) or 'none'}")
        print(f"{label:44} {seconds:7.1f} s  peak {peak:6,.0f} MB  {facts}", flush=True)
        return seconds

    print(f"corpus: {args.corpus}: first {len(first)} files, then {len(added)} more")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    record(f"build {len(first)} into a new folder", base, step("build", *names(first), "--out", str(base), *flags))
    shutil.copytree(base, alone)
    shutil.copytree(base, grown)
    add_alone = record(f"add {len(added)} (given alone)", alone, step("build", *names(added), "--out", str(alone), *flags))
    add_grown = record(f"add {len(added)} (given with the {len(first)})", grown,
                       step("build", *names(first + added), "--out", str(grown), *flags))
    by_itself = record(f"build the {len(added)} alone into a new folder", fresh,
                       step("build", *names(added), "--out", str(fresh), *flags))
    record(f"build the {len(first) + len(added)} again (nothing new)", grown,
           step("build", *names(first + added), "--out", str(grown), *flags))
    record("kg export (rewrite the exports of the store)", None, step("export", "--store", str(grown)))
    print(f"ratio, adding {len(added)} to {len(first)} / building the {len(added)} alone: "
          f"{add_alone / by_itself:.2f} (given alone), {add_grown / by_itself:.2f} (given with the {len(first)})")
    if not args.out:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
