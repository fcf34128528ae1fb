"""``kg eval GOLD_DIR``: precision, recall and F1 of entities (by type) and of each fact
kind against hand annotations (format and matching rules: ``eval/README.md``)."""
from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .analyse import DEFAULT_NER, NER_BACKENDS, analyse
from .kinds import KINDS, MENTION_TYPES, extract_all, mention_ref
from .language_data import pattern, zh
from .model import EntityRef
from .normalise import normalise_text
from .read import read_file
from .resolve import Resolver
from .vocab import ENTITY_FAMILY

DEFAULT_CORPUS = Path("../shared/corpus/news-2025-11")
FAMILY_TYPE = {"person": "Person", "org": "Organization", "place": "Place"}
FACT_KINDS = tuple(KINDS)
_SPACES = re.compile(r"[\s\u3000·・.\-]+")


def norm(name: str) -> str:
    return _SPACES.sub("", normalise_text(name or "")).lower()


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    matched_gold: int = 0
    matched_predicted: int = 0

    @property
    def precision(self) -> float:
        return self.matched_predicted / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "Score") -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.matched_gold += other.matched_gold
        self.matched_predicted += other.matched_predicted


@dataclass
class Report:
    scores: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    errors: list[str] = field(default_factory=list)
    articles: int = 0
    characters: int = 0
    seconds: float = 0.0


class Names:
    """Every name a predicted entity goes by: its labels, aliases and the form read."""

    def __init__(self, resolver: Resolver):
        self.resolver = resolver

    def of(self, ref: EntityRef | None) -> tuple[str, set[str]]:
        if ref is None:
            return "", set()
        entity = self.resolver.resolve(ref)
        names = {norm(v) for v in entity.labels.values()} | {norm(v) for v, _ in entity.alt_labels}
        names.add(norm(ref.surface))
        if not ref.name.startswith(("place:", "group:")):
            names.add(norm(ref.name))
        names.discard("")
        return ENTITY_FAMILY.get(entity.type, "org"), names


def _gold_names(gold: dict) -> dict[str, set[str]]:
    """Gold name → all its names (the entity's name and aliases)."""
    table: dict[str, set[str]] = {}
    for entity in gold.get("entities", []):
        names = {norm(entity["name"])} | {norm(a) for a in entity.get("aliases", [])}
        for name in names:
            table.setdefault(name, set()).update(names)
    return table


def _matches(gold_name: str, predicted: set[str], aliases: dict[str, set[str]], loose: bool) -> bool:
    wanted = aliases.get(norm(gold_name), {norm(gold_name)})
    if wanted & predicted:
        return True
    if loose:
        return any(len(w) >= 2 and len(p) >= 2 and (w in p or p in w) for w in wanted for p in predicted)
    return False


def _text_overlap(a: str, b: str) -> bool:
    a, b = norm(a), norm(b)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    short, long_ = sorted((a, b), key=len)
    i = 0
    for ch in long_:
        if i < len(short) and ch == short[i]:
            i += 1
    return i >= len(short) / 2


_SPAN_KINDS = {"Person": "PER", "Organization": "ORG", "Place": "LOC"}


def gold_spans(gold: dict, norm: str) -> set[tuple[int, int, str]]:
    """The gold entities projected onto the article's normalised text: every occurrence
    of a name or alias (two characters or more), longest first, never overlapping;
    (start, end, PER|ORG|LOC). Names of one length go in a fixed order, so the
    projection does not depend on the hash seed."""
    names = sorted({(normalise_text(n).replace(" ", ""), _SPAN_KINDS[e["type"]]) for e in gold["entities"]
                    for n in [e["name"], *e.get("aliases", [])] if len(n) >= 2}, key=lambda nk: (-len(nk[0]), nk))
    taken: set[int] = set()
    spans = set()
    for name, kind in names:
        for m in re.finditer(re.escape(name), norm):
            if not taken.intersection(range(m.start(), m.end())):
                taken.update(range(m.start(), m.end()))
                spans.add((m.start(), m.end(), kind))
    return spans


def _pair(gold_items: list, predicted_items: list, same) -> tuple[int, int, list, list]:
    """Greedy one-to-one matching: (matched gold, matched predicted, misses, extras)."""
    pairs = _pairs(gold_items, predicted_items, same)
    matched = {i for i, _ in pairs}
    used = {id(p) for _, p in pairs}
    misses = [g for i, g in enumerate(gold_items) if i not in matched]
    extras = [p for p in predicted_items if id(p) not in used]
    return len(pairs), len(pairs), misses, extras


def evaluate_article(gold: dict, path: Path, resolver: Resolver, ner: str = DEFAULT_NER) -> tuple[dict[str, Score], list[str]]:
    article = read_file(path)[0]
    doc = analyse(article, ner=ner)
    facts = extract_all(doc)
    names = Names(resolver)
    aliases = _gold_names(gold)
    scores: dict[str, Score] = {}
    errors: list[str] = []

    kinds = gold.get("kinds")  # a set annotated for some fact kinds only scores those
    predicted_entities: dict[str, tuple[str, set[str], str]] = {}
    for mention in doc.mentions:
        if mention.type not in MENTION_TYPES or mention.source == "jieba" and ner != "jieba" or mention.source == "anaphora":
            continue  # 该国, 本港 refer to a place; the gold lists the names an article uses
        ref = mention_ref(doc, mention)
        if ref is None:
            continue
        family, found = names.of(ref)
        iri = resolver.resolve(ref).iri
        known = predicted_entities.get(iri)
        predicted_entities[iri] = (family, found | (known[1] if known else set()), mention.text)
    for family, type_name in FAMILY_TYPE.items() if kinds is None else ():
        gold_items = [e for e in gold.get("entities", []) if e["type"] == type_name]
        predicted_items = [v for v in predicted_entities.values() if v[0] == family]
        same = lambda g, p: bool(({norm(g["name"])} | {norm(a) for a in g.get("aliases", [])}) & p[1])  # noqa: E731
        mg, mp, misses, extras = _pair(gold_items, predicted_items, same)
        scores[f"entity:{type_name}"] = Score(len(gold_items), len(predicted_items), mg, mp)
        errors += [f"  missed {type_name}: {g['name']}" for g in misses]
        errors += [f"  extra {type_name}: {p[2]}" for p in extras]

    by_kind: dict[str, list] = defaultdict(list)
    for fact in facts:
        by_kind[fact.kind].append(fact)
    for kind in FACT_KINDS if kinds is None else [k for k in FACT_KINDS if k in kinds]:
        gold_items = gold.get("facts", {}).get(kind, [])
        if kind == "leads":
            gold_items = [g for g in gold_items if not _former_head(g, gold)]
        predicted_items = by_kind.get(kind, [])
        same = lambda g, p, kind=kind: _same_fact(kind, g, p, names, aliases)  # noqa: E731
        mg, mp, misses, extras = _pair(gold_items, predicted_items, same)
        scores[kind] = Score(len(gold_items), len(predicted_items), mg, mp)
        errors += [f"  missed {kind}: {json.dumps({k: v for k, v in g.items() if k != 'evidence'}, ensure_ascii=False)}" for g in misses]
        errors += [f"  extra {kind}: {_describe(p, names)} «{p.evidence[:60]}»" for p in extras]
    scores.update(_by_category(gold.get("facts", {}).get("cases", []), by_kind.get("cases", []), names, aliases))
    if kinds is not None and "office" in kinds:
        offices = gold.get("facts", {}).get("office", [])
        pairs = _pairs(offices, by_kind.get("office", []), lambda g, p: _same_fact("office", g, p, names, aliases))
        right = sum(bool(offices[i].get("former")) == bool(p.args.get("former")) for i, p in pairs)
        scores["office:former"] = Score(len(pairs), len(pairs), right, right)
    return scores, errors


def _former_head(item: dict, gold: dict) -> bool:
    """A head the text calls former (美国前总统特朗普) leads no more: an older set's
    ``leads`` item for one is not scored (the office still is, as a former one)."""
    offices = gold.get("facts", {}).get("office", [])
    if any(o.get("former") and o["person"] == item["person"] and o["organization"] == item["organization"] for o in offices):
        return True
    evidence = normalise_text(item.get("evidence", ""))
    at = evidence.find(normalise_text(item["person"]))
    return at > 0 and bool(pattern("zh", "evaluation", "former_head").search(evidence[:at]))


def _by_category(gold_items: list, predicted_items: list, names: Names, aliases: dict) -> dict[str, Score]:
    """Case reports scored per category, and the categories alone: of the reports whose
    place, value and date are right, how many have the right category."""
    out: dict[str, Score] = {}
    for category in sorted({g["category"] for g in gold_items} | {p.args["category"] for p in predicted_items}):
        wanted = [g for g in gold_items if g["category"] == category]
        found = [p for p in predicted_items if p.args["category"] == category]
        mg, mp, _, _ = _pair(wanted, found, lambda g, p: _same_fact("cases", g, p, names, aliases))
        out[f"cases:{category}"] = Score(len(wanted), len(found), mg, mp)
    anything = [dict(g, category="*") for g in gold_items]
    located = lambda g, p: _same_fact("cases", g, _with_category(p, "*"), names, aliases)  # noqa: E731
    pairs = _pairs(anything, predicted_items, located)
    right = sum(p.args["category"] == gold_items[i]["category"] for i, p in pairs)
    out["cases:category"] = Score(len(pairs), len(pairs), right, right)
    for relaxed in ("date", "place", "category"):
        loose = [{k: v for k, v in g.items() if k != relaxed} | ({"category": "*"} if relaxed == "category" else {})
                 for g in gold_items]
        same = lambda g, p: _same_fact("cases", g, _with_category(p, "*") if g["category"] == "*" else p,  # noqa: E731
                                       names, aliases)
        mg, mp, _, _ = _pair(loose, predicted_items, same)
        out[f"cases:any {relaxed}"] = Score(len(gold_items), len(predicted_items), mg, mp)
    whole = [(g, p) for g, p in ((gold_items[i], p) for i, p in pairs) if g["category"] == p.args["category"] and "reporter" in g]
    if whole:
        right = sum(_same_reporter(g["reporter"], p.args.get("reporter"), names, aliases) for g, p in whole)
        out["cases:reporter"] = Score(len(whole), len(whole), right, right)
    return out


def _same_reporter(gold_name: str, ref, names: Names, aliases: dict) -> bool:
    """The body that announced a figure, or none on both sides."""
    if not gold_name or ref is None:
        return not gold_name and ref is None
    return _matches(gold_name, names.of(ref)[1], aliases, True)


def _with_category(fact, category: str):
    return type(fact)(fact.kind, dict(fact.args, category=category), fact.sentence, fact.confidence)


def _pairs(gold_items: list, predicted_items: list, same) -> list[tuple[int, object]]:
    """Greedy one-to-one pairs (gold index, prediction)."""
    used: set[int] = set()
    out = []
    for i, g in enumerate(gold_items):
        for j, p in enumerate(predicted_items):
            if j not in used and same(g, p):
                used.add(j)
                out.append((i, p))
                break
    return out


def _describe(fact, names: Names) -> str:
    parts = []
    for key, value in fact.args.items():
        refs = value if isinstance(value, list) else [value]
        shown = []
        for ref in refs:
            if isinstance(ref, EntityRef):
                entity = names.resolver.resolve(ref)
                shown.append(entity.labels.get("zh-Hans") or entity.labels.get("en") or ref.name)
            elif ref is not None:
                shown.append(str(ref)[:40])
        parts.append(f"{key}={'/'.join(shown)}")
    return " ".join(parts)


def _role(role: str) -> str:
    """A role without 前/时任/现任: a former or current holder holds the same post."""
    role = norm(role)
    for word in zh("evaluation")["role_prefixes"]:
        if role.startswith(word) and len(role) > len(word) + 1:
            return role[len(word):]
    return role


def _same_post(gold: dict, organization: set[str], role: str, aliases: dict) -> bool:
    """A ministry's title written fused or split is one post: 中国 + 国防部长 is
    中国国防部 + 部长 (and 国防部 + 部长 in a text about China)."""
    wanted = {_fused(g + _role(gold.get("role", ""))) for g in aliases.get(norm(gold["organization"]), {norm(gold["organization"])})}
    return any(_fused(o + _role(role)) in wanted for o in organization)


def _fused(post: str) -> str:
    for written, same in zh("evaluation")["fused_posts"]:
        post = post.replace(written, same)
    return post


class Matching:
    """The tests a kind's matcher (``FactKind.match``) asks: names of one article's gold
    set against the names a predicted entity goes by."""

    def __init__(self, names: Names, aliases: dict[str, set[str]]):
        self.names = names
        self.aliases = aliases

    def party(self, gold_name: str, ref, loose: bool = True) -> bool:
        """No name in gold, or the gold name among the entity's (loose: one holds the other)."""
        if not gold_name:
            return True
        return _matches(gold_name, self.names.of(ref)[1], self.aliases, loose)

    def same_date(self, gold: dict, args: dict) -> bool:
        when = args.get("date")
        return not gold.get("date") or (when is not None and (when if isinstance(when, str) else when.isoformat()) == gold["date"])

    def same_role(self, gold_role: str, role: str) -> bool:
        return _role(gold_role) == _role(role)

    def same_post(self, gold: dict, args: dict) -> bool:
        return _same_post(gold, self.names.of(args["organization"])[1], args["role"], self.aliases)

    def text_overlap(self, gold_text: str, text: str) -> bool:
        return _text_overlap(gold_text, text)


def _same_fact(kind: str, gold: dict, fact, names: Names, aliases: dict) -> bool:
    return KINDS[kind].match(gold, fact.args, Matching(names, aliases))


def evaluate(gold_dir: Path, corpus: Path = DEFAULT_CORPUS, *, errors: bool = False, ner: str = DEFAULT_NER) -> Report:
    import time

    started = time.perf_counter()
    report = Report()
    resolver = Resolver()
    files = sorted(Path(gold_dir).glob("*.json"))
    if not files:
        raise FileNotFoundError(f"{gold_dir}: no gold annotations (*.json)")
    for gold_file in files:
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        path = Path(corpus) / gold["article"]
        if not path.is_file():
            raise FileNotFoundError(f"{gold_file.name}: the article {path} is not there (use --corpus DIR)")
        scores, article_errors = evaluate_article(gold, path, resolver, ner)
        report.articles += 1
        report.characters += len(read_file(path)[0].text)
        for key, score in scores.items():
            report.scores[key].add(score)
        if errors and article_errors:
            report.errors.append(gold["article"])
            report.errors += article_errors
    report.seconds = time.perf_counter() - started
    return report


def all_facts(report: Report) -> Score:
    """Every fact kind pooled, each gold item and each prediction counted once: the
    overall fact figure, weighted by how often each kind occurs."""
    total = Score()
    for kind in FACT_KINDS:
        if kind in report.scores:
            total.add(report.scores[kind])
    return total


def table(report: Report) -> str:
    def row(name: str, score: Score) -> str:
        return f"{name:22} {score.gold:5} {score.predicted:6} {score.precision:6.2f} {score.recall:6.2f} {score.f1:6.2f}"

    lines = [f"{'':22} {'gold':>5} {'found':>6} {'P':>6} {'R':>6} {'F1':>6}"]
    entities = Score()
    for key in (k for k in report.scores if k.startswith("entity:")):
        entities.add(report.scores[key])
        lines.append(row(key, report.scores[key]))
    lines.append(row("entity (all)", entities))
    lines += [row(kind, report.scores[kind]) for kind in FACT_KINDS if kind in report.scores]
    lines.append(row("facts (all)", all_facts(report)))
    shares = {"cases:category": "right in place, value and date", "cases:reporter": "right in all but the reporter",
              "office:former": "right in person and post"}
    lines += [row("  " + key.split(":")[1], report.scores[key]) for key in sorted(report.scores)
              if key.startswith("cases:") and key not in shares and not key.startswith("cases:any")
              and report.scores[key].gold + report.scores[key].predicted]
    lines += [row("  cases, " + key.split(":")[1], report.scores[key]) for key in sorted(report.scores)
              if key.startswith("cases:any") and report.scores[key].gold]
    for key, what in shares.items():
        if report.scores.get(key) and report.scores[key].gold:
            share = report.scores[key]
            noun = "offices" if key.startswith("office") else "reports"
            lines.append(f"{'  ' + key.split(':')[1] + ' right':22} {share.matched_gold:5} of {share.gold} {noun} {what}"
                         f" ({share.precision:.2f})")
    lines.append(f"{report.articles} articles, {report.characters:,} characters, {report.seconds:.1f} s")
    return "\n".join(lines) + "\n"


def register(verbs) -> None:
    parser = verbs.add_parser("eval", help="measure extraction against hand annotations",
                              description="Precision, recall and F1 of entities (by type) and of each fact kind "
                              "against gold annotations (format: eval/README.md).")
    parser.add_argument("gold", metavar="GOLD_DIR", help="folder of gold annotation files (*.json)")
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="folder holding the annotated articles (default: %(default)s)")
    parser.add_argument("--format", default="table", choices=["table", "json"], help="output format (default: %(default)s)")
    parser.add_argument("--ner", default=DEFAULT_NER, choices=NER_BACKENDS, help="statistical recogniser beside the lexicons and rules (default: %(default)s)")
    parser.add_argument("--errors", action="store_true", help="also list, per article, what was missed and what was found in excess")
    parser.set_defaults(handler=run)


def run(args) -> int:
    try:
        report = evaluate(Path(args.gold), Path(args.corpus), errors=args.errors, ner=args.ner)
    except FileNotFoundError as error:
        raise LookupError(str(error)) from error
    if args.format == "json":
        print(json.dumps({k: {"gold": s.gold, "found": s.predicted, "precision": round(s.precision, 3),
                              "recall": round(s.recall, 3), "f1": round(s.f1, 3)} for k, s in report.scores.items()},
                         ensure_ascii=False, indent=1))
    else:
        sys.stdout.write(table(report))
    for line in report.errors:
        print(line)
    return 0
