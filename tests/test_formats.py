"""One registry of export formats and one of query result formats: what `kg export`,
`kg query` and `kg serve` offer, list and write comes from them."""
from __future__ import annotations

import subprocess
import sys

import pyoxigraph as ox
import pytest

from kg.export import EXPORT_FORMATS, export
from kg.query import RESULT_FORMATS, render, result_formats
from kg.serve import choose_format, execute
from kg.store import MEMORY, open_store

ARTICLE = "https://example.org/article/1"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SELECT = "SELECT ?name WHERE { ?p rdfs:label ?name }"
CONSTRUCT = "CONSTRUCT { ?p rdfs:label ?name } WHERE { ?p rdfs:label ?name }"


def kg(*args) -> str:
    result = subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture()
def store():
    store = open_store(MEMORY)
    node = ox.NamedNode(ARTICLE)
    store.replace_graph(ARTICLE, [ox.Quad(ox.NamedNode("https://example.org/p/1"), ox.NamedNode(LABEL),
                                          ox.Literal("雷海潮", language="zh-Hans"), node)])
    return store


def test_query_help_lists_the_result_formats():
    text = kg("query", "--help")
    assert "--format {table,json,xml,csv,tsv}" in text
    assert "  table  aligned columns, for reading in a terminal (text/plain)\n" in text
    assert "  json   SPARQL 1.1 Query Results JSON (application/sparql-results+json)\n" in text
    assert "  tsv    SPARQL 1.1 Query Results TSV (text/tab-separated-values)\n" in text
    assert "turtle" not in text  # a graph's formats are the endpoint's


def test_export_help_lists_the_export_formats():
    text = kg("export", "--help")
    assert "[{ttl,trig,nq,nt,jsonld,graphml,gexf}]" in text
    assert "  trig     TriG: a named graph per article (application/trig)\n" in text
    assert "  gexf     GEXF: the entity network, for Gephi (application/gexf+xml)\n" in text
    assert [line.split()[0] for line in text.split("formats:\n")[1].splitlines()] == list(EXPORT_FORMATS)


def test_the_command_line_and_the_endpoint_write_results_alike(store):
    for chosen in result_formats("results", served=True):
        status, media, body = execute(store, {"query": SELECT, "format": chosen.name})
        assert (status, media) == (200, chosen.media_type)
        assert render(store.query(SELECT), chosen.name).encode("utf-8") == body
    assert render(store.query(SELECT), "csv") == "name\r\n雷海潮\r\n"
    assert '"xml:lang":"zh-Hans"' in render(store.query(SELECT), "json")  # Oxigraph writes zh-hans
    assert execute(store, {"query": CONSTRUCT})[1:] == ("text/turtle", render(store.query(CONSTRUCT), "table").encode())
    assert execute(store, {"query": CONSTRUCT, "format": "jsonld"})[2] == render(store.query(CONSTRUCT), "json").encode()
    turtle = render(store.query(CONSTRUCT), "table").splitlines()
    assert "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> ." in turtle  # the project's prefixes
    assert turtle[-1] == '<https://example.org/p/1> rdfs:label "雷海潮"@zh-Hans .'


def test_the_endpoint_offers_the_served_formats_by_name_and_media_type():
    for kind in ("results", "graph"):
        for chosen in result_formats(kind, served=True):
            assert choose_format(kind, chosen.media_type) == chosen.media_type
            for name in (chosen.name, *chosen.names, *chosen.aliases):
                assert choose_format(kind, None, name) == chosen.media_type
    assert [f.name for f in result_formats("graph", served=True)] == ["turtle", "jsonld", "nt", "rdfxml"]
    assert not RESULT_FORMATS["table"].served
    with pytest.raises(ValueError, match="does not apply to a SELECT or ASK query: use one of csv, json, tsv, xml"):
        choose_format("results", None, "table")


def test_an_export_is_chosen_by_name_or_by_the_extension_of_its_file(store, tmp_path):
    assert export(store, tmp_path / "graph.nt").read_text(encoding="utf-8") == (
        '<https://example.org/p/1> <http://www.w3.org/2000/01/rdf-schema#label> "雷海潮"@zh-Hans .\n')
    assert export(store, tmp_path / "graph.txt", "nq").read_text(encoding="utf-8") == (
        f'<https://example.org/p/1> <{LABEL}> "雷海潮"@zh-Hans <{ARTICLE}> .\n')
    with pytest.raises(ValueError, match="unknown export format 'txt': use one of ttl, trig, nq, nt, jsonld, graphml, gexf"):
        export(store, tmp_path / "graph.txt")
