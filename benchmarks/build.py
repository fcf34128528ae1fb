"""Build benchmark: the whole pipeline over a corpus, against jieba alone on the same text.

    python benchmarks/build.py [CORPUS_DIR] [--limit N] [--out DIR]

Prints articles and characters per second, peak memory (resident set), facts by
kind, what failed and why, and the time ``jieba.lcut`` alone takes over the same
texts in the same run: the ratio of the two is the figure that holds across machines.
"""
from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus" / "news-2025-11"


def peak_rss_mb(who=resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--limit", type=int, help="only the first N files")
    parser.add_argument("--out", help="output folder (default: a temporary one)")
    args = parser.parse_args()

    from kg.model import Article
    from kg.pipeline import build
    from kg.read import iter_sources, read_paths

    files = sorted(p for p in iter_sources([args.corpus]) if isinstance(p, Path))
    if args.limit:
        files = files[: args.limit]
    out = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="newskg-bench-"))

    started = time.perf_counter()
    summary, store = build(files, out, progress=False, report=lambda line: None)
    build_seconds = time.perf_counter() - started
    store.close()
    peak_build = peak_rss_mb()
    peak_workers = peak_rss_mb(resource.RUSAGE_CHILDREN)

    texts = [a.text for a in read_paths(files) if isinstance(a, Article)]
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    started = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    jieba_seconds = time.perf_counter() - started

    characters = sum(len(t) for t in texts)
    print(f"corpus: {args.corpus} ({len(files)} files, {characters:,} characters of main text)")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"build: {summary.articles} articles in {build_seconds:.1f} s "
          f"= {summary.articles / build_seconds:.1f} articles/s, {summary.characters / build_seconds:,.0f} characters/s")
    print(f"jieba.lcut alone over the same texts: {jieba_seconds:.1f} s "
          f"= {characters / jieba_seconds:,.0f} characters/s")
    print(f"build time / jieba time: {build_seconds / jieba_seconds:.1f}")
    print(f"peak memory (RSS): {peak_build:,.0f} MB in the build process, {peak_workers:,.0f} MB in the largest worker")
    print(f"graph: {summary.triples:,} triples, {summary.quads:,} quads in {summary.graphs:,} article graphs")
    print("facts by kind: " + ", ".join(f"{k} {v:,}" for k, v in sorted(summary.facts.items())))
    print(f"failed: {len(summary.failures)}")
    reasons = Counter(f.reason.split(":")[0] for f in summary.failures)
    for reason, count in reasons.most_common():
        print(f"  {count:5}  {reason}")
    for failure in summary.failures[:20]:
        print(f"  {failure}")
    sizes = {p.name: p.stat().st_size for p in out.iterdir() if p.is_file()}
    print("outputs: " + ", ".join(f"{name} {size / 1e6:.1f} MB" for name, size in sorted(sizes.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
