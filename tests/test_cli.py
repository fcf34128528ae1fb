"""The command line as a user runs it: a real `kg` process on real files."""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys

import pytest

from kg.pipeline import sample_corpus


def kg(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True, text=True, cwd=cwd)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli")
    result = kg("build", "--out", out)
    assert result.returncode == 0, result.stderr
    return out, result


def test_build_prints_a_summary(built):
    _, result = built
    assert "articles read: 2, failed: 0" in result.stdout
    assert "translations linked: 1" in result.stdout
    assert "cases 14" in result.stdout


@pytest.mark.parametrize("verb", ["build", "query", "view", "stats"])
def test_every_verb_has_help(verb):
    result = kg(verb, "--help")
    assert result.returncode == 0
    assert "--store" in result.stdout or "--out" in result.stdout


def test_top_level_help_lists_verbs():
    result = kg("--help")
    assert result.returncode == 0
    for verb in ("build", "query", "view", "stats"):
        assert verb in result.stdout


def test_query_list_names_the_shipped_queries():
    result = kg("query", "--list")
    assert result.returncode == 0
    for name in ("officials", "leaders", "cases", "dispatches", "statements", "entity", "comentions", "sources"):
        assert name in result.stdout


def test_named_query_with_a_parameter_as_csv(built):
    out, _ = built
    result = kg("query", "cases", "--param", "place=海南", "--format", "csv", "--store", out)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert sorted((r["category"], r["value"]) for r in rows) == [
        ("local asymptomatic infections", "832"), ("local confirmed cases", "594")]
    assert {r["date"] for r in rows} == {"2022-08-12"}


def test_query_json_follows_the_sparql_results_format(built):
    out, _ = built
    result = kg("query", "SELECT ?p WHERE { ?p nkg:leads ?o }", "--format", "json", "--store", out)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["head"]["vars"] == ["p"]
    values = {b["p"]["value"] for b in data["results"]["bindings"]}
    assert len(values) == 2 and all(b["p"]["type"] == "uri" for b in data["results"]["bindings"])


def test_query_from_an_rq_file_as_tsv(built, tmp_path):
    out, _ = built
    query = tmp_path / "leaders.rq"
    query.write_text('SELECT ?label WHERE { ?p nkg:leads ?o ; rdfs:label ?label FILTER(langMatches(lang(?label), "zh-Hans")) } ORDER BY ?label')
    result = kg("query", query, "--format", "tsv", "--store", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["?label", '"雷海潮"@zh-Hans', '"马兴瑞"@zh-Hans']


def test_officials_table(built):
    out, _ = built
    result = kg("query", "officials", "--param", "person=雷海潮", "--store", out)
    assert result.returncode == 0, result.stderr
    assert "副主任" in result.stdout and "国家卫生健康委员会" in result.stdout


def test_bad_query_is_a_clear_error(built):
    out, _ = built
    result = kg("query", "SELECT ?x WHERE { ?x ", "--store", out)
    assert result.returncode == 2
    assert "SPARQL syntax error" in result.stderr
    result = kg("query", "officials", "--param", "nope=1", "--store", out)
    assert result.returncode == 2 and "has no parameter 'nope'" in result.stderr


def test_parameter_values_are_data_in_the_users_own_query(built, tmp_path):
    """A value holding another parameter's name, or SPARQL, stays one string literal."""
    out, _ = built
    query = tmp_path / "two.rq"
    query.write_text("SELECT ?q WHERE { ?q a schema:Quotation ; schema:text ?t FILTER(CONTAINS(?t, $a) && CONTAINS(?t, $b)) }")
    result = kg("query", query, "--param", "a=$b", "--param", "b=) || true || (", "--format", "json", "--store", out)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["results"]["bindings"] == []
    echo = tmp_path / "echo.rq"
    echo.write_text('SELECT ?a ?b ?c WHERE { BIND($a AS ?a) BIND($b AS ?b) BIND("$a stays" AS ?c) } # $b')
    result = kg("query", echo, "--param", "a=$b", "--param", 'b=") || true || ("\\', "--format", "json", "--store", out)
    assert result.returncode == 0, result.stderr
    row = json.loads(result.stdout)["results"]["bindings"][0]
    assert {name: cell["value"] for name, cell in row.items()} == {"a": "$b", "b": '") || true || ("\\', "c": "$a stays"}


def test_a_carriage_return_in_a_parameter_value(built, tmp_path):
    out, _ = built
    echo = tmp_path / "echo.rq"
    echo.write_text("SELECT ?v WHERE { BIND($v AS ?v) }")
    result = kg("query", echo, "--param", "v=first\r\nsecond\t\x01", "--format", "json", "--store", out)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["results"]["bindings"][0]["v"]["value"] == "first\r\nsecond\t\x01"


def test_named_query_parameter_cannot_widen_the_query(built):
    out, _ = built
    result = kg("query", "statements", "--param", 'person=") || true || ("', "--format", "csv", "--store", out)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 1  # the header line alone


def test_a_parameter_the_query_does_not_have_is_an_error(built):
    out, _ = built
    result = kg("query", "SELECT ?v WHERE { BIND($v AS ?v) }", "--param", "w=1", "--store", out)
    assert result.returncode == 2 and "the query has no $w" in result.stderr


def test_a_query_nested_too_deeply_is_a_clear_error(built):
    out, _ = built
    result = kg("query", "ASK { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }", "--store", out)
    assert result.returncode == 2
    assert "query too deeply nested: 5002 levels of brackets (at most 200)" in result.stderr


def test_a_long_chain_of_operators_is_answered(built):
    """50,000 negations: deeper recursion in the engine than a main thread's stack holds."""
    out, _ = built
    result = kg("query", "ASK { FILTER(" + "!" * 50000 + "true) }", "--store", out)
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout == "true\n"


def test_query_without_a_build_says_so(tmp_path):
    result = kg("query", "officials", "--store", tmp_path / "nothing")
    assert result.returncode == 2
    assert "no graph store" in result.stderr


def test_stats(built):
    out, _ = built
    result = kg("stats", "--format", "json", "--store", out)
    figures = json.loads(result.stdout)
    assert figures["articles"] == 2
    assert figures["case reports"] == 7
    assert figures["dispatches"] == 1
    assert figures["translations"] == 1


def test_view_focus_draws_the_neighbourhood(built, tmp_path):
    out, _ = built
    target = tmp_path / "lei.html"
    result = kg("view", "--focus", "雷海潮", "--depth", "1", "--store", out, "--output", target)
    assert result.returncode == 0, result.stderr
    html = target.read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', html, re.S).group(1))
    assert sorted(n["label"] for n in data["nodes"]) == ["国务院联防联控机制综合组赴新疆工作组", "国家卫生健康委员会", "雷海潮"]
    assert "马兴瑞" not in html
    missing = kg("view", "--focus", "不存在的人", "--store", out, "--output", target)
    assert missing.returncode == 2 and "no entity labelled" in missing.stderr


BAD_INPUTS = {
    "binary.txt": (b"\x00\x01\x02\xff\xfe" * 50, "binary file, not text"),
    "empty.txt": (b"", "empty file"),
    "broken.md": ("---\ntitle: [unclosed\ndate: 2025-11-01\n---\n正文内容。\n".encode(), "invalid YAML front matter"),
    "latin1.txt": (bytes(range(0x80, 0x100)) * 4, "unreadable encoding"),
}


def test_bad_input_is_reported_and_the_rest_is_built(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, (data, _) in BAD_INPUTS.items():
        (folder / name).write_bytes(data)
    shutil.copy(sample_corpus()[0], folder / "good.txt")
    missing = tmp_path / "missing.txt"
    result = kg("build", folder, missing, "--out", tmp_path / "out", "--no-viewer")
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == len(BAD_INPUTS) + 1, result.stderr
    for name, (_, reason) in BAD_INPUTS.items():
        assert any(name in line and reason in line for line in errors), (name, errors)
    assert any(str(missing) in line and "no such file or directory" in line for line in errors)
    assert "articles read: 1, failed: 5" in result.stdout
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert summary["articles"] == 1 and summary["failed"] == 5
    ttl = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert "雷海潮" in ttl


def test_a_failed_file_does_not_lose_what_an_earlier_build_extracted(tmp_path):
    out = tmp_path / "out"
    assert kg("build", sample_corpus()[0], "--out", out, "--no-viewer").returncode == 0
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    result = kg("build", bad, "--out", out, "--no-viewer")
    assert result.returncode == 1
    assert "雷海潮" in (out / "graph.ttl").read_text(encoding="utf-8")


def test_case_counts_as_a_terminal_chart(built):
    out, _ = built
    result = kg("query", "cases", "--param", "place=海南", "--chart", "--store", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "海南省 · local asymptomatic infections",
        "  2022-08-12 " + "█" * 40 + " 832",
        "海南省 · local confirmed cases",
        "  2022-08-12 " + "█" * 29 + " 594",
    ]


def test_build_help_lists_the_extractors_and_recognisers():
    result = kg("build", "--help")
    assert result.returncode == 0
    help_text = result.stdout.split("extractors (--extractors):\n")[1]
    assert help_text.splitlines() == [
        "  office       a person holds a post in a body or polity",
        "  leads        a person heads a body or polity",
        "  dispatch     a body sends a group, somewhere",
        "  visit        a person or body visits a place",
        "  meeting      two or more parties meet",
        "  statement    what a person or body said",
        "  cases        a count of cases a place reports, by category",
        "  source       a medium or body the article cites",
        "  appointment  a person is appointed to a post (facts: appointment, departure)",
        "recognisers (--ner): charcrf, lac, charcrf+lac, jieba, none",
    ]


def test_build_with_the_case_extractor_alone_gives_case_reports_alone(tmp_path):
    out = tmp_path / "out"
    result = kg("build", "--extractors", "cases", "--out", out, "--no-viewer")
    assert result.returncode == 0, result.stderr
    assert json.loads((out / "summary.json").read_text())["facts"] == {"cases": 14}
    kinds = kg("query", "SELECT DISTINCT ?kind WHERE { ?fact prov:wasDerivedFrom ?article ; a ?kind } ORDER BY ?kind",
               "--format", "csv", "--store", out)
    assert kinds.stdout.split() == ["kind", "https://w3id.org/newskg/ontology#CaseReport"]
    assert "nkg:leads" not in (out / "graph.ttl").read_text(encoding="utf-8")


@pytest.mark.parametrize("names, message", [
    ("cases,case", "unknown extractor 'case'"),
    ("visits,office,meetings", "unknown extractors 'visits', 'meetings'"),
    (",", "no extractor named"),
])
def test_an_unknown_extractor_is_refused_before_anything_is_built(tmp_path, names, message):
    result = kg("build", "--extractors", names, "--out", tmp_path / "out")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (f"kg build: error: argument --extractors: {message}; the extractors are "
                                              "office, leads, dispatch, visit, meeting, statement, cases, source, appointment")
    assert not (tmp_path / "out").exists()
