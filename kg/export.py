"""Exports: the merged graph as Turtle, the named graphs as TriG and N-Quads.

Quads are sorted before serialising, so the same store always gives the same bytes;
every file is written to a temporary name beside its target and then renamed, so a
killed build never leaves a half-written export.
"""
from __future__ import annotations

import os
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from .store import GraphStore
from .vocab import PREFIXES

FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nq": ox.RdfFormat.N_QUADS,
    "nt": ox.RdfFormat.N_TRIPLES,
}


@contextmanager
def atomic_path(target: Path):
    """A temporary path beside ``target`` that replaces it only on success."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def merged_triples(store: GraphStore) -> list[ox.Triple]:
    return sorted(store.triples(), key=str)


def write(store: GraphStore, target: Path, fmt: str | None = None) -> Path:
    fmt = fmt or target.suffix.lstrip(".")
    rdf_format = FORMATS[fmt]
    items = merged_triples(store) if fmt in ("ttl", "nt") else sorted(store.quads(), key=lambda q: (str(q.graph_name), str(q)))
    prefixes = PREFIXES if fmt in ("ttl", "trig") else None
    with atomic_path(target) as tmp:
        ox.serialize(items, str(tmp), rdf_format, prefixes=prefixes)
        _restore_tag_case(tmp)
    return target


_LOWERED_TAG = re.compile(rb'((?<!\\)"@|"xml:lang"\s*:\s*"|xml:lang=")zh-(han[st]|latn-pinyin)\b')
_CANONICAL = {b"hans": b"Hans", b"hant": b"Hant", b"latn-pinyin": b"Latn-pinyin"}


def canonical_tags(data: bytes) -> bytes:
    """Oxigraph lower-cases language tags (zh-hans); the contract writes them in
    their BCP 47 form (zh-Hans, zh-Hant), which is what users type. This restores
    that form in serialised RDF and SPARQL results."""
    return _LOWERED_TAG.sub(lambda m: m.group(1) + b"zh-" + _CANONICAL[m.group(2)], data)


def _restore_tag_case(path: Path) -> None:
    data = path.read_bytes()
    fixed = canonical_tags(data)
    if fixed != data:
        path.write_bytes(fixed)
