"""Builds that add to a store: unchanged files are skipped by their content, changed
ones replace their articles, the summary tells this build from the store, and the
exports of the whole store are left (said to be stale) until asked for."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.export import EXPORTS, export
from kg.pipeline import build, sample_corpus
from kg.read import read_file
from kg.store import open_store
from kg.vocab import prefix_header

KOIKE = Path(__file__).parent / "fixtures" / "determinism" / "two-koike.md"


def run(paths, out, **options):
    lines = []
    summary, store = build(paths, out, jobs=1, progress=False, report=lines.append, **options)
    counts = store.counts()
    store.close()
    return summary, counts, lines


def quads_by_graph(out: Path) -> dict[str, list[str]]:
    store = open_store(out, read_only=True)
    return {graph: sorted(map(str, store.quads_of(graph))) for graph in store.graphs()}


def ask(out: Path, body: str) -> bool:
    return bool(open_store(out, read_only=True).query(prefix_header() + "ASK { " + body + " }"))


def graph_of(out: Path, source_file: str) -> str:
    rows = open_store(out, read_only=True).query(
        f'SELECT ?g WHERE {{ GRAPH ?g {{ ?g nkg:sourceFile "{source_file}" }} }}')
    (row,) = list(rows)
    return row["g"].value


def kg(*args) -> list[str]:
    """A real ``kg`` process; its printed lines."""
    result = subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def written(out: Path) -> dict:
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


def exports_of(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in EXPORTS}


@pytest.fixture
def chinese(tmp_path):
    """Two Chinese articles (the seed and a second one) as files of their own."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(sample_corpus()[0], folder / "seed.txt")
    shutil.copy(KOIKE, folder / "koike.md")
    return folder


def test_the_sample_built_twice_is_read_once(tmp_path):
    out = tmp_path / "out"
    first, counts, _ = run(sample_corpus(), out)
    before = exports_of(out)
    second, again, lines = run(sample_corpus(), out)
    assert (first.articles, first.unchanged, first.translations) == (2, 0, 1)
    assert (second.articles, second.unchanged, second.translations, second.characters) == (0, 2, 0, 0)
    assert not second.facts and not second.failures and lines == []
    assert counts == again == (2, first.quads, first.triples) == (2, second.quads, second.triples)
    assert exports_of(out) == before and second.outputs == [] and second.stale == []
    summary = written(out)
    assert (summary["articles"], summary["unchanged"], summary["failed"], summary["facts"]) == (0, 2, 0, {})
    assert summary["store"] == {"graphs": 2, "triples": first.triples, "quads": first.quads}
    assert summary["exports"] == {"written": [], "stale": []}
    assert any("unchanged files skipped: 2" in line for line in second.lines())


def test_each_article_states_the_sha256_of_its_files_bytes(tmp_path):
    import hashlib

    run(sample_corpus(), tmp_path)
    for path in sample_corpus():
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        assert ask(tmp_path, f'GRAPH ?a {{ ?a a schema:NewsArticle ; nkg:contentHash "{digest}" ; '
                             f'nkg:sourceFile "{path.name}" }}')
    assert '"' + hashlib.sha256(sample_corpus()[0].read_bytes()).hexdigest() + '"' in (tmp_path / "graph.ttl").read_text()


def test_a_changed_file_is_read_again_and_its_new_facts_replace_the_old(chinese, tmp_path):
    out = tmp_path / "out"
    run([chinese], out)
    seed_graphs = quads_by_graph(out)
    assert ask(out, '?q a schema:Quotation ; schema:text ?t FILTER(CONTAINS(?t, "快三倍"))')
    koike = chinese / "koike.md"
    koike.write_text(koike.read_text(encoding="utf-8").replace("快三倍", "快两倍"), encoding="utf-8")

    summary, counts, _ = run([chinese], out)

    assert (summary.articles, summary.unchanged, summary.failures) == (1, 1, [])
    assert ask(out, '?q a schema:Quotation ; schema:text ?t FILTER(CONTAINS(?t, "快两倍"))')
    assert not ask(out, '?q a schema:Quotation ; schema:text ?t FILTER(CONTAINS(?t, "快三倍"))')
    assert not ask(out, 'GRAPH ?g { ?s ?p ?o FILTER(isLiteral(?o) && CONTAINS(STR(?o), "快三倍")) }')
    after = quads_by_graph(out)
    seed = graph_of(out, "seed.txt")
    assert after[seed] == seed_graphs[seed]  # the unchanged article's graph is as it was
    _, full_counts, _ = run([chinese], tmp_path / "full")
    assert quads_by_graph(tmp_path / "full") == after and full_counts == counts


def test_a_file_added_to_a_store_is_the_only_one_read_and_the_exports_are_stale_until_refreshed(chinese, tmp_path):
    out = tmp_path / "out"
    first, _, _ = run([chinese / "seed.txt"], out)
    before = exports_of(out)

    added, counts, _ = run([chinese], out)

    assert (added.articles, added.unchanged, added.translations, added.failures) == (1, 1, 0, [])
    assert added.characters == len(read_file(KOIKE)[0].text)
    assert sum(added.facts.values()) > 0 and added.facts["statement"] >= 3
    full, full_counts, _ = run([chinese], tmp_path / "full")
    assert counts == full_counts == (2, added.quads, added.triples) and counts[1] > first.quads
    summary = written(out)
    assert (summary["articles"], summary["unchanged"]) == (1, 1)
    assert summary["store"] == {"graphs": 2, "triples": full.triples, "quads": full.quads}
    assert summary["exports"] == {"written": [], "stale": list(EXPORTS)}
    assert exports_of(out) == before  # not rewritten: they show the seed alone
    stale = [line for line in added.lines() if line.startswith("stale: ")]
    assert stale == [(f"stale: graph.ttl, graph.trig, graph.html (the store has changed since they were written); "
                      f"`kg export --store {out}` rewrites them, `kg view --store {out}` graph.html alone, "
                      "`kg build --exports` with every build")]

    assert kg("export", "--store", out) == [str(out / name) for name in EXPORTS]
    assert written(out)["exports"]["stale"] == []
    for name in ("graph.ttl", "graph.trig"):
        assert (out / name).read_bytes() == (tmp_path / "full" / name).read_bytes(), name
    assert "小池敦义" in (out / "graph.html").read_text(encoding="utf-8")

    # an unchanged build after the refresh leaves them fresh; a change makes them stale again
    again, _, _ = run([chinese], out)
    assert (again.articles, again.unchanged, again.stale) == (0, 2, [])
    koike = chinese / "koike.md"
    koike.write_text(koike.read_text(encoding="utf-8") + "\n小池先生说，工厂将雇用一千人。\n", encoding="utf-8")
    changed, _, _ = run([chinese], out, viewer=False)
    assert changed.stale == list(EXPORTS) and written(out)["exports"]["stale"] == list(EXPORTS)
    unchanged, _, _ = run([chinese], out)
    assert unchanged.articles == 0 and unchanged.stale == list(EXPORTS)  # still stale: nothing rewrote them
    assert kg("view", "--store", out) == [str(out / "graph.html")]
    assert written(out)["exports"]["stale"] == ["graph.ttl", "graph.trig"]


def test_exports_option_rewrites_them_when_adding(chinese, tmp_path):
    out = tmp_path / "out"
    run([chinese / "seed.txt"], out)
    added, _, _ = run([chinese], out, exports=True)
    assert added.articles == 1 and added.stale == [] and [p.name for p in added.outputs] == list(EXPORTS)
    run([chinese], tmp_path / "full")
    for name in ("graph.ttl", "graph.trig", "graph.html"):
        assert (out / name).read_bytes() == (tmp_path / "full" / name).read_bytes(), name
    assert written(out)["exports"] == {"written": list(EXPORTS), "stale": []}


def test_force_reads_every_file_again(chinese, tmp_path):
    out = tmp_path / "out"
    first, counts, _ = run([chinese], out)
    before = quads_by_graph(out)
    forced, again, _ = run([chinese], out, force=True)
    assert (forced.articles, forced.unchanged) == (2, 0) and forced.facts == first.facts
    assert again == counts and quads_by_graph(out) == before


def test_a_changed_translation_finds_its_skipped_original_and_its_names(tmp_path):
    """The English article read alone pairs with the Chinese one the store holds and
    learns its names, as in a build that reads both."""
    folder = tmp_path / "in"
    folder.mkdir()
    chinese, english = sample_corpus()
    shutil.copy(chinese, folder / chinese.name)
    shutil.copy(english, folder / english.name)
    out = tmp_path / "out"
    run([folder], out)
    page = folder / english.name
    page.write_text(page.read_text(encoding="utf-8") + "\nLei Haichao said the work would go on.\n", encoding="utf-8")

    summary, _, _ = run([folder], out)
    assert (summary.articles, summary.unchanged, summary.translations) == (1, 1, 1)

    run([folder], tmp_path / "full")
    full, incremental = quads_by_graph(tmp_path / "full"), quads_by_graph(out)
    for graph, quads in full.items():
        assert incremental[graph] == quads, graph
    # the English article of the earlier text keeps its graph: an article without a URL is named by its text
    assert len(incremental) == len(full) + 1


def test_a_changed_original_reads_its_unchanged_translation_again(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for path in sample_corpus():
        shutil.copy(path, folder / path.name)
    out = tmp_path / "out"
    run([folder], out)
    page = folder / sample_corpus()[0].name
    page.write_text(page.read_text(encoding="utf-8").replace("雷海潮指出", "雷海潮强调", 1), encoding="utf-8")
    summary, _, _ = run([folder], out)
    assert (summary.articles, summary.unchanged, summary.translations) == (2, 0, 1)
    run([folder], tmp_path / "full")
    assert quads_by_graph(out) == quads_by_graph(tmp_path / "full")


POST = """---
title: "{title}"
date: 2025-11-0{day}T10:00:00+08:00
link: https://example.org/news/{slug}
---
{text}
"""


def test_two_files_of_one_url_stay_as_a_full_build_leaves_them(tmp_path):
    """The later of two files giving the same article (its URL) wins in a build; when
    only the earlier one changes, the later one, unchanged, still wins."""
    folder = tmp_path / "in"
    folder.mkdir()
    posts = {
        "a.md": POST.format(title="外交部发言人答问", day=1, slug="same", text="外交部发言人毛宁表示，中方欢迎各方参与。"),
        "b.md": POST.format(title="外交部发言人答记者问", day=1, slug="same", text="外交部发言人林剑表示，中方反对任何制裁。"),
        "c.md": POST.format(title="卫健委通报", day=2, slug="other", text="国家卫生健康委员会副主任雷海潮表示，要加强监测。"),
    }
    for name, text in posts.items():
        (folder / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    first, _, _ = run([folder], out)
    assert (first.articles, first.graphs) == (3, 2)
    assert ask(out, '?q schema:text ?t FILTER(CONTAINS(?t, "反对任何制裁"))')

    again, _, _ = run([folder], out)
    assert (again.articles, again.unchanged) == (0, 3)

    (folder / "a.md").write_text(posts["a.md"].replace("欢迎各方参与", "欢迎各方积极参与"), encoding="utf-8")
    changed, _, _ = run([folder], out)
    assert (changed.articles, changed.unchanged) == (1, 2)
    assert ask(out, '?q schema:text ?t FILTER(CONTAINS(?t, "反对任何制裁"))')  # b.md's, the later file, stays
    assert not ask(out, '?q schema:text ?t FILTER(CONTAINS(?t, "积极参与"))')
    run([folder], tmp_path / "full")
    assert quads_by_graph(out) == quads_by_graph(tmp_path / "full")  # hashes of both files included

    settled, _, _ = run([folder], out)
    assert (settled.articles, settled.unchanged) == (0, 3)


def test_a_file_that_failed_is_read_again(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(sample_corpus()[0], folder / "seed.txt")
    (folder / "empty.txt").write_bytes(b"")
    first, _, _ = run([folder], tmp_path / "out")
    second, _, lines = run([folder], tmp_path / "out")
    assert (first.articles, len(first.failures)) == (1, 1)
    assert (second.articles, second.unchanged, len(second.failures)) == (0, 1, 1)
    assert lines == [f"error: {folder / 'empty.txt'}: empty file"]


def test_the_command_line_says_what_was_skipped_and_what_is_stale(chinese, tmp_path):
    out = tmp_path / "out"
    kg("build", chinese / "seed.txt", "--out", out)
    lines = kg("build", chinese, "--out", out)
    assert lines[0] == "articles read: 1, failed: 0, unchanged files skipped: 1 (the store holds them; --force reads them again)"
    assert lines[3].startswith("store: ") and lines[3].endswith(" in 2 article graphs (" + str(written(out)["store"]["quads"]) + " quads)")
    assert any(line.startswith("stale: graph.ttl, graph.trig, graph.html") for line in lines)
    assert not any(line.startswith("wrote ") for line in lines)
    lines = kg("build", chinese, "--out", out, "--exports")
    assert lines[0] == "articles read: 0, failed: 0, unchanged files skipped: 2 (the store holds them; --force reads them again)"
    assert [line for line in lines if line.startswith("wrote ")] == [f"wrote {out / name}" for name in EXPORTS]
    lines = kg("build", chinese, "--out", out, "--force", "--no-viewer")
    assert lines[0] == "articles read: 2, failed: 0"
    assert written(out)["exports"] == {"written": [], "stale": []}  # what was read again was already in them
    assert kg("export", "--out", out, "--no-viewer") == [str(out / "graph.ttl"), str(out / "graph.trig")]


def test_store_counts_are_the_stores_own(sample_build, tmp_path):
    _, summary, store = sample_build
    graphs = store.graphs()
    quads = sum(1 for _ in store.quads())
    triples = sum(1 for _ in store.triples())
    assert store.counts() == (len(graphs), quads, triples) == (summary.graphs, summary.quads, summary.triples)
    assert len(store) == quads
    export(store, tmp_path / "check.nq", "nq")
    assert len((tmp_path / "check.nq").read_text(encoding="utf-8").splitlines()) == quads
