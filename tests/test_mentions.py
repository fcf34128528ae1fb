"""Entity mentions on real corpus sentences (quoted here; the tests do not read the
corpus): where names start and end, and what is no name at all."""
from __future__ import annotations

from kg.analyse import analyse
from kg.model import Article


def mentions(text: str, kinds: tuple[str, ...]) -> list[str]:
    return [m.text for m in analyse(Article("corpus sentence", text)).mentions if m.type in kinds]


BODIES = ("Organization", "GovernmentOrganization", "NewsMedia")


def test_a_body_starts_after_the_preposition_or_descriptor_before_it():
    assert "韩国贸易协会" in mentions("根据韩国贸易协会（KITA）2023年统计，韩国约有74%稀土进口来自中国。", BODIES)
    assert "战略与国际研究中心" in mentions(
        "美国智库战略与国际研究中心（CSIS）在5月份表示，在特朗普担任美国总统的第一个任期（2017年至2021年）期间，"
        "美中两国政府之间90多个沟通渠道中的大部分都处于停滞状态。", BODIES)


def test_groups_and_camps_are_no_bodies():
    found = mentions("與此同時，保守派《中央日報》稱，美中貿易戰可能僅為「暫時停火」，但此休戰對韓國有利。", BODIES)
    assert "保守派" not in found
    assert "中央日報" in found or "《中央日報》" in found


PERSONS = ("Person",)


def test_a_name_found_once_is_found_where_the_article_repeats_its_short_form():
    text = ("“霍乱仍然是一个重大问题”，非洲疾控中心主任让·卡塞亚周四在新闻发布会上表示，“感觉每年病例都在增加。”\n"
            "卡塞亚告诉记者，安哥拉和布隆迪这两个国家的病例尤其增多，这表明霍乱疫情正在活跃传播。")
    assert mentions(text, PERSONS) == ["让·卡塞亚", "卡塞亚"]


def test_a_side_of_talks_is_no_person():
    assert mentions("據韓方通報，李習會中討論朝鮮半島局勢。", PERSONS) == []
