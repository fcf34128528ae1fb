"""What hostile or merely unusual input does to the build: cost bounded by the length
of the input, one failure per bad file whatever stage it fails at."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

from kg.normalise import MAX_SENTENCE, normalise_text, split_sentences
from kg.pipeline import build, sample_corpus


def sentences_of(text: str) -> list[str]:
    return [s.text for s in split_sentences(text, normalise_text(text))]


def test_a_run_without_end_marks_is_cut_at_the_sentence_limit():
    text = "中国国务院联防联控机制综合组派出工作组" * 100  # 1,900 characters, no mark at all
    pieces = sentences_of(text)
    assert [len(p) for p in pieces] == [500, 500, 500, 400]
    assert "".join(pieces) == text


def test_a_long_sentence_is_cut_after_its_last_comma_before_the_limit():
    clause = "新疆维吾尔自治区" * 40 + "，"  # 321 characters
    pieces = sentences_of(clause * 3 + "完。")
    assert pieces == [clause, clause, clause + "完。"]
    words = " ".join(["word"] * 300) + "."  # 1,500 characters: cut at spaces, 100 words a piece
    assert sentences_of(words) == [" ".join(["word"] * 100)] * 2 + [" ".join(["word"] * 100) + "."]
    assert MAX_SENTENCE == 500


def test_a_cut_inside_a_number_leaves_no_piece_opening_with_its_tail():
    digits = "1234567890" * 300
    pieces = sentences_of(f"本港新增{digits}宗個案")
    assert [len(p) for p in pieces] == [500] * 6 + [4, 3]
    assert pieces[-2:] == ["7890", "宗個案"]


# ----------------------------------------------------------------------------- one file, one failure


def kg(*args):
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True, text=True)


def test_a_reader_crash_is_that_files_failure_and_the_build_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(sample_corpus()[0], folder / "good.txt")
    bad = folder / "bad-date.md"  # YAML reads 2025-02-30 as a timestamp and raises ValueError
    bad.write_text("---\ntitle: 日期不存在\ndate: 2025-02-30\n---\n\n卫健委通报新增病例。\n", encoding="utf-8")
    out = tmp_path / "out"
    result = kg("build", folder, "--out", out, "--no-viewer")
    assert result.returncode == 1, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert errors == [f"error: {bad}: reading failed: ValueError: day is out of range for month"]
    assert "articles read: 1, failed: 1" in result.stdout
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert (summary["articles"], summary["failed"]) == (1, 1)
    assert summary["failures"] == [{"path": str(bad), "reason": "reading failed: ValueError: day is out of range for month"}]
    assert "雷海潮" in (out / "graph.ttl").read_text(encoding="utf-8")


def test_a_failure_in_the_last_stage_of_a_translation_is_that_files_failure(tmp_path, monkeypatch):
    """English articles are read twice, the second time once every Chinese name is
    known; a failure there fails that article alone and leaves no graph of it."""
    import kg.pipeline

    real = kg.pipeline.extract_all
    calls = []

    def second_time_fails(doc, names=None):
        if doc.language == "en":
            calls.append(doc.article.path)
            if len(calls) > 1:
                raise RuntimeError("extractor broke\nsecond line")
        return real(doc, names)

    monkeypatch.setattr(kg.pipeline, "extract_all", second_time_fails)
    chinese, english = sample_corpus()
    lines = []
    summary, store = build([chinese, english], tmp_path, jobs=1, viewer=False, report=lines.append)
    graphs = store.graphs()
    store.close()
    assert calls == [str(english), str(english)]
    assert lines == [f"error: {english}: extraction failed: RuntimeError: extractor broke"]
    assert (summary.articles, [f.path for f in summary.failures]) == (1, [str(english)])
    assert len(graphs) == 1
    written = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert (written["articles"], written["failed"], written["translations"]) == (1, 1, 0)
    ttl = (tmp_path / "graph.ttl").read_text(encoding="utf-8")
    assert "雷海潮" in ttl and "Among them, there were 646 local cases" not in ttl


def test_an_invalid_base_is_an_option_error(tmp_path):
    result = kg("build", "--base", "not an iri", "--out", tmp_path / "out")
    assert result.returncode == 2
    assert result.stderr.strip() == ("kg build: error: --base 'not an iri' is not an absolute IRI "
                                     "(Invalid IRI code point ' ')")
    assert not (tmp_path / "out").exists()
    result = kg("build", "--base", "ids/", "--out", tmp_path / "out")
    assert result.returncode == 2 and "--base 'ids/' is not an absolute IRI" in result.stderr


def test_a_memory_build_into_an_earlier_builds_folder_is_refused(tmp_path):
    chinese, english = sample_corpus()
    assert kg("build", chinese, english, "--out", tmp_path, "--no-viewer").returncode == 0
    before = (tmp_path / "graph.ttl").read_bytes()
    result = kg("build", english, "--memory", "--out", tmp_path, "--no-viewer")
    assert result.returncode == 2
    assert f"--memory: {tmp_path} holds the store of an earlier build" in result.stderr
    assert (tmp_path / "graph.ttl").read_bytes() == before
    fresh = tmp_path / "fresh"
    result = kg("build", english, "--memory", "--out", fresh, "--no-viewer")
    assert result.returncode == 0, result.stderr
    assert not (fresh / "store").exists()
    assert "articles read: 1, failed: 0" in result.stdout


def test_an_article_over_the_length_limit_is_cut_and_said_so(tmp_path, monkeypatch):
    import kg.read
    import kg.read.article

    assert kg.read.MAX_ARTICLE == 200_000
    monkeypatch.setattr(kg.read.article, "MAX_ARTICLE", 1000)
    paragraph = "国家卫生健康委员会副主任雷海潮率工作组抵达乌鲁木齐。" * 4  # 104 characters
    long = tmp_path / "long.txt"
    long.write_text("\n\n".join([paragraph] * 30), encoding="utf-8")  # 3,149 characters of text
    article = kg.read.read_file(long)[0]
    assert article.text == "\n".join([paragraph] * 9)  # the last paragraph end before 1,000
    assert article.extra["cut_from"] == 30 * 104 + 29
    lines = []
    summary, store = build([long], tmp_path / "out", jobs=1, viewer=False, report=lines.append)
    store.close()
    assert lines == [f"warning: {long}: article cut at the length limit: its first 944 characters of 3,149 are read"]
    assert (summary.articles, summary.failures) == (1, [])
    written = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert written["cut"] == [{"path": str(long), "reason": lines[0].split(": ", 2)[2]}]
