"""Draw the April 2022 held-out sets from ``../shared/corpus/news-2022-04``, mechanically.

Three disjoint sets, drawn before any extractor is run on them:

- ``eval/heldout-2022``: 6 articles per outlet (AJ, BBC, DW, KYODO, REUTERS, RFI, RTHK),
  main text 300–1,800 characters: the general news of another year and other outlets.
- ``eval/bulletins-2022``: 30 official case bulletins and reports: main text 150–2,500
  characters that states at least two case figures (``新增…例/宗``, ``確診``,
  ``無症狀``); 12 from RTHK (half the month's posts and most of its bulletins), 3 from
  each other outlet, filled to 30 from every outlet's remaining eligible posts.

- ``eval/bulletins-dev-2022``: 20 more bulletins, drawn last, as a development set
  for the case extractor (read while writing rules): 12 from RTHK, up to 2 from each other.
- ``eval/bulletins-dev2-2022``: a second development set of bulletins, drawn after all the
  others from what remains: 12 from RTHK, up to 3 from each other outlet.

One ``random.Random(2022)`` generator, outlets in the order above, files sorted by name.
Prints one corpus file name a line, prefixed by its set.

    python scripts/draw_heldout.py [CORPUS_DIR]
"""
from __future__ import annotations

import random
import re
import sys
from pathlib import Path

from kg.read import ReadError, read_file

OUTLETS = ("AJ", "BBC", "DW", "KYODO", "REUTERS", "RFI", "RTHK")
CASE_FIGURE = re.compile(r"(新增|確診|确诊|無症狀|无症状|本土|輸入|输入)[^。；]{0,30}?\d[\d,，]*\s*(例|宗)")


def outlet_of(name: str) -> str:
    return name.split("-")[3]


def main_text(path: Path) -> str | None:
    try:
        arts = read_file(path)
    except ReadError:
        return None
    return arts[0].text if len(arts) == 1 else None


def main(corpus: Path) -> None:
    files = sorted(p for p in corpus.iterdir() if p.is_file())
    by_outlet: dict[str, list[tuple[Path, str]]] = {o: [] for o in OUTLETS}
    for p in files:
        o = outlet_of(p.name)
        if o in by_outlet:
            text = main_text(p)
            if text:
                by_outlet[o].append((p, text))
    rng = random.Random(2022)

    bulletins: list[Path] = []
    rest: list[Path] = []
    for o in OUTLETS:
        eligible = [p for p, t in by_outlet[o]
                    if 150 <= len(t) <= 2500 and len(CASE_FIGURE.findall(t)) >= 2]
        drawn = rng.sample(eligible, min(12 if o == "RTHK" else 3, len(eligible)))
        bulletins += drawn
        rest += [p for p in eligible if p not in drawn]
    bulletins += rng.sample(rest, 30 - len(bulletins))
    chosen = set(bulletins)

    general: list[Path] = []
    for o in OUTLETS:
        eligible = [p for p, t in by_outlet[o] if 300 <= len(t) <= 1800 and p not in chosen]
        general += rng.sample(eligible, 6)

    rest = [p for p in rest if p not in chosen and p not in general]
    development: list[Path] = []
    for o in OUTLETS:
        mine = [p for p in rest if outlet_of(p.name) == o]
        development += rng.sample(mine, min(12 if o == "RTHK" else 2, len(mine)))

    rest = [p for p in rest if p not in development]
    second: list[Path] = []
    for o in OUTLETS:
        mine = [p for p in rest if outlet_of(p.name) == o]
        second += rng.sample(mine, min(12 if o == "RTHK" else 3, len(mine)))

    for p in sorted(general):
        print("heldout-2022", p.name)
    for p in sorted(bulletins):
        print("bulletins-2022", p.name)
    for p in sorted(development):
        print("bulletins-dev-2022", p.name)
    for p in sorted(second):
        print("bulletins-dev2-2022", p.name)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/news-2022-04"))
