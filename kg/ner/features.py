"""Input features of the character tagger, shared by training and inference.

Per character: its id, the ids of the bigrams it ends and starts, and lexicon bits in
the SoftLexicon manner: for each lexicon, whether a word of it (two characters or
more) Begins, continues (Middle) or Ends at this character. The lexicons are jieba's dictionary,
the gazetteer, the alias tables (bodies, persons) and the titles, so the model learns
from the training corpora how far to trust each of them.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .. import lexicon
from ..gazetteer import load as load_gazetteer
from ..normalise import normalise_text

LEXICONS = ("words", "places", "bodies", "persons", "titles")
SINGLE_BITS = ("surname", "transliteration")
N_FEATURES = 3 * len(LEXICONS) + len(SINGLE_BITS)
MAX_WORD = 12
PAD, UNK = 0, 1


@dataclass(frozen=True)
class Matcher:
    """Surface form → bitmask of the lexicons that hold it, with the lengths to try
    for each first character."""

    forms: dict[str, int]
    lengths: dict[str, tuple[int, ...]]
    surnames: frozenset[str]
    sounds: frozenset[str]


def _jieba_words():
    import jieba

    with jieba.get_dict_file() as fh:
        for line in fh:
            word = line.decode("utf-8").split(" ", 1)[0]
            if 2 <= len(word) <= MAX_WORD:
                yield word


@lru_cache(maxsize=1)
def matcher() -> Matcher:
    forms: dict[str, int] = {}

    def add(form: str, lexicon_name: str) -> None:
        form = normalise_text(form)
        if 2 <= len(form) <= MAX_WORD:
            forms[form] = forms.get(form, 0) | 1 << LEXICONS.index(lexicon_name)

    for word in _jieba_words():
        add(word, "words")
    for form, place in load_gazetteer().surface_forms():
        if place.type != "County" or form == place.name:
            add(form, "places")
    for known in lexicon.known_names().values():
        add(known.name, "persons" if known.type == "Person" else "bodies")
    for form, known in lexicon.known_names().items():
        add(form, "persons" if known.type == "Person" else "bodies")
    for title in lexicon.titles():
        add(title, "titles")
    lengths: dict[str, set[int]] = {}
    for form in forms:
        lengths.setdefault(form[0], set()).add(len(form))
    cues = lexicon.cues()
    return Matcher(forms, {c: tuple(sorted(ls)) for c, ls in lengths.items()},
                   frozenset(normalise_text("".join(lexicon.surnames()))), frozenset(normalise_text(cues["transliteration_chars"])))


def lexicon_bits(text: str) -> np.ndarray:
    """(len(text), N_FEATURES) uint8: BME membership per lexicon, then single bits."""
    m = matcher()
    n = len(text)
    bits = np.zeros((n, N_FEATURES), dtype=np.uint8)
    forms, lengths = m.forms, m.lengths
    for i, ch in enumerate(text):
        for length in lengths.get(ch, ()):
            if i + length > n:
                break
            mask = forms.get(text[i : i + length])
            if not mask:
                continue
            for k in range(len(LEXICONS)):
                if mask >> k & 1:
                    base = 3 * k
                    bits[i, base] = 1
                    bits[i + 1 : i + length - 1, base + 1] = 1
                    bits[i + length - 1, base + 2] = 1
        if ch in m.surnames:
            bits[i, 3 * len(LEXICONS)] = 1
        if ch in m.sounds:
            bits[i, 3 * len(LEXICONS) + 1] = 1
    return bits


class Vocabulary:
    """Characters and bigrams to ids (0 padding, 1 unknown)."""

    def __init__(self, chars: list[str], bigrams: list[str]):
        self.chars = chars
        self.bigrams = bigrams
        self._char = {c: i for i, c in enumerate(chars)}
        self._bigram = {b: i for i, b in enumerate(bigrams)}

    def encode(self, text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Character ids, ids of the bigram ending at each character and of the one
        starting there."""
        char_ids = np.fromiter((self._char.get(c, UNK) for c in text), dtype=np.int64, count=len(text))
        padded = "\x02" + text + "\x03"
        pairs = [padded[i : i + 2] for i in range(len(padded) - 1)]
        bigram_ids = np.fromiter((self._bigram.get(b, UNK) for b in pairs), dtype=np.int64, count=len(pairs))
        return char_ids, bigram_ids[:-1], bigram_ids[1:]
