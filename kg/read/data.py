"""The reader's data files in ``kg/resources``, each read once, and the pieces of
regular expressions built from their word lists."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

BOILERPLATE = "boilerplate.json"
OUTLET_RULES = "outlets"
DATE_WORDS = "date_words.json"


def open_resource(*parts: str):
    return resources.files("kg").joinpath("resources", *parts).open(encoding="utf-8")


def _load_json(*parts: str) -> dict[str, Any]:
    with open_resource(*parts) as fh:
        return json.load(fh)


@lru_cache(maxsize=1)
def boilerplate_rules() -> dict[str, Any]:
    """The generic rules of ``boilerplate.json`` with every outlet's own phrases
    (``outlets/<code>.json``) added: lists are joined, generic first, then outlets by
    name; a key the generic file leaves empty (``null``) may be set by one outlet."""
    rules = {k: v for k, v in _load_json(BOILERPLATE).items() if not k.startswith("_")}
    folder = resources.files("kg").joinpath("resources", OUTLET_RULES)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        for key, value in _load_json(OUTLET_RULES, entry.name).items():
            if key.startswith("_"):
                continue
            if key not in rules:
                raise ValueError(f"{OUTLET_RULES}/{entry.name}: {key!r} is no key of {BOILERPLATE}")
            if isinstance(rules[key], list):
                rules[key] = rules[key] + list(value)
            elif rules[key] is None:
                rules[key] = value
            else:
                raise ValueError(f"{OUTLET_RULES}/{entry.name}: {key!r} is set by another outlet already")
    return rules


@lru_cache(maxsize=1)
def date_words() -> dict[str, list[str]]:
    return {k: v for k, v in _load_json(DATE_WORDS).items() if not k.startswith("_")}


def any_of(items: Iterable[str], *, patterns: bool = False) -> str:
    """A group matching any of ``items`` (literal phrases, or regular expressions
    when ``patterns``); for no items, a group that never matches."""
    items = list(items)
    if not items:
        return "(?!)"
    return "(?:" + "|".join(items if patterns else map(re.escape, items)) + ")"


def chars(items: Iterable[str]) -> str:
    """The characters of ``items`` (single characters) escaped for a character class."""
    return "".join(map(re.escape, items))
