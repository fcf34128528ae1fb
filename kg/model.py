"""The records every stage passes on: one article, its sentences, mentions and facts;
and what a kind of fact is (``FactKind``, registered in ``kg.kinds``).

Offsets are character offsets into ``Article.text`` (the main text in its original
script). Normalised text has the same length as the original, so an offset found in
the normalised form points at the same characters in the original.
"""
from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol


@dataclass
class Article:
    """One news article as read from a file: main text plus what its metadata says."""

    path: str
    text: str
    title: str | None = None
    published: datetime | None = None
    url: str | None = None
    publisher: str | None = None
    language: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """Stable identity: the URL when known, else the text itself."""
        basis = self.url or self.text
        return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]

    @property
    def day(self) -> date | None:
        return self.published.date() if self.published else None


@dataclass
class ReadFailure:
    """A file (or a line of one) that could not be read, and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    text: str
    norm: str
    paragraph: int = 0


@dataclass
class Token:
    start: int
    end: int
    word: str
    pos: str


@dataclass
class Mention:
    """A named entity in the text: where, what it says, and what kind of thing it is."""

    start: int
    end: int
    text: str
    norm: str
    type: str
    source: str = "rule"
    ref: str = ""
    confidence: float = 1.0


@dataclass(frozen=True)
class EntityRef:
    """An entity as an extractor names it, before resolution picks its node."""

    type: str
    name: str
    surface: str = ""
    lang: str = "zh-Hans"


@dataclass
class Fact:
    """One extracted fact: its kind, its arguments, and the sentence that says it."""

    kind: str
    args: dict[str, Any]
    sentence: Sentence
    confidence: float = 0.8

    @property
    def evidence(self) -> str:
        return self.sentence.text.strip()


@dataclass
class AnalysedArticle:
    """An article with everything the analysis found, as every extractor reads it."""

    article: Article
    norm: str
    language: str
    sentences: list[Sentence]
    tokens: list[Token] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    day: date | None = None
    dates: list[date | None] = field(default_factory=list)
    notes: dict[str, Any] = field(default_factory=dict)

    def sentence_at(self, offset: int) -> Sentence:
        """The sentence holding ``offset``, else the last one."""
        starts = self.notes.get("sentence_starts")
        if starts is None or len(starts) != len(self.sentences):
            starts = self.notes["sentence_starts"] = [s.start for s in self.sentences]
        i = bisect_right(starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return self.sentences[i]
        return self.sentences[-1]

    def mentions_in(self, sentence: Sentence) -> list[Mention]:
        return self.mentions_within(sentence.start, sentence.end)

    def mentions_within(self, start: int, end: int) -> list[Mention]:
        """The mentions that begin in ``start:end``, in order."""
        starts = self._mention_starts()
        return self.mentions[bisect_left(starts, start):bisect_left(starts, end)]

    def mentions_before(self, offset: int) -> int:
        """How many mentions begin before ``offset`` (``self.mentions`` is kept in order)."""
        return bisect_left(self._mention_starts(), offset)

    def _mention_starts(self) -> list[int]:
        starts = self.notes.get("mention_starts")
        if starts is None or len(starts) != len(self.mentions):
            self.mentions.sort(key=lambda m: m.start)
            starts = self.notes["mention_starts"] = [m.start for m in self.mentions]
        return starts


class Matching(Protocol):
    """What a kind's matcher asks of the evaluation (``kg.evaluate.Matching``): whether a
    gold name is among an entity's names, and the dates, roles, posts and texts agree."""

    def party(self, gold_name: str, ref: EntityRef | None, loose: bool = True) -> bool: ...

    def same_date(self, gold: dict, args: dict) -> bool: ...

    def same_role(self, gold_role: str, role: str) -> bool: ...

    def same_post(self, gold: dict, args: dict) -> bool: ...

    def text_overlap(self, gold_text: str, text: str) -> bool: ...


@dataclass(frozen=True)
class FactKind:
    """One kind of fact and everything kg does with it: the module of ``kg/extract/``
    that finds it defines it, beside its extractor, writer and matcher."""

    name: str
    about: str
    """A line for ``kg build --help``."""
    write: Callable[[Any, Fact], None]
    """Adds the quads of one fact to its article's graph (a ``kg.rdf.ArticleGraph``)."""
    match: Callable[[dict, dict, Matching], bool]
    """Whether a gold item (a dict of eval/README.md) and a fact's ``args`` are one fact."""
    extract: Mapping[str, Callable[[AnalysedArticle], list[Fact]]] = field(default_factory=dict)
    """The extractor per language ("zh", "en"); one function may make several kinds
    (the English offices make ``office`` and ``leads`` facts)."""
    made_by: str | None = None
    """The kind whose extractor makes this one, when it has none of its own."""
    node_class: str | None = None
    """The class of the node a fact becomes (a CURIE of ``kg.vocab.PREFIXES``)."""
    properties: tuple[str, ...] = ()
    """The ``nkg:`` properties its writer uses (declared in ``kg.vocab.NKG_TERMS``)."""
    edges: tuple[str, ...] = ()
    """The ``nkg:`` properties between two entities the viewer draws as edges, labelled
    under "relations" in ``kg/resources/viewer_style.json``."""
    symmetric: bool = False
    """Whether its edges have no direction (drawn once, without an arrow)."""

    @property
    def extractor(self) -> str:
        """The name of the extractor that makes facts of this kind."""
        return self.made_by or self.name
