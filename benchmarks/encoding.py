"""Encoding detection on short snippets: newskg's reader against charset-normalizer.

    python benchmarks/encoding.py CORPUS_DIR [CORPUS_DIR ...] [--sizes 8 16 30 100]
                                  [--snippets 1000] [--seed 0]

Draws snippets of N characters (at random places, with a fixed seed) from the main text
of the corpus articles, encodes each as UTF-8, GBK (what GB18030 files of Chinese text
hold), Big5 and Windows-1252, and counts a detector right when the text it decodes is
the snippet itself (so GB18030, GBK and cp936 are one answer for GBK bytes). A snippet
is drawn again when it is all ASCII (every encoding gives the same bytes) or cannot be
encoded (Simplified characters Big5 lacks); Windows-1252 snippets come from the stretches
of Latin-script text in the articles (names, quotations: Schröder, “Globes”). Needs the
benchmark extra: ``pip install -e '.[bench]'``.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import time

ENCODINGS = (("UTF-8", "utf-8"), ("GB18030/GBK", "gbk"), ("Big5", "big5"), ("cp1252", "cp1252"))
LATIN_RUN = re.compile(r"[A-Za-z\u00c0-\u00ff“”‘’–—…«»°£€§©®·¿¡•™ ,.'\"0-9:;!?()-]+")
LETTER = re.compile(r"[A-Za-z]")
MAX_TRIES = 500  # draws per snippet kept, before a cell is left short


def corpus_texts(folders: list[str]) -> list[str]:
    from kg.model import Article
    from kg.read import read_paths

    return [a.text for a in read_paths(folders) if isinstance(a, Article)]


def draw(rng: random.Random, sources: list[str], size: int, codec: str, count: int) -> list[tuple[str, bytes]]:
    """``count`` snippets of ``size`` characters with a non-ASCII character that ``codec`` encodes."""
    sources = [t for t in sources if len(t) >= size]
    found: list[tuple[str, bytes]] = []
    for _ in range(count * MAX_TRIES):
        if len(found) == count or not sources:
            break
        text = rng.choice(sources)
        start = rng.randrange(len(text) - size + 1)
        snippet = text[start:start + size]
        if snippet.isascii() or not snippet.strip():
            continue
        try:
            found.append((snippet, snippet.encode(codec)))
        except UnicodeEncodeError:
            continue
    return found


def newskg_right(snippet: str, data: bytes) -> bool:
    from kg.read import ReadError, decode_bytes

    try:
        return decode_bytes(data)[0] == snippet
    except ReadError:
        return False


def charset_normalizer_right(snippet: str, data: bytes) -> bool:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return best is not None and str(best) == snippet


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="+", help="folders of corpus posts")
    parser.add_argument("--sizes", type=int, nargs="+", default=[8, 16, 30, 100])
    parser.add_argument("--snippets", type=int, default=1000, help="snippets per size and encoding")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    import charset_normalizer

    started = time.perf_counter()
    texts = corpus_texts(args.corpus)
    latin = [m.group().strip() for t in texts for m in LATIN_RUN.finditer(t)]
    latin = [t for t in latin if not t.isascii() and LETTER.search(t)]
    print(f"{len(texts):,} articles read, {len(latin):,} Latin-script stretches with a non-ASCII character "
          f"({time.perf_counter() - started:.0f} s); charset-normalizer {charset_normalizer.__version__}, "
          f"seed {args.seed}")
    rng = random.Random(args.seed)
    detectors = (("newskg", newskg_right), ("charset-normalizer", charset_normalizer_right))
    header = "| characters | " + " | ".join(f"{name} ({d})" for name, _ in ENCODINGS for d, _ in detectors) + " |"
    print(header)
    print("|" + " --- |" * (1 + len(ENCODINGS) * len(detectors)))
    for size in args.sizes:
        cells = []
        for _, codec in ENCODINGS:
            snippets = draw(rng, latin if codec == "cp1252" else texts, size, codec, args.snippets)
            for _, right in detectors:
                if not snippets:
                    cells.append("–")
                    continue
                share = sum(right(s, data) for s, data in snippets) / len(snippets)
                cells.append(f"{share:.1%}" + ("" if len(snippets) == args.snippets else f" of {len(snippets)}"))
        print(f"| {size} | " + " | ".join(cells) + " |")
    print(f"({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
