"""Draw `eval/heldout3-2022`, the third April 2022 held-out set, mechanically, from the
posts of ``../shared/corpus/news-2022-04`` that no other set under ``eval/`` holds.

24 posts with a main text of 400 to 3,200 characters that opens in Chinese: 12 whose file
name speaks of cases or the epidemic (確診, 新增, 病例, 個案, 感染, 疫情) and 12 others, at
most 3 per outlet in each half (5 for RTHK, half the month's posts), taken in the order of
one ``random.Random(20261208)`` shuffle of the file names sorted; then the posts the
tagger was trained on (``train/``) are left out (3 of the 24: the set holds 21). Prints
one file name a line. Drawn before any extractor ran on them; annotated from the text
alone.

    python scripts/draw_heldout3.py [CORPUS_DIR]
"""
from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

from kg.read import read_file

ROOT = Path(__file__).resolve().parents[1]
SET = "heldout3-2022"
EPIDEMIC = re.compile(r"確診|确诊|新增|病例|個案|感染|疫情")


def draw(corpus: Path) -> list[str]:
    used = {json.loads(g.read_text(encoding="utf-8")).get("article", "")
            for g in (ROOT / "eval").glob("*/*.json") if g.parent.name != SET}
    trained = {json.loads(g.read_text(encoding="utf-8")).get("article", "") for g in (ROOT / "train").glob("*/*.json")}
    files = sorted(p for p in corpus.iterdir() if p.name not in used)
    random.Random(20261208).shuffle(files)
    picked: dict[str, list[str]] = {"epidemic": [], "other": []}
    per_outlet: dict[tuple, int] = {}
    for path in files:
        half = "epidemic" if EPIDEMIC.search(path.name) else "other"
        outlet = path.name.split("-")[3]
        if len(picked[half]) >= 12 or per_outlet.get((half, outlet), 0) >= (5 if outlet == "RTHK" else 3):
            continue
        try:
            articles = read_file(path)
        except Exception:
            continue
        if not articles or not 400 <= len(articles[0].text) <= 3200 or not re.search(r"[\u4e00-\u9fff]", articles[0].text[:50]):
            continue
        per_outlet[half, outlet] = per_outlet.get((half, outlet), 0) + 1
        picked[half].append(path.name)
    return [name for name in picked["epidemic"] + picked["other"] if name not in trained]


if __name__ == "__main__":
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus" / "news-2022-04"
    print("\n".join(draw(corpus)))
