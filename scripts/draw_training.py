"""Draw the articles annotated (entities only) as training or development data of the
tagger, mechanically: the commands that drew each folder are listed in ``train/README.md``
and in each set's README (``eval/entities-dev-2025-11``, ``eval/bulletins-dev3-2022``).

Per outlet the same number (fewer where an outlet has fewer left), the rest drawn from
every outlet's remaining posts; main text 300–1,500 characters (150–2,500 and two case
figures or more with ``--bulletins``); never an article of any set under ``eval/`` nor of
the folders given with ``--not-in``. One ``random.Random(seed)`` generator, outlets in
sorted order, files sorted by name. Prints one corpus file name a line, prefixed by its
batch (one batch per annotator).
"""
from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from draw_heldout import CASE_FIGURE
from kg.read import ReadError, read_file

ROOT = Path(__file__).resolve().parents[1]


def outlet_of(name: str) -> str:
    return name.split("-")[3]


def in_folders(patterns: list[str]) -> set[str]:
    """The articles annotated in the folders (globs under the project: ``eval/*``)."""
    return {json.loads(p.read_text(encoding="utf-8"))["article"] for f in patterns for p in ROOT.glob(f"{f}/*.json")}


def main(corpus: Path, total: int, per_outlet: int, batches: int, seed: int, bulletins: bool, not_in: list[str],
         outlets: set[str] | None = None, longest: int | None = None) -> None:
    taken = in_folders(["eval/*", *not_in])
    by_outlet: dict[str, list[Path]] = {}
    for p in sorted(q for q in corpus.iterdir() if q.is_file()):
        if p.name in taken or (outlets and outlet_of(p.name) not in outlets):
            continue
        try:
            arts = read_file(p)
        except ReadError:
            continue
        shortest, longest = (150, longest or 2500) if bulletins else (300, longest or 1500)
        if len(arts) == 1 and shortest <= len(arts[0].text) <= longest and (not bulletins or len(CASE_FIGURE.findall(arts[0].text)) >= 2):
            by_outlet.setdefault(outlet_of(p.name), []).append(p)
    rng = random.Random(seed)
    drawn: list[Path] = []
    for outlet in sorted(by_outlet):
        drawn += rng.sample(by_outlet[outlet], min(per_outlet, len(by_outlet[outlet])))
    rest = [p for o in sorted(by_outlet) for p in by_outlet[o] if p not in drawn]
    drawn += rng.sample(rest, min(len(rest), max(0, total - len(drawn))))
    drawn = drawn[:total]
    rng.shuffle(drawn)
    for i, p in enumerate(drawn):
        print(f"batch{i % batches + 1}\t{p.name}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus" / "news-2025-11"))
    parser.add_argument("--total", type=int, default=60)
    parser.add_argument("--per-outlet", type=int, default=8)
    parser.add_argument("--batches", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2511)
    parser.add_argument("--bulletins", action="store_true", help="only posts stating two case figures or more, main text 150–2,500 characters (as draw_heldout.py)")
    parser.add_argument("--outlets", default="", help="only these outlets, comma-separated (default: every outlet)")
    parser.add_argument("--longest", type=int, default=None, help="longest main text in characters (default 1,500; 2,500 with --bulletins)")
    parser.add_argument("--not-in", default="", help="folders under the project whose articles are not drawn again, comma-separated")
    args = parser.parse_args()
    main(Path(args.corpus), args.total, args.per_outlet, args.batches, args.seed, args.bulletins,
         [f for f in args.not_in.split(",") if f], {o for o in args.outlets.split(",") if o},
         args.longest)
