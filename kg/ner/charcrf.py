"""The project's own recogniser: a character BiLSTM-CRF (``scripts/train_ner.py``) run
on ONNX Runtime, with the CRF decoded in numpy over whole batches of sentences.

The weights load once per process. Text is cut into pieces of at most ``MAX_PIECE``
characters after sentence punctuation, and pieces of similar length run together.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources as package_files

import numpy as np

from .features import N_FEATURES, Vocabulary, lexicon_bits
from .tags import TAGS, tags_to_spans

MAX_PIECE = 150
BATCH = 64
_TYPES = {"PER": "Person", "ORG": "Organization", "LOC": "Place"}
_ENDS = "。！？；!?;\n"


class Model:
    def __init__(self):
        import onnxruntime

        folder = package_files.files("kg").joinpath("resources", "ner")
        with folder.joinpath("charcrf.npz").open("rb") as fh:
            data = np.load(fh, allow_pickle=False)
            self.vocab = Vocabulary(list(data["chars"]), list(data["bigrams"]))
            self.transitions, self.start, self.end = data["transitions"], data["start"], data["end"]
            self.tags = [str(t) for t in data["tags"]]
        assert tuple(self.tags) == TAGS, "charcrf.npz was trained with other tags"
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        with folder.joinpath("charcrf.onnx").open("rb") as fh:
            self.session = onnxruntime.InferenceSession(fh.read(), sess_options=options, providers=["CPUExecutionProvider"])

    def spans(self, pieces: list[str]) -> list[list[tuple[int, int, str, float]]]:
        """(start, end, type, confidence) per piece, pieces of similar length run and
        decoded together; confidence is the smallest probability the tag scores give
        the decoded tag over the span's characters."""
        order = sorted(range(len(pieces)), key=lambda i: len(pieces[i]))
        out: list[list] = [[] for _ in pieces]
        for k in range(0, len(order), BATCH):
            group = [i for i in order[k : k + BATCH] if pieces[i]]
            if not group:
                continue
            lengths = np.array([len(pieces[i]) for i in group])
            chars = np.zeros((len(group), lengths.max()), np.int64)
            left = np.zeros_like(chars)
            right = np.zeros_like(chars)
            feats = np.zeros((len(group), lengths.max(), N_FEATURES), np.float32)
            for row, i in enumerate(group):
                n = lengths[row]
                chars[row, :n], left[row, :n], right[row, :n] = self.vocab.encode(pieces[i])
                feats[row, :n] = lexicon_bits(pieces[i])
            scores = self.session.run(None, {"chars": chars, "left": left, "right": right, "features": feats})[0]
            probs = np.exp(scores - scores.max(2, keepdims=True))
            probs /= probs.sum(2, keepdims=True)
            for row, (i, path) in enumerate(zip(group, decode(scores, lengths, self.transitions, self.start, self.end))):
                chosen = probs[row, np.arange(len(path)), path]
                out[i] = [(s, e, kind, float(chosen[s:e].min())) for s, e, kind in tags_to_spans([TAGS[t] for t in path])]
        return out


def decode(emissions: np.ndarray, lengths: np.ndarray, transitions: np.ndarray, start: np.ndarray, end: np.ndarray) -> list[list[int]]:
    """Viterbi over a padded batch (batch, length, tags), vectorised across the batch."""
    batch, length, n = emissions.shape
    score = start + emissions[:, 0]
    back = np.zeros((batch, length, n), np.int64)
    for t in range(1, length):
        total = score[:, :, None] + transitions[None]
        back[:, t] = total.argmax(1)
        nxt = total.max(1) + emissions[:, t]
        live = (t < lengths)[:, None]
        score = np.where(live, nxt, score)
    paths = []
    for b in range(batch):
        last = int((score[b] + end).argmax())
        path = [last]
        for t in range(int(lengths[b]) - 1, 0, -1):
            last = int(back[b, t, last])
            path.append(last)
        paths.append(path[::-1])
    return paths


@lru_cache(maxsize=1)
def model() -> Model:
    return Model()


def pieces_of(norm: str) -> list[tuple[int, str]]:
    """(offset, text) pieces of at most MAX_PIECE characters, cut after sentence ends
    (else after a comma, else hard)."""
    out, start, n = [], 0, len(norm)
    while start < n:
        end = min(n, start + MAX_PIECE)
        newline = norm.find("\n", start, end)
        if newline >= 0:
            end = newline + 1
        elif end < n:
            cut = max((i + 1 for i in range(start + 10, end) if norm[i] in _ENDS), default=None)
            cut = cut or max((i + 1 for i in range(start + 10, end) if norm[i] in "，,、 "), default=None)
            end = cut or end
        piece = norm[start:end]
        if piece.strip():
            out.append((start, piece))
        start = end
    return out


def entities(norm: str) -> list[tuple[int, int, str, float]]:
    """(start, end, type, confidence) of persons, places and organisations in the
    normalised text, offsets into it."""
    pieces = pieces_of(norm)
    found = model().spans([p for _, p in pieces])
    return [(offset + s, offset + e, _TYPES[kind], conf) for (offset, _), spans in zip(pieces, found) for s, e, kind, conf in spans]
