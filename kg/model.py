"""The records every stage passes on: one article, its sentences, mentions and facts.

Offsets are character offsets into ``Article.text`` (the main text in its original
script). Normalised text has the same length as the original, so an offset found in
the normalised form points at the same characters in the original.
"""
from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


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
