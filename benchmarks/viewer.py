"""Viewer benchmark: how long graph.html takes to become usable in headless Chromium.

    python benchmarks/viewer.py [--sizes 500 2000 5000] [--repeat 1] [--corpus-store DIR]
                                [--keep DIR] [--cap N]

For each size it builds a synthetic entity network of the shape the news corpus
gives (see ``synthetic_network``), writes the page with ``kg.viewer.render_html``
exactly as ``kg build`` / ``kg view`` do, opens it from disk in headless Chromium
(Playwright driving the Debian chromium, as tests/test_browser.py does) and reads,
measured inside the page with ``performance.now()`` from the start of navigation:

* ``parsed``: the page's own script starts (HTML and the inlined vis-network parsed);
* ``interactive``: the layout has stabilised and physics is off (``window.newskg.ready``),
  from which point nodes stay where they are and every control answers at once;
* ``draw``: one full redraw of the canvas afterwards (what panning and zooming cost
  per frame);
* ``filter``: unticking the largest entity type and ticking it again (both redraws).

It also prints the HTML size, the Python time to write it, and the machine.
``--corpus-store DIR`` adds a row for a real build (the folder ``kg build --out DIR``
wrote), drawn with ``kg view``'s selection at ``--cap`` entities.
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

# Shape taken from the November 2025 corpus build (7,443 posts: 11,839 entities, 2,805
# relations; the 1,998 entities with a relation form one part of 1,457 and many small
# ones; degrees up to 204; 4.8 evidence sentences per relation): see synthetic_network.
TYPE_SHARE = [("Person", 0.34), ("GovernmentOrganization", 0.16), ("Organization", 0.17),
              ("NewsMedia", 0.03), ("WorkingGroup", 0.02), ("Country", 0.08),
              ("AdministrativeArea", 0.16), ("Place", 0.04)]
FAMILY = {"Person": "person", "GovernmentOrganization": "org", "Organization": "org",
          "NewsMedia": "org", "WorkingGroup": "org", "Country": "place",
          "AdministrativeArea": "place", "Place": "place"}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华建国志兴瑞海潮德文博宇浩然子轩思远晓东"
ORG_WORDS = ["委员会", "部", "局", "协会", "集团", "研究院", "办公室", "工作组", "银行", "大学", "基金会", "公司"]
PLACE_WORDS = ["省", "市", "县", "区", "州", "岛", "港"]
SYL = ["an", "bei", "cheng", "dong", "feng", "guo", "hai", "jin", "kang", "long", "ming", "ning",
       "ping", "qing", "rui", "shan", "tai", "wen", "xin", "yang", "zhou"]


def _name(rng: random.Random, kind: str, i: int) -> tuple[str, str]:
    if kind == "Person":
        zh = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        en = f"{rng.choice(SYL).title()} {rng.choice(SYL)}{rng.choice(SYL)}"
    elif FAMILY[kind] == "org":
        zh = "".join(rng.choice(GIVEN) for _ in range(rng.randint(2, 5))) + rng.choice(ORG_WORDS)
        en = f"{rng.choice(SYL).title()} {rng.choice(['Commission', 'Ministry', 'Group', 'Bank', 'University'])}"
    else:
        zh = "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 3))) + rng.choice(PLACE_WORDS)
        en = f"{rng.choice(SYL).title()}{rng.choice(SYL)}"
    return f"{zh}{i}", f"{en} {i}"


def _relation(a: str, b: str, rng: random.Random) -> tuple[str, str, bool]:
    fa, fb = FAMILY[a], FAMILY[b]
    if fa == "person" and fb == "org":
        return rng.choice([("holds", "holds 主任", True), ("holds", "holds 部长", True),
                           ("holds", "holds 发言人", True), ("leads", "leads", True)])
    if fa == "person" and fb == "person":
        return ("meets", "meets", False)
    if fa == "org" and fb == "org":
        return rng.choice([("sends", "sends", True), ("subOrganizationOf", "part of", True)])
    if fa == "place" and fb == "place":
        return ("containedInPlace", "contained in", True)
    if fb == "place":
        return rng.choice([("visits", "visits", True), ("sentTo", "sent to", True),
                           ("reportsCases", "reports cases for", True)])
    return ("meets", "meets", False)


def synthetic_network(n: int, seed: int = 20251101) -> nx.MultiDiGraph:
    """An entity network of ``n`` entities in the form ``kg.viewer.entity_network`` gives,
    shaped like the corpus build's most connected entities: about 1.4 relations per
    entity; 72% of the entities in one large part grown by preferential attachment (so a
    few hubs have hundreds of relations and most entities one or two), the rest in small
    separate groups of 2 to 6; labels in Chinese and English; about 4.8 evidence
    sentences per relation (dates, headlines, URLs); quotations on a third of persons."""
    rng = random.Random(seed)
    kinds = rng.choices([k for k, _ in TYPE_SHARE], weights=[w for _, w in TYPE_SHARE], k=n)
    net = nx.MultiDiGraph()
    ids = []
    for i, kind in enumerate(kinds):
        zh, en = _name(rng, kind, i)
        iri = f"https://w3id.org/newskg/id/{FAMILY[kind]}/synthetic-{i:06d}"
        ids.append(iri)
        quotes = []
        if kind == "Person" and rng.random() < 0.3:
            quotes = [{"text": "我们将继续推进相关工作，确保各项措施落实到位。" * rng.randint(1, 3),
                       "date": f"2025-11-{rng.randint(1, 30):02d}",
                       "sentence": f"{zh}表示，我们将继续推进相关工作。",
                       "article": f"https://w3id.org/newskg/id/article/q{i}",
                       "headline": f"{zh}谈近期工作", "url": f"https://news.example.org/q/{i}.html"}]
        net.add_node(iri, label=zh, labels=[(zh, "zh-Hans"), (en, "en")], alt_labels=[],
                     type=kind, types=[kind], family=FAMILY[kind], mentions=rng.randint(1, 20),
                     case_reports=[], quotations=quotes)

    def relate(i: int, j: int) -> None:
        a, b = (ids[i], ids[j]) if rng.random() < 0.5 else (ids[j], ids[i])
        relation, label, directed = _relation(net.nodes[a]["type"], net.nodes[b]["type"], rng)
        evidence = []
        for e in range(rng.choice((1, 1, 2, 3, 5, 8, 14))):
            day = f"2025-11-{rng.randint(1, 30):02d}"
            evidence.append({
                "sentence": f"据报道，{net.nodes[a]['label']}与{net.nodes[b]['label']}于{day[5:7]}月{day[8:]}日"
                            f"就有关问题举行会谈，双方同意加强合作。",
                "date": day, "article": f"https://w3id.org/newskg/id/article/{i}-{j}-{e}",
                "headline": f"{net.nodes[a]['label']}与{net.nodes[b]['label']}会谈",
                "url": f"https://news.example.org/{day}/{i}-{j}-{e}.html", "kind": "Event"})
        net.add_edge(a, b, key=label, relation=relation, label=label, predicate="",
                     directed=directed, evidence=sorted(evidence, key=lambda e: e["date"], reverse=True))

    giant = max(1, round(0.72 * n))
    weights: list[int] = []
    for i in range(giant):  # preferential attachment
        weights.append(1)
        if i == 0:
            continue
        k = min(i, 1 + int(rng.random() < 0.45) + int(rng.random() < 0.08))
        for j in sorted(set(rng.choices(range(i), weights=weights[:i], k=k))):
            relate(i, j)
            weights[i] += 1
            weights[j] += 1
    i = giant
    while i < n:  # small separate groups
        size = min(n - i, rng.choice((2, 2, 2, 3, 3, 4, 5, 6)))
        for m in range(1, size):
            relate(i + m, i + rng.randrange(m))
        if size > 2 and rng.random() < 0.4:
            relate(i + size - 1, i)
        i += size
    for node, data in net.nodes(data=True):
        data["degree"] = net.degree(node)
    net.graph.update(total=n, articles=n)
    return net


def machine() -> str:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        version = subprocess.run([chromium(), "--version"], capture_output=True, text=True,
                                 timeout=30).stdout.strip()
    except Exception:
        version = "?"
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{cpu}; {os.cpu_count()} cores; {mem:.0f} GiB; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}; {version}")


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise SystemExit("Chromium is not installed (Debian package chromium)")
    return found


LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run", "--disable-sync"]


def measure(browser, page_path: Path, timeout_s: float) -> dict:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(page_path.as_uri(), wait_until="load", timeout=timeout_s * 1000)
        page.wait_for_function("window.newskg && window.newskg.ready", timeout=timeout_s * 1000,
                               polling=100)
        figures = page.evaluate("""() => new Promise(done => {
            const k = window.newskg, net = k.network;
            const out = {parsed: k.scriptStart, interactive: k.readyAt,
                         nodes: k.shownNodeIds().length, edges: k.shownEdgeIds().length};
            let start = 0;
            net.once("beforeDrawing", () => { start = performance.now(); });
            net.once("afterDrawing", () => {
                out.draw = performance.now() - start;
                const box = [...document.querySelectorAll("input[data-kg-type]")][0];
                const t0 = performance.now();
                box.click(); box.click();
                net.once("afterDrawing", () => { out.filter = performance.now() - t0; done(out); });
                net.redraw();
            });
            net.redraw();
        })""")
    finally:
        page.close()
    figures["errors"] = errors
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 5000])
    parser.add_argument("--repeat", type=int, default=1, help="page loads per size (median reported)")
    parser.add_argument("--corpus-store", help="also time a real build's page (a kg build --out folder)")
    parser.add_argument("--cap", type=int, help="entities for the --corpus-store page (default: kg view's)")
    parser.add_argument("--keep", help="write the pages into this folder instead of a temporary one")
    parser.add_argument("--timeout", type=float, default=600, help="seconds one page may take")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    from kg.viewer import DEFAULT_MAX_NODES, entity_network, render_html, select

    out = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="newskg-viewer-bench-"))
    out.mkdir(parents=True, exist_ok=True)
    pages = []
    for n in args.sizes:
        net = synthetic_network(n)
        t0 = time.perf_counter()
        shown, omitted = select(net, max_nodes=None)
        path = render_html(shown, out / f"synthetic-{n}.html", title=f"synthetic {n}", omitted=omitted)
        pages.append((f"synthetic {n:,}", shown, path, time.perf_counter() - t0))
    if args.corpus_store:
        from kg.export import store_graph
        from kg.store import open_store

        store = open_store(args.corpus_store, read_only=True)
        net = entity_network(store_graph(store))
        cap = args.cap or DEFAULT_MAX_NODES
        t0 = time.perf_counter()
        shown, omitted = select(net, max_nodes=cap)
        path = render_html(shown, out / f"corpus-{cap}.html", title="corpus", omitted=omitted)
        pages.append((f"corpus top {cap:,} of {net.number_of_nodes():,}", shown, path,
                      time.perf_counter() - t0))

    print(f"machine: {machine()}")
    print(f"pages in {out}")
    header = (f"{'graph':<28}{'nodes':>7}{'edges':>7}{'HTML MB':>9}{'write s':>9}"
              f"{'parsed s':>10}{'interactive s':>15}{'draw ms':>9}{'filter ms':>11}")
    print(header)
    print("-" * len(header))
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), args=LAUNCH_ARGS)
        try:
            for name, shown, path, write_s in pages:
                runs = [measure(browser, path, args.timeout) for _ in range(args.repeat)]
                med = {k: statistics.median(r[k] for r in runs)
                       for k in ("parsed", "interactive", "draw", "filter")}
                assert runs[0]["nodes"] == shown.number_of_nodes(), (runs[0]["nodes"], shown.number_of_nodes())
                errors = sorted({e for r in runs for e in r["errors"]})
                print(f"{name:<28}{shown.number_of_nodes():>7,}{shown.number_of_edges():>7,}"
                      f"{path.stat().st_size / 2**20:>9.1f}{write_s:>9.2f}{med['parsed'] / 1000:>10.2f}"
                      f"{med['interactive'] / 1000:>15.2f}{med['draw']:>9.0f}{med['filter']:>11.0f}"
                      + (f"  console errors: {errors}" if errors else ""), flush=True)
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
