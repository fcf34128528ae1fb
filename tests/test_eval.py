"""The evaluation harness on a hand-annotated seed article (tests/fixtures/eval)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from kg.evaluate import Score, _text_overlap, all_facts, evaluate, table

FIXTURES = Path(__file__).parent / "fixtures" / "eval"
SAMPLE = Path(__file__).resolve().parent.parent / "kg" / "sample"


def test_seed_gold_is_matched_in_full():
    report = evaluate(FIXTURES, SAMPLE, errors=True)
    assert report.articles == 1
    expected_gold = {"entity:Person": 2, "entity:Organization": 8, "entity:Place": 4, "office": 4, "leads": 2,
                     "dispatch": 1, "visit": 1, "meeting": 1, "statement": 6, "cases": 7, "source": 2,
                     "appointment": 0, "departure": 0}
    assert {k: s.gold for k, s in report.scores.items() if not k.startswith("cases:")} == expected_gold
    assert {k: s.gold for k, s in report.scores.items() if k.startswith("cases:")} == {
        "cases:NewInfections": 1, "cases:LocalConfirmed": 3, "cases:LocalAsymptomatic": 3, "cases:category": 7,
        "cases:any date": 7, "cases:any place": 7, "cases:any category": 7}
    for key, score in report.scores.items():
        if score.gold:
            assert (score.precision, score.recall) == (1.0, 1.0), (key, report.errors)
        else:  # the seed reports no appointment or departure, and none is read into it
            assert score.predicted == 0, (key, report.errors)


def test_kg_eval_prints_json_figures():
    result = subprocess.run([sys.executable, "-m", "kg", "eval", str(FIXTURES), "--corpus", str(SAMPLE), "--format", "json"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["cases"] == {"gold": 7, "found": 7, "precision": 1.0, "recall": 1.0, "f1": 1.0}


def test_missing_gold_folder_is_a_clear_error(tmp_path):
    result = subprocess.run([sys.executable, "-m", "kg", "eval", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 2
    assert "no gold annotations" in result.stderr


def test_scores():
    score = Score(gold=10, predicted=8, matched_gold=6, matched_predicted=6)
    assert (score.precision, score.recall) == (0.75, 0.6)
    assert round(score.f1, 4) == 0.6667


def test_statement_text_overlap():
    assert _text_overlap("要强化责任落实", "要强化责任落实，凝聚强大合力")
    assert _text_overlap("美國將繼續支持", "美国将继续支持乌克兰")
    assert not _text_overlap("完全不同的内容", "另一句话")


def test_fused_and_split_ministry_titles_and_former_roles_are_one_post():
    from kg.evaluate import _role, _same_post

    aliases = {"中国": {"中国"}}
    assert _same_post({"organization": "中国", "role": "国防部长"}, {"中国国防部", "国防部"}, "部长", aliases)
    assert _same_post({"organization": "中国", "role": "前国防部长"}, {"中国国防部"}, "部长", aliases)
    assert not _same_post({"organization": "中国", "role": "国防部长"}, {"中国商务部"}, "部长", aliases)
    assert _role("前能源部长") == _role("能源部长") == "能源部长"
    assert _role("前任总统") == "总统"
    assert _role("原子") == "原子"


def test_case_reports_are_scored_by_category_and_reporter(tmp_path):
    """A gold bulletin figure with its reporter: the category and the reporter are
    scored apart from place, value and date."""
    gold = json.loads((FIXTURES / "000_b91cb83c69584b36.json").read_text(encoding="utf-8"))
    for item in gold["facts"]["cases"]:
        item["reporter"] = "国家卫生健康委员会"
    gold["facts"]["cases"][0]["reporter"] = ""  # the seed names the commission: one reporter now wrong
    (tmp_path / "seed.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    report = evaluate(tmp_path, SAMPLE)
    category, reporter = report.scores["cases:category"], report.scores["cases:reporter"]
    assert (category.gold, category.matched_gold) == (7, 7)
    assert (reporter.gold, reporter.matched_gold) == (7, 6)
    assert "reporter right" in table(report) and "6 of 7" in table(report)


def test_case_reports_are_also_scored_with_one_field_relaxed(tmp_path):
    """Which field loses the most: a figure with a wrong date and another with a wrong
    category count again once that field is let go, and only then."""
    gold = json.loads((FIXTURES / "000_b91cb83c69584b36.json").read_text(encoding="utf-8"))
    cases = gold["facts"]["cases"]
    cases[0]["date"] = "2000-01-01"
    cases[1]["category"] = "Deaths"
    (tmp_path / "seed.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    report = evaluate(tmp_path, SAMPLE)
    assert report.scores["cases"].matched_gold == 5
    assert report.scores["cases:any date"].matched_gold == 6
    assert report.scores["cases:any category"].matched_gold == 6
    assert report.scores["cases:any place"].matched_gold == 5
    assert "cases, any date" in table(report)


def test_all_facts_pool_every_kind(tmp_path):
    """The overall fact figure counts each gold item and each prediction once: with
    two of the seed's 24 facts dropped from the gold, 24 found, 22 right."""
    gold = json.loads((FIXTURES / "000_b91cb83c69584b36.json").read_text(encoding="utf-8"))
    del gold["facts"]["cases"][0]
    del gold["facts"]["statement"][0]
    (tmp_path / "seed.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    facts = all_facts(evaluate(tmp_path, SAMPLE))
    assert (facts.gold, facts.predicted, facts.matched_gold, facts.matched_predicted) == (22, 24, 22, 22)
    row = next(line for line in table(evaluate(tmp_path, SAMPLE)).splitlines() if line.startswith("facts (all)"))
    assert row.split()[2:] == ["22", "24", "0.92", "1.00", "0.96"]
