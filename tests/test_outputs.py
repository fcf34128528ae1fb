"""Exports, store and determinism: what a build writes, checked by independent tools."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pyshacl
import rdflib

from kg.pipeline import build, sample_corpus

ROOT = Path(__file__).resolve().parent.parent


def test_build_writes_the_promised_files(sample_build):
    out, _, _ = sample_build
    for name in ("graph.ttl", "graph.trig", "graph.html", "summary.json", "store"):
        assert (out / name).exists(), name
    assert not list(out.glob(".*.part")), "a temporary file was left behind"


def test_turtle_and_trig_parse_with_raptor(sample_build):
    out, summary, _ = sample_build
    ttl = subprocess.run(["rapper", "-i", "turtle", "-c", str(out / "graph.ttl")], capture_output=True, text=True)
    assert ttl.returncode == 0, ttl.stderr
    assert f"returned {summary.triples} triples" in ttl.stderr
    trig = subprocess.run(["rapper", "-i", "trig", "-c", str(out / "graph.trig")], capture_output=True, text=True)
    assert trig.returncode == 0, trig.stderr
    assert f"returned {summary.quads} triples" in trig.stderr


def test_trig_holds_one_named_graph_per_article(sample_build):
    out, _, _ = sample_build
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(out / "graph.trig", format="trig")
    graphs = {str(g.identifier) for g in dataset.graphs() if len(g)}
    articles = {str(a) for a in dataset.subjects(rdflib.RDF.type, rdflib.URIRef("https://schema.org/NewsArticle"))}
    assert len(articles) == 2
    assert articles <= graphs


def test_built_graph_conforms_to_the_shapes(sample_build):
    out, _, _ = sample_build
    data = rdflib.Graph().parse(out / "graph.ttl")
    shapes = rdflib.Graph().parse(ROOT / "ontology" / "shapes.ttl")
    conforms, _, report = pyshacl.validate(data, shacl_graph=shapes)
    assert conforms, report


def test_every_nkg_term_in_the_graph_is_declared_in_the_ontology(sample_build):
    out, _, _ = sample_build
    data = rdflib.Graph().parse(out / "graph.ttl")
    ontology = rdflib.Graph().parse(ROOT / "ontology" / "newskg.ttl")
    declared = set(ontology.subjects())
    nkg = "https://w3id.org/newskg/ontology#"
    used = {t for triple in data for t in triple if isinstance(t, rdflib.URIRef) and str(t).startswith(nkg)}
    assert used and used <= declared, used - declared


def test_building_twice_changes_nothing(tmp_path):
    first, _ = build(sample_corpus(), tmp_path / "a")
    _.close()
    before = {name: (tmp_path / "a" / name).read_bytes() for name in ("graph.ttl", "graph.trig", "graph.html")}
    second, store = build(sample_corpus(), tmp_path / "a")
    quads = len(store)
    store.close()
    after = {name: (tmp_path / "a" / name).read_bytes() for name in before}
    assert before == after
    assert quads == first.quads == second.quads


def test_building_more_articles_adds_to_the_store(tmp_path):
    zh, en = sample_corpus()
    one, store = build([zh], tmp_path / "out")
    store.close()
    both, store = build([en], tmp_path / "out")
    graphs = store.graphs()
    store.close()
    assert one.graphs == 1 and both.graphs == 2 == len(graphs)
    assert both.quads > one.quads


def test_memory_store_writes_exports_without_a_store_folder(tmp_path):
    summary, store = build(sample_corpus(), tmp_path, memory=True, viewer=False)
    assert summary.articles == 2
    assert (tmp_path / "graph.ttl").exists()
    assert not (tmp_path / "store").exists()


def test_viewer_page_is_self_contained(sample_build):
    out, _, _ = sample_build
    html = (out / "graph.html").read_text(encoding="utf-8")
    assert "<script src=" not in html and "<link " not in html
    assert "雷海潮" in html and "leads" in html
    assert "工作组组长、中国卫生健康委副主任雷海潮指出" in html


def test_entity_iris_do_not_depend_on_where_the_input_lies(tmp_path):
    moved = tmp_path / "elsewhere"
    moved.mkdir()
    for path in sample_corpus():
        shutil.copy(path, moved / path.name)
    summary, store = build([moved], tmp_path / "out", viewer=False)
    store.close()
    original = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert "person/lei-hai-chao-" in original and summary.articles == 2


def test_an_export_killed_midway_leaves_the_previous_file_whole(tmp_path, monkeypatch):
    from kg import export

    summary, store = build(sample_corpus(), tmp_path, viewer=False)
    before = (tmp_path / "graph.ttl").read_bytes()

    def dies_halfway(items, path, *args, **kwargs):
        with open(path, "wb") as fh:
            fh.write(b"@prefix nkg: <https://w3id.org/newskg/ontology#> .\n<https://w3id.org/newskg/id/")
        raise KeyboardInterrupt

    monkeypatch.setattr(export.ox, "serialize", dies_halfway)
    try:
        export.export(store, tmp_path / "graph.ttl")
    except KeyboardInterrupt:
        pass
    store.close()
    assert (tmp_path / "graph.ttl").read_bytes() == before
    assert not list(tmp_path.glob(".*.part"))
