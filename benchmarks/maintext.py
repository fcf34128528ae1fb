"""Main-text extraction on hand-marked corpus articles: newskg's reader against trafilatura.

    python benchmarks/maintext.py [--corpus ../shared/corpus] [--gold eval/maintext]
    python benchmarks/maintext.py --choose [--seed 0]      # the posts the set is drawn as
    python benchmarks/maintext.py --paragraphs news-2025-11/FILE   # to mark a new post

Each file of ``eval/maintext/`` names a corpus post and lists the paragraphs of its body
in order, each marked ``main`` or ``boilerplate`` by hand and stored as its first
characters and the SHA-1 of its text (so the corpus text stays out of the project); a
main paragraph may say how many of its first and last characters are a dateline, an end
mark or an editor's credit (``head``, ``tail``). A paragraph is the text of a block
element of the body as a browser shows it (a line of a Markdown or plain body),
whitespace collapsed: the segmentation is made here, independent of either extractor.

Scored by characters (whitespace and format characters left out): the extractor's output
is aligned in order with the body's paragraphs (difflib, runs of 4 characters or more),
so that a caption repeating a sentence of the text is not taken for it. Recall is the
share of the main text's characters the output holds; precision the share of the
output's characters that are main text (aligned to boilerplate, or to nothing, they
count against it). Datelines and end marks count as boilerplate, as the reader means
them to; a second total counts them as main text. trafilatura reads the body (HTML; a
Markdown or plain body as one <p> per paragraph) with its default settings; newskg reads
the file. Needs the benchmark extra: ``pip install -e '.[bench]'``.
"""
from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import random
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT_GOLD = ROOT / "eval" / "maintext"
MONTHS = ("news-2022-04", "news-2025-11")
MIN_BLOCK = 4  # the shortest run of aligned characters that counts (shorter ones are chance)
PREFIX = 12

# elements whose text a reader never sees, and elements that start a paragraph
INVISIBLE = frozenset({"script", "style", "noscript", "template", "head", "title", "meta", "link", "svg", "iframe",
                       "object", "select", "textarea"})
BLOCKS = frozenset({
    "p", "div", "section", "article", "main", "header", "footer", "nav", "aside", "h1", "h2", "h3", "h4", "h5",
    "h6", "li", "ul", "ol", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption",
    "figure", "figcaption", "blockquote", "pre", "hr", "address", "form", "fieldset", "legend", "details",
    "summary", "center", "hgroup", "button", "video", "audio", "picture", "body", "html", "br",
})


def outlet_of(name: str) -> str:
    return name.split("-")[3]


def choose(corpus: Path, seed: int) -> list[str]:
    """Two posts of each outlet, one of each month where the outlet is in both, else two
    of its month; outlets and files sorted, drawn with ``seed``."""
    rng = random.Random(seed)
    by_outlet: dict[str, dict[str, list[str]]] = {}
    for month in MONTHS:
        for f in sorted((corpus / month).iterdir()):
            by_outlet.setdefault(outlet_of(f.name), {}).setdefault(month, []).append(f"{month}/{f.name}")
    chosen = []
    for outlet in sorted(by_outlet):
        months = by_outlet[outlet]
        if len(months) == 2:
            chosen += [rng.choice(months[m]) for m in MONTHS]
        else:
            chosen += rng.sample(next(iter(months.values())), 2)
    return chosen


def body_of(raw: str) -> str:
    """The post without its YAML front matter."""
    if raw.startswith("---\n"):
        end = raw.find("\n---\n", 4)
        if end >= 0:
            return raw[end + 5:]
    return raw


def normalised(text: str) -> str:
    return " ".join(text.split())


def key(text: str) -> str:
    """The characters that are scored: no whitespace, no format characters (zero widths)."""
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c) != "Cf")


def is_html(body: str) -> bool:
    return bool(re.search(r"<(?:p|div|section|article|span|h[1-6]|ul|li|figure|img|a)\b", body[:20000], re.I))


def paragraphs(body: str) -> list[str]:
    """The paragraphs of a post's body, in order, whitespace collapsed."""
    if not is_html(body):
        return [p for p in (normalised(line) for line in body.split("\n")) if p]
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(body, scripting=True)  # as a browser reads it: <noscript> holds text
    parts: list[str] = []

    def visit(node) -> None:
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                parts.append(child.text_content or "")
            elif tag in INVISIBLE or tag.startswith(("-", "!")):
                continue
            elif tag in BLOCKS:
                parts.append("\n")
                visit(child)
                parts.append("\n")
            else:
                visit(child)

    if tree.body is not None:
        visit(tree.body)
    return [p for p in (normalised(x) for x in "".join(parts).split("\n")) if p]


def digest(paragraph: str) -> str:
    return hashlib.sha1(paragraph.encode("utf-8")).hexdigest()


def labelled(gold: dict, corpus: Path) -> list[tuple[str, dict]]:
    """(paragraph, its mark) for every paragraph of the gold file's post, checked against the digests."""
    body = body_of((corpus / gold["article"]).read_text(encoding="utf-8"))
    paras = paragraphs(body)
    marks = gold["paragraphs"]
    if len(paras) != len(marks):
        raise SystemExit(f"{gold['article']}: {len(paras)} paragraphs, the gold marks {len(marks)}")
    for i, (p, mark) in enumerate(zip(paras, marks), 1):
        if digest(p) != mark["sha1"]:
            raise SystemExit(f"{gold['article']}: paragraph {i} ({p[:PREFIX]}…) "
                             f"is not the one marked ({mark['prefix']}…)")
    return list(zip(paras, marks))


def main_characters(paragraph: str, mark: dict, edges_main: bool) -> list[bool]:
    """For each scored character of a paragraph, whether it is main text: a main
    paragraph's dateline (``head`` characters) and end mark or credit (``tail``) are
    not, unless ``edges_main``."""
    n = len(key(paragraph))
    if mark["label"] != "main":
        return [False] * n
    if edges_main:
        return [True] * n
    head = len(key(paragraph[:mark.get("head", 0)]))
    tail = len(key(paragraph[len(paragraph) - mark.get("tail", 0):]))
    return [False] * head + [True] * (n - head - tail) + [False] * tail


def score(paras: list[tuple[str, dict]], output: str, edges_main: bool = False) -> dict[str, int]:
    """Characters of the main text, of the output, and of the output aligned (in order)
    to main text and to boilerplate of the body."""
    is_main: list[bool] = []
    for p, mark in paras:
        is_main += main_characters(p, mark, edges_main)
    body = "".join(key(p) for p, _ in paras)
    out = key(output)
    counts = {"main": sum(is_main), "output": len(out), "main kept": 0, "boilerplate kept": 0}
    for a, _, size in difflib.SequenceMatcher(None, body, out, autojunk=False).get_matching_blocks():
        if size >= MIN_BLOCK:
            main = sum(is_main[a:a + size])
            counts["main kept"] += main
            counts["boilerplate kept"] += size - main
    return counts


def newskg_text(path: Path) -> str:
    from kg.read import ReadError, read_file

    try:
        return "\n".join(a.text for a in read_file(path))
    except ReadError:
        return ""


def trafilatura_text(path: Path) -> str:
    import trafilatura

    body = body_of(path.read_text(encoding="utf-8"))
    if not is_html(body):
        body = "".join(f"<p>{p}</p>" for p in paragraphs(body))
    return trafilatura.extract(f"<html><body>{body}</body></html>") or ""


def precision_recall(c: dict[str, int]) -> tuple[float, float]:
    return (c["main kept"] / c["output"] if c["output"] else 0.0), (c["main kept"] / c["main"] if c["main"] else 0.0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="the folder of news-2022-04 and news-2025-11")
    parser.add_argument("--gold", default=str(DEFAULT_GOLD))
    parser.add_argument("--choose", action="store_true", help="list the posts the set is drawn as")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--paragraphs", metavar="POST", help="print a post's paragraphs with their digests")
    args = parser.parse_args()
    corpus = Path(args.corpus)

    if args.choose:
        print("\n".join(choose(corpus, args.seed)))
        return 0
    if args.paragraphs:
        for i, p in enumerate(paragraphs(body_of((corpus / args.paragraphs).read_text(encoding="utf-8"))), 1):
            print(f"{i}\t{digest(p)}\t{p}")
        return 0

    import trafilatura

    extractors = (("newskg", newskg_text), (f"trafilatura {trafilatura.__version__}", trafilatura_text))
    totals = {(name, edges_main): {} for name, _ in extractors for edges_main in (False, True)}
    print("| post | main characters | " + " | ".join(f"{name} P / R" for name, _ in extractors) + " |")
    print("| --- | --- |" + " --- |" * len(extractors))
    for gold_file in sorted(Path(args.gold).glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        paras = labelled(gold, corpus)
        cells = []
        for name, extract in extractors:
            output = extract(corpus / gold["article"])
            for edges_main in (False, True):
                c = score(paras, output, edges_main)
                for k, v in c.items():
                    totals[name, edges_main][k] = totals[name, edges_main].get(k, 0) + v
                if not edges_main:
                    cells.append("{:.2f} / {:.2f}".format(*precision_recall(c)))
        post = Path(gold["article"]).name
        print(f"| {post[:10]} {outlet_of(post)} | {score(paras, '')['main']:,} | " + " | ".join(cells) + " |")
    for edges_main, what in ((False, "all, by characters"), (True, "all, datelines and end marks as main text")):
        cells = []
        for name, _ in extractors:
            p, r = precision_recall(totals[name, edges_main])
            cells.append(f"**{p:.3f} / {r:.3f}** (F1 {2 * p * r / (p + r) if p + r else 0.0:.3f})")
        print(f"| {what} | {totals[extractors[0][0], edges_main]['main']:,} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
