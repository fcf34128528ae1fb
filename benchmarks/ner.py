"""Entity-recognition options side by side, in one run: F1 on the gold set and speed.

    python benchmarks/ner.py [--gold eval/gold] [--corpus DIR] [--articles 400]

For each backend (lexicons and rules alone, + jieba's POS tags, + Baidu's LAC) prints
entity precision, recall and F1 by type on the gold annotations, and the characters per
second of the analysis stage (normalise, segment, recognise) over the same corpus
articles, each timed after a warm-up so that model loading is not counted.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus" / "news-2025-11"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", default=str(HERE.parent / "eval" / "gold"))
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--articles", type=int, default=400, help="corpus articles timed per backend")
    args = parser.parse_args()

    from kg.analyse import NER_BACKENDS, analyse
    from kg.evaluate import Score, evaluate
    from kg.model import Article
    from kg.read import read_paths

    files = sorted(Path(args.corpus).iterdir())
    step = max(1, len(files) // args.articles)
    articles = [a for a in read_paths(files[::step][: args.articles]) if isinstance(a, Article)]
    characters = sum(len(a.text) for a in articles)
    print(f"speed over {len(articles)} corpus articles ({characters:,} characters); F1 on {args.gold}")
    print(f"{'backend':8} {'P':>5} {'R':>5} {'F1':>5}   {'Person':>6} {'Org':>6} {'Place':>6}   {'chars/s':>9}")
    for backend in ("none", "jieba", "lac"):
        assert backend in NER_BACKENDS
        analyse(articles[0], ner=backend)
        started = time.perf_counter()
        for article in articles:
            analyse(article, ner=backend)
        speed = characters / (time.perf_counter() - started)
        report = evaluate(Path(args.gold), Path(args.corpus), ner=backend)
        total = Score()
        for key in ("entity:Person", "entity:Organization", "entity:Place"):
            total.add(report.scores[key])
        by_type = [report.scores[k].f1 for k in ("entity:Person", "entity:Organization", "entity:Place")]
        print(f"{backend:8} {total.precision:5.2f} {total.recall:5.2f} {total.f1:5.2f}   "
              f"{by_type[0]:6.2f} {by_type[1]:6.2f} {by_type[2]:6.2f}   {speed:9,.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
