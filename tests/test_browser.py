"""The viewer as a person meets it: pages opened from disk in a real headless Chromium.

Playwright drives Debian's chromium over the DevTools protocol (``executable_path``; no
browser is downloaded), so the tests run the page's own script, read the vis-network
DataSets the page exposes as ``window.newskg``, type into the search box, tick boxes,
hover and click nodes and edges with the mouse, and read console errors.
"""
from __future__ import annotations

import json
import math
import random
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

from kg.export import store_graph
from kg.viewer import DEFAULT_MAX_NODES, communities, entity_network, render_html, select, write_viewer

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "viewer"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run", "--disable-sync"]
PWNED = "window.__pwned"
STYLE = json.loads((Path(__file__).resolve().parent.parent / "kg" / "resources" / "viewer_style.json")
                   .read_text(encoding="utf-8"))
# [attribute value, checked, label text] of the side panel's checkboxes with an attribute
BOXES = """attr => [...document.querySelectorAll(`input[${attr}]`)]
    .map(box => [box.getAttribute(attr), box.checked, box.closest("label").textContent.trim()])"""


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.fail("Chromium is not installed: scripts/test.sh installs the Debian package chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is not installed: pip install -e '.[test]'")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


class Viewer:
    """One page in the browser, with what it printed to the console and asked the network for."""

    def __init__(self, browser, path: Path, timeout_ms: int = 60_000):
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(path.as_uri(), wait_until="load")
        self.page.wait_for_function("window.newskg && window.newskg.ready === true", timeout=timeout_ms, polling=50)

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def drawn_nodes(self) -> list[str]:
        """Ids of the nodes vis-network draws (hidden ones are left out of nodeIndices)."""
        return sorted(self.js("newskg.network.body.nodeIndices.slice()"))

    def drawn_edges(self) -> list[str]:
        return sorted(self.js("newskg.network.body.edgeIndices.slice()"))

    def selected(self) -> list[str]:
        return self.js("newskg.network.getSelectedNodes()")

    def search(self, text: str, typed: bool = False) -> None:
        box = self.page.locator("#kg-search")
        box.fill("")
        if typed:
            box.press_sequentially(text)
        else:
            box.fill(text)
        box.press("Enter")

    def node_point(self, node_id: str) -> tuple[float, float]:
        """Where a node is drawn, in page coordinates."""
        return tuple(self.js("""id => {
            const net = newskg.network, p = net.getPositions([id])[id], dom = net.canvasToDOM(p);
            const box = document.getElementById("mynetwork").getBoundingClientRect();
            return [box.left + dom.x, box.top + dom.y];
        }""", node_id))

    def edge_point(self, edge_id: str) -> tuple[float, float]:
        """The middle of an edge as drawn (on its curve), in page coordinates."""
        return tuple(self.js("""id => {
            const net = newskg.network, edge = net.body.edges[id];
            const p = edge.edgeType.getPoint(0.5), dom = net.canvasToDOM(p);
            const box = document.getElementById("mynetwork").getBoundingClientRect();
            return [box.left + dom.x, box.top + dom.y];
        }""", edge_id))

    def tooltip(self) -> str:
        self.page.wait_for_function("""() => {
            const tip = document.querySelector("div.vis-tooltip");
            return tip && tip.style.visibility !== "hidden" && tip.textContent.length > 0;
        }""", timeout=5_000)
        return self.js('document.querySelector("div.vis-tooltip").textContent')

    def parsed_scripts(self) -> list[tuple[str, str]]:
        """(url, source map url) of every script of the page, as the browser's debugger saw
        them parsed."""
        cdp = self.page.context.new_cdp_session(self.page)
        scripts: list[tuple[str, str]] = []
        cdp.on("Debugger.scriptParsed", lambda e: scripts.append((e["url"], e.get("sourceMapURL", ""))))
        cdp.send("Debugger.enable")  # reports the scripts parsed so far before it returns
        cdp.detach()
        return [script for script in scripts if script[0] == self.page.url]

    def close(self) -> None:
        self.page.close()


@pytest.fixture
def open_viewer(browser):
    pages: list[Viewer] = []

    def open_(path: Path, **kw) -> Viewer:
        viewer = Viewer(browser, path, **kw)
        pages.append(viewer)
        return viewer

    yield open_
    for viewer in pages:
        viewer.close()


@pytest.fixture(scope="module")
def sample_viewer(browser, sample_build):
    """One page of the sample build shared by tests that only search in it."""
    out, _, _ = sample_build
    viewer = Viewer(browser, out / "graph.html")
    yield viewer
    viewer.close()


@pytest.fixture(scope="module")
def sample_network(sample_build):
    _, _, store = sample_build
    return entity_network(store_graph(store))


def ids_labelled(viewer: Viewer) -> dict[str, str]:
    return dict(viewer.js("newskg.nodes.get().map(n => [n.label, n.id])"))


# --------------------------------------------------------------------------- the sample build


def test_sample_page_draws_every_entity_with_no_console_error(sample_build, sample_network, open_viewer, tmp_path):
    out, _, _ = sample_build
    viewer = open_viewer(out / "graph.html")
    shown, omitted = select(sample_network)
    assert viewer.errors == []
    assert viewer.js("newskg.nodes.length") == shown.number_of_nodes() == sample_network.number_of_nodes()
    assert viewer.drawn_nodes() == sorted(shown.nodes)
    assert len(viewer.drawn_edges()) == shown.number_of_edges()
    assert viewer.page.locator("#kg-count").inner_text().startswith(
        f"showing all {shown.number_of_nodes()} entities; {shown.number_of_edges()} relations")
    # self-contained: the page asked for nothing but itself
    assert viewer.requests == [(out / "graph.html").as_uri()]
    # legend with counts, one checkbox per type and per relation present
    types = {d["type"] for _, d in shown.nodes(data=True)}
    assert viewer.page.locator("input[data-kg-type]").count() == len(types)
    relations = {d["relation"] for *_, d in shown.edges(data=True)}
    assert viewer.page.locator("input[data-kg-relation]").count() == len(relations)
    assert viewer.page.locator("#kg-legend").inner_text().count("(") >= len(types)
    shot = tmp_path / "viewer.png"
    viewer.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000
    # the page's two scripts (vis-network, the viewer's) name no source map to fetch
    assert viewer.parsed_scripts() == [((out / "graph.html").as_uri(), "")] * 2


def test_side_panel_lists_every_type_and_relation_with_its_count(sample_network, open_viewer, tmp_path):
    shown, omitted = select(sample_network)
    title = 'newskg <test> & "quotes"'
    viewer = open_viewer(render_html(shown, tmp_path / "panel.html", title=title, omitted=omitted))
    assert viewer.page.title() == title and viewer.page.locator("h1").inner_text() == title
    assert viewer.page.locator("#kg-count").inner_text().strip() == (
        f"showing all {shown.number_of_nodes()} entities; {shown.number_of_edges()} relations")
    legends = {t["key"]: t["legend"] for t in STYLE["types"]}
    types = Counter(d["type"] for _, d in shown.nodes(data=True))
    assert sorted(viewer.js(BOXES, "data-kg-type")) == sorted(
        [key, True, f"{legends[key]} ({n})"] for key, n in types.items())
    relations = Counter(d["relation"] for *_, d in shown.edges(data=True))
    boxes = sorted(viewer.js(BOXES, "data-kg-relation"))
    assert [(key, on, text.rsplit(" ", 1)[-1]) for key, on, text in boxes] == sorted(
        (key, True, f"({n})") for key, n in relations.items())
    assert viewer.js("document.getElementById('kg-hide-isolated').checked") is False
    assert viewer.js("document.querySelector('input[name=kg-colour]:checked').value") == "type"
    groups = communities(shown)
    assert viewer.page.locator("#kg-communities p").text_content().startswith(f"{len(groups)} communities (Louvain")
    assert viewer.errors == []


def test_layout_settles_then_stops_moving(sample_build, open_viewer):
    out, _, _ = sample_build
    viewer = open_viewer(out / "graph.html")
    assert viewer.js("newskg.network.physics.physicsEnabled") is False
    before = viewer.js("newskg.network.getPositions()")
    viewer.page.wait_for_timeout(1500)
    after = viewer.js("newskg.network.getPositions()")
    assert before == after
    # entities do not all sit on one spot
    xs = {round(p["x"]) for p in after.values()}
    assert len(xs) > len(after) // 2
    assert viewer.js("newskg.readyAt") > 0


@pytest.mark.parametrize("query, label, typed", [
    ("雷海潮", "雷海潮", False),               # Simplified
    ("Lei Haichao", "雷海潮", True),           # English, typed key by key
    ("馬興瑞", "马兴瑞", False),                # Traditional
    ("ma xingrui", "马兴瑞", False),            # English, any case
    ("Urumqi", "乌鲁木齐市", True),
    ("新疆", "新疆维吾尔自治区", False),         # an alias, exact before substring
    ("國家衛生健康委員會", "国家卫生健康委员会", False),
    ("卫健委", "国家卫生健康委员会", False),       # part of an alias
])
def test_search_selects_and_focuses_by_any_label(sample_viewer, query, label, typed):
    viewer = sample_viewer
    target = ids_labelled(viewer)[label]
    viewer.search(query, typed=typed)
    assert viewer.selected() == [target]
    assert viewer.page.locator("#kg-details-text").inner_text().startswith(label)
    viewer.page.wait_for_timeout(600)  # the focus animation
    view = viewer.js("newskg.network.getViewPosition()")
    node = viewer.js(f"newskg.network.getPositions([{target!r}])[{target!r}]")
    assert math.hypot(view["x"] - node["x"], view["y"] - node["y"]) < 5
    assert viewer.errors == []


def test_search_for_an_entity_not_on_the_page(sample_viewer):
    viewer = sample_viewer
    before = viewer.selected()
    viewer.search("不存在的人")
    assert viewer.selected() == before
    assert "not among the entities on this page" in viewer.page.locator("#kg-status").inner_text()


def test_type_filter_hides_its_nodes_and_their_edges(sample_build, sample_network, open_viewer):
    out, _, _ = sample_build
    viewer = open_viewer(out / "graph.html")
    net = sample_network
    persons = {n for n, d in net.nodes(data=True) if d["type"] == "Person"}
    assert persons
    label = viewer.page.locator('label:has(input[data-kg-type="Person"])').inner_text()
    assert f"({len(persons)})" in label
    viewer.page.uncheck('input[data-kg-type="Person"]')
    assert viewer.drawn_nodes() == sorted(set(net.nodes) - persons)
    kept_edges = [1 for u, v in net.edges() if u not in persons and v not in persons]
    assert len(viewer.drawn_edges()) == len(kept_edges) < net.number_of_edges()
    shown = viewer.page.locator("#kg-shown").inner_text()
    assert f"filters show {net.number_of_nodes() - len(persons)} of {net.number_of_nodes()} entities" in shown
    # searching for a hidden person shows it again
    viewer.search("Lei Haichao")
    assert viewer.selected() == [ids_labelled(viewer)["雷海潮"]]
    assert viewer.page.is_checked('input[data-kg-type="Person"]')
    assert len(viewer.drawn_nodes()) == net.number_of_nodes()
    # "none" then "all"
    viewer.page.click('button[data-kg-bulk="type"][data-kg-on="0"]')
    assert viewer.drawn_nodes() == [] and viewer.drawn_edges() == []
    viewer.page.click('button[data-kg-bulk="type"][data-kg-on="1"]')
    assert len(viewer.drawn_nodes()) == net.number_of_nodes()
    assert viewer.page.locator("#kg-shown").inner_text() == ""
    assert viewer.errors == []


def test_relation_filter_and_hiding_unconnected_entities(sample_build, sample_network, open_viewer):
    out, _, _ = sample_build
    viewer = open_viewer(out / "graph.html")
    net = sample_network
    holds = [(u, v) for u, v, d in net.edges(data=True) if d["relation"] == "holds"]
    assert holds
    assert f"({len(holds)})" in viewer.page.locator('label:has(input[data-kg-relation="holds"])').inner_text()
    viewer.page.uncheck('input[data-kg-relation="holds"]')
    assert len(viewer.drawn_edges()) == net.number_of_edges() - len(holds)
    assert len(viewer.drawn_nodes()) == net.number_of_nodes()  # entities stay
    viewer.page.check("#kg-hide-isolated")
    linked = {n for u, v, d in net.edges(data=True) if d["relation"] != "holds" for n in (u, v)}
    assert viewer.drawn_nodes() == sorted(linked)
    viewer.page.uncheck("#kg-hide-isolated")
    viewer.page.check('input[data-kg-relation="holds"]')
    assert len(viewer.drawn_edges()) == net.number_of_edges()
    assert viewer.errors == []


def test_colour_by_community(sample_build, sample_network, open_viewer, tmp_path):
    out, _, _ = sample_build
    viewer = open_viewer(out / "graph.html")
    groups = [g for g in communities(sample_network) if len(g) > 1]
    type_colours = viewer.js("Object.fromEntries(newskg.nodes.get().map(n => [n.id, n.color]))")
    assert not viewer.page.locator("#kg-communities").is_visible()
    viewer.page.check('input[name=kg-colour][value=community]')
    assert viewer.page.locator("#kg-communities").is_visible()
    assert viewer.page.locator("#kg-communities li").count() == len(groups) + 1  # + the grey rest
    colours = viewer.js("Object.fromEntries(newskg.nodes.get().map(n => [n.id, n.color]))")
    assert colours != type_colours
    for group in groups:  # one colour per community, a different one for each
        assert len({colours[n] for n in group}) == 1
    assert len({colours[g[0]] for g in groups}) == len(groups)
    viewer.page.click('#kg-communities li[data-kg-community="0"]')
    assert sorted(viewer.selected()) == groups[0]
    viewer.page.screenshot(path=str(tmp_path / "communities.png"))
    viewer.page.check('input[name=kg-colour][value=type]')
    assert viewer.js("Object.fromEntries(newskg.nodes.get().map(n => [n.id, n.color]))") == type_colours
    assert viewer.errors == []


def test_click_shows_evidence_and_source_links(sample_build, sample_network, open_viewer):
    out, _, _ = sample_build
    viewer = open_viewer(out / "graph.html")
    lei = ids_labelled(viewer)["雷海潮"]
    viewer.page.mouse.click(*viewer.node_point(lei))
    assert viewer.selected() == [lei]
    details = viewer.page.locator("#kg-details-text").inner_text()
    assert details.startswith("雷海潮")
    (edge_id,) = viewer.js(f"newskg.edges.get().filter(e => e.from === {lei!r} && e.kgRelation === 'leads').map(e => e.id)")
    viewer.page.mouse.move(*viewer.edge_point(edge_id))
    tip = viewer.tooltip()
    (data,) = [d for u, _, d in sample_network.edges(data=True) if u == lei and d["relation"] == "leads"]
    first = data["evidence"][0]
    assert tip.startswith("雷海潮 → leads → ")
    assert first["sentence"][:20] in tip and first["date"] in tip  # the sentence and its date
    urls = [e["url"] for e in data["evidence"][:4] if e.get("url")]
    assert urls and all(url in tip for url in urls)  # the source, as text
    viewer.page.mouse.click(*viewer.edge_point(edge_id))
    links = viewer.page.locator("#kg-details-links a")
    assert links.count() >= 1
    assert all(re.match(r"https?://", links.nth(i).get_attribute("href")) for i in range(links.count()))


def test_kg_view_focus_depth_two(sample_build, open_viewer, tmp_path):
    out, _, store = sample_build
    target = tmp_path / "lei.html"
    result = subprocess.run([sys.executable, "-m", "kg", "view", "--focus", "雷海潮", "--depth", "2",
                             "--store", str(out), "--output", str(target)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    expected, omitted = select(entity_network(store_graph(store)), focus="雷海潮", depth=2)
    assert omitted > 0
    viewer = open_viewer(target)
    assert viewer.errors == []
    assert viewer.drawn_nodes() == sorted(expected.nodes)
    assert len(viewer.drawn_edges()) == expected.number_of_edges()
    count = viewer.page.locator("#kg-count").inner_text()
    assert f"showing {expected.number_of_nodes()} of" in count and "within 2 step(s) of “雷海潮”" in count
    viewer.search("雷海潮")
    assert viewer.selected() == [ids_labelled(viewer)["雷海潮"]]


# --------------------------------------------------------------------------- article text is text


def test_markup_from_articles_runs_nothing(open_viewer, tmp_path):
    graph = Graph().parse(FIXTURES / "injection.ttl")
    path = write_viewer(graph, tmp_path / "evil.html")
    viewer = open_viewer(path)
    node_ids = viewer.js("newskg.nodes.getIds()")
    edge_ids = viewer.js("newskg.edges.getIds()")
    assert len(node_ids) == 4 and len(edge_ids) == 3
    tips = []
    for node in node_ids:
        viewer.page.mouse.move(*viewer.node_point(node))
        tips.append(viewer.tooltip())
        viewer.page.mouse.click(*viewer.node_point(node))
        tips.append(viewer.page.locator("#kg-details-text").inner_text())
        viewer.page.mouse.move(5, 5)
    for edge in edge_ids:
        viewer.page.mouse.move(*viewer.edge_point(edge))
        tips.append(viewer.tooltip())
        viewer.page.mouse.click(*viewer.edge_point(edge))
        tips.append(viewer.page.locator("#kg-details-text").inner_text())
        viewer.page.mouse.move(5, 5)
    viewer.search("<script>window.__pwned=1</script>")  # an alias of the organisation
    viewer.search("组织")
    viewer.page.wait_for_timeout(300)
    assert viewer.js(f"typeof {PWNED}") == "undefined"
    text = "\n".join(tips)
    # shown, as text: the sentence, the quotation, the headline, the link that is not a link
    assert "<script>window.__pwned=1</script>" in text
    assert '<img src=x onerror="window.__pwned=1">' in text
    assert "<svg onload=" in text and "javascript:window.__pwned=1" in text
    assert "2022-08-14" in text
    assert viewer.js("document.querySelectorAll('img, svg, b, #mynetwork script').length") == 0
    assert viewer.js("[...document.querySelectorAll('a')].filter(a => !/^https?:/.test(a.href)).length") == 0
    assert viewer.js("document.scripts.length") == 3
    assert viewer.errors == []  # an <img src=x> would have logged a failed load
    assert viewer.requests == [path.as_uri()]


# --------------------------------------------------------------------------- large graphs


def synthetic(n: int, seed: int = 7) -> nx.MultiDiGraph:
    """``n`` entities in entity_network's form, grown by preferential attachment."""
    rng = random.Random(seed)
    kinds = ["Person", "Organization", "GovernmentOrganization", "AdministrativeArea", "Country"]
    net = nx.MultiDiGraph()
    ids = [f"https://w3id.org/newskg/id/x/{i:05d}" for i in range(n)]
    for i, iri in enumerate(ids):
        net.add_node(iri, label=f"实体{i}", labels=[(f"实体{i}", "zh-Hans"), (f"Entity {i}", "en")],
                     alt_labels=[], type=kinds[i % len(kinds)], mentions=1, case_reports=[], quotations=[])
    weights = [1]
    for i in range(1, n):
        j = rng.choices(range(i), weights=weights)[0]
        net.add_edge(ids[i], ids[j], key="meets", relation="meets", label="meets", directed=False,
                     evidence=[{"sentence": f"实体{i}会见实体{j}。", "date": "2025-11-01", "article": "a",
                                "headline": "h", "url": f"https://example.org/{i}"}])
        weights[j] += 1
        weights.append(1)
    for node in net:
        net.nodes[node]["degree"] = net.degree(node)
    net.graph["total"] = n
    return net


def test_large_graph_shows_the_cap_and_settles(open_viewer, tmp_path):
    total = DEFAULT_MAX_NODES + 150
    net = synthetic(total)
    shown, omitted = select(net)
    assert shown.number_of_nodes() == DEFAULT_MAX_NODES and omitted == 150
    path = render_html(shown, tmp_path / "big.html", omitted=omitted)
    viewer = open_viewer(path)
    assert viewer.errors == []
    assert viewer.drawn_nodes() == sorted(shown.nodes)
    count = viewer.page.locator("#kg-count").inner_text()
    assert f"showing {DEFAULT_MAX_NODES:,} of {total:,} entities" in count and "150 less-connected left out" in count
    # the most connected are the ones drawn
    assert max(net.nodes, key=lambda n: net.degree(n)) in shown
    before = viewer.js("newskg.network.getPositions()")
    viewer.page.wait_for_timeout(1000)
    assert viewer.js("newskg.network.getPositions()") == before
    viewer.search("Entity 0")
    assert viewer.selected() == ["https://w3id.org/newskg/id/x/00000"]
    viewer.page.screenshot(path=str(tmp_path / "big.png"))
