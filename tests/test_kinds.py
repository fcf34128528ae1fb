"""The registry of fact kinds (kg/kinds.py): what each entry names exists where the rest
of kg looks for it, and each extractor makes the kinds it is registered for."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import Namespace

from kg import evaluate, viewer
from kg.analyse import analyse
from kg.kinds import EXTRACTORS, KINDS, extract_all, extractor_names
from kg.pipeline import sample_corpus
from kg.read import read_file
from kg.vocab import NKG, NKG_TERMS, PREFIXES

ROOT = Path(__file__).resolve().parents[1]
SH = Namespace("http://www.w3.org/ns/shacl#")


def test_the_kinds_in_the_order_the_build_runs_them_and_eval_lists_them():
    assert list(KINDS) == ["office", "leads", "dispatch", "visit", "meeting", "statement", "cases", "source",
                           "appointment", "departure"]
    assert evaluate.FACT_KINDS == tuple(KINDS)
    assert list(EXTRACTORS) == list(KINDS)[:-1]  # a departure is made by the appointment extractor
    assert KINDS["departure"].extractor == "appointment"


def test_extractors_are_chosen_by_name_in_the_build_order():
    assert extractor_names(None) == list(EXTRACTORS)
    assert extractor_names(["statement", "office"]) == ["office", "statement"]
    with pytest.raises(ValueError, match="unknown extractor 'departure'"):
        extractor_names(["departure"])


def test_every_term_of_a_kind_is_declared_and_every_node_class_has_a_shape():
    properties = set(NKG_TERMS["object_properties"]) | set(NKG_TERMS["datatype_properties"])
    shapes = Graph().parse(ROOT / "ontology" / "shapes.ttl")
    targets = set(shapes.objects(None, SH.targetClass))
    for kind in KINDS.values():
        assert set(kind.properties) | set(kind.edges) <= properties, kind.name
        if kind.node_class:
            prefix, local = kind.node_class.split(":")
            assert Namespace(PREFIXES[prefix])[local] in targets, kind.name


def test_every_edge_of_a_kind_has_a_label_and_the_viewer_draws_it():
    relations = json.loads((ROOT / "kg" / "resources" / "viewer_style.json").read_text(encoding="utf-8"))["relations"]
    edges = {edge for kind in KINDS.values() for edge in kind.edges}
    assert edges == {"leads", "sends", "sentTo", "visits", "meets"}
    for edge in edges:
        assert relations[edge]["label"]
        assert viewer._DIRECT[NKG[edge]] == edge
    assert viewer._SYMMETRIC == {"meets"}


@pytest.fixture(scope="module")
def sample_docs():
    return [analyse(read_file(path)[0]) for path in sample_corpus()]


def test_each_extractor_makes_its_own_kinds_and_all_of_them_make_the_whole(sample_docs):
    for doc in sample_docs:
        whole = Counter(f.kind for f in extract_all(doc))
        by_name = Counter()
        for name in EXTRACTORS:
            made = Counter(f.kind for f in extract_all(doc, [name]))
            assert set(made) <= {k.name for k in KINDS.values() if k.extractor == name}, (doc.language, name)
            by_name.update(made)
        assert by_name == whole
    chinese, english = sample_docs
    assert (chinese.language, english.language) == ("zh-Hans", "en")
    assert Counter(f.kind for f in extract_all(chinese, ["leads", "cases"])) == {"cases": 7, "leads": 2}
    # the English offices make office and leads facts in one run: leads alone keeps its own
    assert Counter(f.kind for f in extract_all(english, ["leads", "cases"])) == {"cases": 7, "leads": 1}
    assert Counter(f.kind for f in extract_all(english, ["office"])) == {"office": 3}
