"""Stores chosen by a string, each behind the same interface, and kg serve answering
from whichever it is given."""
from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.serve import execute
from kg.store import MEMORY, STORE_DIR, STORE_KINDS, GraphStore, OxigraphStore, StoreError, open_store

ARTICLE = "https://example.org/article/1"
OTHER = "https://example.org/article/2"


def _quads(graph: str, name: str) -> list[ox.Quad]:
    node = ox.NamedNode(graph)
    return [ox.Quad(ox.NamedNode("https://example.org/p/1"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                    ox.Literal(name, language="zh-Hans"), node)]


def _filled(store: GraphStore) -> GraphStore:
    assert store.replace_graph(ARTICLE, _quads(ARTICLE, "雷海潮"))
    assert store.replace_graph(OTHER, _quads(OTHER, "马兴瑞"))
    assert not store.replace_graph(OTHER, _quads(OTHER, "马兴瑞"))  # the same quads: nothing written
    return store


def test_memory_and_folder_stores_answer_alike(tmp_path):
    memory = _filled(open_store(MEMORY))
    folder = _filled(open_store(tmp_path))
    assert memory.location is None and memory.disk_state() == ()
    assert folder.location == tmp_path / STORE_DIR and folder.disk_state() != ()
    for store in (memory, folder):
        assert isinstance(store, GraphStore)
        assert store.graphs() == [ARTICLE, OTHER]
        assert store.counts() == (2, 2, 2) and len(store) == 2
        rows = store.query("SELECT ?name WHERE { ?p rdfs:label ?name } ORDER BY ?name")
        assert [row["name"].value for row in rows] == ["雷海潮", "马兴瑞"]
        rows = store.query("SELECT ?name WHERE { ?p rdfs:label ?name }", default_graph=[ox.NamedNode(OTHER)])
        assert [row["name"].value for row in rows] == ["马兴瑞"]
    folder.close()
    again = open_store(str(tmp_path), read_only=True)  # what the folder holds on disk
    assert again.graphs() == [ARTICLE, OTHER]


def test_a_folder_without_a_store_is_refused_when_read_only(tmp_path):
    with pytest.raises(StoreError, match=f"no graph store at {tmp_path / 'missing' / STORE_DIR}"):
        open_store(tmp_path / "missing", read_only=True)
    assert not (tmp_path / "missing").exists()


def test_a_kind_of_store_is_chosen_by_the_scheme_of_its_string(tmp_path, monkeypatch):
    opened = []

    def open_example(where: str, read_only: bool) -> GraphStore:
        opened.append((where, read_only))
        return _filled(OxigraphStore())

    monkeypatch.setitem(STORE_KINDS, "example", open_example)
    store = open_store("example://host/sparql", read_only=True)
    assert opened == [("example://host/sparql", True)] and store.graphs() == [ARTICLE, OTHER]
    monkeypatch.chdir(tmp_path)
    unknown = open_store("elsewhere://host")  # no such kind: a folder of that name, as any other string
    assert unknown.location == Path("elsewhere:", "host", STORE_DIR) and (tmp_path / unknown.location).is_dir()


def test_serve_answers_from_any_store(tmp_path):
    for store in (_filled(open_store(MEMORY)), _filled(open_store(tmp_path))):
        status, media, body = execute(store, {"query": "SELECT ?name WHERE { ?p rdfs:label ?name } ORDER BY ?name"})
        assert (status, media) == (200, "application/sparql-results+json")
        names = [(b["name"]["value"], b["name"]["xml:lang"]) for b in json.loads(body)["results"]["bindings"]]
        assert names == [("雷海潮", "zh-Hans"), ("马兴瑞", "zh-Hans")]
        status, media, body = execute(store, {"query": "SELECT ?name WHERE { ?p rdfs:label ?name }", "format": "csv",
                                              "default_graphs": [ARTICLE]})
        assert (status, media, body) == (200, "text/csv", b"name\r\n\xe9\x9b\xb7\xe6\xb5\xb7\xe6\xbd\xae\r\n")
        assert execute(store, {"query": "ASK {}", "default_graphs": ["not an IRI"]})[0] == 400
