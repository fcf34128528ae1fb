"""Entity-recognition options side by side, in one run: F1 on every annotated set, and speed.

    python benchmarks/ner.py [--recognisers charcrf,lac,...] [--articles 300] [--errors]

For each recogniser beside the lexicons and rules, through the whole analysis stage:

- entity P/R/F1 (and F1 by type) on the project's gold sets: `eval/gold` (development,
  Nov 2025, and training data of the tagger), `eval/bulletins-dev-2022`,
  `eval/bulletins-dev2-2022`, `-dev3-` and `-dev4-` (development, Apr 2022), `eval/entities-dev-2025-11`
  (development, Nov 2025, entities only), `eval/heldout` (Nov 2025),
  `eval/heldout-2022`, `eval/bulletins-2022` and `eval/heldout3-2022`
  (Apr 2022), with the Traditional-script articles (RTHK, CNA) and the others apart on
  the held-out sets;
- mention P/R/F1 on People's Daily 1998 test and CLUENER2020 dev (name → person;
  organization, government, company → organisation; address, scene → place), spans
  exact, from `../shared/data/ner`; People's Daily test also on its names of two
  characters or more (`pd98-test 2+`: the one-character abbreviations it tags, 中 of
  中美, are no nodes here by convention);
- characters per second of the analysis stage over corpus articles, after a warm-up;
- with --errors, a confusion summary on the public sets: boundary (overlaps a gold
  span of the same type), type (same span, other type), spurious, missed.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
SETS = (("dev", "eval/gold", "news-2025-11"), ("dev bulletins", "eval/bulletins-dev-2022", "news-2022-04"),
        ("dev bulletins 2", "eval/bulletins-dev2-2022", "news-2022-04"),
        ("dev bulletins 3", "eval/bulletins-dev3-2022", "news-2022-04"),
        ("dev bulletins 4", "eval/bulletins-dev4-2022", "news-2022-04"),
        ("dev entities", "eval/entities-dev-2025-11", "news-2025-11"),
        ("held-out", "eval/heldout", "news-2025-11"),
        ("held-out 2022", "eval/heldout-2022", "news-2022-04"), ("bulletins 2022", "eval/bulletins-2022", "news-2022-04"),
        ("held-out 2022 (3)", "eval/heldout3-2022", "news-2022-04"))
TRADITIONAL = ("-RTHK-", "-CNA-")


def gold_set_scores(gold_dir: Path, corpus: Path, ner: str) -> dict[str, tuple]:
    """Entity P/R/F1 overall, by type, and for Traditional and Simplified articles."""
    import json

    from kg.evaluate import Score, evaluate_article
    from kg.resolve import Resolver

    resolver = Resolver()
    totals = {k: Score() for k in ("all", "Person", "Organization", "Place", "trad", "simp")}
    for gold_file in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        scores, _ = evaluate_article(gold, corpus / gold["article"], resolver, ner=ner)
        script = "trad" if any(t in gold["article"] for t in TRADITIONAL) else "simp"
        for kind in ("Person", "Organization", "Place"):
            s = scores[f"entity:{kind}"]
            for key in ("all", kind, script):
                totals[key].add(s)
    return {k: (v.precision, v.recall, v.f1, v.gold) for k, v in totals.items()}


def public_sentences(name: str) -> list[tuple[str, set]]:
    sys.path.insert(0, str(ROOT / "scripts"))
    from train_ner import read_cluener, read_conll

    data = SHARED / "data" / "ner"
    if name == "pd98-test":
        sents = read_conll(data / "peoples-daily-1998" / "test.txt", {"PER": "PER", "ORG": "ORG", "LOC": "LOC"})
    else:
        sents = read_cluener(data / "cluener" / "dev.json")
    return [(text, set(spans)) for text, spans in sents if text.strip()]


def mention_scores(sentences, ner: str, confusion: Counter | None = None) -> tuple[float, float, float, dict]:
    """Mentions of the whole analysis stage against gold spans, exact match."""
    from kg.analyse import FAMILY, analyse
    from kg.model import Article
    from kg.ner.tags import span_scores

    pairs = []
    for text, gold in sentences:
        doc = analyse(Article(path="<sentence>", text=text, language="zh-Hans"), language="zh-Hans", ner=ner)
        predicted = {(m.start, m.end, FAMILY[m.type]) for m in doc.mentions if m.type in FAMILY and m.source != "jieba" or ner == "jieba" and m.type in FAMILY}
        pairs.append((gold, predicted))
        if confusion is not None:
            for s, e, k in predicted - gold:
                if any(gs == s and ge == e for gs, ge, _ in gold):
                    confusion["type"] += 1
                elif any(gs < e and s < ge and gk == k for gs, ge, gk in gold):
                    confusion["boundary"] += 1
                else:
                    confusion["spurious"] += 1
            for s, e, k in gold - predicted:
                if not any(ps < e and s < pe for ps, pe, _ in predicted):
                    confusion["missed"] += 1
    return span_scores(pairs)


def speed(ner: str, articles) -> float:
    from kg.analyse import analyse

    analyse(articles[0], ner=ner)
    characters = sum(len(a.text) for a in articles)
    started = time.perf_counter()
    for article in articles:
        analyse(article, ner=ner)
    return characters / (time.perf_counter() - started)


def model_alone(name: str, articles, public) -> str:
    """The statistical recogniser by itself, no lexicon, rule or repair: its speed over
    the corpus articles and its F1 on People's Daily test."""
    from kg.analyse import FAMILY, RECOGNISERS
    from kg.ner.tags import span_scores
    from kg.normalise import normalise_text

    texts = [normalise_text(a.text) for a in articles]
    list(RECOGNISERS[name](texts[0]))
    started = time.perf_counter()
    for text in texts:
        list(RECOGNISERS[name](text))
    speed = sum(map(len, texts)) / (time.perf_counter() - started)
    _, _, score, _ = span_scores((gold, {(s, e, FAMILY[k]) for s, e, k, _ in RECOGNISERS[name](normalise_text(text))})
                                 for text, gold in public["pd98-test"])
    return f"  {name} alone     PD98 test F1 {score:.2f}   {speed:,.0f} characters/s (the model by itself)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--recognisers", default="none,jieba,lac,charcrf,charcrf+lac")
    parser.add_argument("--articles", type=int, default=300, help="corpus articles timed per recogniser")
    parser.add_argument("--public-limit", type=int, default=0, help="only the first N sentences of each public set")
    parser.add_argument("--errors", action="store_true", help="print a confusion summary on the public sets")
    args = parser.parse_args()

    from kg.analyse import NER_BACKENDS, RECOGNISERS
    from kg.model import Article
    from kg.read import read_paths

    files = sorted((SHARED / "corpus" / "news-2025-11").iterdir())
    step = max(1, len(files) // args.articles)
    articles = [a for a in read_paths(files[::step][: args.articles]) if isinstance(a, Article)]
    public = {name: public_sentences(name) for name in ("pd98-test", "cluener-dev")}
    if args.public_limit:
        public = {k: v[: args.public_limit] for k, v in public.items()}
    # People's Daily tags one-character abbreviations (中, 美 of 中美, 访华); the project's
    # convention makes no node of them, so the test is also scored on longer names alone
    public["pd98-test 2+"] = [(text, {g for g in gold if g[1] - g[0] >= 2}) for text, gold in public["pd98-test"]]
    print(f"speed over {len(articles)} articles of news-2025-11 ({sum(len(a.text) for a in articles):,} characters); "
          f"PD98 test {len(public['pd98-test'])} sentences, CLUENER dev {len(public['cluener-dev'])}")
    for ner in args.recognisers.split(","):
        assert ner in NER_BACKENDS, ner
        print(f"\n== {ner}")
        for label, gold, corpus in SETS:
            s = gold_set_scores(ROOT / gold, SHARED / "corpus" / corpus, ner)
            p, r, f, n = s["all"]
            print(f"  {label:15} P {p:.2f} R {r:.2f} F1 {f:.2f} ({n} gold)   Person {s['Person'][2]:.2f} Org {s['Organization'][2]:.2f} "
                  f"Place {s['Place'][2]:.2f}   Traditional {s['trad'][2]:.2f} ({s['trad'][3]}) Simplified {s['simp'][2]:.2f} ({s['simp'][3]})", flush=True)
        for name, sentences in public.items():
            confusion = Counter() if args.errors else None
            p, r, f, per = mention_scores(sentences, ner, confusion)
            line = f"  {name:15} P {p:.2f} R {r:.2f} F1 {f:.2f}   Person {per['PER']:.2f} Org {per['ORG']:.2f} Place {per['LOC']:.2f}"
            if confusion is not None:
                line += "   errors: " + ", ".join(f"{k} {confusion[k]}" for k in ("boundary", "type", "spurious", "missed"))
            print(line, flush=True)
        print(f"  speed           {speed(ner, articles):,.0f} characters/s", flush=True)
        if ner in RECOGNISERS:
            print(model_alone(ner, articles, public), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
