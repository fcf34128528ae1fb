"""The Python API: plain functions, each callable any number of times."""
from __future__ import annotations

import rdflib

import kg
from kg.pipeline import sample_corpus

LEADERS = 'SELECT ?label WHERE { ?p nkg:leads ?o ; rdfs:label ?label FILTER(langMatches(lang(?label), "zh-Hans")) } ORDER BY ?label'


def test_every_function_works_twice(tmp_path):
    out = tmp_path / "exports"
    first = kg.build(sample_corpus(), out=out)
    second = kg.build(sample_corpus(), out=out)
    assert isinstance(first, rdflib.Dataset) and isinstance(second, rdflib.Dataset)
    assert len(first) == len(second) > 0  # the whole store, each time
    assert (first.summary.articles, first.summary.unchanged) == (2, 0)
    assert (second.summary.articles, second.summary.unchanged) == (0, 2)  # unchanged files are not read again

    for _ in range(2):
        rows = kg.query(LEADERS, store=out)
        assert [row["label"] for row in rows] == ["雷海潮", "马兴瑞"]
        rows = kg.query("officials", store=out, params={"person": "雷海潮"})
        assert {row["role"] for row in rows} >= {"副主任"}
        assert kg.query("ASK { ?p nkg:leads ?o }", store=out, format="json") == '{"head":{},"boolean":true}\n'

    figures = [kg.stats(store=out) for _ in range(2)]
    assert figures[0] == figures[1]
    assert figures[0]["articles"] == 2 and figures[0]["case reports"] == 7

    assert [kg.view(store=out) for _ in range(2)] == [out / "graph.html"] * 2
    assert callable(kg.query) and callable(kg.stats) and callable(kg.view) and callable(kg.build)


def test_view_with_a_focus_writes_where_the_command_line_does(tmp_path):
    out = tmp_path / "exports"
    kg.build(sample_corpus(), out=out, viewer=False)
    path = kg.view(store=out, focus="雷海潮", depth=1)
    assert path == out / "view-雷海潮.html"
    assert "雷海潮" in path.read_text(encoding="utf-8")
    assert not (out / "graph.html").exists()
    assert kg.view(store=out, focus="雷海潮", output=tmp_path / "lei.html") == tmp_path / "lei.html"


def test_parameter_values_are_data_in_the_python_api(tmp_path):
    out = tmp_path / "exports"
    kg.build(sample_corpus(), out=out, viewer=False)
    value = 'a"\r\n\x00\\ $b ) || true || ('
    rows = kg.query("SELECT ?a ?b WHERE { BIND($a AS ?a) BIND($b AS ?b) }", store=out, params={"a": value, "b": "$a"})
    assert rows == [{"a": value, "b": "$a"}]
