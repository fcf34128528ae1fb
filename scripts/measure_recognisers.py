"""Measure how far each recogniser's spans can be trusted, and write the table the
analysis decides by (``kg/resources/ner/recognisers.json``).

For every recogniser configuration (``--ner``), on development gold only, every span
each source proposes (lexicon, title rule, suffix rule, Latin gloss, the statistical
models) is checked against the gold names projected onto the article: its precision by
source, kind (person, organisation, place) and whether another source proposed the same
span (rows seen a few times shrink towards the row they refine; a span inside a longer
gold name is not counted, since overlap, not the threshold, settles it). Then the two thresholds of ``kg.analyse.decide`` (spans trusted before longer
ones, spans kept at all) are chosen by a grid search for the best entity F1 over the
same development sets (within 0.005 of the best F1, the highest ``trusted``, then the lowest ``kept``).

    python scripts/measure_recognisers.py [--sets eval/bulletins-dev-2022:news-2022-04,...]

Development sets only, never a held-out set. The character tagger was trained on
``eval/gold``, so its spans are counted on the other development set only.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg import analyse as analysis  # noqa: E402
from kg.evaluate import gold_spans  # noqa: E402
from kg.normalise import normalise_text  # noqa: E402
from kg.read import read_file  # noqa: E402

OUT = ROOT / "kg" / "resources" / "ner" / "recognisers.json"
DEFAULT_SETS = ("eval/bulletins-dev-2022:news-2022-04,eval/bulletins-dev2-2022:news-2022-04,eval/bulletins-dev3-2022:news-2022-04,"
                "eval/bulletins-dev4-2022:news-2022-04,eval/entities-dev-2025-11:news-2025-11,"
                "eval/gold:news-2025-11")
TRAINED_ON = ("eval/gold",)
KINDS = ("Person", "Organization", "Place")
SHRINK = 5
GRID_TRUSTED = (0.7, 0.8, 0.9, 1.01)  # spans trusted before longer ones (1.01: none; never a lone model guess)
GRID_KEPT = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
TOLERANCE = 0.005  # entity F1


def articles(sets: str):
    for item in sets.split(","):
        gold_dir, corpus = item.split(":")
        for gold_file in sorted((ROOT / gold_dir).glob("*.json")):
            gold = json.loads(gold_file.read_text(encoding="utf-8"))
            article = read_file(ROOT.parent / "shared" / "corpus" / corpus / gold["article"])[0]
            yield gold_dir, corpus, gold_file, gold, article


def measure(ner: str, docs) -> dict:
    counts: Counter = Counter()
    parents: dict[str, str | None] = {}
    for gold_dir, _, _, gold, article in docs:
        norm = normalise_text(article.text)
        tokens = analysis.tokenize(norm, hmm=not any(n in analysis.RECOGNISERS for n in ner.split("+")))
        titles = analysis.find_titles(norm)
        candidates = analysis.propose_mentions(norm, article.text, tokens, titles, ner)
        spans = gold_spans(gold, norm)
        for m, agreed in zip(candidates, analysis._agreed(candidates)):
            family = analysis.FAMILY.get(m.type)
            if family is None or m.source == "generic" or m.source == "charcrf" and gold_dir in TRAINED_ON:
                continue
            start, end = m.start + m.norm.startswith("《"), m.end - m.norm.endswith("》")
            hit = (m.start, m.end, family) in spans or (start, end, family) in spans  # 《华尔街日报》 names 华尔街日报
            if not hit and any(s <= m.start and m.end <= e and (s, e) != (m.start, m.end) for s, e, _ in spans):
                continue  # inside a longer name (美国 in 美国国务院): the longer span decides, not the threshold
            keys = analysis.precision_keys(m, agreed)
            for key, parent in zip(keys, keys[1:] + [None]):
                counts[key, "n"] += 1
                counts[key, "hit"] += hit
                parents[key] = parent
    table: dict[str, dict] = {}

    def precision(key: str) -> float:
        """Hits over spans, shrunk towards the row it refines (SHRINK pseudo-spans), so
        a row seen a few times says little of its own."""
        if key not in table:
            parent = parents[key]
            prior = precision(parent) if parent else 0.5
            table[key] = {"precision": round((counts[key, "hit"] + SHRINK * prior) / (counts[key, "n"] + SHRINK), 3),
                          "spans": counts[key, "n"]}
        return table[key]["precision"]

    for key in parents:
        precision(key)
    return dict(sorted(table.items()))


def entity_f1(ner: str, sets: str) -> float:
    from kg.evaluate import Score, evaluate_article
    from kg.resolve import Resolver

    resolver = Resolver()
    total = Score()
    for _, corpus, _, gold, _ in articles(sets):
        scores, _ = evaluate_article(gold, ROOT.parent / "shared" / "corpus" / corpus / gold["article"], resolver, ner=ner)
        for kind in KINDS:
            total.add(scores[f"entity:{kind}"])
    return total.f1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=DEFAULT_SETS, help="development gold folders with their corpus folders")
    parser.add_argument("--ner", default=",".join(n for n in analysis.NER_BACKENDS))
    parser.add_argument("--choose-for", default=analysis.DEFAULT_NER, help="the configuration whose thresholds the grid search chooses")
    args = parser.parse_args()
    docs = list(articles(args.sets))
    table = {"sets": args.sets, "thresholds": {"trusted": 0.7, "kept": 0.3}, "precision": {}}
    for ner in args.ner.split(","):
        table["precision"][ner] = measure(ner, docs)
        print(f"{ner}: " + ", ".join(f"{k} {v['precision']:.2f} ({v['spans']})" for k, v in table["precision"][ner].items()
                                     if k.count("|") == 1), flush=True)
    OUT.write_text(json.dumps(table, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    grid = []
    for trusted in GRID_TRUSTED:
        for kept in GRID_KEPT:
            table["thresholds"] = {"trusted": trusted, "kept": kept}
            OUT.write_text(json.dumps(table, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            analysis.source_precision.cache_clear()
            f1 = entity_f1(args.choose_for, args.sets)
            print(f"  trusted {trusted} kept {kept}: entity F1 {f1:.4f}", flush=True)
            grid.append((f1, trusted, kept))
    # Within TOLERANCE of the best, the setting that trusts least, then drops least: a gain that
    # small on a few hundred names is noise, and dropping spans costs on news unlike them.
    top = max(f1 for f1, _, _ in grid)
    best = min((g for g in grid if g[0] >= top - TOLERANCE), key=lambda g: (-g[1], g[2]))
    table["thresholds"] = {"trusted": best[1], "kept": best[2], "development_entity_f1": round(best[0], 4)}
    OUT.write_text(json.dumps(table, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"chosen: trusted {best[1]}, kept {best[2]} (development entity F1 {best[0]:.4f}); wrote {OUT}")


if __name__ == "__main__":
    main()
