"""Draw the articles annotated (entities only) as training data of the tagger, from
``../shared/corpus/news-2025-11``, mechanically: the month the development gold comes from,
so that the April 2022 held-out sets stay news of another period.

60 articles, 8 per outlet (fewer where an outlet has fewer left), main text 300–1,500
characters, never an article of any set under ``eval/``. One ``random.Random(2511)``
generator, outlets in sorted order, files sorted by name. Prints one corpus file name a
line, prefixed by its batch (three batches of 20, for three annotators).

    python scripts/draw_training.py [CORPUS_DIR]
"""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from kg.read import ReadError, read_file

ROOT = Path(__file__).resolve().parents[1]
PER_OUTLET = 8
TOTAL = 60
BATCHES = 3


def outlet_of(name: str) -> str:
    return name.split("-")[3]


def in_eval_sets() -> set[str]:
    return {json.loads(p.read_text(encoding="utf-8"))["article"] for p in (ROOT / "eval").glob("*/*.json")}


def main(corpus: Path) -> None:
    taken = in_eval_sets()
    by_outlet: dict[str, list[Path]] = {}
    for p in sorted(q for q in corpus.iterdir() if q.is_file()):
        if p.name in taken:
            continue
        try:
            arts = read_file(p)
        except ReadError:
            continue
        if len(arts) == 1 and 300 <= len(arts[0].text) <= 1500:
            by_outlet.setdefault(outlet_of(p.name), []).append(p)
    rng = random.Random(2511)
    drawn: list[Path] = []
    for outlet in sorted(by_outlet):
        drawn += rng.sample(by_outlet[outlet], min(PER_OUTLET, len(by_outlet[outlet])))
    rest = [p for o in sorted(by_outlet) for p in by_outlet[o] if p not in drawn]
    drawn += rng.sample(rest, max(0, TOTAL - len(drawn)))
    drawn = drawn[:TOTAL]
    rng.shuffle(drawn)
    for i, p in enumerate(drawn):
        print(f"batch{i % BATCHES + 1}\t{p.name}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus" / "news-2025-11")
