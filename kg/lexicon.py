"""The project's lexicons, loaded once from the data files in ``kg/resources``."""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .normalise import normalise_text


def _open(*name: str):
    return resources.files("kg").joinpath("resources", *name).open(encoding="utf-8")


def _rows(name: str) -> list[dict[str, str]]:
    with _open(name) as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split("|") if v.strip())


@dataclass(frozen=True)
class Title:
    """A title; ``leads`` is 0 when it does not head its body, 1 when it heads a body,
    2 when it also heads a polity it is attached to (美国总统, not 美国国务卿)."""

    title: str
    role_en: str
    leads: int

    def heads(self, polity: bool) -> bool:
        return self.leads >= (2 if polity else 1)


@dataclass(frozen=True)
class KnownEntity:
    """An organisation or person the alias tables know by name; ``posts`` are a
    person's current posts as ``polity:title`` (韩国:总统), for a title written after
    the name alone (李在明总统)."""

    name: str
    type: str
    aliases: tuple[str, ...]
    name_en: str
    aliases_en: tuple[str, ...]
    wikidata: str
    posts: tuple[str, ...] = ()


@dataclass(frozen=True)
class CaseCategory:
    concept: str
    label_en: str
    label_zh: str
    phrases: tuple[str, ...]
    phrases_en: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def titles() -> dict[str, Title]:
    return {r["title"]: Title(r["title"], r["role_en"], int(r["leads"])) for r in _rows("titles.tsv")}


@lru_cache(maxsize=1)
def organizations() -> list[KnownEntity]:
    return [
        KnownEntity(r["name"], r["type"], _split(r["aliases"]), r["name_en"], _split(r["aliases_en"]), r["wikidata"])
        for r in _rows("organizations.tsv")
    ]


@lru_cache(maxsize=1)
def persons() -> list[KnownEntity]:
    return [
        KnownEntity(r["name"], "Person", _split(r["aliases"]), r["name_en"], (), r["wikidata"], _split(r.get("posts")))
        for r in _rows("persons.tsv")
    ]


@lru_cache(maxsize=1)
def case_categories() -> list[CaseCategory]:
    return [
        CaseCategory(r["concept"], r["label_en"], r["label_zh"], _split(r["phrases"]), _split(r.get("phrases_en")))
        for r in _rows("case_categories.tsv")
    ]


@lru_cache(maxsize=1)
def cues() -> dict[str, list[str]]:
    with _open("zh", "cues.json") as fh:
        data = json.load(fh)
    return {k: sorted(v, key=len, reverse=True) if isinstance(v, list) else v for k, v in data.items()}


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    return _word_list("surnames.txt")


@lru_cache(maxsize=1)
def japanese_surnames() -> frozenset[str]:
    return _word_list("japanese_surnames.txt")


def _word_list(name: str) -> frozenset[str]:
    """The words of a list written a few to a line, after its comment lines (# …)."""
    with _open(name) as fh:
        return frozenset(w for line in fh if not line.startswith("#") for w in line.split())


@lru_cache(maxsize=1)
def known_names() -> dict[str, KnownEntity]:
    """Every Chinese surface form (normalised) of a known organisation or person."""
    table: dict[str, KnownEntity] = {}
    for entity in persons() + organizations():
        for form in (entity.name, *entity.aliases):
            table.setdefault(normalise_text(form), entity)
    return table


def _commented_rows(name: str) -> list[list[str]]:
    """The rows of a table that opens with comment lines (# …), after its header row."""
    with _open(name) as fh:
        rows = [line.rstrip("\n").split("\t") for line in fh if line.strip() and not line.startswith("#")]
    return rows[1:]


@lru_cache(maxsize=1)
def home_polities() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Outlet code → the polity it writes from and the bare titles that are that
    polity's, none for every national title (home_polities.tsv)."""
    return {outlet: (place, tuple(t for t in titles.split("|") if t))
            for outlet, place, titles in (row + [""] * (3 - len(row)) for row in _commented_rows("home_polities.tsv"))}


@lru_cache(maxsize=1)
def home_bodies() -> dict[tuple[str, str], str]:
    """(outlet code, bare name) → the body that outlet means by it (home_bodies.tsv)."""
    return {(outlet, name): body for outlet, name, body in _commented_rows("home_bodies.tsv")}
