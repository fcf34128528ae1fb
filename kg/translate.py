"""Translations: pairs of articles in different languages that tell the same story,
found from what they share (numbers, entities, dates) and never from their wording.

A false pairing merges facts that do not belong together, which is worse than a missed
one, so a pair needs several shared numbers, shared entities, and no rival as good.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .extract.common import ref_of
from .model import AnalysedArticle, Fact

_NUMBER = re.compile(r"(?<![\d.])\d{2,}(?![\d.])")
MIN_SHARED_NUMBERS = 3
MIN_NUMBER_SHARE = 0.6
MIN_ENTITY_SHARE = 0.4


@dataclass
class Fingerprint:
    key: str
    language: str
    numbers: set[str] = field(default_factory=set)
    entities: set[str] = field(default_factory=set)
    dated: bool = False


def fingerprint(doc: AnalysedArticle, facts: list[Fact]) -> Fingerprint:
    entities = set()
    for fact in facts:
        for value in fact.args.values():
            for ref in value if isinstance(value, list) else [value]:
                if hasattr(ref, "name"):
                    entities.add(ref.name)
    for mention in doc.mentions:
        if mention.ref:
            entities.add(ref_of(doc, mention).name if doc.language != "en" else mention.ref)
    return Fingerprint(doc.article.key, doc.language, numbers_of(doc.norm), entities, doc.article.published is not None)


def numbers_of(norm: str) -> set[str]:
    """The numbers of two digits or more in normalised text, years left out."""
    return {n for n in _NUMBER.findall(norm) if not 1900 <= int(n) <= 2100 or len(n) != 4}


def numbers_match(translation: set[str], original: set[str]) -> bool:
    """Whether two articles share enough numbers to be a pair: what ``score`` asks of
    the numbers alone, so that an original that fails it scores 0 whatever its entities."""
    shared = translation & original
    return len(shared) >= MIN_SHARED_NUMBERS and len(shared) / len(translation | original) >= MIN_NUMBER_SHARE


def score(translation: Fingerprint, original: Fingerprint) -> float:
    """How surely ``translation`` renders ``original``: 0 when it cannot."""
    if translation.language == original.language or not translation.numbers:
        return 0.0
    if not numbers_match(translation.numbers, original.numbers):
        return 0.0
    number_share = len(translation.numbers & original.numbers) / len(translation.numbers | original.numbers)
    entity_share = len(translation.entities & original.entities) / max(1, len(translation.entities))
    if entity_share < MIN_ENTITY_SHARE:
        return 0.0
    return round((number_share + entity_share) / 2, 3)


def find_pairs(prints: list[Fingerprint]) -> list[tuple[str, str, float]]:
    """(translation key, original key, score): English articles paired with the one
    Chinese article they match best, when no other comes close."""
    pairs = []
    originals = [p for p in prints if p.language != "en"]
    for candidate in prints:
        if candidate.language != "en":
            continue
        scored = sorted(((score(candidate, o), o.key) for o in originals), reverse=True)
        if not scored or scored[0][0] == 0:
            continue
        if len(scored) > 1 and scored[1][0] > 0.8 * scored[0][0]:
            continue
        pairs.append((candidate.key, scored[0][1], scored[0][0]))
    return pairs
