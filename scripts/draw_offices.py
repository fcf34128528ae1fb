"""Draw the held-out set of offices over time (``eval/offices-2022``), mechanically.

30 posts of ``../shared/corpus/news-2022-04`` whose main text (150–2,500 characters)
names an appointment, a departure or a former office (任命, 出任, 就任, 接任, 接替, 委任,
辞职, 辞去, 免去, 免职, 卸任, 下台, 前任, 时任, in either script), drawn with
``random.Random(2026)`` from the files of no other April 2022 set. Drawn, and annotated,
before the extractor of appointments and departures was written; never read for rules
(those were written from November 2025 sentences).

    python scripts/draw_offices.py [CORPUS_DIR]

With ``--seed`` and ``--outside-every-set`` it draws further sets the same way, outside
every set under ``eval/`` and ``train/`` (``eval/offices-dev-2022``: seed 2027).
"""
from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from kg.normalise import normalise_text
from kg.read import ReadError, read_file

ROOT = Path(__file__).resolve().parents[1]
CUES = ("任命", "出任", "就任", "接任", "接替", "委任", "辞职", "辞去", "免去", "免职", "卸任", "下台", "前任", "时任")
TAKEN = ("heldout-2022", "bulletins-2022", "bulletins-dev-2022", "bulletins-dev2-2022")


def main(corpus: Path, seed: int = 2026, outside_every_set: bool = False) -> None:
    folders = [ROOT / "eval" / name for name in TAKEN]
    if outside_every_set:
        folders = [p for p in (ROOT / "eval").iterdir() if p.is_dir()] + [p for p in (ROOT / "train").iterdir() if p.is_dir()]
    taken = {json.loads(f.read_text(encoding="utf-8"))["article"] for folder in folders for f in folder.glob("*.json")}
    eligible = []
    for path in sorted(p for p in corpus.iterdir() if p.is_file() and p.name not in taken):
        try:
            articles = read_file(path)
        except ReadError:
            continue
        if len(articles) != 1 or not 150 <= len(articles[0].text) <= 2500:
            continue
        if any(cue in normalise_text(articles[0].text) for cue in CUES):
            eligible.append(path)
    for path in sorted(random.Random(seed).sample(eligible, 30)):
        print(path.name)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus" / "news-2022-04"))
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--outside-every-set", action="store_true", help="draw none of the articles of eval/* and train/*")
    args = parser.parse_args()
    main(Path(args.corpus), args.seed, args.outside_every_set)
