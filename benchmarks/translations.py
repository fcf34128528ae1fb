"""Translation pairing on the corpus: false pairings and missed ones.

    python benchmarks/translations.py [CORPUS_DIR] [--limit N]

Puts the bundled English machine translation among every article of the corpus (and
its Chinese original) and reports: the pairs found (the only true one is seed ↔ seed),
how many corpus articles share anything with the translation, and the best score a
wrong original reaches against the pairing threshold. A false pairing merges facts that
do not belong together, so the margin between the two is the figure to watch.
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
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--limit", type=int)
    args = parser.parse_args()

    from kg.analyse import analyse
    from kg.kinds import extract_all
    from kg.model import Article
    from kg.pipeline import sample_corpus
    from kg.read import read_paths
    from kg.translate import find_pairs, fingerprint, score

    started = time.perf_counter()
    files = sorted(Path(args.corpus).iterdir())[: args.limit] if args.limit else sorted(Path(args.corpus).iterdir())
    prints, keys = [], {}
    for article in read_paths(list(files) + sample_corpus()):
        if not isinstance(article, Article):
            continue
        doc = analyse(article)
        prints.append(fingerprint(doc, extract_all(doc)))
        keys[article.key] = article.path
    zh_seed, en_seed = (next(p for p in prints if keys[p.key] == str(path)) for path in sample_corpus())

    pairs = find_pairs(prints)
    others = [(score(en_seed, p), p) for p in prints if p.key not in (en_seed.key, zh_seed.key) and p.language != "en"]
    sharing = [p for _, p in others if en_seed.numbers & p.numbers or en_seed.entities & p.entities]
    best_wrong = max(others, key=lambda sp: sp[0])
    print(f"articles fingerprinted: {len(prints)} ({time.perf_counter() - started:.0f} s)")
    print(f"pairs found: {len(pairs)}")
    for translation, original, value in pairs:
        print(f"  {Path(keys[translation]).name} -> {Path(keys[original]).name} (score {value})")
    true_pair = (en_seed.key, zh_seed.key) in {(t, o) for t, o, _ in pairs}
    print(f"true pair found: {true_pair}; false pairs: {sum(1 for t, o, _ in pairs if (t, o) != (en_seed.key, zh_seed.key))}")
    print(f"score of the true original: {score(en_seed, zh_seed)}")
    print(f"corpus articles sharing a number or an entity with the translation: {len(sharing)}")
    print(f"best score of a wrong original: {best_wrong[0]} ({Path(keys[best_wrong[1].key]).name})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
