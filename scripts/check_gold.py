"""Check gold annotation files against the format of ``eval/README.md``.

Reads only the article's main text (``kg.read.read_file``): never the extractor. Checks
valid JSON, known entity types and case categories, every ``evidence`` a substring of
the main text (after removing spaces), every fact participant named among the entities
(name or alias), ISO dates.

    python scripts/check_gold.py GOLD.json ... [--corpus DIR]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from kg.read import read_file

TYPES = {"Person", "Organization", "Place"}
CATEGORIES = {
    "NewInfections", "LocalInfections", "Confirmed", "LocalConfirmed", "ImportedConfirmed",
    "Asymptomatic", "LocalAsymptomatic", "ImportedAsymptomatic", "Deaths", "CumulativeConfirmed",
    "CumulativeDeaths", "CumulativeInfections", "Recovered", "ReleasedFromObservation",
    "InHospital", "Severe",
}
PARTICIPANTS = {
    "office": ("person", "organization"), "leads": ("person", "organization"),
    "dispatch": ("sender", "group", "destination"), "visit": ("visitor", "place"),
    "statement": ("speaker",), "source": ("source",),
    "appointment": ("person", "organization", "replaces"), "departure": ("person", "organization"),
}
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def problems(gold_file: Path, corpus: Path) -> list[str]:
    out: list[str] = []
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    article = read_file(corpus / gold["article"])[0]
    text = re.sub(r"\s+", "", article.text)
    names = set()
    for e in gold.get("entities", []):
        if e.get("type") not in TYPES:
            out.append(f"entity {e.get('name')}: type {e.get('type')!r}")
        names |= {e["name"], *e.get("aliases", [])}
    for kind, items in gold.get("facts", {}).items():
        for item in items:
            evidence = re.sub(r"\s+", "", item.get("evidence", ""))
            if not evidence or evidence not in text:
                out.append(f"{kind}: evidence not in the text: {item.get('evidence')!r}")
            for key in PARTICIPANTS.get(kind, ()):
                if item.get(key) and item[key] not in names:
                    out.append(f"{kind}: {key} {item[key]!r} is not among the entities")
            for party in item.get("parties", []) if kind == "meeting" else ():
                if party not in names:
                    out.append(f"meeting: party {party!r} is not among the entities")
            if "date" in item and not ISO.match(str(item["date"])):
                out.append(f"{kind}: date {item['date']!r} is not YYYY-MM-DD")
            if kind == "cases":
                if item.get("category") not in CATEGORIES:
                    out.append(f"cases: category {item.get('category')!r}")
                if not isinstance(item.get("value"), int):
                    out.append(f"cases: value {item.get('value')!r} is not an integer")
                if item.get("place") and item["place"] not in names and item["place"] not in ("香港", "中国", "台湾", "臺灣", "澳门", "澳門"):
                    out.append(f"cases: place {item['place']!r} is not among the entities")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--corpus", default="../shared/corpus/news-2022-04")
    args = parser.parse_args()
    bad = 0
    for f in args.files:
        found = problems(Path(f), Path(args.corpus))
        for p in found:
            print(f"{Path(f).name}: {p}")
        bad += bool(found)
    print(f"{len(args.files) - bad} of {len(args.files)} files clean")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
