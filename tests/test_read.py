"""Tests for the reading stage (kg/read/). Fixtures under tests/fixtures/read/ are
invented text in the shapes of the real outlets; the two seeds are the bundled samples."""
from __future__ import annotations

import ast
import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from kg.model import Article, ReadFailure
from kg.read import (
    ReadError,
    decode_bytes,
    iter_sources,
    outlets,
    parse_date,
    read_file,
    read_file_with_failures,
    read_paths,
)
from kg.read.data import boilerplate_rules
from kg.read.formats import format_for

HERE = Path(__file__).parent
FIX = HERE / "fixtures" / "read"
SAMPLE = HERE.parent / "kg" / "sample"
UTC = timezone.utc
HKT = timezone(timedelta(hours=8))


def one(path: Path) -> Article:
    articles = read_file(path)
    assert len(articles) == 1
    return articles[0]


def reason(path: Path) -> str:
    with pytest.raises(ReadError) as err:
        read_file(path)
    assert isinstance(err.value, ValueError)
    return err.value.reason


# ----------------------------------------------------------------------------- seeds


def test_seed_chinese():
    a = one(SAMPLE / "000_b91cb83c69584b36.txt")
    assert a.title == "中国国务院联防联控机制派工作组赴新疆指导疫情防控"
    assert a.published == datetime(2022, 8, 13, 3, 51, tzinfo=UTC)
    assert a.published.isoformat() == "2022-08-13T03:51:00+00:00"
    assert a.url == "https://www.zaobao.com/realtime/china/story20220813-1302557"
    assert a.publisher == "联合早报"
    assert a.text.startswith("中国国务院应对冠病疫情联防联控机制综合组星期五")
    assert a.text.endswith("新疆334例。")
    paras = a.text.split("\n")
    assert len(paras) == 8
    assert all(p == p.strip() and p for p in paras)
    assert paras[3].startswith("新疆自治区党委书记、自治区冠病疫情防控工作领导小组组长马兴瑞")
    for leftover in ("[", "](", "------", "<!--", "paywall", "dfp", "innity", "<", "  "):
        assert leftover not in a.text
    assert a.extra["format"] == "jekyll-html"
    assert a.extra["outlet"] == "zaobao"


def test_seed_english_plain_text():
    a = one(SAMPLE / "001_b51dec2fd9eac977.txt")
    assert a.title is None
    assert a.published is None
    assert a.url is None
    assert a.publisher is None
    assert a.text.startswith("The State Council of the State Council should send a working group to Xinjiang")
    assert a.text.endswith("including 832 cases in Hainan and 334 cases in Xinjiang.")
    assert len(a.text.split("\n")) == 8
    assert a.extra["format"] == "txt"


# ----------------------------------------------------------------------------- corpus-form posts


def test_corpus_post_with_aj_read_more_and_bbc_blocks():
    a = one(FIX / "post_aj_bbc.html")
    assert a.title == "示例城市宣布新建跨海大桥"
    # nanoseconds are cut to microseconds; the zone is kept
    assert a.published == datetime(2025, 10, 30, 6, 12, 45, 123456, tzinfo=UTC)
    assert a.url == "https://example.org/news/2025/10/30/bridge"
    assert a.publisher == "半岛电视台 Al Jazeera"
    assert a.text == (
        "示例城市市长王大明周四宣布，该市将投资80亿元新建一座跨海大桥。\n"
        "王大明说，大桥预计三年内完工，建成后通勤时间将缩短一半。\n"
        "市交通局局长李小华表示，工程将分两期进行。\n"
        "居民反应\n"
        "附近居民张女士说：“我们期待这座桥很久了。”\n"
        "环保团体则担心施工会影响海洋生态。"
    )
    assert a.extra["byline"] == "林小雨, 示例台记者"


def test_cna_style_post():
    a = one(FIX / "post_cna.html")
    assert a.publisher == "中央社 CNA"
    assert a.text == (
        "示例縣今天舉辦國際風箏節，吸引來自10個國家的隊伍參加。\n"
        "縣長林示例致詞時表示，風箏節已連續舉辦15年。\n"
        "主辦單位指出，今年參觀人數預估超過5萬人次。\n"
        "活動將持續到明天下午5時。"
    )
    assert a.extra["dateline"] == "中央社記者陳示例示例縣8日電"
    assert a.extra["trailer"] == "（編輯：王示例）1141108"


def test_dw_style_post():
    a = one(FIX / "post_dw.html")
    assert a.publisher == "德国之声 DW"
    assert a.text == (
        "示例国议会周日通过一项新能源法，计划在2030年前关闭所有煤电厂。\n"
        "反对党批评\n"
        "反对党领袖施密特说，这项法律会推高电价。"
    )
    assert a.extra["byline"] == "示例作者"


def test_nyt_style_post():
    a = one(FIX / "post_nyt.html")
    assert a.publisher == "纽约时报 NYT"
    assert a.text == "示例城市的夜市每晚吸引上万名游客。\n市政府官员说，夜间经济占全市零售额的三成。"
    assert a.extra["byline"] == "JANE EXAMPLE"


def test_kyodo_and_chosun_shapes():
    a = one(FIX / "post_kyodo_chosun.html")
    assert a.publisher == "共同网 Kyodo"
    assert a.text == (
        "示例首相11日在官邸会见了来访的外国代表团。\n"
        "双方就扩大经济合作交换了意见。\n"
        "代表团团长表示希望加强交流。\n"
        "双方同意明年再次会谈。"
    )


def test_rthk_style_plain_text_post():
    a = one(FIX / "rthk_post.md")
    assert a.title == "示例區議會通過新公園計劃"
    assert a.published == datetime(2025, 11, 3, 18, 5, 41, tzinfo=HKT)
    assert a.published.utcoffset() == timedelta(hours=8)
    assert a.url == "https://news.example.hk/ch/component/k2/1000001-20251103.htm"
    assert a.publisher == "香港電台 RTHK"
    assert a.text == (
        "示例區議會今日通過興建新公園的計劃，預計明年動工。\n"
        "區議會主席何志強表示，公園將設有兒童遊樂場及緩跑徑， 方便區內居民。\n"
        "工程預計耗資3億元，由政府撥款支付。"
    )
    assert a.extra["format"] == "jekyll-text"


def test_outlet_table():
    table = outlets()
    assert table["rthk"][0] == "香港電台 RTHK"
    assert table["cna"][0] == "中央社 CNA"
    assert table["aj"][0] == "半岛电视台 Al Jazeera"
    assert table["kyodo"][0] == "共同网 Kyodo"
    assert table["dw"][0] == "德国之声 DW"
    assert table["bbc"][0] == "BBC中文"
    assert table["chosun"][0] == "朝鲜日报 Chosun"
    assert table["nyt"][0] == "纽约时报 NYT"


# ----------------------------------------------------------------------------- other formats


def test_html_page_without_front_matter():
    a = one(FIX / "page.html")
    assert a.title == "示例港口开通新航线"
    assert a.published == datetime(2025, 11, 5, 8, 0, tzinfo=HKT)
    assert a.url == "https://news.example.org/port"
    assert a.publisher == "示例新闻网"
    assert a.language == "zh-Hans"
    assert a.text == "示例港口集团今天宣布，开通一条通往东南亚的集装箱航线。\n集团总经理吴建国说，新航线每周往返两班。"


def test_markdown_without_front_matter():
    a = one(FIX / "notes.md")
    assert a.title == "示例会议纪要"
    assert a.text == (
        "会议由主任赵四主持，讨论了年度预算和人事安排。\n"
        "决定事项\n"
        "预算总额为500万元。\n"
        "下次会议定于12月举行。\n"
        "赵四强调，各部门要按时提交报告。"
    )


def test_jsonl_keeps_good_lines_and_reports_bad_ones():
    path = FIX / "articles.jsonl"
    articles, failures = read_file_with_failures(path)
    assert [a.title for a in articles] == ["示例新闻一", "Sample two"]
    first, second = articles
    assert first.text == "第一段。\n第二段。"
    assert first.published == datetime(2025, 11, 2, 9, 30, tzinfo=HKT)
    assert first.url == "https://example.org/1"
    assert first.publisher == "示例日报"
    assert first.language == "zh-Hans"
    assert first.path == f"{path}:1"
    assert second.text == "First paragraph.\nSecond paragraph."
    assert second.published == datetime(2025, 11, 2, 10, 0, tzinfo=UTC)  # naive means UTC
    assert second.language == "en"
    assert failures == [
        ReadFailure(f"{path}:2", "line 2: not JSON (Expecting property name enclosed in double quotes at column 38)"),
        ReadFailure(f"{path}:3", 'line 3: no "text" field'),
    ]
    assert [a.title for a in read_file(path)] == ["示例新闻一", "Sample two"]
    assert len(list(read_paths([path]))) == 4


def test_jsonl_with_no_good_line_raises(tmp_path):
    p = tmp_path / "bad.jsonl"
    p.write_text('{"title": "x"}\nnot json\n', encoding="utf-8")
    assert reason(p) == 'line 1: no "text" field'


# ----------------------------------------------------------------------------- encodings


def test_gbk_file():
    a = one(FIX / "gbk_simplified.txt")
    assert a.extra["encoding"] == "gb18030"
    assert a.text == "示例市卫生健康委员会今天通报，全市新增确诊病例12例。\n工作组组长表示，要加强社区防控，保障群众生活物资供应。"


def test_big5_file():
    a = one(FIX / "big5_traditional.txt")
    assert a.extra["encoding"] == "big5"
    assert a.text == "示例市政府今天召開記者會，宣布將擴建國際機場。\n交通局局長說，擴建工程預計在三年內完成，屆時旅客量可望倍增。"


def test_utf8_with_bom():
    a = one(FIX / "utf8_bom.txt")
    assert a.text == "示例新闻第一段。\n示例新闻第二段。"
    assert not a.text.startswith("\ufeff")


@pytest.mark.parametrize("text, encoding, expected", [
    ("工作组抵达乌鲁木齐", "gbk", "gb18030"),
    ("天气预报说明天有大雨。", "gbk", "gb18030"),
    ("他说，要把群众的安全放在第一位。", "gb18030", "gb18030"),
    ("工作組抵達烏魯木齊", "big5", "big5"),
    ("天氣預報說明天有大雨。", "big5", "big5"),
    ("他說，要把民眾的安全放在第一位。", "big5", "big5"),
])
def test_short_chinese_text_detection(text, encoding, expected):
    assert decode_bytes(text.encode(encoding)) == (text, expected)


# ----------------------------------------------------------------------------- bad input


def test_binary_file():
    assert reason(FIX / "binary.dat") == "binary file, not text"


def test_empty_and_blank_files():
    assert reason(FIX / "empty.txt") == "empty file"
    assert reason(FIX / "blank.md") == "empty file"


def test_broken_yaml_front_matter():
    assert reason(FIX / "broken_yaml.md") == "invalid YAML front matter: mapping values are not allowed in this context"


def test_unreadable_encoding():
    assert reason(FIX / "unreadable.txt") == "unreadable encoding (not UTF-8, GB18030, Big5 or Windows-1252)"


def test_post_without_article_text():
    assert reason(FIX / "no_text_post.html") == "no article text"


def test_permission_error(monkeypatch, tmp_path):
    p = tmp_path / "locked.txt"
    p.write_text("text", encoding="utf-8")

    def deny(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", deny)
    assert reason(p) == "cannot read: permission denied"
    assert list(read_paths([p])) == [ReadFailure(str(p), "cannot read: permission denied")]


# ----------------------------------------------------------------------------- sources


def test_folder_is_recursive_sorted_and_skips_hidden():
    tree = FIX / "tree"
    assert list(iter_sources([tree])) == [
        tree / "a.txt",
        tree / "sub" / "b.md",
        tree / "sub" / "deeper" / "c.html",
        tree / "z.txt",
    ]


def test_glob_patterns():
    tree = FIX / "tree"
    assert list(iter_sources([str(tree / "**" / "*.md")])) == [tree / "sub" / "b.md"]
    assert list(iter_sources([f"{tree}/*.txt"])) == [tree / "a.txt", tree / "z.txt"]
    # a file named twice is read once
    assert list(iter_sources([tree / "a.txt", f"{tree}/*.txt"])) == [tree / "a.txt", tree / "z.txt"]


def test_missing_path_and_empty_glob():
    missing = str(FIX / "no-such-file.txt")
    nothing = str(FIX / "*.nomatch")
    assert list(iter_sources([missing, nothing])) == [
        ReadFailure(missing, "no such file or directory"),
        ReadFailure(nothing, "no such file or directory"),
    ]


def test_read_paths_never_raises_and_names_each_failure():
    tree = FIX / "tree"
    missing = str(FIX / "missing.md")
    items = list(read_paths([tree, missing, FIX / "binary.dat", FIX / "empty.txt"]))
    articles = [x for x in items if isinstance(x, Article)]
    failures = [x for x in items if isinstance(x, ReadFailure)]
    assert [a.text for a in articles] == ["Tree file A.", "子目录正文。", "Deep text.", "Tree file Z."]
    assert articles[1].title == "子目录文章"
    assert articles[1].published == datetime(2025, 11, 1, tzinfo=UTC)
    assert articles[2].title == "Deep page"
    assert failures == [
        ReadFailure(missing, "no such file or directory"),
        ReadFailure(str(FIX / "binary.dat"), "binary file, not text"),
        ReadFailure(str(FIX / "empty.txt"), "empty file"),
    ]


# ----------------------------------------------------------------------------- dates


@pytest.mark.parametrize("value, expected", [
    ("2025-11-01 01:36:03.000000000 +00:00", datetime(2025, 11, 1, 1, 36, 3, tzinfo=UTC)),
    ("2025-11-01 12:41:31.123456789 +08:00", datetime(2025, 11, 1, 12, 41, 31, 123456, tzinfo=HKT)),
    ("2022-08-13T03:51:00.000Z", datetime(2022, 8, 13, 3, 51, tzinfo=UTC)),
    ("2022-08-13 03:51", datetime(2022, 8, 13, 3, 51, tzinfo=UTC)),
    ("2025年11月1日", datetime(2025, 11, 1, tzinfo=UTC)),
    (datetime(2025, 1, 2, 3, 4), datetime(2025, 1, 2, 3, 4, tzinfo=UTC)),
    (date(2025, 1, 2), datetime(2025, 1, 2, tzinfo=UTC)),
    ("not a date", None),
    (None, None),
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected
    if expected is not None:
        assert parse_date(value).tzinfo is not None


def test_quoted_date_with_nanoseconds_in_front_matter(tmp_path):
    p = tmp_path / "post.md"
    p.write_text('---\ntitle: T\ndate: "2025-11-01 01:36:03.999999999 +05:30"\nurl: https://x.example/1\n'
                 "lang: zh-Hant\n---\n\n正文。\n", encoding="utf-8")
    a = one(p)
    assert a.published == datetime(2025, 11, 1, 1, 36, 3, 999999, tzinfo=timezone(timedelta(hours=5, minutes=30)))
    assert a.url == "https://x.example/1"
    assert a.language == "zh-Hant"
    assert a.publisher is None


def test_an_article_fetched_years_after_its_address_says_it_was_published_keeps_its_day(tmp_path):
    """A feed of April 2022 carried Al Jazeera's report of 9 September 2020 again."""
    post = tmp_path / "2022-04-23-AJ-今日疫情.html"
    post.write_text("---\nlayout: post\ntitle: 今日疫情\ndate: 2022-04-23 22:36:02.000000000 +08:00\n"
                    "link: http://chinese.aljazeera.net/news/2020/9/9/%e4%bb%8a%e6%97%a5\ncategories: aj\n---\n\n"
                    "<p>2020年9月8日星期二全球疫情的最新资讯：巴西卫生部8日晚宣布，新增504例死亡病例。</p>\n", encoding="utf-8")
    article = read_file(post)[0]
    assert article.published.isoformat() == "2020-09-09T00:00:00+08:00"
    assert article.extra["fetched"] == "2022-04-23T22:36:02+08:00"
    post.write_text(post.read_text(encoding="utf-8").replace("/2020/9/9/", "/2022/4/21/"), encoding="utf-8")
    assert read_file(post)[0].published.isoformat() == "2022-04-23T22:36:02+08:00"


# ----------------------------------------------------------------------------- hostile shapes


def test_html_nested_five_thousand_deep_is_read(tmp_path):
    depth = 5000
    page = tmp_path / "deep.html"
    page.write_text("<html><head><title>深</title></head><body>" + "<div><span>" * depth + "<p>深层正文。</p>"
                    + "</span></div>" * depth + "<p>浅层正文。</p></body></html>", encoding="utf-8")
    a = one(page)
    assert a.text == "深层正文。\n浅层正文。"
    assert a.extra["removed"]["nesting"] == 1


@pytest.mark.parametrize("data, text, encoding", [
    # one NUL byte does not make a text file binary: it is dropped
    ("卫健委通报\x00新增病例12例。\nSecond paragraph.".encode("utf-8"), "卫健委通报新增病例12例。\nSecond paragraph.", "utf-8"),
    # Western text in Latin-1 / Windows-1252
    ("The café in Zürich said “no” – a résumé of 12 cases.".encode("cp1252"),
     "The café in Zürich said “no” – a résumé of 12 cases.", "cp1252"),
])
def test_text_files_once_refused_are_read(tmp_path, data, text, encoding):
    p = tmp_path / "file.txt"
    p.write_bytes(data)
    a = one(p)
    assert (a.text, a.extra["encoding"]) == (text, encoding)


def test_only_really_binary_or_unreadable_bytes_are_refused():
    assert reason(FIX / "binary.dat") == "binary file, not text"
    with pytest.raises(ReadError):  # high bytes alone are no Western text
        decode_bytes(bytes(range(0x80, 0x100)) * 4)


def test_a_symlink_loop_in_a_folder_is_reported(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("Text A.", encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_text("Text B.", encoding="utf-8")
    (tmp_path / "sub" / "back").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "x.txt").symlink_to(tmp_path / "y.txt")
    (tmp_path / "y.txt").symlink_to(tmp_path / "x.txt")
    assert list(iter_sources([tmp_path])) == [
        tmp_path / "a.txt",
        tmp_path / "sub" / "b.txt",
        ReadFailure(str(tmp_path / "sub" / "back"), "symbolic link loop, not followed"),
        ReadFailure(str(tmp_path / "x.txt"), "cannot read: too many levels of symbolic links"),
        ReadFailure(str(tmp_path / "y.txt"), "cannot read: too many levels of symbolic links"),
    ]


@pytest.mark.parametrize("value", ["\u202e2025-11-01 08:00:00 +08:00", "\ufeff2025-11-01 08:00:00 +08:00",
                                   "2025-11-01\u200b 08:00:00 +08:00"])
def test_format_characters_in_a_date_are_ignored(value):
    assert parse_date(value) == datetime(2025, 11, 1, 8, 0, tzinfo=HKT)


def test_html_nested_a_hundred_thousand_deep_is_read_without_parsing_the_depth(tmp_path):
    depth = 100_000  # the HTML parser's cost grows with the square of the depth
    page = tmp_path / "deeper.html"
    page.write_text("<html><body><p>浅层正文。</p>" + "<section><b>" * depth + "深层正文。" + "</b></section>" * depth
                    + "</body></html>", encoding="utf-8")
    a = one(page)
    assert a.text == "浅层正文。\n深层正文。"
    assert a.extra["removed"]["nesting"] == 1


@pytest.mark.parametrize("ext, text, name", [
    (".jsonl", "---\ntitle: x\n---\n{}", "jsonl"),  # data: front matter is not looked for
    (".json", "---\ntitle: x\n---\n{}", "json"),
    (".md", "---\ntitle: x\n---\nBody.", "jekyll"),  # front matter wins over the extension
    (".html", "---\ntitle: x\n---\n<p>Body.</p>", "jekyll"),
    (".txt", "---\n\nA rule, then text.", "txt"),  # a --- without a key line is a rule
    (".md", "<!DOCTYPE html><html><body><p>x</p></body></html>", "md"),  # the extension wins over a page test
    (".txt", "<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),  # .txt names no format
    ("", "<html lang=\"zh\"><body><p>x</p></body></html>", "html"),
    (".htm", "plain words", "html"),
    ("", "plain words", "txt"),
])
def test_the_format_comes_from_extension_and_content_in_order(ext, text, name):
    assert format_for(ext, text).name == name


def test_outlet_rules_join_the_generic_ones():
    rules = boilerplate_rules()
    assert rules["notices"][:2] == ["©", "版权所有"]  # generic first
    assert {"DW中文有Instagram", "追蹤中央社", "点击查看本文英文版"} <= set(rules["notices"])
    assert rules["byline_block"]["author"] == "Author"  # set by one outlet (BBC)
    assert "gmail" in rules["class_words"] and "ad" in rules["class_words"]


def test_no_chinese_phrase_is_written_in_the_reader_code():
    """The phrases and cue words are data in kg/resources; docstrings may quote examples."""
    han = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
    found = []
    for path in sorted((HERE.parent / "kg" / "read").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
        found += [f"{path.name}:{node.lineno}" for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, str)
                  and id(node) not in docstrings and han.search(node.value)]
    assert len(list((HERE.parent / "kg" / "read").rglob("*.py"))) >= 10
    assert found == []
