"""Boilerplate rules: which paragraphs are no part of an article's main text."""
from __future__ import annotations

import re
from typing import Iterable

from .text import clean

# A whole paragraph that is boilerplate (only checked on short paragraphs).
_DROP_START = re.compile(
    r"""^(?:
        (?:图像来源|圖像來源|图片来源|圖片來源|影片來源|影片来源|视频来源|視頻來源|圖片提供|图片提供
           |Image\ source|Image\ caption|Photo\ credit|Getty\ Images)\s*[，,：:]
      | (?:延伸閱讀|延伸阅读|相關新聞|相关新闻|相關報導|相关报道|相关报导|相關閱讀|相关阅读|推薦閱讀|推荐阅读
           |热读|熱讀|阅读更多|閱讀更多|更多阅读|更多閱讀|看更多|更多相关内容|更多相關內容
           |Read\ more|Related(?:\ articles?|\ stories)?|Recommended|Most\ read)\s*(?:[：:>»]|$)
      | (?:责任编辑|責任編輯|编辑|編輯|翻译|翻譯|校对|校對|核稿|审校|審校|撰稿|Edited\ by|Translated\ by)\s*[：:]
      | (?:来源|來源|Source)\s*[：:]
      | (?:Skip\ (?:to\ |\S+\ and\ continue|advertisement)|End\ of\ (?:\S+\ )?(?:content|post|list|recommendations)
         |list\ of\ \d|Advertisement$|广告$|廣告$|Article\ Information$)
      | (?:Author|Role|Reporting\ from)\s*,
    )""",
    re.X | re.I,
)
_DROP_ANY = re.compile(
    r"""(?:©|版权所有|版權所有|版权声明|版權聲明|All\ rights\ reserved|点击查看本文英文版|點擊查看本文英文版
        |DW中文有Instagram|追蹤中央社|追踪中央社|透過\ ?Google\ News|訂閱.{0,12}(?:電子報|频道|頻道|newsletter)
        |订阅.{0,12}(?:电子报|频道|newsletter)|(?:补充|補充)(?:报导|报道|報導|報道)$|对本文有报道贡献|對本文有報道貢獻
        |Skip\ \S+\ and\ continue\ reading|你的器材不支持播放|Play\ video,
        |^(?:跳过|跳過|结尾|結尾|Skip|End\ of)\s*\S+\s*(?:帖子|post|content)
        |^(?:本文|文中|摘编自|摘編自|德国之声致力|德國之聲致力).{0,80}(?:立场|立場|观点|觀點)
        |飲酒過量|饮酒过量|酒後請勿開車|酒后请勿开车|禁止酒駕|禁止酒驾|珍惜生命|自殺不能解決問題|自杀不能解决问题
        |生命線專線|张老师服务专线|張老師服務專線)""",
    re.X | re.I,
)
# Source credit lines such as （路透社、法新社、德新社等）
_SOURCE_CREDIT = re.compile(r"^[（(][^（）()]{1,40}(?:社|电|電|报|報|网|網|等|AFP|AP|Reuters|dpa)[^（）()]{0,10}[）)]$")
# Bylines standing as their own paragraph: "BBC中文记者  吕嘉鸿", "作者：X"
_BYLINE_PARA = re.compile(
    r"^(?:(?:BBC|本台|本報|本报)\S{0,6}(?:记者|記者|特派员|特派員)\s+\S.{0,24}"
    r"|(?:作者|撰文|文|撰稿|摄影|攝影|By)\s*[：:｜|]\s*\S.{0,24})$")
_DATE_ONLY = re.compile(
    r"^(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{1,2}\s*(?:分钟|分鐘|小时|小時|天)前)"
    r"(?:[T\s]*\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$")
# Datelines at the start of the first paragraph: （中央社記者X台北1日電） 【共同社东京11月1日电】
_DATELINE = re.compile(
    r"^\s*(?:[（(](?P<a>[^（）()]{0,50}?(?:電|电|報導|报导|報道|报道|專電|专电|中文网|中文網|社|訊|讯))\s*[）)]"
    r"|【(?P<b>[^【】]{0,50}?(?:电|電|讯|訊|报道|報導))】)\s*")
# Trailers at the end of the last paragraph: （完） （編輯：X）1141101
_TRAILER = re.compile(
    r"\s*(?:[（(](?:完|全文完)[）)]+|【完】"
    r"|[（(](?:編輯|编辑|編譯|编译|責任編輯|责任编辑|譯者|译者|核稿|審校|审校|撰稿|翻譯|翻译)[：:][^（）()]{0,60}[）)]\s*\d{0,8})\s*$")
# An end-of-story mark (CNA's editor credit with its date code, Kyodo's （完）): whatever
# follows it in the same paragraph or after it is a standing notice, not the story.
_END_MARK = re.compile(
    r"[（(](?:編輯|编辑|編譯|编译|譯者|译者|翻譯|翻译)[：:][^（）()]{0,60}[）)]\s*\d{7}|[（(]完[）)]+")
_BULLET = re.compile(r"^[▶►▷●•■◆◇]\s*")


_HAS_WORD = re.compile(r"\w")


def is_boiler_paragraph(p: str) -> bool:
    if len(p) <= 120 and (_DROP_START.match(p) or _SOURCE_CREDIT.match(p) or _DATE_ONLY.match(p)
                          or _BYLINE_PARA.match(p)):
        return True
    if not _HAS_WORD.search(p):  # a lone "。" or a row of dashes
        return True
    if len(p) <= 200 and _DROP_ANY.search(p):
        return True
    return False


def finish(paras: Iterable[str], title: str | None, extra: dict) -> list[str]:
    """Clean paragraphs, drop boilerplate ones, strip datelines and trailers."""
    out = [p for p in (clean(x) for x in paras) if p]
    _cut_after_end_mark(out, extra)
    out = [_BULLET.sub("", p) for p in out if not is_boiler_paragraph(p)]
    out = [p for p in out if p]
    # a repeated title at the top is not article text
    if out and title and clean(title) == out[0]:
        out.pop(0)
    if out:
        m = _DATELINE.match(out[0])
        if m:
            extra.setdefault("dateline", (m.group("a") or m.group("b") or "").strip())
            out[0] = out[0][m.end():].strip()
            if not out[0]:
                out.pop(0)
    while out:
        m = _TRAILER.search(out[-1])
        if not m:
            break
        extra.setdefault("trailer", out[-1][m.start():].strip())
        rest = out[-1][:m.start()].strip()
        if rest:
            out[-1] = rest
            break
        out.pop()
    return out


def _cut_after_end_mark(out: list[str], extra: dict) -> None:
    """Drop a standing notice that follows an end-of-story mark near the end."""
    for i in range(len(out) - 1, max(-1, len(out) - 4), -1):
        m = None
        for m in _END_MARK.finditer(out[i]):
            pass
        if m is not None:
            tail = clean(out[i][m.end():] + " " + " ".join(out[i + 1:]))
            if tail and len(tail) <= 300:
                extra.setdefault("notice", tail)
                out[i] = out[i][:m.end()]
                del out[i + 1:]
            return
