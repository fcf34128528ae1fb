"""Each phrasing the extractors read, pinned with a real sentence from the news corpus
(quoted here; the tests do not read the corpus)."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from kg.analyse import analyse
from kg.kinds import extract_all
from kg.model import Article
from kg.resolve import Resolver

RESOLVER = Resolver()
PUBLISHED = "2025-11-08T10:00:00+08:00"


def facts(text: str, published: str = PUBLISHED, kind: str | None = None):
    doc = analyse(Article("corpus sentence", text, published=datetime.fromisoformat(published)))
    found = []
    for fact in extract_all(doc):
        if kind and fact.kind != kind:
            continue
        row = {"kind": fact.kind}
        for key, value in fact.args.items():
            if isinstance(value, list):
                row[key] = [RESOLVER.resolve(v).labels["zh-Hans"] for v in value]
            elif hasattr(value, "name"):
                row[key] = RESOLVER.resolve(value).labels.get("zh-Hans")
            else:
                row[key] = value
        found.append(row)
    return found


def test_office_organisation_title_name_with_quotation_before_the_speaker():
    text = "“台湾是中国的台湾，”中国外交部发言人毛宁周四在记者会上说。"
    found = facts(text)
    assert {"kind": "office", "person": "毛宁", "organization": "中华人民共和国外交部", "role": "发言人",
            "date": date(2025, 11, 6)} in found
    assert {"kind": "statement", "speaker": "毛宁", "text": "台湾是中国的台湾", "date": date(2025, 11, 6)} in found


def test_head_of_state_leads_the_country_and_meets_another():
    found = facts("周六，中国国家主席习近平与韩国总统李在明举行会晤。")
    assert {"kind": "leads", "person": "习近平", "organization": "中国", "role": "国家主席", "date": date(2025, 11, 8)} in found
    assert {"kind": "leads", "person": "李在明", "organization": "韩国", "role": "总统", "date": date(2025, 11, 8)} in found
    assert {"kind": "meeting", "parties": ["习近平", "李在明"], "name": "举行会晤", "date": date(2025, 11, 8)} in found


def test_statement_with_a_quotation_and_a_day_of_the_previous_month():
    found = facts("美国总统特朗普30日表示：“韩国核动力潜艇将在美国费城造船厂进行建造。”", kind="statement")
    assert found == [{"kind": "statement", "speaker": "特朗普", "text": "韩国核动力潜艇将在美国费城造船厂进行建造。",
                      "date": date(2025, 10, 30)}]


def test_phone_call_after_a_kyodo_dateline():
    found = facts("【共同社11月5日电】日本首相高市早苗5日夜晚与乌克兰总统泽连斯基通电话。")
    assert {"kind": "meeting", "parties": ["高市早苗", "泽连斯基"], "name": "通电话", "date": date(2025, 11, 5)} in found
    assert {"kind": "leads", "person": "高市早苗", "organization": "日本", "role": "首相", "date": date(2025, 11, 5)} in found


def test_meeting_subject_and_object_in_traditional_script():
    found = facts("國務院總理李強昨日在北京會見了來訪的新加坡總理黃循財。")
    assert {"kind": "meeting", "parties": ["李强", "黄循财"], "name": "会见", "date": date(2025, 11, 7)} in found
    assert {"kind": "office", "person": "李强", "organization": "中华人民共和国国务院", "role": "总理", "date": date(2025, 11, 7)} in found


def test_a_ministers_title_that_ends_inside_the_ministry_name():
    found = facts("美國國防部長赫格塞思抵達河內，展開對越南的訪問。", kind="office")
    assert found == [{"kind": "office", "person": "赫格塞思", "organization": "美国国防部", "role": "部长", "date": date(2025, 11, 8)}]
    assert {"kind": "leads", "person": "赫格塞思", "organization": "美国国防部", "role": "部长", "date": date(2025, 11, 8)} in facts(
        "美國國防部長赫格塞思抵達河內，展開對越南的訪問。", kind="leads")


def test_hong_kong_case_counts_with_local_and_imported_split():
    found = facts("本港今年累計錄得54宗個案，其中2宗屬本地個案，其餘52宗屬輸入個案。", kind="cases")
    assert [(f["place"], f["category"], f["value"]) for f in found] == [
        ("香港特别行政区", "CumulativeConfirmed", 54), ("香港特别行政区", "LocalConfirmed", 2), ("香港特别行政区", "ImportedConfirmed", 52)]


def test_a_death_toll_with_no_disease_in_sight_is_no_case_report():
    """A hurricane's toll is news, not an epidemic's count (deaths count only where a
    disease is named)."""
    assert facts("法新社報導，牙買加方面通報，截至今天為止，全國確認的死亡人數為19人。", kind="cases") == []
    found = facts("法新社報導，牙買加方面通報，截至今天為止，霍亂疫情全國確認的死亡人數為19人。", kind="cases")
    assert [(f["place"], f["category"], f["value"]) for f in found] == [("牙买加", "CumulativeDeaths", 19)]


def test_cited_source_and_call_through_an_apposition():
    found = facts("据新华社报道，习近平同美国总统特朗普通电话。")
    assert {"kind": "source", "source": "新华社"} in found
    assert {"kind": "meeting", "parties": ["习近平", "特朗普"], "name": "通电话", "date": date(2025, 11, 8)} in found


def test_title_after_the_name_in_brackets():
    found = facts("李家超（香港特区行政长官）今日表示，政府会全力支援。")
    assert {"kind": "leads", "person": "李家超", "organization": "香港特别行政区", "role": "行政长官", "date": date(2025, 11, 8)} in found
    assert {"kind": "statement", "speaker": "李家超", "text": "政府会全力支援", "date": date(2025, 11, 8)} in found


def test_place_glossed_in_latin_script_is_a_place():
    doc = analyse(Article("x", "乌克兰最高军事指挥官承认，乌军在东部前线重镇波克罗夫斯克（Pokrovsk）的防守正面临“艰难局势”。",
                          published=datetime.fromisoformat(PUBLISHED)))
    assert [m.type for m in doc.mentions if m.text == "波克罗夫斯克"] in (["Place"], ["AdministrativeArea"])


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("中国星期五（8月12日）新增2005例感染者。", date(2022, 8, 12)),
        ("瑟尔斯基周六（11月1日）在Telegram上发文表示。", date(2025, 11, 1)),
        ("【共同社11月1日电】驻冲绳美军宪兵队1日凌晨在那霸市闹市区实施了单独巡逻。", date(2025, 11, 1)),
        ("另外，岐阜縣高山市丹生川町昨天因為接獲目擊熊的通報。", date(2025, 11, 7)),
        ("她於上月9日至23日獨自到訪印度。", date(2025, 10, 9)),
    ],
)
def test_dates_resolved_against_the_article_date(sentence, expected):
    from kg.dates import resolve
    from kg.normalise import normalise_text

    anchor = date(2022, 8, 13) if "2005" in sentence else date(2025, 11, 8)
    assert resolve(normalise_text(sentence), anchor)[0] == expected


def test_statement_speaker_is_the_person_a_glossed_body_introduces():
    found = facts("首尔西江大学（Sogang University）国际贸易教授许允（Heo Yoon）表示：“这反映出成员国在某种程度上承认，"
                  "基于WTO的自由贸易秩序难以恢复。”", kind="statement")
    assert [f["speaker"] for f in found] == ["许允"]


def test_statement_speaker_after_a_clause_of_someone_else():
    found = facts("李在明总统详细阐述了韩方通过美朝对话推动朝韩对话的构想，习近平也同意地表示“美朝对话很重要”。", kind="statement")
    assert [(f["speaker"], f["text"]) for f in found] == [("习近平", "美朝对话很重要")]


def test_statement_without_a_subject_continues_the_first_clause():
    found = facts("世界银行估计，重建费用至少需要2160亿美元，并称这一数字是“保守的最佳估计”。", kind="statement")
    assert [(f["speaker"], f["text"][:8]) for f in found] == [("世界银行", "重建费用至少需要"), ("世界银行", "这一数字是“保守")]


def test_no_statement_from_a_cue_inside_a_longer_word():
    assert facts("上月在韩国庆州，李在明总统向特朗普提出了一项看似有说服力的诉求。", kind="statement") == []
    assert facts("BBC事实核查团队也发现一些自称来自苏格兰的帐户，几乎全部发布支持苏格兰独立的内容。", kind="statement") == []


def test_pronoun_speaker_is_the_last_person_who_was_a_subject_not_an_object():
    found = facts("特朗普在接受福克斯新闻主持人劳拉·英格拉恩采访时似乎改变了立场，他说拒绝中国学生签证会让美国“一半的”大学“倒闭”。"
                  "他表示，这些学生的学费对学校至关重要，危险被夸大了。", kind="statement")
    assert [f["speaker"] for f in found] == ["特朗普", "特朗普"]


def test_no_statement_of_whoever_a_report_is_according_to():
    found = facts("据美国财政部称，美国已经颁发了一项与俄罗斯相关的通用许可证，以允许与匈牙利帕克斯二号民用核电站项目进行某些交易。")
    assert [f["kind"] for f in found if f["kind"] == "statement"] == []
    assert {"kind": "source", "source": "美国财政部"} in [{k: f[k] for k in ("kind", "source")} for f in found if f["kind"] == "source"]


def test_a_bodys_report_is_a_source_not_its_statement():
    text = ("德新社报道称，在社交媒体上，一些上海居民对于严格禁足、不稳定的食品供应和隔离中心糟糕的卫生条件表示失望和沮丧。"
            "法新社的报道指出，如今疫情已经越来越多给中国经济造成影响，大量工厂不得不停产、停工，消费者隔离在家。"
            "上海確診死亡的實際情形受到質疑，美聯社21日發佈一篇調查報導指，上海一名拼音為「Lu Muying」的99歲老奶奶，今年3月底檢測呈陽性後被送往醫院。"
            "《央視》則報導，其中1例曾接種過新冠疫苗，其餘均未接種。")
    found = facts(text, published="2022-04-22T10:00:00+08:00")
    assert [f for f in found if f["kind"] == "statement"] == []
    assert [f["source"] for f in found if f["kind"] == "source"] == ["德新社", "法新社", "美联社", "中央广播电视总台"]
    found = facts("包括親建制的香港01、頭條日報和一些境外媒體報導，上海虹口區衛健委資訊中心主任錢文雄在辦公室自殺身亡。"
                  "中国官媒新华社在4月2日发文，苏州常熟发现了一例奥密克戎新变异株。", published="2022-04-14T10:00:00+08:00")
    assert [f for f in found if f["kind"] == "statement"] == []
    assert [f["source"] for f in found if f["kind"] == "source"] == ["香港01", "头条日报", "新华社"]


def test_statement_speaker_is_the_person_a_chain_of_titles_introduces():
    found = facts("國家衛健委疾控局副局長、一級巡視員雷正龍表示，上海和吉林疫情仍處於發展狀態。"
                  "香港大學李嘉誠醫學院生物化學系教授、病毒學家金冬雁則稱，「如果死亡可以歸因於潛在疾病，他們（中國）總是會這樣報告。」",
                  published="2022-04-22T10:00:00+08:00", kind="statement")
    assert [f["speaker"] for f in found] == ["雷正龙", "金冬雁"]
    found = facts("韓國國會外交統一委員會委員、前駐英國大使金健接受DW採訪時表示，隨著北韓宣佈建造核潛艇並持續試射潛射彈道飛彈，"
                  "其核威脅程度不斷升高。", kind="statement")
    assert [f["speaker"] for f in found] == ["金健"]


def test_this_person_with_a_title_is_the_one_named_with_it_before():
    found = facts("中国工程院院士张伯礼日前接受采访。这位中国工程院院士称，“依旧可防可控，要坚定信心”。",
                  published="2022-04-02T10:00:00+08:00", kind="statement")
    assert [(f["speaker"], f["text"]) for f in found] == [("张伯礼", "依旧可防可控，要坚定信心")]
    assert facts("這名警察表示，希望這支安全部隊能夠「獨立，只效忠巴勒斯坦，不受外部聯盟或利益左右」。", kind="statement") == []


def test_a_person_told_of_in_someones_words_is_not_the_he_who_speaks_next():
    found = facts("胡錫進稱，錢文雄離世令人悲痛唏噓，此悲劇顯然加劇了上海防疫讓部分基層人員不堪重負的印像。"
                  "但他強調，國家大多數人支持動態清零，今天的上海除了為清零而奮鬥，別無選擇。",
                  published="2022-04-14T10:00:00+08:00", kind="statement")
    assert [f["speaker"] for f in found] == ["胡锡进", "胡锡进"]


def test_a_countrys_fused_title_is_the_countrys_post_not_a_ministry_named_by_default():
    found = facts("埃及外交部長阿布德拉提（Badr Abdelatty）8月與巴勒斯坦總理穆斯塔法會面。澳大利亚副总理兼国防部长马尔斯出席会议。",
                  kind="office")
    assert [(f["person"], f["organization"], f["role"]) for f in found] == [
        ("阿布德拉提", "埃及", "外交部长"), ("马尔斯", "澳大利亚", "副总理"), ("马尔斯", "澳大利亚", "国防部长")]


def test_a_name_a_title_introduces_may_be_a_word_jieba_knows_as_another_proper_noun():
    found = facts("美国副总统万斯（JD Vance）周二表示，美方将继续推动谈判。", kind="office")
    assert [(f["person"], f["organization"], f["role"]) for f in found] == [("万斯", "美国", "副总统")]


def test_titles_of_inspectors_academicians_and_town_heads():
    found = facts("國家衛健委疾控局副局長、一級巡視員雷正龍表示，上海和吉林疫情仍處於發展狀態。"
                  "另外，中国工程院院士钟南山联同广州专家在本月上旬发表文章。", published="2022-04-20T10:00:00+08:00", kind="office")
    assert [(f["person"], f["role"]) for f in found] == [("雷正龙", "副局长"), ("雷正龙", "一级巡视员"), ("钟南山", "院士")]


def test_a_cue_opening_its_clause_is_said_by_the_nearest_subject_and_a_quotation_by_the_speaker_after_it():
    found = facts("另据上海发布，国务院副总理孙春兰4月9日至10日在上海调研指导疫情防控工作，强调，要坚持“动态清零”总方针不犹豫不动摇，"
                  "坚定信心迎难而上。\n“作为拥有2,500万人口的超大城市，当前上海疫情防控正处在最紧要的关键阶段，要进一步统一思想。”孙春兰指出。",
                  published="2022-04-11T10:00:00+08:00", kind="statement")
    assert [(f["speaker"], f["text"][:8]) for f in found] == [("孙春兰", "要坚持“动态清零"), ("孙春兰", "作为拥有2,50")]


def test_a_working_group_that_sends_a_group_of_its_own_is_the_group_sent_before():
    found = facts("国务院派出工作组赴新疆。工作组派出专家组到喀什。", kind="dispatch")
    assert [(f["sender"], f["destination"]) for f in found] == [("中华人民共和国国务院", "新疆维吾尔自治区"),
                                                              (found[0]["group"], "喀什地区")]


def persons(text: str) -> list[str]:
    doc = analyse(Article("corpus sentence", text, published=datetime.fromisoformat(PUBLISHED)))
    return [m.text for m in doc.mentions if m.type == "Person"]


def test_transliterated_names_are_mended_at_their_edges():
    assert "拉马福萨" in persons("担任G20轮值主席的南非总统拉马福萨指出“顶着美国的一贯强烈反对”出台了首脑宣言。")
    assert "乔纳森·鲍威尔" in persons("美国国务卿马可·卢比奥（Marco Rubio）及特使史蒂夫·威特科夫（Steve Witkoff）将参加周日在瑞士"
                                 "日内瓦举行的会谈，英国国家安全顾问乔纳森·鲍威尔（Jonathan Powell）将代表英方出席。")
    assert "马克·吕特" in persons("泽连斯基表示，他随后与北约秘书长马克·吕特讨论了结束乌克兰与俄罗斯战争的“可行的外交选项”，"
                              "其中包括“美国提出的方案”。")
    assert persons("该帐号的简介现已更改为“热爱美国、特朗普总统和马斯克的印度人！”") == ["特朗普", "马斯克"]


def test_meeting_of_a_list_of_countries_through_their_officials():
    found = facts("周日，英国、法国、德国、美国及乌克兰的安全官员将在瑞士日内瓦会晤。", kind="meeting")
    assert [f["parties"] for f in found] == [["英国", "法国", "德国", "美国", "乌克兰"]]


def test_meeting_partner_after_a_subjectless_clause_and_a_pronoun_subject():
    found = facts("英国首相基尔·斯塔默周六在约翰尼斯堡出席G20峰会期间，先后与泽连斯基及特朗普通话。", kind="meeting")
    assert [f["parties"] for f in found] == [["基尔·斯塔默", "泽连斯基", "特朗普"]]
    found = facts("2022年8月2日至8月3日，佩洛西在担任第52任众议院议长任内率团访问台北，作为其亚洲之行的一部分。"
                  "抵台后，她与彼时台湾总统蔡英文及副总统（现任总统）赖清德及在野党人士碰面，但在之前已经引发美国国内及国际政治风暴。",
                  kind="meeting")
    assert [f["parties"] for f in found] == [["佩洛西", "蔡英文", "赖清德"]]


def test_no_meeting_only_wished_for():
    assert facts("特朗普在社交媒体上表示期待很快和泽连斯基以及普京会面，但“只能在协议定稿或者处于最后阶段的条件下”。", kind="meeting") == []


def test_a_venue_is_no_party_of_a_meeting():
    found = facts("在特朗普-习近平峰会后的第二天，赫格塞思在马来西亚举行的东南亚国家联盟峰会期间会见了中国国防部长董军。", kind="meeting")
    assert all("马来西亚" not in f["parties"] and "东南亚国家联盟" not in f["parties"] for f in found)


def sources(text: str) -> list[str]:
    return [f["source"] for f in facts(text, kind="source")]


def test_sources_listed_introduced_or_reporting():
    assert sources("据路透社和法新社报道，华盛顿正准备在叙利亚首都大马士革的一个空军基地建立军事存在，"
                   "以促成美国斡旋的叙利亚和以色列之间的安全协议。") == ["路透社", "法新社"]
    assert sources("据耿忠介绍，为了让更多的人尤其是年轻人有机会接触到中国电影，除电影节期间之外，"
                   "还和一些大学开展交流并定期举办论坛等。") == ["耿忠"]
    assert sources("路透社近日报导，荷兰政府指出，正持续跟中国和其他国家的政府以及业界就安世半导体「建设性发展方向」进行磋商。") == ["路透社"]


def test_no_source_for_reportedly_or_for_words_quoted_from_someone():
    assert sources("当被问及该记录——据报维特科夫在通话中讨论克里姆林宫应如何与特朗普互动，并称乌克兰必须割地以达成和平协议——"
                   "特朗普告诉记者，这属于“非常标准的谈判形式”。") == []
    assert sources("声明援引董军的话说，中国致力于和平发展，同时坚决维护国家安全利益。") == []


def test_case_counts_to_date_with_a_chinese_myriad_and_deaths_of_a_disease():
    found = facts("截至2025年，安哥拉已累计报告至少33563例霍乱病例，已造成866人死亡；", kind="cases")
    assert ("安哥拉", "CumulativeConfirmed", 33563) in [(f["place"], f["category"], f["value"]) for f in found]
    found = facts("据非洲医疗官员称，非洲正在经历25年来最为严重的霍乱疫情，安哥拉和布隆迪的病例再次激增，表明该疾病仍在活跃传播。\n"
                  "本周四，非洲疾病控制和预防中心（隶属非盟的公共卫生机构）表示，截至2025年，该中心已记录到约30万例确诊和疑似霍乱病例，"
                  "以及超过7000例死亡病例。", kind="cases")
    assert [(f["category"], f["value"], f["bound"]) for f in found] == [("CumulativeConfirmed", 300000, None), ("CumulativeDeaths", 7000, "atLeast")]
    found = facts("截至今年8月，苏丹达尔富尔地区至少有40人死于霍乱，当地难民营受灾尤为严重。", kind="cases")
    assert [(f["category"], f["value"]) for f in found] == [("CumulativeDeaths", 40)]


def test_visits_to_a_capital_named_after_its_country_to_an_abbreviated_country_and_by_invitation():
    found = facts("叙利亚总统沙拉于周六晚抵达美国首都华盛顿。", kind="visit")
    assert [(f["visitor"], f["place"]) for f in found] == [("沙拉", "华盛顿")]
    found = facts("众所周知，裴洛西曾在1989年“六四”事件后不久访北京，1991年她甚至在天安门广场前拉起横幅标语，表达对中国人权的关注。",
                  kind="visit")
    assert [(f["visitor"], f["place"]) for f in found] == [("佩洛西", "北京市")] or [(f["visitor"], f["place"]) for f in found] == [("裴洛西", "北京市")]
    found = facts("美国总统川普今天和中国国家主席习近平通话，川普发文表示，两人进行「非常好的电话通话」，讨论俄乌战争、黄豆等议题，"
                  "他将于明年4月访问北京，也邀请习近平明年稍晚赴美访问。", kind="visit")
    assert ("特朗普", "北京市") in [(f["visitor"], f["place"]) for f in found]
    assert ("习近平", "美国") in [(f["visitor"], f["place"]) for f in found]


def test_attending_together_is_a_meeting_of_those_named():
    found = facts("习近平（中）、金正恩（右）与普京共同出席9月在北京天安门广场举行的阅兵式。", kind="meeting")
    assert [(f["parties"], f["name"]) for f in found] == [(["习近平", "金正恩", "普京"], "出席")]


def posts(text: str, kind: str = "office") -> list[tuple[str, str, str]]:
    return [(f["person"], f["organization"], f["role"]) for f in facts(text, kind=kind)]


def test_office_past_a_latin_gloss_and_a_former_marker_held_no_more():
    text = ("最近引發外界指控澤倫斯基親信「拿司法當武器」的事件，是上月針對烏克蘭國家能源公司（Ukrenergo）前總裁"
            "庫德里茨基（Volodymyr Kudrytsky）的逮捕行動。")
    assert posts(text) == [("库德里茨基", "乌克兰国家能源公司", "总裁")]
    assert [f.get("former") for f in facts(text, kind="office")] == [True]
    assert posts(text, "leads") == []  # a former head leads no more
    text = "2022年，在美国时任总统乔·拜登执政期间，时任众议院议长南希·佩洛西访问台湾（北京一贯强调该岛屿是其不可分割的一部分）后，中国切断了与美国军队的少数联系。"
    assert ("乔·拜登", "美国", "总统") in posts(text)
    assert ("乔·拜登", "美国", "总统") not in posts(text, "leads")


def test_fused_ministry_title_after_a_joiner_belongs_to_the_country_and_does_not_lead_it():
    text = "瑞士副總統兼經濟部長帕姆蘭（Guy Parmelin）正在華府訪問，期盼能降低美國總統川普所實施的高額關稅；美方高層官員今天表示，美瑞之間的貿易談判進展相當正面。"
    assert [p for p in posts(text) if p[0] == "帕姆兰"] == [("帕姆兰", "瑞士", "副总统"), ("帕姆兰", "瑞士", "经济部长")]
    assert [p for p in posts(text, "leads") if p[0] == "帕姆兰"] == []


def test_body_named_by_words_before_the_title():
    assert posts("大约也在8点多，手持电子蜡烛的前支联会常委徐汉光也于铜锣湾地铁站附近被一群警察带上警车离开。") == [
        ("徐汉光", "香港市民支援爱国民主运动联合会", "常委")]
    assert posts("对于韩半岛的问题，韩国国家安保室长魏圣洛在会谈后的简报中表示：“中国表示愿意为韩半岛的和平与稳定开展合作，"
                 "但没有进行具体讨论。", "leads") == [("魏圣洛", "韩国国家安保室", "室长")]


def test_envoys_serve_the_country_that_sends_them():
    text = "中國駐大阪總領事薛劍針對日本首相高市早苗關於「台灣有事」的答詢，8日在社群平台X發表斬首言論，日本外務省今天召見中國駐日大使吳江浩，表達強烈抗議。"
    assert ("薛剑", "中国", "驻大阪总领事") in posts(text)
    text = "韓國國會外交統一委員會委員、前駐英國大使金健接受DW訪問時表示，隨著北韓宣佈建造核潛艇並持續試射潛射彈道飛彈，其核威脅程度不斷升高。"
    assert posts(text) == [("金健", "韩国国会外交统一委员会", "委员")]


def test_a_title_before_another_qualifies_it():
    text = "俄羅斯總統新聞秘書佩斯科夫表示，在烏克蘭衝突調解問題上，俄方仍以早前俄美元首在安克雷奇達成的共識為基礎。"
    assert posts(text) == [("佩斯科夫", "俄罗斯", "总统新闻秘书")]
    assert posts(text, "leads") == []


def test_a_minister_heads_a_ministry_not_his_party():
    text = "利库德集团前部长扎尔曼·肖瓦尔撰文称，马姆达尼当选后，特朗普的处境岌岌可危，以色列应该感到担忧。"
    assert posts(text) == [("扎尔曼·肖瓦尔", "利库德集团", "部长")]
    assert posts(text, "leads") == []


def test_head_of_state_title_after_the_name_from_the_table_of_current_posts():
    text = "在李在明总统在特朗普面前说“为了追踪朝鲜和中国的潜艇，需要核动力潜艇”时，令人感到一阵战栗。"
    assert posts(text, "leads") == [("李在明", "韩国", "总统")]
    doc = analyse(Article("corpus sentence", text, published=datetime.fromisoformat(PUBLISHED)))
    assert [f.confidence for f in extract_all(doc, ["office"])] == [0.7]
    text = "左起依次为政策室长金容范、李在明总统、国家安保室长魏圣洛、宣传沟通首席李圭渊。"
    assert [p for p in posts(text) if p[0] == "魏圣洛"] == [("魏圣洛", "国家安保室", "室长")]
    text = "同日，彭博新闻公布据称是10月14日特朗普外交特使史蒂夫·维特科夫与普京外交顾问尤里·乌沙科夫（Yuri Ushakov）之间通话的文字记录。"
    assert ("尤里·乌沙科夫", "俄罗斯", "外交顾问") in posts(text)


def test_a_post_restated_in_an_article_is_one_fact():
    text = ("习近平邀请李在明总统访华，为了跟进此次韩中首脑会谈，年内韩国政府高级官员对中国进行访问。"
            "李在明总统详细阐述了韩方通过美朝对话推动朝韩对话的构想，习近平也同意地表示“美朝对话很重要”。")
    assert posts(text) == [("李在明", "韩国", "总统")]


def test_a_chairman_and_a_bureau_director_lead_their_bodies():
    found = facts("正爭取早日成立亞投行，其後由中國國際金融有限公司（中金公司）董事長金立群擔任亞洲基礎設施投資銀行籌備組組長。",
                  kind="leads")
    assert ("金立群", "中国国际金融有限公司", "董事长") in [(f["person"], f["organization"], f["role"]) for f in found]
    found = facts("香港保安局局长邓炳强表示：“大厦外墙的保护网、防水帆布及塑料布，一部分是不符合规定的易燃材料。”")
    assert {"kind": "leads", "person": "邓炳强", "organization": "香港保安局", "role": "局长", "date": date(2025, 11, 8)} in found
    assert [f["speaker"] for f in found if f["kind"] == "statement"] == ["邓炳强"]


def test_a_visit_to_the_place_someone_travels_to_and_a_five_character_japanese_name():
    found = facts("【共同社吉隆坡11月1日电】日本防卫相小泉进次郎1日在出访地马来西亚与中国国防部长董军举行了首次会谈。")
    assert {"kind": "visit", "visitor": "小泉进次郎", "place": "马来西亚", "date": date(2025, 11, 1)} in found
    assert {"kind": "meeting", "parties": ["小泉进次郎", "董军"], "name": "会谈", "date": date(2025, 11, 1)} in found


def test_new_infections_local_cases_and_a_region_list_from_the_sample_article():
    found = facts("根据中国卫健委消息，中国星期五（8月12日）新增2005例感染者。其中本土病例646例，包括海南594例，新疆2例。",
                  published="2022-08-13T10:00:00+08:00", kind="cases")
    rows = [(f["place"], f["category"], f["value"], f["date"]) for f in found]
    assert rows == [("中国", "NewInfections", 2005, date(2022, 8, 12)), ("中国", "LocalConfirmed", 646, date(2022, 8, 12)),
                    ("海南省", "LocalConfirmed", 594, date(2022, 8, 12)), ("新疆维吾尔自治区", "LocalConfirmed", 2, date(2022, 8, 12))]


def test_a_group_sent_somewhere_from_the_sample_article():
    found = facts("中国国务院应对冠病疫情联防联控机制综合组星期五（8月12日）派出工作组到新疆指导疫情防控工作。",
                  published="2022-08-13T10:00:00+08:00", kind="dispatch")
    assert [(f["sender"], f["destination"], f["date"]) for f in found] == [("国务院联防联控机制综合组", "新疆维吾尔自治区", date(2022, 8, 12))]


def test_a_source_cited_with_援引():
    assert sources("塔斯社援引当地官员的话报道称，乌克兰炮击导致俄罗斯占领的扎波罗热卡缅卡-第聂伯罗夫斯卡镇2000多户家庭断电。") == ["塔斯社"]


def test_a_bodys_bulletin_is_its_statement():
    """X公布，… / X通报：…: what a health commission announces is what it says."""
    found = facts("路透上海4月9日 - 上海市卫健委周六公布，4月8日上海新增本土新冠肺炎确诊病例1,015例和无症状感染者22,609例，连续第八日创新高。",
                  kind="statement")
    assert [(f["speaker"], f["text"][:12]) for f in found] == [("上海市卫健委", "4月8日上海新增本土新冠")]


def test_an_event_given_only_a_year_is_dated_by_that_year_and_since_a_year_is_no_date():
    found = facts("2010年黄仁勋亲自访问龙山，开设了英伟达培训中心。", "2025-11-02T10:00:00+09:00", kind="visit")
    assert [(f["visitor"], f["date"]) for f in found] == [("黄仁勋", "2010")]
    found = facts("然而，在周五，卡尼和习近平举行了自2017年以来两国领导人间的首次正式会谈，双方都在努力应对特朗普的贸易攻势。",
                  "2025-11-02T10:00:00+08:00", kind="meeting")
    assert [f["date"] for f in found] == [date(2025, 10, 31)]


def test_this_report_is_the_report_named_before_not_this_newspaper():
    """该报告称 (eval/bulletins-dev3-2022, Reuters): the Goldman Sachs report speaks, not 路透,
    which 该报 alone would stand for; 该报称 is still the newspaper named before."""
    found = facts("路透上海4月8日 - 上海市新冠疫情仍未见缓解。\n高盛经济研究报告认为，3月最后两周高/中风险地区城市占到中国GDP的三分之一。\n"
                  "“基于对3月经济活动增长疲软的预期，我们预计中国第一季度的实际GDP增速将比去年第四季度有所放缓。”该报告称。",
                  kind="statement")
    assert [f["speaker"] for f in found] == ["高盛集团", "高盛集团"]
    found = facts("据《纽约时报》报道，该报称美国将加税。", kind="statement")
    assert [f["speaker"] for f in found] == ["纽约时报"]


def test_announcing_demanding_and_telling_someone_are_statements_but_not_a_clause_of_time():
    """From eval/bulletins-dev4-2022 and the April 2022 corpus: 宣布, 要求 and 告诉 need no
    punctuation after them, 告诉's addressee is no part of the words said, and 当…宣布…时
    tells when, not what was said."""
    found = facts("北京市官方周日宣布，新冠疫情最严重的朝阳区周一起全区进行核酸检测。北京市政府要求居民非必要不离京。"
                  "陈希则告诉BBC，封城政策有利于减低疫情传播强度。", kind="statement")
    assert [(f["speaker"], f["text"]) for f in found][1:] == [("北京市政府", "居民非必要不离京"), ("陈希", "封城政策有利于减低疫情传播强度")]
    found = facts("当普京宣布其核力量进入戒备状态时，埃夫丽尔·海恩斯（负责协调美国20个机构的国家情报总监）表示，俄方并不寻求冲突。",
                  kind="statement")
    assert [f["speaker"] for f in found] == ["埃夫丽尔·海恩斯"]


def test_an_interview_s_answers_are_the_answerer_s_words():
    """DW, 7 April 2022: an answer printed after the answerer's name and a colon."""
    found = facts("德国之声：您平常朋友圈发的不多。能告诉我们为什么吗？\n"
                  "施泰勒：说到底，我们大家都坐在一条船上，也没什么其他的办法。我们现在封城禁足已经第三周了，从三月中旬开始。\n"
                  "德国之声：那您目前感受到的最大困难是什么呢？", kind="statement")
    assert [(f["speaker"], f["text"]) for f in found] == [
        ("施泰勒", "说到底，我们大家都坐在一条船上，也没什么其他的办法。我们现在封城禁足已经第三周了，从三月中旬开始。")]


def test_a_body_s_figures_and_a_magazine_named_by_its_title_are_sources():
    """From eval/bulletins-dev4-2022 (DW and Al Jazeera, April 2022)."""
    found = facts("中国卫健委统计，3月27日0—24时，新增确诊病例1275例，本土病例1219例。路透社报指出，在社交媒体上，批评性的帖子很快就被删除。",
                  kind="source")
    assert [f["source"] for f in found] == ["国家卫生健康委员会", "路透社"]
    found = facts("例如，根据《自然》杂志的报道，波兰、斯洛伐克和冰岛已经取消了在户外佩戴口罩的要求，并放宽了有关聚会的规则。", kind="source")
    assert [f["source"] for f in found] == ["自然"]


def test_a_meeting_held_with_a_perfective_and_a_kind_of_talks():
    """eval/gold (Nov 2025): 举行了双边会谈, the perfective and the kind of talks between the
    partner and the noun."""
    found = facts("金正官已与中国商务部长王文涛举行了双边会谈。", kind="meeting")
    assert [sorted(f["parties"]) for f in found] == [["王文涛", "金正官"]]


def test_the_spokesperson_named_before_speaks_again():
    """eval/bulletins-dev-2022 (February 2020, reposted April 2022): 该发言人 is the
    spokesperson the article named before."""
    found = facts("世卫组织发言人塔里克·亚沙雷维奇表示，确诊标准扩大了。该发言人还补充说，世卫组织正致力于从中国获得其确诊新标准的“更大清晰度”。",
                  kind="statement")
    assert [f["speaker"] for f in found] == ["塔里克·亚沙雷维奇", "塔里克·亚沙雷维奇"]


def test_a_paper_named_by_the_tagger_inside_its_title_brackets_reports():
    """Al Jazeera, April 2022 (eval/bulletins-dev4-2022): the tagger's name ends before the
    title's closing bracket (《新消息报》援引…), the citing verb after it."""
    found = facts("《新消息报》援引以色列内政部长办公室的声明报道称，以色列将放宽入境限制。", kind="source")
    assert len(found) == 1 and found[0]["source"] in "新消息报"


def test_the_words_a_body_quotes_are_its_source_not_the_articles():
    """Al Jazeera, April 2022 (eval/bulletins-dev-2022): the
    paper that quotes (《新消息报》援引以色列内政部长办公室的声明) is the source; but
    德國之聲根據上海市衛健委的官方通報統計 (eval/bulletins-dev2-2022) cites the commission."""
    found = facts("《新消息报》援引以色列内政部长办公室的声明报道称，以色列内政部长阿耶莱特·沙克德感染了新冠病毒。", kind="source")
    assert [f["source"] for f in found] == ["新消息报"]
    found = facts("德國之聲根據上海市衛健委的官方通報統計，上海自3月28日封城至至4月21日，總計有43萬5957宗新冠本土確診病例，36宗新冠本土死亡病例。",
                  kind="source")
    assert "上海市卫健委" in [f["source"] for f in found]



def test_the_person_a_relative_clause_describes_speaks_not_its_subject():
    """NYT, November 2025 (eval/gold): in 特朗普提名的……理查德·科雷尔告诉国会 the nominee speaks."""
    found = facts("就在他声称俄罗斯和中国正在进行地下核爆炸的前一天，特朗普提名的美国战略司令部司令、海军中将理查德·科雷尔告诉国会，"
                  "“中国和俄罗斯都没有进行过核爆炸试验。”", kind="statement")
    assert [f["speaker"] for f in found] == ["理查德·科雷尔"]


def test_a_reminder_to_the_public_is_a_statement():
    """RTHK, April 2022 (eval/bulletins-dev3-2022): 提醒 names whom it addresses (民眾)
    before the words said."""
    found = facts("龐星火表示，目前防控形勢嚴峻複雜，面臨境外、京外輸入及五一假期人員流動增加等多重風險，壓力持續增大。"
                  "她提醒民眾，近期非必要不出京，倡導就地過節，減少不必要聚餐聚會，核酸檢測結果未出前，自覺做到不聚集、不離京。",
                  kind="statement")
    assert [f["speaker"] for f in found] == ["庞星火", "庞星火"]
    assert found[1]["text"].startswith("近期非必要不出京")


def test_the_company_is_the_last_company_named_before():
    """Al Jazeera, September 2020 (reposted April 2022, eval/bulletins-dev-2022): 该公司
    stands for 阿斯利康, a company whose name has no 公司 in it."""
    found = facts("阿斯利康制药业的股票下跌了1.3％。该公司宣布，一名测试者生病原因不明，实验疫苗最后阶段的大规模测试将暂停。",
                  kind="statement")
    assert [f["speaker"] for f in found] == ["阿斯利康"]


def test_a_university_introduces_the_professor_of_a_joined_field_who_speaks():
    """BBC, April 2022 (eval/bulletins-dev4-2022): 史丹福大学儿科及健康政策教授王智弘 is a
    professor the university introduces; he speaks, not the university."""
    found = facts("美国史丹福大学儿科及健康政策教授王智弘向BBC中文分析，一个地方封城的时候能达到多少效果，取决于封城时有多少人已经感染。",
                  kind="statement")
    assert [f["speaker"] for f in found] == ["王智弘"]


def test_the_words_a_medium_quotes_are_the_quoted_ones_statement():
    """Al Jazeera, April 2022 and November 2025 (eval/bulletins-dev4-2022, eval/gold):
    援引…的话说 makes the one quoted the speaker; the medium is the source."""
    found = facts("国际文传电讯社援引俄罗斯国防部的话说，其已经实现了周四设定的所有目标，俄罗斯部队已经摧毁了乌克兰地面上的 83 个目标。")
    assert [f["speaker"] for f in found if f["kind"] == "statement"] == ["俄罗斯联邦国防部"]
    assert [f["source"] for f in found if f["kind"] == "source"] == ["国际文传电讯社"]
    found = facts("白俄罗斯国家媒体援引外交部长马克西姆·雷任科夫的话说，缅甸“在各个工业领域拥有巨大的潜力”，"
                  "而白俄罗斯则“在机械工程领域拥有专业知识和现代技术”。", kind="statement")
    assert [f["speaker"] for f in found] == ["马克西姆·雷任科夫"]


def test_a_researcher_of_fields_joined_by_and_speaks_for_himself():
    """Al Jazeera, April 2022 (eval/bulletins-dev4-2022): 和 inside 传染病和医学病毒学研究员
    joins two fields, not two parties; the researcher speaks, not the university."""
    found = facts("英国圣安德鲁斯大学传染病和医学病毒学研究员莫格·萨维克表示，“我们现在处于不同的位置。", kind="statement")
    assert [f["speaker"] for f in found] == ["莫格·萨维克"]


def test_what_is_cited_from_a_report_is_no_statement():
    """Al Jazeera, April 2022 (eval/bulletins-dev4-2022): 根据《自然》杂志的报道 cites a
    source; the magazine makes no statement."""
    found = facts("例如，根据《自然》杂志的报道，波兰、斯洛伐克和冰岛已经取消了在户外佩戴口罩的要求，并放宽了有关聚会的规则。")
    assert [f["kind"] for f in found if f["kind"] in ("statement", "source")] == ["source"]


def test_a_cue_that_takes_an_object_too_says_a_clause_that_follows_it_unmarked():
    """BBC, April 2022 (eval/bulletins-dev4-2022): 他预测中国可能还是采取… says a clause
    with no comma after the cue; 上海通报病例增长 reports cases and says nothing."""
    text = "牛津大学传染病学教授陈铮鸣对BBC说，中国会开放。他预测中国可能还是采取“以拖待变”的稳妥措施。自3月以来，上海通报病例增长近3倍。"
    said = [(f["speaker"], f["text"][:8]) for f in facts(text, "2022-04-11T10:00:00+08:00", kind="statement")]
    assert said == [("陈铮鸣", "中国会开放"), ("陈铮鸣", "中国可能还是采取")]


def test_the_hospital_authority_reports_and_a_reported_figure_says_nothing():
    """RTHK, April 2022 (development bulletin sets): 醫管局呈報多116宗死亡個案 is the
    Authority's statement; 滯後呈報的死亡個案 and 醫管局呈報、法醫… are nouns of reports."""
    said = facts("另外，醫管局呈報多116宗死亡個案驗出陽性結果，第五波疫情至今累計7848名患者離世。", "2022-04-03T10:00:00+08:00", kind="statement")
    assert [(f["speaker"], f["text"][:9]) for f in said] == [("医院管理局", "多116宗死亡個案")]
    said = facts("另外，醫管局新呈報連同滯後呈報的死亡個案有62宗，而第五波疫情下，醫管局呈報、法醫及中大醫院合共的死亡個案有8492宗。",
                 "2022-04-09T10:00:00+08:00", kind="statement")
    assert len(said) == 1


def test_a_source_whose_figures_are_disclosed_is_cited():
    """BBC, April 2022 (eval/bulletins-dev2-2022): 根据台湾卫生部披露的信息 cites the ministry."""
    found = facts("根据台湾卫生部披露的信息，在此期间，共有7例死亡病例。", "2022-04-28T10:00:00+08:00", kind="source")
    assert [f["source"] for f in found] == ["台湾卫生部"]


def test_flights_and_the_places_travellers_came_from_are_no_visits():
    """RTHK, April 2022 (eval/bulletins-dev4-2022): 由南韓首爾飛抵本港的航班 describes a flight,
    and 分別由德國及新加坡抵港 says where two travellers came from."""
    text = ("當局表示，大韓航空營運於本月2日由南韓首爾飛抵本港的航班KE607，有3名乘客經抵港檢測確診。"
            "另外2宗輸入個案在檢疫酒店發現，兩人分別由德國及新加坡抵港。")
    assert facts(text, "2022-04-04T10:00:00+08:00", kind="visit") == []


def test_provinces_listed_before_the_cue_each_send_the_group():
    """RFI, April 2022 (eval/bulletins-dev-2022): 安徽、湖北、天津等多地纷派医疗队到上海支援."""
    found = facts("安徽、湖北、天津等多地纷派医疗队到上海支援。", "2022-04-08T10:00:00+08:00", kind="dispatch")
    assert [(f["sender"], f["destination"]) for f in found] == [("安徽省", "上海市"), ("湖北省", "上海市"), ("天津市", "上海市")]


def test_a_clause_of_time_and_an_addressee_name_no_speaker():
    """AFP via CNA, November 2025 (eval/gold): in 當法新社上週詢問此案時，澤倫斯基…並說 the
    agency only asked; in 他…並對法新社表示 it is spoken to, and 他 speaks."""
    found = facts("當法新社上週詢問此案時，澤倫斯基回應這應由司法機關裁決，並說：「庫德里茨基曾負責一個龐大的體系。」", kind="statement")
    assert [(f["speaker"], f["text"][:5]) for f in found] == [("泽连斯基", "庫德里茨基")]
    found = facts("庫德里茨基否認指控。他目前獲得保釋，並對法新社表示：「這完全是政治操作。」", kind="statement")
    assert [(f["speaker"], f["text"][:4]) for f in found] == [("库德里茨基", "這完全是")]


def test_an_admission_of_what_someone_did_is_a_statement():
    """BBC, November 2025 (eval/gold): 简云晴承认在从中国飞往美国前，将种子…藏在靴子里 and
    她还承认与…讨论了 say what she admitted, with no comma after the cue."""
    text = ("但在本月早些时候，这位名叫简云晴（音）的学生认罪时表示，她只是想加快自己在作物研究方面的工作。"
            "作为认罪协议的一部分，简云晴承认在从中国飞往美国前，将种子放在一个“很小的”塑料袋藏在靴子里。"
            "她还承认与据信目前在中国的刘尊永讨论了偷带真菌的最佳方式。")
    found = facts(text, kind="statement")
    assert [(f["speaker"], f["text"][:4]) for f in found][-2:] == [("简云晴", "在从中国"), ("简云晴", "与据信目")]


def test_proposing_agreeing_and_estimating_say_what_follows():
    """BBC and RFI, April 2022 (development bulletin sets): 国务院常务会议进一步提出“…”, 他亦同意，…
    and 他因此估计，… are statements; 希望 is none (a wish is not a saying)."""
    found = facts("本周最新召开的中国国务院常务会议进一步提出“适时灵活运用多种货币政策工具”。", "2022-04-15T10:00:00+08:00", kind="statement")
    assert [f["text"][:6] for f in found] == ["适时灵活运用"]
    text = "耶鲁大学副教授陈希说，上海需要加快。他亦同意，燃眉之急是要加速上海市民的疫苗接种率。他希望市民保持社交距離。"
    found = facts(text, "2022-04-15T10:00:00+08:00", kind="statement")
    assert [(f["speaker"], f["text"][:4]) for f in found] == [("陈希", "上海需要"), ("陈希", "燃眉之急")]


def test_a_partner_described_by_a_clause_after_the_with_word_meets():
    """RTHK, November 2025 (eval/gold): 劉勁松日前與到訪的日本外務省亞洲大洋洲局局長金井正彰磋商;
    BBC, November 2025: 她本人也与在台湾居住的学生领袖吾尔开希…会面."""
    found = facts("中國外交部亞洲司司長劉勁松日前與到訪的日本外務省亞洲大洋洲局局長金井正彰磋商。", kind="meeting")
    assert [f["parties"] for f in found] == [["刘劲松", "金井正彰"]]
    found = facts("佩洛西访问台湾。她本人也与在台湾居住的学生领袖吾尔开希会面。", kind="meeting")
    assert [f["parties"] for f in found] == [["佩洛西", "吾尔开希"]]
