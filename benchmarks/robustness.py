"""Cost of one long article: seconds and peak memory per MB of input, by size, with and
without punctuation.

    python benchmarks/robustness.py [CORPUS_DIR] [--sizes 0.1,0.3,0.6,1,4]

Each article is the main text of the corpus's first articles repeated up to the size
(MB of UTF-8), and the same text with every punctuation mark and space taken out. Each
is built (`kg build FILE --out TMP --no-viewer`) in a process of its own, one run; the
figures are the build's wall time and the process's peak resident memory, and what
each adds to a 200-character article's build (start-up: models and lexicons), per MB. Articles past the length limit (kg.read.MAX_ARTICLE characters)
are cut, so the largest sizes cost what the limit costs.
"""
from __future__ import annotations

import argparse
import json
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus" / "news-2025-11"
PUNCTUATION = re.compile(r"[^\w]")


def corpus_text(corpus: str, characters: int) -> str:
    from kg.read import iter_sources, read_paths

    texts, total = [], 0
    for item in read_paths(sorted(p for p in iter_sources([corpus]) if isinstance(p, Path))):
        if hasattr(item, "text"):
            texts.append(item.text)
            total += len(item.text)
            if total >= characters:
                break
    return "\n".join(texts)


def article(base: str, megabytes: float, punctuated: bool) -> str:
    text = base if punctuated else PUNCTUATION.sub("", base)
    target = int(megabytes * 1_000_000)
    out = text
    while len(out.encode("utf-8")) < target:
        out += ("\n" if punctuated else "") + text
    data = out.encode("utf-8")[:target]
    return data.decode("utf-8", errors="ignore")


def run_one(path: Path, out: Path) -> tuple[float, float, str]:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "kg", "build", str(path), "--out", str(out), "--no-viewer"],
                            capture_output=True, text=True)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    warning = next((line.split(": ", 2)[2] for line in result.stderr.splitlines() if line.startswith("warning: ")), "")
    if result.returncode not in (0,):
        warning = f"exit {result.returncode}: {result.stderr.strip().splitlines()[-1:]}"
    return seconds, peak, warning


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--sizes", default="0.1,0.3,0.6,1,4", help="article sizes in MB (default: %(default)s)")
    args = parser.parse_args()
    sizes = [float(x) for x in args.sizes.split(",")]
    from kg.read import MAX_ARTICLE

    base = corpus_text(args.corpus, 400_000)
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}; "
          f"length limit {MAX_ARTICLE:,} characters")
    print("| input | MB | characters | seconds | s/MB beyond start-up | peak MB | MB/MB beyond start-up | note |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tiny = Path(tmp) / "tiny.txt"
        tiny.write_text(base[:200], encoding="utf-8")
        fixed_seconds, fixed_peak, _ = _isolated(tiny, Path(tmp) / "out-tiny")
        print(f"| a 200-character article (start-up: models, lexicons) | | 200 | {fixed_seconds:.1f} | | {fixed_peak:,.0f} | | |")
        for punctuated in (True, False):
            for size in sizes:
                text = article(base, size, punctuated)
                path = Path(tmp) / f"article-{size}-{punctuated}.txt"
                path.write_text(text, encoding="utf-8")
                seconds, peak, note = _isolated(path, Path(tmp) / f"out-{size}-{punctuated}")
                kind = "corpus text" if punctuated else "no punctuation"
                rows.append({"input": kind, "mb": size, "characters": len(text), "seconds": round(seconds, 1),
                             "peak_mb": round(peak)})
                print(f"| {kind} | {size:g} | {len(text):,} | {seconds:.1f} | {(seconds - fixed_seconds) / size:.0f} | "
                      f"{peak:,.0f} | {(peak - fixed_peak) / size:,.0f} | {note} |", flush=True)
    print(json.dumps(rows))
    return 0


def _isolated(path: Path, out: Path) -> tuple[float, float, str]:
    """Build one file in a child of a child, so that the peak is that build's alone."""
    result = subprocess.run([sys.executable, str(Path(__file__)), "--child", str(path), str(out)],
                            capture_output=True, text=True)
    seconds, peak, note = json.loads(result.stdout.strip().splitlines()[-1])
    return seconds, peak, note


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        print(json.dumps(run_one(Path(sys.argv[2]), Path(sys.argv[3]))))
        sys.exit(0)
    sys.exit(main())
