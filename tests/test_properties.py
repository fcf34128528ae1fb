"""Generated documents thrown at the readers and the analysis (hypothesis, derandomised
so that every run tries the same ones): whatever the nesting, length, script, control
characters or encoding, nothing but a ReadError escapes the reader, nothing at all
escapes the rest, every offset stays inside the text and every fact's evidence is a
piece of its article's text."""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.model import Article
from kg.pipeline import process
from kg.read import ReadError, read_file_with_failures, read_text
from kg.resolve import Resolver

SETTINGS = settings(derandomize=True, max_examples=80, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# news words, so that the analysis finds names and facts, among any other characters
WORDS = ["国家卫生健康委员会", "副主任", "雷海潮", "表示", "新疆", "新增", "本土病例", "646例", "，", "。", "“", "”",
         "Lei Haichao", " said ", "Xinjiang", " cases. ", "習近平", "說：", "\n", "（", "）", "·", "2022年8月12日"]
CHARACTERS = st.characters(codec="utf-8", exclude_categories=("Cs",))
CONTROL = st.sampled_from(["\x00", "\x07", "\x1b", "\u202e", "\ufeff", "\u200b", "\r", "\t", "\x85", "\u2028"])
PIECES = st.one_of(st.sampled_from(WORDS), st.text(CHARACTERS, max_size=12), CONTROL,
                   st.text(st.sampled_from("中国美日韩俄乌部长总统说会见访问例宗"), min_size=1, max_size=40))
LONG_RUN = st.tuples(st.sampled_from(WORDS[:4] + ["1234567890", "abc"]), st.integers(1, 300)).map(lambda t: t[0] * t[1])
TEXT = st.lists(st.one_of(PIECES, LONG_RUN), max_size=40).map("".join)
TAGS = ["div", "p", "span", "section", "figure", "figcaption", "script", "a", "h2", "ul", "li", "table", "td", "aside"]


def _element(children):
    return st.tuples(st.sampled_from(TAGS), st.sampled_from(["", ' class="share"', ' id="content"', ' aria-hidden="true"']),
                     st.lists(children, max_size=4)).map(lambda t: f"<{t[0]}{t[1]}>{''.join(t[2])}</{t[0]}>")


def _deep(args):
    """A body wrapped in ``depth`` levels of the same element (pages nest 30 deep; these
    and 1,000 to 3,000)."""
    body, tag, depth = args
    return f"<html><body>{f'<{tag}>' * depth}{body}{f'</{tag}>' * depth}</body></html>"


HTML = st.tuples(st.recursive(TEXT, _element, max_leaves=30), st.sampled_from(["div", "span", "section", "b"]),
                 st.one_of(st.just(0), st.integers(0, 50), st.integers(1000, 3000))).map(_deep)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "big5", "cp1252", "utf-16"])
RESOLVER = Resolver()


def check_article(article: Article) -> None:
    graph, quads, facts, doc = process(article, RESOLVER)
    text = article.text
    assert len(doc.norm) == len(text)
    for s in doc.sentences:
        assert 0 <= s.start < s.end <= len(text) and s.text == text[s.start:s.end]
    for m in doc.mentions:
        assert 0 <= m.start < m.end <= len(text) and m.text == text[m.start:m.end]
    for fact in facts:
        assert fact.evidence and fact.evidence in text
    assert graph and all(q.graph_name.value == graph for q in quads)


def check_read(read) -> None:
    try:
        articles, _ = read()
    except ReadError as error:
        assert error.reason and "\n" not in error.reason
        return
    for article in articles:
        assert article.text and article.text == article.text.strip()
        check_article(article)


@SETTINGS
@given(TEXT, st.sampled_from([".txt", ".md", ".html", ".jsonl"]))
def test_any_text_in_any_format(text, suffix):
    check_read(lambda: read_text(text, "doc" + suffix))


@SETTINGS
@given(HTML)
def test_any_nesting_of_html(page):
    check_read(lambda: read_text(page, "page.html"))


@SETTINGS
@given(st.one_of(st.binary(max_size=400), st.tuples(TEXT, ENCODINGS).map(lambda t: t[0].encode(t[1], errors="replace"))),
       st.sampled_from([".txt", ".html", ".md"]))
def test_any_bytes_in_any_encoding(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("file" + suffix)
        path.write_bytes(data)
        check_read(lambda: read_file_with_failures(path))
