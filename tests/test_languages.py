"""Languages and scripts: detection, forcing, English extraction, and one node per
entity whatever the language or script it was read in."""
from __future__ import annotations

import json

import pytest

from kg.normalise import detect_language, opencc_converter, to_simplified, to_traditional
from kg.pipeline import build, sample_corpus
from kg.vocab import prefix_header


def ask(store, body: str) -> bool:
    return bool(store.query(prefix_header() + "ASK {" + body + "}"))


def jsonl(path, *articles):
    path.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in articles) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "text, language",
    [
        ("根据中国卫健委消息，中国星期五（8月12日）新增2005例感染者。", "zh-Hans"),
        ("國際油價跌逾2%，數據顯示美國上星期成品油庫存增加，以及地緣政局風險緩和。", "zh-Hant"),
        ("According to the China Health and Health Commission news, 2005 infected people were added.", "en"),
    ],
)
def test_language_is_detected(text, language):
    assert detect_language(text) == language


def test_one_converter_per_opencc_configuration_both_ways():
    assert opencc_converter("s2t") is opencc_converter("s2t")
    assert opencc_converter("s2t") is not opencc_converter("hk2s")
    assert to_traditional("国家卫生健康委员会马兴瑞") == "國家衛生健康委員會馬興瑞"
    assert to_simplified("國家衛生健康委員會馬興瑞衞") == "国家卫生健康委员会马兴瑞卫"


def test_english_seed_alone_yields_its_facts_with_english_labels(tmp_path):
    summary, store = build([sample_corpus()[1]], tmp_path, viewer=False)
    assert summary.articles == 1 and summary.translations == 0
    assert ask(store, '?a schema:inLanguage "en" . FILTER NOT EXISTS { ?a schema:translationOfWork ?o }')
    assert ask(store, """?p rdfs:label "Lei Haichao"@en . ?o rdfs:label "National Health Commission"@en .
        ?p org:holds ?post . ?post org:postIn ?o .""")
    assert ask(store, """?p rdfs:label "Ma Xingrui"@en . ?x rdfs:label "Xinjiang"@en . ?p org:holds ?post . ?post org:postIn ?x .""")
    assert ask(store, """?h rdfs:label "Hainan"@en . ?h nkg:reports ?r . ?r schema:value 594 ; nkg:caseCategory nkg:LocalConfirmed .""")
    assert ask(store, """?g a nkg:WorkingGroup . ?u rdfs:label "Urumqi"@en . ?g nkg:visits ?u .""")
    assert ask(store, """?q a schema:Quotation ; schema:creator ?p ; schema:text ?t . ?p rdfs:label "Lei Haichao"@en .
        FILTER(langMatches(lang(?t), "en"))""")
    store.close()


def test_language_can_be_forced(tmp_path):
    summary, store = build([sample_corpus()[0]], tmp_path, viewer=False, language="zh-Hant")
    assert ask(store, '?a schema:inLanguage "zh-Hant"')
    store.close()


def test_traditional_and_simplified_names_are_one_node(tmp_path):
    source = jsonl(
        tmp_path / "two.jsonl",
        {"title": "一", "date": "2025-11-02T08:00:00+08:00", "url": "https://example.org/a", "text": "國家主席習近平週六在北京會見外賓。"},
        {"title": "二", "date": "2025-11-03T08:00:00+08:00", "url": "https://example.org/b", "text": "国家主席习近平周日在北京会见外宾。"},
    )
    summary, store = build([source], tmp_path / "out", viewer=False)
    assert summary.articles == 2
    rows = list(store.query(prefix_header() + 'SELECT DISTINCT ?p WHERE { ?a schema:mentions ?p . ?p a schema:Person }'))
    assert len(rows) == 1
    assert ask(store, '?p rdfs:label "习近平"@zh-Hans , "習近平"@zh-Hant')
    store.close()


def test_romanised_name_meets_its_chinese_form(tmp_path):
    source = jsonl(
        tmp_path / "pair.jsonl",
        {"title": "发布会", "date": "2025-11-05T15:00:00+08:00", "url": "https://example.org/zh",
         "text": "外交部发言人王文斌表示，中方愿同各方加强沟通。"},
        {"title": "Briefing", "date": "2025-11-05T16:00:00+08:00", "url": "https://example.org/en", "language": "en",
         "text": "Foreign Ministry spokesperson Wang Wen-bin said that China is willing to strengthen communication."},
    )
    summary, store = build([source], tmp_path / "out", viewer=False)
    assert summary.articles == 2
    rows = list(store.query(prefix_header() + 'SELECT DISTINCT ?p WHERE { ?p a schema:Person }'))
    assert len(rows) == 1
    assert ask(store, '?p rdfs:label "王文斌"@zh-Hans , "Wang Wen-bin"@en ; skos:altLabel "Wang Wenbin"@zh-Latn-pinyin')
    store.close()


def test_place_exonym_and_pinyin_are_the_same_place(tmp_path):
    source = jsonl(
        tmp_path / "places.jsonl",
        {"title": "A", "date": "2025-11-05T15:00:00+08:00", "url": "https://example.org/1", "language": "en",
         "text": "The delegation arrived in Urumqi on Monday."},
        {"title": "B", "date": "2025-11-06T15:00:00+08:00", "url": "https://example.org/2", "language": "en",
         "text": "The delegation arrived in Wulumuqi on Tuesday."},
        {"title": "C", "date": "2025-11-07T15:00:00+08:00", "url": "https://example.org/3",
         "text": "代表团周三抵达乌鲁木齐。"},
    )
    summary, store = build([source], tmp_path / "out", viewer=False)
    rows = list(store.query(prefix_header() + 'SELECT DISTINCT ?p WHERE { ?a schema:mentions ?p . ?p a schema:AdministrativeArea }'))
    assert [r["p"].value.rsplit("/", 1)[-1] for r in rows] == ["cn-650100"]
    store.close()


def test_no_false_pairing_between_unrelated_articles(tmp_path):
    summary, store = build([sample_corpus()[1], tmp_path / "other.jsonl"] if jsonl(
        tmp_path / "other.jsonl",
        {"title": "油价", "date": "2025-11-20T06:10:58+08:00", "url": "https://example.org/oil",
         "text": "伦敦布兰特期油收市报每桶63.51美元，跌1.38美元，跌幅2.1%。新疆2005年的产量为594万吨。"},
    ) else [], tmp_path / "out", viewer=False)
    assert summary.articles == 2 and summary.translations == 0
    store.close()


def test_english_meeting_between_two_persons(tmp_path):
    source = jsonl(
        tmp_path / "talks.jsonl",
        {"title": "Talks", "date": "2025-11-05T15:00:00+08:00", "url": "https://example.org/en1", "language": "en",
         "text": "Chinese President Xi Jinping met with US President Donald Trump in Busan on Thursday."},
    )
    summary, store = build([source], tmp_path / "out", viewer=False)
    assert summary.facts["meeting"] == 1
    assert ask(store, """?x rdfs:label "习近平"@zh-Hans . ?t rdfs:label "特朗普"@zh-Hans . ?x nkg:meets ?t .
        ?m a nkg:Meeting ; schema:attendee ?x , ?t ; schema:startDate "2025-10-30"^^xsd:date .""")
    store.close()
