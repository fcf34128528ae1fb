"""Resolution: one node per real-world entity, whichever name or script it was read in.

An ``EntityRef`` from an extractor carries a key: ``place:<gazetteer id>``, the
canonical name of a known organisation or person, ``group:<sender>><destination>``
for a dispatched group, or the normalised name itself. The key alone decides the IRI,
so the same entity in two articles, or built twice, gets the same node.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import lexicon
from .gazetteer import load as load_gazetteer
from .language_data import en, zh
from .model import AnalysedArticle, EntityRef
from .normalise import normalise_text, to_traditional
from .vocab import DEFAULT_BASE, ENTITY_FAMILY

_NON_SLUG = re.compile(r"[^a-z0-9]+")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def label_lang(doc: AnalysedArticle) -> str:
    """The language tag of names read in this article."""
    return doc.language if doc.language in ("zh-Hant", "en") else "zh-Hans"


def group_ref(doc: AnalysedArticle, sender: EntityRef | None, destination: EntityRef | None, surface: str) -> EntityRef:
    """A dispatched working group, named by who sent it and where, so the same group
    read in two articles is one node (the key :meth:`Resolver.resolve` reads back)."""
    lang = label_lang(doc)
    key = f"group:{sender.name if sender else doc.article.key}>{destination.name if destination else ''}"
    if lang != "en" and surface != zh("dispatch")["generic_group"]:
        key += ">" + surface
    return EntityRef("WorkingGroup", key, surface, lang)


@dataclass
class Entity:
    iri: str
    type: str
    labels: dict[str, str] = field(default_factory=dict)
    alt_labels: set[tuple[str, str]] = field(default_factory=set)
    wikidata: str = ""
    parent: str | None = None


@lru_cache(maxsize=1)
def _known_by_name() -> dict[str, lexicon.KnownEntity]:
    return {k.name: k for k in lexicon.organizations() + lexicon.persons()}


@lru_cache(maxsize=65536)
def slug(key: str) -> str:
    """Readable, stable and unique: the romanised name plus a short hash of the key."""
    from pypinyin import lazy_pinyin

    readable = _NON_SLUG.sub("-", " ".join(lazy_pinyin(key)).lower()).strip("-")[:48].strip("-")
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:6]
    return f"{readable}-{digest}" if readable else digest


def pinyin_name(name: str) -> str | None:
    """雷海潮 → "Lei Haichao": a name in Chinese form (known surname, two to four
    characters) in pinyin, surname first; None otherwise. It is the pinyin reading,
    not an English name (石破茂 reads Shi Pomao), so it is kept as zh-Latn-pinyin."""
    from pypinyin import lazy_pinyin

    if not 2 <= len(name) <= 4 or not all("\u4e00" <= c <= "\u9fff" for c in name):
        return None
    surnames = lexicon.surnames()
    cut = 2 if name[:2] in surnames and len(name) > 2 else 1 if name[0] in surnames else 0
    if not cut or len(name) - cut > 2:
        return None
    syllables = lazy_pinyin(name)
    return "".join(syllables[:cut]).capitalize() + " " + "".join(syllables[cut:]).capitalize()


def romanised_key(name: str, reverse: bool = False) -> str:
    """Lei Haichao, LEI Hai-chao, Lei Hai Chao → leihaichao; ``reverse`` reads the
    surname last (Haichao Lei)."""
    words = [w for w in re.split(r"[\s\-·'’]+", name.strip()) if w]
    if reverse and len(words) >= 2:
        words = words[-1:] + words[:-1]
    return "".join(words).lower()


class Resolver:
    """Turns entity references into entities under one IRI base."""

    def __init__(self, base: str = DEFAULT_BASE):
        self.base = base if base.endswith(("/", "#")) else base + "/"
        self.gazetteer = load_gazetteer()
        self.romanised: dict[str, str] = {}
        for person in lexicon.persons():
            if person.name_en:
                self.romanised.setdefault(romanised_key(person.name_en), person.name)

    def learn_persons(self, names) -> None:
        """Chinese person names read elsewhere in the build, so their romanised form
        in an English article finds them."""
        for name in names:
            romanised = pinyin_name(name)
            if romanised:
                self.romanised.setdefault(romanised_key(romanised), name)

    def iri(self, family: str, key: str) -> str:
        return f"{self.base}{family}/{slug(key)}"

    def resolve(self, ref: EntityRef) -> Entity:
        if ref.name.startswith("place:") and self.gazetteer.get(ref.name[6:]) is not None:
            entity = self._place(ref.name[6:])
        elif ref.name.startswith("place:"):
            entity = self._named(EntityRef(ref.type, ref.name[6:], ref.surface, ref.lang))
        elif ref.name.startswith("group:"):
            entity = self._group(ref)
        else:
            entity = self._named(ref)
        surface = ref.surface.strip()
        if ref.lang == "en" and surface and "en" not in entity.labels:
            entity.labels["en"] = surface
        elif surface and surface not in entity.labels.values():
            entity.alt_labels.add((surface, ref.lang))
        return entity

    def place_entity(self, place_id: str) -> Entity:
        return self._place(place_id)

    def _place(self, place_id: str) -> Entity:
        place = self.gazetteer.get(place_id)
        kind = place.kind
        entity = Entity(f"{self.base}place/{place.id}", kind, wikidata=place.wikidata or "")
        entity.labels["zh-Hans"] = place.name
        if place.name_hant:
            entity.labels["zh-Hant"] = place.name_hant
        if place.name_en:
            entity.labels["en"] = place.name_en
        for short in place.short:
            entity.alt_labels.add((short, "zh-Hans"))
        for alias in place.aliases_en:
            entity.alt_labels.add((alias, "en"))
        if place.parent:
            entity.parent = f"{self.base}place/{place.parent}"
        return entity

    def _named(self, ref: EntityRef) -> Entity:
        if ref.type == "Person" and ref.lang == "en" and ref.name not in _known_by_name():
            chinese = self.romanised.get(romanised_key(ref.name)) or self.romanised.get(romanised_key(ref.name, reverse=True))
            if chinese:
                ref = EntityRef("Person", chinese, ref.surface, ref.lang)
        known = _known_by_name().get(ref.name)
        key = ref.name if known else normalise_text(ref.name)
        kind = known.type if known else ref.type
        family = ENTITY_FAMILY.get(kind, "org")
        entity = Entity(self.iri(family, key), kind)
        entity.labels["zh-Hans"] = key
        hant = to_traditional(key)
        if hant != key:
            entity.labels["zh-Hant"] = hant
        if known:
            if known.name_en:
                entity.labels["en"] = known.name_en
            entity.wikidata = known.wikidata
            for alias in known.aliases:
                if alias != key:
                    entity.alt_labels.add((alias, "zh-Hans"))
            for alias in known.aliases_en:
                entity.alt_labels.add((alias, "en"))
        elif ref.lang == "en" and not _HAN.search(key):
            entity.labels = {"en": ref.name}
        elif kind == "Person":
            romanised = pinyin_name(key)
            if romanised:
                entity.alt_labels.add((romanised, "zh-Latn-pinyin"))
                self.romanised.setdefault(romanised_key(romanised), key)
        return entity

    def _group(self, ref: EntityRef) -> Entity:
        sender_key, _, rest = ref.name[6:].partition(">")
        destination_key, _, word = rest.partition(">")
        chinese = zh("dispatch")
        word = word or chinese["generic_group"]
        entity = Entity(self.iri("org", ref.name), "WorkingGroup")
        if sender_key.startswith("place:"):
            sender = self._place(sender_key[6:])
        else:
            sender = self._named(EntityRef("Organization", sender_key)) if sender_key else None
        destination = self._place(destination_key[6:]) if destination_key.startswith("place:") else None
        place = self.gazetteer.get(destination_key[6:]) if destination else None
        where_zh = (place.short[0] if place and place.short else place.name) if place else ""
        sender_zh = sender.labels.get("zh-Hans", "") if sender else ""
        entity.labels["zh-Hans"] = chinese["group_label"].format(sender=sender_zh, destination=where_zh, group=word) \
            if where_zh else f"{sender_zh}{word}"
        sender_en = sender.labels.get("en") if sender else None
        if sender_en and destination and "en" in destination.labels and word == chinese["generic_group"]:
            entity.labels["en"] = en("dispatch")["group_label"].format(sender=sender_en, destination=destination.labels["en"])
        return entity
