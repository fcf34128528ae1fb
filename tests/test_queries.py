"""The named queries that read the summaries a build keeps: the rows they give on the
sample, the same rows as the queries that joined every fact (kept in
tests/fixtures/direct-queries), pages that follow each other, and summaries that follow
a build replacing an article."""
from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from kg import sparql
from kg.pipeline import build, sample_corpus
from kg.query import QueryError, resolve_query, run
from kg.store import SUMMARY_BASE, open_store
from kg.summaries import SUMMARIES

DIRECT = Path(__file__).parent / "fixtures" / "direct-queries"
KOIKE = Path(__file__).parent / "fixtures" / "determinism" / "two-koike.md"
ALL = {"limit": "1000000"}


def rows(store, name: str, params: dict | None = None) -> list[tuple]:
    result = run(store, resolve_query(name, params or {}))
    columns = [v.value for v in result.variables]
    return [tuple(None if s[c] is None else s[c].value for c in columns) for s in result]


def direct_rows(store, name: str, params: dict | None = None) -> list[tuple]:
    """The rows of the query as shipped before the summaries: every fact joined to its labels."""
    text = (DIRECT / f"{name}.rq").read_text(encoding="utf-8")
    wanted = {token[1:] for kind, token in sparql.tokens(text) if kind == "variable" and token[0] == "$"}
    result = store.query(sparql.bind(text, {p: (params or {}).get(p, "") for p in wanted}))
    columns = [v.value for v in result.variables]
    return [tuple(None if s[c] is None else s[c].value for c in columns) for s in result]


@pytest.fixture(scope="module")
def store(sample_build):
    return sample_build[2]


def test_officials_on_the_sample(store):
    officials = rows(store, "officials")
    assert len(officials) == 7
    assert [r[:4] for r in rows(store, "officials", {"org": "工作组"})] == [
        ("雷海潮", "组长", "国务院联防联控机制综合组赴新疆工作组", "2022-08-12"),
        ("雷海潮", "组长", "国务院联防联控机制综合组赴新疆工作组", "2022-08-12"),
    ]
    assert {r[0] for r in rows(store, "officials", {"person": "马兴瑞"})} == {"马兴瑞"}
    assert rows(store, "officials", {"org": "工作组", "person": "马兴瑞"}) == []


def test_leaders_statements_and_sources_on_the_sample(store):
    assert [(r[1], r[3], r[4]) for r in rows(store, "leaders", {"org": "领导小组"})] == [
        ("马兴瑞", "新疆维吾尔自治区冠病疫情防控工作领导小组", "组长")]
    said = rows(store, "statements", {"person": "雷海潮"})
    assert {r[1] for r in said} == {"雷海潮"} and {r[0] for r in said} == {"2022-08-12", "2022-08-13"}
    assert [r[0] for r in said] == sorted(r[0] for r in said)  # by date first
    assert {r[1] for r in rows(store, "statements", {"person": "Lei"})} == {"Lei Haichao"}
    assert len(rows(store, "statements")) == 24
    sources = rows(store, "sources", {"text": "1359例"})
    assert {r[1].rsplit("#", 1)[1] for r in sources} == {"CaseReport"}
    assert "本土无症状感染者1359例，包括海南832例，新疆334例。" in {r[4] for r in sources}


def test_entity_and_holders_on_the_sample(store):
    about = rows(store, "entity", {"name": "Lei Haichao"})
    assert {r[0].rsplit("/", 1)[1] for r in about} == {"lei-hai-chao-fa5ac1"}
    assert ("out", "http://www.w3.org/2000/01/rdf-schema#label", "雷海潮") in {r[1:] for r in about}
    assert about == rows(store, "entity", {"name": "雷海潮"})
    assert [r[:6] for r in rows(store, "holders", {"day": "2022-08-12"})] == [
        ("雷海潮", "组长", "国务院联防联控机制综合组赴新疆工作组", "", "", "2022-08-12"),
        ("雷海潮", "副主任", "国家卫生健康委员会", "", "", "2022-08-12"),
    ]


def test_comentions_on_the_sample(store):
    pairs = rows(store, "comentions")
    assert len(pairs) == 100
    assert pairs[0] == ("中华人民共和国国务院", "中国", "2")
    assert [int(r[2]) for r in pairs] == sorted((int(r[2]) for r in pairs), reverse=True)


@pytest.mark.parametrize("name, params", [
    ("officials", {}), ("officials", {"org": "卫生"}), ("officials", {"person": "雷"}), ("officials", {"org": "部", "person": "雷"}),
    ("leaders", {}), ("leaders", {"org": "工作组"}),
    ("statements", {}), ("statements", {"person": "Lei"}),
    ("sources", {}), ("sources", {"text": "新疆"}), ("sources", {"text": "no such text"}),
    ("entity", {"name": "雷海潮"}), ("entity", {"name": "Lei Haichao"}), ("entity", {"name": "新疆"}), ("entity", {"name": "无此人"}),
    ("holders", {"day": "2022-08-12"}), ("holders", {"day": "2022-08-13", "org": "领导小组"}), ("holders", {"day": "2030-01-01"}),
    ("holders", {"day": "not a day"}),
])
def test_the_rows_are_those_of_the_queries_that_joined_every_fact(store, name, params):
    paged = name not in ("entity", "holders")
    given = rows(store, name, {**params, **ALL} if paged else params)
    assert Counter(given) == Counter(direct_rows(store, name, params))
    if not paged:
        assert given == direct_rows(store, name, params)  # in the same order too


def test_comentions_count_as_the_query_that_joined_every_fact(store):
    given, direct = rows(store, "comentions"), direct_rows(store, "comentions")
    assert [r[2] for r in given] == [r[2] for r in direct]
    above_the_cut = {r for r in direct if r[2] != direct[-1][2]}
    assert above_the_cut and above_the_cut <= set(given)


@pytest.mark.parametrize("name", ["officials", "statements", "sources", "comentions"])
def test_pages_follow_each_other_without_overlap(store, name):
    everything = rows(store, name, ALL)
    pages = [rows(store, name, {"limit": "3", "offset": str(offset)}) for offset in range(0, len(everything) + 3, 3)]
    assert all(len(page) == 3 for page in pages[:len(everything) // 3])
    assert [row for page in pages for row in page] == everything
    assert pages[-1] == [] or len(everything) % 3


def test_default_page_sizes(store):
    assert len(rows(store, "comentions")) == 100  # its default, as before
    assert len(rows(store, "sources", {"limit": "0"})) == 0
    for bad in ("-1", "ten", "1.5"):
        with pytest.raises(QueryError, match="whole number"):
            resolve_query("officials", {"limit": bad})


def test_summaries_are_outside_the_article_graphs_and_the_merged_graph(store):
    assert not any(g.startswith(SUMMARY_BASE) for g in store.graphs())
    assert not any(q.graph_name.value.startswith(SUMMARY_BASE) for q in store.quads())
    assert not bool(store.query("ASK { ?row nkg:rank ?n }"))
    for summary in SUMMARIES.values():
        assert bool(store.query(f"ASK {{ GRAPH <{summary.graph}> {{ ?row a nkg:ResultRow ; nkg:rank 0 }} }}"))


def test_the_summaries_follow_a_build_that_replaces_an_article(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(sample_corpus()[0], folder / "seed.txt")
    shutil.copy(KOIKE, folder / "koike.md")
    out = tmp_path / "out"
    _, store = build([folder], out, jobs=1, progress=False, report=lambda line: None)
    assert any("快三倍" in r[2] for r in rows(store, "statements", ALL))
    store.close()
    koike = folder / "koike.md"
    koike.write_text(koike.read_text(encoding="utf-8").replace("快三倍", "快两倍"), encoding="utf-8")

    summary, store = build([folder], out, jobs=1, progress=False, report=lambda line: None)
    assert (summary.articles, summary.unchanged) == (1, 1)
    said = rows(store, "statements", ALL)
    assert any("快两倍" in r[2] for r in said) and not any("快三倍" in r[2] for r in said)
    assert not rows(store, "sources", {"text": "快三倍"}) and rows(store, "sources", {"text": "快两倍"})
    _, fresh = build([folder], tmp_path / "fresh", jobs=1, progress=False, report=lambda line: None)
    for name in SUMMARIES:
        params = {"name": "小池敦义"} if name == "entity" else ALL
        assert rows(store, name, params) and rows(store, name, params) == rows(fresh, name, params)
    store.close()
    fresh.close()


def test_a_store_without_summaries_gets_them_from_a_build_that_reads_nothing(tmp_path):
    out = tmp_path / "out"
    _, store = build(sample_corpus(), out, progress=False, report=lambda line: None)
    expected = rows(store, "officials")
    for summary in SUMMARIES.values():
        store.replace_summary(summary.graph, [])
    assert rows(store, "officials") == []
    store.close()
    summary, store = build(sample_corpus(), out, progress=False, report=lambda line: None)
    assert summary.articles == 0 and rows(store, "officials") == expected
    store.close()
    assert rows(open_store(out, read_only=True), "officials") == expected
