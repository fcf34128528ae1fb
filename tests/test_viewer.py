"""The HTML viewer: entity network, selection, and a safe, offline, deterministic page."""
from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import esprima
import networkx as nx
import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser
from rdflib import Dataset, Graph, Literal, Namespace
from rdflib.namespace import ORG, PROV, RDF, RDFS, SKOS, XSD

from kg.vocab import NKG, SCHEMA
from kg.viewer import (_count_line, _search_names, communities, entity_network, layout,
                       render_html, select, write_viewer)

ROOT = Path(__file__).resolve().parent.parent
ID = Namespace("https://w3id.org/newskg/id/")

LEI = ID["person/lei-haichao"]
MA = ID["person/ma-xingrui"]
NHC = ID["org/nhc"]
COMPREHENSIVE = ID["org/comprehensive-group"]
WG = ID["org/working-group"]
WHO = ID["org/who"]
XINJIANG = ID["place/xinjiang"]
URUMQI = ID["place/urumqi"]
HAINAN = ID["place/hainan"]
ART1 = ID["article/a1"]
ART2 = ID["article/a2"]

EVIDENCE_LEADS = "国家卫生健康委员会副主任雷海潮带领工作组于8月12日抵达乌鲁木齐。"
EVIDENCE_HOLDS = "国家卫健委副主任雷海潮指出，要坚决遏制疫情扩散蔓延势头。"
EVIDENCE_DISPATCH = "国务院联防联控机制综合组派出工作组赴新疆指导疫情防控工作。"
EVIL_HEADLINE = "<script>alert(1)</script> 马兴瑞会见世卫组织代表"
EVIL_EVIDENCE = '<img src=x onerror=alert(1)>马兴瑞会见世卫组织代表 "quoted" & more'
EVIL_QUOTE = "</script><script>alert(2)</script>"


def d(text: str) -> Literal:
    return Literal(text, datatype=XSD.date)


def zh(text: str) -> Literal:
    return Literal(text, lang="zh-Hans")


def en(text: str) -> Literal:
    return Literal(text, lang="en")


def triples() -> list[tuple]:
    t: list[tuple] = []
    add = lambda *xs: t.append(xs)  # noqa: E731

    # articles
    add(ART1, RDF.type, SCHEMA.NewsArticle)
    add(ART1, SCHEMA.headline, zh("国家卫健委工作组抵达新疆"))
    add(ART1, SCHEMA.url, Literal("https://example.org/news/1"))
    add(ART1, SCHEMA.datePublished, d("2022-08-13"))
    add(ART2, RDF.type, SCHEMA.NewsArticle)
    add(ART2, SCHEMA.headline, zh(EVIL_HEADLINE))
    add(ART2, SCHEMA.url, Literal("javascript:alert(3)"))
    add(ART2, SCHEMA.datePublished, d("2022-08-14"))

    # entities
    for e, cls in [(LEI, SCHEMA.Person), (MA, SCHEMA.Person),
                   (NHC, SCHEMA.Organization), (NHC, SCHEMA.GovernmentOrganization),
                   (COMPREHENSIVE, SCHEMA.GovernmentOrganization), (WG, NKG.WorkingGroup),
                   (WHO, SCHEMA.Organization), (XINJIANG, SCHEMA.AdministrativeArea),
                   (URUMQI, SCHEMA.AdministrativeArea), (HAINAN, SCHEMA.AdministrativeArea)]:
        add(e, RDF.type, cls)
    add(LEI, RDFS.label, zh("雷海潮"))
    add(LEI, RDFS.label, Literal("雷海潮", lang="zh-Hant"))
    add(LEI, RDFS.label, en("Lei Haichao"))
    add(MA, RDFS.label, zh("马兴瑞"))
    add(MA, RDFS.label, Literal("馬興瑞", lang="zh-Hant"))
    add(NHC, RDFS.label, zh("国家卫生健康委员会"))
    add(NHC, RDFS.label, en("National Health Commission"))
    add(NHC, SKOS.altLabel, zh("卫健委"))
    add(NHC, SKOS.altLabel, zh("中国卫健委"))
    add(COMPREHENSIVE, RDFS.label, zh("国务院联防联控机制综合组"))
    add(WG, RDFS.label, zh("工作组"))
    add(WHO, RDFS.label, en("World Health Organization"))
    add(WHO, SKOS.altLabel, en("<b>WHO</b>"))
    add(XINJIANG, RDFS.label, zh("新疆"))
    add(XINJIANG, RDFS.label, en("Xinjiang"))
    add(URUMQI, RDFS.label, zh("乌鲁木齐"))
    add(URUMQI, RDFS.label, en("Urumqi"))
    add(HAINAN, RDFS.label, zh("海南"))
    for e in (LEI, NHC, WG, COMPREHENSIVE, XINJIANG, URUMQI, HAINAN):
        add(ART1, SCHEMA.mentions, e)
    for e in (MA, WHO):
        add(ART2, SCHEMA.mentions, e)

    # 雷海潮 leads the working group (membership as 组长)
    add(LEI, NKG.leads, WG)
    m1 = ID["membership/lei-wg"]
    add(m1, RDF.type, ORG.Membership)
    add(m1, ORG.member, LEI)
    add(m1, ORG.organization, WG)
    add(m1, ORG.role, ID["role/leader"])
    add(m1, NKG.attestedOn, d("2022-08-12"))
    add(m1, PROV.wasDerivedFrom, ART1)
    add(m1, NKG.evidence, zh(EVIDENCE_LEADS))
    add(ID["role/leader"], SKOS.prefLabel, zh("组长"))

    # 雷海潮 holds 副主任 in the health commission
    post = ID["post/nhc-deputy-director"]
    role = ID["role/deputy-director"]
    add(LEI, ORG.holds, post)
    add(post, ORG.postIn, NHC)
    add(post, ORG.role, role)
    add(post, RDFS.label, zh("国家卫生健康委员会副主任"))
    add(role, RDF.type, SKOS.Concept)
    add(role, SKOS.prefLabel, zh("副主任"))
    add(role, SKOS.prefLabel, en("deputy director"))
    m2 = ID["membership/lei-nhc"]
    add(m2, RDF.type, ORG.Membership)
    add(m2, ORG.member, LEI)
    add(m2, ORG.organization, NHC)
    add(m2, ORG.role, role)
    add(m2, NKG.attestedOn, d("2022-08-12"))
    add(m2, PROV.wasDerivedFrom, ART1)
    add(m2, NKG.evidence, zh(EVIDENCE_HOLDS))

    # the comprehensive group sends the working group to 新疆; it arrives in 乌鲁木齐
    add(COMPREHENSIVE, NKG.sends, WG)
    add(WG, NKG.sentTo, XINJIANG)
    dispatch = ID["dispatch/1"]
    add(dispatch, RDF.type, NKG.Dispatch)
    add(dispatch, NKG.sender, COMPREHENSIVE)
    add(dispatch, NKG.dispatched, WG)
    add(dispatch, NKG.destination, XINJIANG)
    add(dispatch, SCHEMA.startDate, d("2022-08-12"))
    add(dispatch, PROV.wasDerivedFrom, ART1)
    add(dispatch, NKG.evidence, zh(EVIDENCE_DISPATCH))
    add(WG, NKG.visits, URUMQI)
    visit = ID["visit/1"]
    add(visit, RDF.type, NKG.Visit)
    add(visit, SCHEMA.attendee, WG)
    add(visit, SCHEMA.location, URUMQI)
    add(visit, SCHEMA.startDate, d("2022-08-12"))
    add(visit, PROV.wasDerivedFrom, ART1)
    add(visit, NKG.evidence, zh(EVIDENCE_LEADS))

    # places
    add(URUMQI, SCHEMA.containedInPlace, XINJIANG)

    # a case report on 海南, announced by the health commission
    report = ID["casereport/hainan-local-confirmed"]
    add(HAINAN, NKG.reports, report)
    add(report, RDF.type, NKG.CaseReport)
    add(report, SCHEMA.observationAbout, HAINAN)
    add(report, NKG.caseCategory, ID["category/LocalConfirmed"])
    add(ID["category/LocalConfirmed"], SKOS.prefLabel, zh("本土确诊病例"))
    add(report, SCHEMA.value, Literal(594))
    add(report, SCHEMA.observationDate, d("2022-08-12"))
    add(report, NKG.reportedBy, NHC)
    add(report, PROV.wasDerivedFrom, ART1)
    add(report, NKG.evidence, zh("本土确诊病例646例，其中海南594例。"))

    # a statement by 雷海潮
    quote = ID["quotation/lei-1"]
    add(quote, RDF.type, SCHEMA.Quotation)
    add(quote, SCHEMA.creator, LEI)
    add(quote, SCHEMA.text, zh("要坚决遏制疫情扩散蔓延势头。"))
    add(quote, PROV.wasDerivedFrom, ART1)
    add(quote, NKG.evidence, zh(EVIDENCE_HOLDS))

    # from an article whose text tries to inject markup: 马兴瑞 meets the WHO
    add(MA, NKG.meets, WHO)
    add(WHO, NKG.meets, MA)
    meeting = ID["meeting/1"]
    add(meeting, RDF.type, NKG.Meeting)
    add(meeting, SCHEMA.attendee, MA)
    add(meeting, SCHEMA.attendee, WHO)
    add(meeting, SCHEMA.startDate, d("2022-08-14"))
    add(meeting, PROV.wasDerivedFrom, ART2)
    add(meeting, NKG.evidence, zh(EVIL_EVIDENCE))
    evil_quote = ID["quotation/ma-1"]
    add(evil_quote, RDF.type, SCHEMA.Quotation)
    add(evil_quote, SCHEMA.creator, MA)
    add(evil_quote, SCHEMA.text, zh(EVIL_QUOTE))
    add(evil_quote, PROV.wasDerivedFrom, ART2)
    add(evil_quote, NKG.evidence, zh(EVIL_EVIDENCE))
    return t


def build(reverse: bool = False) -> Graph:
    g = Graph()
    for t in (reversed(triples()) if reverse else triples()):
        g.add(t)
    return g


@pytest.fixture(scope="module")
def graph() -> Graph:
    return build()


@pytest.fixture(scope="module")
def network(graph):
    return entity_network(graph)


def edge_set(net):
    return {(u, v, data["relation"], data["label"]) for u, v, data in net.edges(data=True)}


ALL = {str(e) for e in (LEI, MA, NHC, COMPREHENSIVE, WG, WHO, XINJIANG, URUMQI, HAINAN)}


# ---------------------------------------------------------------- entity_network


def test_nodes_and_labels(network):
    assert set(network.nodes) == ALL
    lei = network.nodes[str(LEI)]
    assert lei["label"] == "雷海潮"
    assert ("Lei Haichao", "en") in lei["labels"]
    assert lei["type"] == "Person" and lei["family"] == "person"
    assert network.nodes[str(MA)]["label"] == "马兴瑞"  # zh-Hans before zh-Hant
    assert network.nodes[str(WHO)]["label"] == "World Health Organization"
    assert network.nodes[str(NHC)]["type"] == "GovernmentOrganization"
    assert network.nodes[str(NHC)]["family"] == "org"
    assert ("卫健委", "zh-Hans") in network.nodes[str(NHC)]["alt_labels"]
    assert network.nodes[str(WG)]["type"] == "WorkingGroup"
    assert network.nodes[str(XINJIANG)]["family"] == "place"
    assert network.nodes[str(WG)]["degree"] == 4
    assert network.nodes[str(LEI)]["mentions"] == 1


def test_edges_and_relation_labels(network):
    meets = tuple(sorted((str(MA), str(WHO))))
    assert edge_set(network) == {
        (str(LEI), str(WG), "leads", "leads"),
        (str(LEI), str(NHC), "holds", "holds 副主任"),
        (str(COMPREHENSIVE), str(WG), "sends", "sends"),
        (str(WG), str(XINJIANG), "sentTo", "sent to"),
        (str(WG), str(URUMQI), "visits", "visits"),
        (str(URUMQI), str(XINJIANG), "containedInPlace", "contained in"),
        (str(NHC), str(HAINAN), "reportsCases", "reports cases for"),
        (meets[0], meets[1], "meets", "meets"),  # asserted both ways, drawn once
    }
    (meets_data,) = [d for _, _, d in network.edges(data=True) if d["relation"] == "meets"]
    assert meets_data["directed"] is False


def test_edge_evidence(network):
    (leads,) = network.get_edge_data(str(LEI), str(WG)).values()
    assert [e["sentence"] for e in leads["evidence"]] == [EVIDENCE_LEADS]
    ev = leads["evidence"][0]
    assert ev["date"] == "2022-08-12"
    assert ev["article"] == str(ART1)
    assert ev["headline"] == "国家卫健委工作组抵达新疆"
    assert ev["url"] == "https://example.org/news/1"

    (holds,) = network.get_edge_data(str(LEI), str(NHC)).values()
    assert [e["sentence"] for e in holds["evidence"]] == [EVIDENCE_HOLDS]  # not the 组长 one
    assert holds["role"] == str(ID["role/deputy-director"])

    (sends,) = network.get_edge_data(str(COMPREHENSIVE), str(WG)).values()
    assert [e["sentence"] for e in sends["evidence"]] == [EVIDENCE_DISPATCH]
    (sent_to,) = network.get_edge_data(str(WG), str(XINJIANG)).values()
    assert [e["sentence"] for e in sent_to["evidence"]] == [EVIDENCE_DISPATCH]

    (contained,) = network.get_edge_data(str(URUMQI), str(XINJIANG)).values()
    assert contained["evidence"] == []


def test_case_reports_and_quotations_on_nodes(network):
    (report,) = network.nodes[str(HAINAN)]["case_reports"]
    assert report["category"] == "本土确诊病例"
    assert report["value"] == "594"
    assert report["date"] == "2022-08-12"
    assert report["reported_by"] == ["国家卫生健康委员会"]
    (quote,) = network.nodes[str(LEI)]["quotations"]
    assert quote["text"] == "要坚决遏制疫情扩散蔓延势头。"
    assert quote["headline"] == "国家卫健委工作组抵达新疆"


def test_dataset_named_graphs_are_read(graph):
    ds = Dataset()
    named = ds.graph(ART1)
    for t in graph:
        named.add(t)
    assert set(entity_network(ds).nodes) == ALL


# ---------------------------------------------------------------- select


def test_focus_by_chinese_label(network):
    sub, omitted = select(network, focus="雷海潮", depth=1)
    assert set(sub.nodes) == {str(LEI), str(WG), str(NHC)}
    assert omitted == len(ALL) - 3
    assert sub.graph["focus_nodes"] == [str(LEI)]


def test_focus_depth_two(network):
    sub, _ = select(network, focus="雷海潮", depth=2)
    assert set(sub.nodes) == {str(LEI), str(WG), str(NHC), str(COMPREHENSIVE), str(XINJIANG),
                              str(URUMQI), str(HAINAN)}


def test_focus_by_english_label_alias_and_substring(network):
    sub, _ = select(network, focus="Lei Haichao", depth=1)
    assert set(sub.nodes) == {str(LEI), str(WG), str(NHC)}
    sub, _ = select(network, focus="lei haichao", depth=0)
    assert set(sub.nodes) == {str(LEI)}
    sub, _ = select(network, focus="卫健委", depth=0)  # an alias
    assert set(sub.nodes) == {str(NHC)}
    sub, _ = select(network, focus="乌鲁", depth=1)  # substring
    assert set(sub.nodes) == {str(URUMQI), str(WG), str(XINJIANG)}


def test_unknown_focus(network):
    with pytest.raises(LookupError, match="no entity labelled '不存在'"):
        select(network, focus="不存在")


def test_max_nodes_caps_and_counts(network):
    sub, omitted = select(network, max_nodes=3)
    assert sub.number_of_nodes() == 3 and omitted == len(ALL) - 3
    assert str(WG) in sub  # the most connected
    sub, omitted = select(network)
    assert sub.number_of_nodes() == len(ALL) and omitted == 0
    sub, omitted = select(network, focus="雷海潮", depth=2, max_nodes=2)
    assert set(sub.nodes) == {str(LEI), str(WG)} and omitted == len(ALL) - 2


# ---------------------------------------------------------------- render_html


@pytest.fixture(scope="module")
def page(network, tmp_path_factory):
    sub, omitted = select(network)
    path = render_html(sub, tmp_path_factory.mktemp("view") / "graph.html",
                       title="newskg <test>", omitted=omitted)
    return path.read_text(encoding="utf-8")


def test_count_line(network):
    assert _count_line(select(network)[0], 0) == "showing all 9 entities; 8 relations"
    sub, omitted = select(network, max_nodes=8)
    assert _count_line(sub, omitted) == "showing 8 of 9 entities; 7 relations; 1 less-connected left out"
    sub, omitted = select(network, focus="Lei Haichao", depth=1)
    assert _count_line(sub, omitted) == ("showing 3 of 9 entities within 1 step(s) of “Lei Haichao”; "
                                         "2 relations; 6 left out")


def test_page_data_holds_the_evidence_and_the_layout_seed(page):
    data = page_data(page)
    assert {e["label"] for e in data["edges"]} >= {"holds 副主任", "sent to", "contained in"}
    assert any(EVIDENCE_LEADS in e["title"] for e in data["edges"])
    assert data["options"]["layout"]["randomSeed"] == json.loads(
        (ROOT / "kg" / "resources" / "viewer_style.json").read_text(encoding="utf-8"))["random_seed"]


def test_page_is_offline(page):
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.I)
    assert not re.search(r"<link[^>]*\bhref\s*=", page, re.I)
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert "lib/" not in re.sub(r"<script>.*?</script>", "", page, flags=re.S)


def test_page_escapes_article_text(page):
    for raw in ("<script>alert(1)</script>", "<img src=x onerror", EVIL_QUOTE, "<b>WHO</b>"):
        assert raw not in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*javascript:""", page, re.I)
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in page
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in page
    # exactly the page's own scripts: vis-network, the data block and the page logic
    assert len(re.findall(r"<script\b", page)) == 3
    assert len(re.findall(r"</script>", page)) == 3
    # the data block is valid JSON holding the original text
    data = json.loads(re.search(r'<script id="kg-data" type="application/json">(.*?)</script>',
                                page, re.S).group(1))
    titles = "\n".join(x["title"] for x in data["nodes"] + data["edges"])
    assert EVIL_HEADLINE in titles and EVIL_QUOTE in titles
    assert data["options"]["physics"]["stabilization"]["enabled"] is True
    links = [url for x in data["nodes"] + data["edges"] for _, url in x["kgLinks"]]
    assert links and all(url.startswith("https://") for url in links)  # javascript: dropped


def test_data_block_escapes_markup_and_line_separators(tmp_path):
    label = "a\u2028b\u2029c & 'd' <e>"
    net = nx.MultiDiGraph()
    net.add_node("https://example.org/x", label=label, labels=[], alt_labels=[], type="Person",
                 mentions=0, case_reports=[], quotations=[], degree=0)
    page = render_html(net, tmp_path / "g.html").read_text(encoding="utf-8")
    block = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', page, re.S).group(1)
    assert '"label":"a\\u2028b\\u2029c \\u0026 \\u0027d\\u0027 \\u003ce\\u003e"' in block
    assert json.loads(block)["nodes"][0]["label"] == label


def test_render_is_deterministic(graph, tmp_path):
    a = render_html(select(entity_network(graph))[0], tmp_path / "a.html")
    b = render_html(select(entity_network(build(reverse=True)))[0], tmp_path / "b.html")
    assert a.read_bytes() == b.read_bytes()
    again = render_html(select(entity_network(graph))[0], tmp_path / "a.html")
    assert again.read_bytes() == b.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html", "b.html"]  # no temp files


def test_write_viewer(graph, tmp_path):
    path = write_viewer(graph, tmp_path / "out" / "view.html", focus="Lei Haichao", depth=1)
    text = path.read_text(encoding="utf-8")
    data = page_data(text)
    assert sorted(n["id"] for n in data["nodes"]) == sorted(map(str, (LEI, NHC, WG)))
    assert any(EVIDENCE_HOLDS in e["title"] for e in data["edges"])
    assert HTMLParser(text).css_first("#kg-count").text() == (
        "showing 3 of 9 entities within 1 step(s) of “Lei Haichao”; 2 relations; 6 left out ")
    assert HTMLParser(text).css_first("title").text() == "newskg: Lei Haichao"
    with pytest.raises(LookupError):
        write_viewer(graph, tmp_path / "none.html", focus="nobody")
    assert not (tmp_path / "none.html").exists()


def test_render_keeps_the_permissions_of_the_page_it_replaces(network, tmp_path):
    path = render_html(network, tmp_path / "g.html")
    assert path.stat().st_mode & 0o777 == 0o644
    path.chmod(0o600)
    render_html(network, path)
    assert path.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.html"]


# ---------------------------------------------------------------- page controls


def page_data(page: str) -> dict:
    return json.loads(re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', page, re.S).group(1))


def test_page_nodes_carry_positions_colours_and_search_names(page, network):
    data = page_data(page)
    assert len(data["nodes"]) == network.number_of_nodes()
    for node in data["nodes"]:
        assert isinstance(node["x"], (int, float)) and isinstance(node["y"], (int, float))
        assert node["kgTypeColor"].startswith("#") and node["kgCommunityColor"].startswith("#")
        assert node["label"] in node["kgNames"]
    (ma,) = [n for n in data["nodes"] if n["id"] == str(MA)]
    assert {"马兴瑞", "馬興瑞"} <= set(ma["kgNames"])
    assert data["options"]["physics"]["stabilization"]["iterations"] == 300  # small page: the most steps


def test_search_names_in_every_script(network):
    assert {"雷海潮", "Lei Haichao"} <= set(_search_names(network.nodes[str(LEI)]))
    nhc = set(_search_names(network.nodes[str(NHC)]))
    assert {"国家卫生健康委员会", "國家衛生健康委員會", "National Health Commission", "卫健委", "衛健委"} <= nhc


def test_communities_are_deterministic_and_cover_every_entity(network):
    groups = communities(network)
    assert sorted(n for g in groups for n in g) == sorted(network.nodes)
    assert [len(g) for g in groups] == sorted((len(g) for g in groups), reverse=True)
    assert communities(entity_network(build(reverse=True))) == groups
    together = next(g for g in groups if str(LEI) in g)
    assert str(MA) not in together  # no relation between them


def test_layout_places_every_entity_deterministically(network):
    pos = layout(network)
    assert set(pos) == set(network.nodes)
    assert len(set(pos.values())) == len(pos)
    assert layout(entity_network(build(reverse=True))) == pos
    # related entities sit closer than unrelated ones on average
    related = [math.dist(pos[u], pos[v]) for u, v in network.edges()]
    everyone = [math.dist(pos[u], pos[v]) for u in pos for v in pos if u < v]
    assert sum(related) / len(related) < sum(everyone) / len(everyone)


# ---------------------------------------------------------------- the page's script

SCRIPT = ROOT / "kg" / "resources" / "viewer" / "viewer.js"
MARKUP_PROPERTIES = {"innerHTML", "outerHTML", "insertAdjacentHTML", "srcdoc", "write", "writeln"}
CODE_FROM_TEXT = {"eval", "Function", "setTimeout", "setInterval"}


def _nodes(tree):
    """Every node of an ESTree syntax tree (esprima's ``toDict()``), depth first."""
    if isinstance(tree, dict):
        if "type" in tree:
            yield tree
        for value in tree.values():
            yield from _nodes(value)
    elif isinstance(tree, list):
        for value in tree:
            yield from _nodes(value)


def markup_sinks(source: str) -> list[str]:
    """Where a script could turn text into markup or code: the properties and calls that
    parse HTML or JavaScript, and ``setAttribute`` with an event handler or a name that
    is not a string literal. Each as ``line: what``."""
    found = []
    for node in _nodes(esprima.parseScript(source, {"loc": True}).toDict()):
        line = node.get("loc", {}).get("start", {}).get("line")
        if node["type"] == "MemberExpression":
            prop = node["property"]
            name = prop.get("name") if not node["computed"] else prop.get("value")
            if name in MARKUP_PROPERTIES:
                found.append(f"{line}: {name}")
        elif node["type"] in ("CallExpression", "NewExpression"):
            callee = node["callee"]
            if callee["type"] == "Identifier" and callee["name"] in CODE_FROM_TEXT:
                found.append(f"{line}: {callee['name']}")
            if callee["type"] == "MemberExpression" and callee["property"].get("name") == "setAttribute":
                first = node["arguments"][0] if node["arguments"] else {}
                value = first.get("value") if first.get("type") == "Literal" else None
                if not isinstance(value, str) or value.lower().startswith("on"):
                    found.append(f"{line}: setAttribute({value!r})")
    return found


def test_page_script_parses_and_builds_no_markup():
    assert markup_sinks(SCRIPT.read_text(encoding="utf-8")) == []


def test_markup_sinks_are_found():
    bad = """
    el.innerHTML = text;
    el["outerHTML"] = text;
    document.write(text);
    eval(text);
    new Function(text)();
    setTimeout(text, 0);
    a.setAttribute("onclick", text);
    a.setAttribute(name, text);
    a.setAttribute("href", url);
    """
    assert markup_sinks(bad) == ["2: innerHTML", "3: outerHTML", "4: write", "5: eval", "6: Function",
                                 "7: setTimeout", "8: setAttribute('onclick')", "9: setAttribute(None)"]
    with pytest.raises(esprima.Error):
        markup_sinks("function (")


# ---------------------------------------------------------------- packaging


def test_the_wheel_ships_the_page_template_script_and_style(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(ROOT / "kg", source / "kg", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(source)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    (wheel,) = tmp_path.glob("newskg-*.whl")
    shipped = set(zipfile.ZipFile(wheel).namelist())
    page_files = {f"kg/resources/viewer/{p.name}" for p in (ROOT / "kg" / "resources" / "viewer").iterdir()}
    assert page_files == {"kg/resources/viewer/page.html", "kg/resources/viewer/viewer.css",
                          "kg/resources/viewer/viewer.js"}
    assert page_files | {"kg/resources/viewer_style.json", "kg/resources/query_page.html"} <= shipped
