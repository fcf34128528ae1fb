"""`kg export`: N-Quads, JSON-LD with a context, GraphML and GEXF of the entity network."""
from __future__ import annotations

import json
import subprocess

import networkx as nx
import rdflib

from kg.export import export
from kg.store import open_store


def test_nquads_parse_with_raptor(sample_build, tmp_path):
    out, summary, _ = sample_build
    target = export(open_store(out, read_only=True), tmp_path / "graph.nq")
    result = subprocess.run(["rapper", "-i", "nquads", "-c", str(target)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert f"returned {summary.quads} triples" in result.stderr


def test_jsonld_has_a_context_and_the_same_triples(sample_build, tmp_path):
    out, summary, _ = sample_build
    target = export(open_store(out, read_only=True), tmp_path / "graph.jsonld")
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["@context"]["nkg"] == "https://w3id.org/newskg/ontology#"
    assert '"@language": "zh-Hans"' in target.read_text(encoding="utf-8")
    graph = rdflib.Graph().parse(target, format="json-ld")
    assert len(graph) == summary.triples
    lei = rdflib.Literal("雷海潮", lang="zh-Hans")
    assert (None, rdflib.RDFS.label, lei) in graph


def test_entity_network_for_gephi(sample_build, tmp_path):
    out, _, _ = sample_build
    store = open_store(out, read_only=True)
    graphml = nx.read_graphml(export(store, tmp_path / "graph.graphml"))
    gexf = nx.read_gexf(export(store, tmp_path / "graph.gexf"))
    for network in (graphml, gexf):
        labels = {data["label"] for _, data in network.nodes(data=True)}
        assert {"雷海潮", "马兴瑞", "新疆维吾尔自治区", "乌鲁木齐市"} <= labels
        relations = {data["relation"] for _, _, data in network.edges(data=True)}
        assert {"leads", "sends", "sentTo", "visits", "containedInPlace"} <= relations
    assert graphml.number_of_nodes() == gexf.number_of_nodes() == 15


def test_unknown_format_is_refused(sample_build, tmp_path):
    out, _, _ = sample_build
    try:
        export(open_store(out, read_only=True), tmp_path / "graph.xyz")
    except ValueError as error:
        assert "unknown export format 'xyz'" in str(error)
    else:
        raise AssertionError("no error")
