"""BIOES tags over persons, organisations and places, and spans to and from them."""
from __future__ import annotations

TYPES = ("PER", "ORG", "LOC")
TAGS = ("O",) + tuple(f"{p}-{t}" for t in TYPES for p in "BIES")


def spans_to_tags(length: int, spans) -> list[int]:
    tags = [0] * length
    index = {t: i for i, t in enumerate(TAGS)}
    for start, end, kind in spans:
        if end - start == 1:
            tags[start] = index[f"S-{kind}"]
            continue
        tags[start] = index[f"B-{kind}"]
        for i in range(start + 1, end - 1):
            tags[i] = index[f"I-{kind}"]
        tags[end - 1] = index[f"E-{kind}"]
    return tags


def tags_to_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Well-formed spans only: B I* E or S of one type."""
    spans, start, kind = [], None, None
    for i, tag in enumerate(tags):
        prefix, _, label = tag.partition("-")
        if prefix == "S":
            spans.append((i, i + 1, label))
            start = None
        elif prefix == "B":
            start, kind = i, label
        elif prefix == "I":
            if start is None or label != kind:
                start = None
        elif prefix == "E":
            if start is not None and label == kind:
                spans.append((start, i + 1, kind))
            start = None
        else:
            start = None
    return spans


def span_scores(pairs) -> tuple[float, float, float, dict[str, float]]:
    """Precision, recall, F1 and F1 by type of predicted spans against gold spans, exact
    match, over (gold, predicted) pairs of span sets."""
    counts: dict[tuple[str, str], int] = {}
    tp = n_gold = n_pred = 0
    for gold, predicted in pairs:
        gold, predicted = set(gold), set(predicted)
        tp, n_gold, n_pred = tp + len(gold & predicted), n_gold + len(gold), n_pred + len(predicted)
        for name, spans in (("tp", gold & predicted), ("gold", gold), ("pred", predicted)):
            for span in spans:
                counts[name, span[2]] = counts.get((name, span[2]), 0) + 1
    p, r = tp / max(1, n_pred), tp / max(1, n_gold)
    per = {k: 2 * counts.get(("tp", k), 0) / max(1, counts.get(("gold", k), 0) + counts.get(("pred", k), 0)) for k in TYPES}
    return p, r, 2 * p * r / max(1e-9, p + r), per
