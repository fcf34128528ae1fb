"""English articles, machine translations included: mentions and the same fact kinds
as Chinese, with rules and the project's lexicons only (no model to download).

Entities are keyed as the Chinese extractors key them (gazetteer ids, canonical
Chinese names of known bodies and persons), so an English mention of Xinjiang or of
the National Health Commission lands on the same node as the Chinese one.
"""
from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from importlib import resources

from . import lexicon
from .gazetteer import load as load_gazetteer
from .language_data import en, pattern
from .model import AnalysedArticle, EntityRef, Fact, Mention, Sentence
from .resolve import group_ref

_NUMBER = re.compile(r"\b(\d[\d,]*)\b")


@lru_cache(maxsize=1)
def cues() -> dict:
    with resources.files("kg").joinpath("resources", "en", "cues.json").open(encoding="utf-8") as fh:
        return json.load(fh)


@cache
def _capitalised() -> re.Pattern:
    """A run of capitalised words, joined by of, the, and … (Ministry of Foreign Affairs)."""
    connectors = "|".join(en("phrases")["name_connectors"])
    return re.compile(r"[A-Z][a-zA-Z'\-]*(?:\s+(?:(?:" + connectors + r")\s+)*[A-Z][a-zA-Z'\-]*)*")


def _filled(key: str, **slots: str) -> str:
    """The pattern ``key`` of en/phrases.json with the cue words put in its slots."""
    text = en("phrases")[key]
    for slot, words in slots.items():
        text = text.replace("{" + slot + "}", words)
    return text


@cache
def _group_pattern() -> re.Pattern:
    return re.compile(_filled("group", groups="|".join(map(re.escape, cues()["group_words"]))), re.I)


@lru_cache(maxsize=1)
def names() -> dict[str, tuple[str, str]]:
    """Lower-cased English name → (type, key) for places, bodies and persons."""
    table: dict[str, tuple[str, str]] = {}
    for place in load_gazetteer():
        kind = place.kind
        for form in (place.name_en, *place.aliases_en):
            if form and (form.lower() not in table or place.type in ("Country", "Province")):
                table[form.lower()] = (kind, "place:" + place.id)
    for entity in lexicon.organizations():
        for form in (entity.name_en, *entity.aliases_en):
            if form:
                table[form.lower()] = (entity.type, entity.name)
    for entity in lexicon.persons():
        if entity.name_en:
            table[entity.name_en.lower()] = ("Person", entity.name)
    return table


@lru_cache(maxsize=1)
def _lowercase_aliases() -> list[tuple[str, tuple[str, str]]]:
    """Organisation aliases that are not capitalised (machine-translation renderings)."""
    found = []
    for entity in lexicon.organizations():
        for form in entity.aliases_en:
            if form and form[0].islower():
                found.append((form.lower(), (entity.type, entity.name)))
    return sorted(found, key=lambda f: len(f[0]), reverse=True)


@lru_cache(maxsize=1)
def pinyin_syllables() -> frozenset[str]:
    from pypinyin import lazy_pinyin

    chars = "".join(chr(c) for c in range(0x4E00, 0x9FA6))
    return frozenset(s for s in lazy_pinyin(chars) if s.isascii() and s.isalpha())


@lru_cache(maxsize=1)
def _surname_syllables() -> frozenset[str]:
    from pypinyin import lazy_pinyin

    return frozenset("".join(lazy_pinyin(s)) for s in lexicon.surnames())


def _syllabify(word: str, max_parts: int = 2) -> bool:
    word = word.lower()
    syllables = pinyin_syllables()
    if word in syllables:
        return True
    if max_parts < 2:
        return False
    return any(word[:i] in syllables and _syllabify(word[i:], max_parts - 1) for i in range(1, len(word)))


def is_pinyin_name(text: str) -> bool:
    """Lei Haichao, Ma Xingrui, Xi Jin-ping: a pinyin surname and given name."""
    words = text.split()
    if not 2 <= len(words) <= 3 or not all(w[0].isupper() for w in words):
        return False
    surname, given = words[0].lower(), "".join(words[1:]).replace("-", "")
    return surname in _surname_syllables() and _syllabify(given)


def find_mentions_en(text: str, sentences: list[Sentence]) -> list[Mention]:
    table = names()
    stops = set(cues()["stop_capitalised"])
    org_words = tuple(cues()["org_words"])
    mentions: list[Mention] = []
    occupied: set[int] = set()
    lowered = text.lower()
    for form, (kind, key) in _lowercase_aliases():
        for match in re.finditer(r"\b" + re.escape(form) + r"\b", lowered):
            if not occupied.intersection(range(*match.span())):
                mentions.append(Mention(match.start(), match.end(), text[match.start():match.end()], form, kind, "lexicon", key))
                occupied.update(range(*match.span()))
    for match in _capitalised().finditer(text):
        start, end = match.span()
        words = match.group().split()
        while words and words[0] in stops:
            start += text[start:].index(words[0]) + len(words[0])
            start += len(text[start:]) - len(text[start:].lstrip())
            words = words[1:]
        span = text[start:end].rstrip(".")
        end = start + len(span)
        if not span or occupied.intersection(range(start, end)):
            continue
        found = _longest_known(span, table)
        if found:
            s, e, kind, key = found
            mentions.append(Mention(start + s, start + e, span[s:e], span[s:e], kind, "lexicon", key.removeprefix("place:")))
            occupied.update(range(start + s, start + e))
        elif is_pinyin_name(span):
            mentions.append(Mention(start, end, span, span, "Person", "pinyin"))
        elif span.endswith(org_words) and len(span.split()) >= 2:
            mentions.append(Mention(start, end, span, span, "Organization", "rule"))
    for match in _group_pattern().finditer(text):
        if not occupied.intersection(range(*match.span(2))):
            mentions.append(Mention(match.start(2), match.end(2), match.group(2), match.group(2).lower(), "WorkingGroup", "rule"))
    return sorted(mentions, key=lambda m: m.start)


def _longest_known(span: str, table) -> tuple[int, int, str, str] | None:
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", span)]
    for size in range(len(words), 0, -1):
        for i in range(len(words) - size + 1):
            s, e = words[i][0], words[i + size - 1][1]
            hit = table.get(span[s:e].lower().rstrip(",.")) \
                or table.get(pattern("en", "phrases", "leading_the").sub("", span[s:e].lower()))
            if hit:
                return s, e, hit[0], hit[1]
    return None


def _ref(mention: Mention) -> EntityRef:
    if mention.type in _PLACES and mention.ref:
        return EntityRef(mention.type, "place:" + mention.ref, mention.text, "en")
    return EntityRef(mention.type, mention.ref or mention.text, mention.text, "en")


def _within(doc: AnalysedArticle, sentence: Sentence, kinds: tuple[str, ...]) -> list[Mention]:
    return [m for m in doc.mentions_in(sentence) if m.type in kinds]


_AGENTS = ("Person", "Organization", "GovernmentOrganization", "WorkingGroup", "NewsMedia")
_PLACES = ("AdministrativeArea", "Country", "Place")


def _date(doc: AnalysedArticle, sentence: Sentence):
    return (doc.dates[sentence.index] if doc.dates else None) or doc.day


def _group(doc: AnalysedArticle) -> EntityRef | None:
    dispatches = [f for f in find_dispatches(doc)]
    return dispatches[0].args["group"] if dispatches else None


def agent_ref(doc: AnalysedArticle, mention: Mention) -> EntityRef:
    if mention.type == "WorkingGroup" and not mention.ref:
        group = _group(doc)
        if group is not None:
            return group
    return _ref(mention)


def find_offices(doc: AnalysedArticle) -> list[Fact]:
    """Appositions: "Lei Haichao, the leader of the working group and deputy director
    of the China Health and Health Commission, …"."""
    titles = cues()["titles"]
    post = _post_pattern()
    leads = lexicon.titles()
    facts = []
    for sentence in doc.sentences:
        people = _within(doc, sentence, ("Person",))
        for person in people:
            after = doc.norm[person.end: person.end + 2]
            if not after.startswith(","):
                continue
            tail_end = min([m.start for m in people if m.start > person.end] + [sentence.end])
            for match in post.finditer(doc.norm, person.end, tail_end):
                org = next((m for m in doc.mentions if m.start >= match.end() and m.start <= match.end() + 2
                            and m.type in _AGENTS + _PLACES), None)
                if org is None:
                    continue
                title = titles[match.group(1).lower()]
                args = {"person": _ref(person), "organization": agent_ref(doc, org), "role": title, "date": _date(doc, sentence)}
                facts.append(Fact("office", args, sentence, 0.75))
                if leads.get(title) and leads[title].heads(polity=org.type in _PLACES):
                    facts.append(Fact("leads", dict(args), sentence, 0.75))
            for match in re.finditer(en("phrases")["group_leader"], doc.norm[person.end:tail_end], re.I):
                group = _group(doc)
                if group is not None and match.group(1).lower() == en("phrases")["led_group"]:
                    args = {"person": _ref(person), "organization": group, "role": titles["leader"], "date": _date(doc, sentence)}
                    facts.append(Fact("office", args, sentence, 0.75))
                    facts.append(Fact("leads", dict(args), sentence, 0.75))
    return _unique(facts)


@cache
def _post_pattern() -> re.Pattern:
    """A title and the body it is of, after a name (…, the deputy director of the …)."""
    title_words = "|".join(sorted(map(re.escape, cues()["titles"]), key=len, reverse=True))
    return re.compile(_filled("post", titles=title_words), re.I)


def _unique(facts: list[Fact]) -> list[Fact]:
    seen, kept = set(), []
    for fact in facts:
        key = (fact.kind, repr(sorted(fact.args.items(), key=lambda kv: kv[0])), fact.sentence.index)
        if key not in seen:
            seen.add(key)
            kept.append(fact)
    return kept


def find_dispatches(doc: AnalysedArticle) -> list[Fact]:
    if "en_dispatches" in doc.notes:
        return doc.notes["en_dispatches"]
    facts = []
    for sentence in doc.sentences:
        for match in _sends().finditer(doc.norm, sentence.start, sentence.end):
            orgs = [m for m in _within(doc, sentence, ("Organization", "GovernmentOrganization")) if m.ref]
            places = [m for m in _within(doc, sentence, _PLACES) if m.start >= match.end()]
            if not orgs:
                continue
            sender = _ref(max(orgs, key=lambda m: len(m.ref)))
            destination = _ref(places[0]) if places else None
            group = group_ref(doc, sender, destination, match.group(1))
            facts.append(Fact("dispatch", {"sender": sender, "group": group, "destination": destination,
                                           "date": _date(doc, sentence)}, sentence, 0.7))
    doc.notes["en_dispatches"] = facts
    return facts


@cache
def _sends() -> re.Pattern:
    """A verb of sending and the group sent (sent a working group to)."""
    verbs = "|".join(map(re.escape, cues()["dispatch"]))
    groups = "|".join(map(re.escape, cues()["group_words"]))
    return re.compile(_filled("dispatch", verbs=verbs, groups=groups), re.I)


def find_visits(doc: AnalysedArticle) -> list[Fact]:
    verbs = "|".join(map(re.escape, cues()["visit"]))
    pattern = re.compile(r"\b(?:" + verbs + r")\s+", re.I)
    facts = []
    for sentence in doc.sentences:
        for match in pattern.finditer(doc.norm, sentence.start, sentence.end):
            place = next((m for m in _within(doc, sentence, _PLACES) if m.start == match.end()), None)
            visitors = [m for m in _within(doc, sentence, _AGENTS) if m.end <= match.start()]
            if place is None or not visitors:
                continue
            facts.append(Fact("visit", {"visitor": agent_ref(doc, visitors[-1]), "place": _ref(place),
                                        "date": _date(doc, sentence)}, sentence, 0.7))
    return facts


def find_meetings(doc: AnalysedArticle) -> list[Fact]:
    """"A met (with) B", "A held talks with B", "A spoke by phone with B", "A and B met"."""
    verbs = "|".join(sorted(map(re.escape, cues()["meeting"]), key=len, reverse=True))
    meets = re.compile(r"\b(?:" + verbs + r")\b", re.I)
    facts = []
    for sentence in doc.sentences:
        parties_here = _within(doc, sentence, _AGENTS + _PLACES)
        for match in meets.finditer(doc.norm, sentence.start, sentence.end):
            before = [m for m in parties_here if m.end <= match.start() and m.type in _AGENTS]
            after = [m for m in parties_here if m.start >= match.end()]
            if before and after:
                first = next((m for m in reversed(before) if m.type == "Person"), before[-1])
                second = next((m for m in after[:3] if m.type == "Person"), after[0])
            else:
                joined = pattern("en", "phrases", "pair").search(doc.norm[sentence.start:match.start()])
                people = [m for m in before if m.type == "Person"]
                if not joined or len(people) < 2:
                    continue
                first, second = people[-2], people[-1]
            refs = [agent_ref(doc, first), agent_ref(doc, second)]
            if refs[0] != refs[1]:
                facts.append(Fact("meeting", {"parties": refs, "name": match.group().lower(), "date": _date(doc, sentence)},
                                  sentence, 0.65))
    return facts


def find_statements(doc: AnalysedArticle) -> list[Fact]:
    says = _says()
    facts = []
    last_person: Mention | None = None
    for sentence in doc.sentences:
        people = _within(doc, sentence, ("Person",))
        for m in people:
            end = says.match(doc.norm, m.end)
            if end and m.start - sentence.start < 40:
                facts.append(_statement(doc, sentence, _ref(m), doc.article.text[end.end():sentence.end]))
        pronoun = pattern("en", "phrases", "pronoun").match(sentence.norm)
        if pronoun and last_person is not None:
            end = says.match(doc.norm, sentence.start + pronoun.end())
            if end:
                facts.append(_statement(doc, sentence, _ref(last_person), doc.article.text[end.end():sentence.end]))
        if people:
            last_person = people[-1]
    return [f for f in facts if len(f.args["text"]) >= 8]


@cache
def _says() -> re.Pattern:
    """What may follow a speaker's name up to what is said (, the …, also said that)."""
    verbs = "|".join(sorted(map(re.escape, cues()["speech"]), key=len, reverse=True))
    return re.compile(_filled("statement", verbs=verbs), re.I)


def _statement(doc, sentence, speaker, text):
    return Fact("statement", {"speaker": speaker, "text": text.strip().rstrip("."), "date": _date(doc, sentence)}, sentence, 0.7)


def find_sources(doc: AnalysedArticle) -> list[Fact]:
    facts = []
    for sentence in doc.sentences:
        match = re.search(en("phrases")["source"], sentence.norm, re.I)
        if not match:
            continue
        start, end = sentence.start + match.start(1), sentence.start + match.end(1)
        inside = [m for m in doc.mentions if start <= m.start < end and m.type in _AGENTS and m.type != "Person"]
        quoted = re.search(r"[\"“]([^\"”]{2,40})[\"”]", match.group(1))
        if quoted:
            name = quoted.group(1)
            known = names().get(name.lower())
            ref = EntityRef(known[0], known[1], name, "en") if known else EntityRef("NewsMedia", name, name, "en")
            facts.append(Fact("source", {"source": ref}, sentence, 0.75))
        elif inside:
            facts.append(Fact("source", {"source": _ref(inside[0])}, sentence, 0.75))
    return facts


def _category(phrase_text: str) -> str | None:
    text = phrase_text.lower()
    best = None
    for category in lexicon.case_categories():
        for phrase in category.phrases_en:
            if re.match(_filled("category", phrase=re.escape(phrase)), text) and (best is None or len(phrase) > best[1]):
                best = (category.concept, len(phrase))
    return best[0] if best else None


def find_cases(doc: AnalysedArticle) -> list[Fact]:
    """Numbers followed by a case category, with the place given by "in X"/"of X"
    right after, or else the running region of the paragraph."""
    phrases = en("phrases")
    facts = []
    region: EntityRef | None = None
    reporter: EntityRef | None = None
    category: str | None = None
    paragraph = -1
    for sentence in doc.sentences:
        if sentence.paragraph != paragraph:
            paragraph, region, reporter, category = sentence.paragraph, None, None, None
        source = re.search(phrases["reporter"], sentence.norm, re.I)
        if source:
            body = next((m for m in doc.mentions_in(sentence) if m.start >= sentence.start + source.end()
                         and m.type in ("GovernmentOrganization", "Organization")), None)
            if body is not None:
                reporter = _ref(body)
                if region is None and body.ref:
                    country = _country_of(body.ref)
                    region = country or region
        for match in _NUMBER.finditer(sentence.norm):
            value = int(match.group(1).replace(",", ""))
            after = sentence.norm[match.end():match.end() + 60].lstrip()
            if re.match(phrases["counted"], after, re.I) and not _category(after):
                rest = re.sub(phrases["counted_first"], "", after, flags=re.I)
                found = _category(rest) if not re.match(phrases["place_word"], rest, re.I) else None
            else:
                found = _category(after)
            absolute = sentence.start + match.end()
            place_match = re.match(phrases["place_after"], doc.norm[absolute:absolute + 20], re.I)
            place = None
            if place_match:
                place = next((m for m in doc.mentions if m.start == absolute + place_match.end() and m.type in _PLACES), None)
            if place is not None and category:
                refined = category if found in (None, "Confirmed") else found
                facts.append(_case(doc, sentence, _ref(place), refined, value, reporter))
                continue
            if not found or value in (1900, 2000) or (match.start() > 0 and sentence.norm[match.start() - 1] == "("):
                continue
            if phrases["added"] in sentence.norm or phrases["new"] in sentence.norm.lower() or found != "NewInfections":
                category = found
                if region is not None:
                    facts.append(_case(doc, sentence, region, found, value, reporter))
    return facts


def _case(doc, sentence, place, category, value, reporter):
    return Fact("cases", {"place": place, "category": category, "value": value, "date": _date(doc, sentence),
                          "reporter": reporter}, sentence, 0.7)


def _country_of(org_key: str) -> EntityRef | None:
    """The country a national body belongs to, when its Chinese name says so."""
    for prefix, country in en("phrases")["national_prefixes"].items():
        if org_key.startswith(prefix):
            return EntityRef("Country", "place:" + country, "", "en")
    return None
