"""The project's own recogniser (kg.ner): its tags, its decoder, the weights it ships,
and the entities it gives on real sentences (quoted here; the tests read no corpus)."""
from __future__ import annotations

import hashlib
import itertools
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from kg.analyse import NER_BACKENDS, analyse
from kg.model import Article
from kg.ner.charcrf import decode, entities, pieces_of
from kg.ner.features import N_FEATURES, lexicon_bits
from kg.ner.tags import TAGS, spans_to_tags, tags_to_spans

README = Path(__file__).resolve().parents[1] / "README.md"


def test_spans_survive_the_round_trip_through_tags():
    spans = [(0, 3, "ORG"), (4, 5, "PER"), (7, 10, "LOC")]
    assert tags_to_spans([TAGS[t] for t in spans_to_tags(12, spans)]) == spans


def test_ill_formed_tag_runs_give_no_span():
    assert tags_to_spans(["B-PER", "I-ORG", "E-PER", "O", "I-LOC", "E-LOC", "B-ORG", "E-ORG"]) == [(6, 8, "ORG")]


def test_the_batched_viterbi_finds_the_best_path_of_each_sentence():
    rng = np.random.default_rng(0)
    n = 3
    transitions, start, end = rng.normal(size=(n, n)), rng.normal(size=n), rng.normal(size=n)
    emissions = rng.normal(size=(2, 4, n))
    lengths = np.array([4, 2])
    paths = decode(emissions, lengths, transitions, start, end)
    for b, length in enumerate(lengths):
        def score(path):
            return (start[path[0]] + end[path[-1]] + sum(emissions[b, t, p] for t, p in enumerate(path))
                    + sum(transitions[a, c] for a, c in zip(path, path[1:])))
        best = max(itertools.product(range(n), repeat=int(length)), key=score)
        assert paths[b] == list(best)


def test_pieces_cover_the_text_and_stay_short():
    text = ("国务院联防联控机制综合组派出工作组赴新疆。" * 12) + "\n" + "没有标点的很长一段文字" * 30
    pieces = pieces_of(text)
    assert "".join(p for _, p in pieces) == text
    assert all(text[offset:offset + len(p)] == p and len(p) <= 150 for offset, p in pieces)


def test_lexicon_bits_mark_where_a_known_name_begins_and_ends():
    bits = lexicon_bits("雷海潮抵达乌鲁木齐")
    assert bits.shape == (9, N_FEATURES)
    places = 3  # BME bits of the gazetteer
    assert bits[5, places] == 1 and bits[6, places + 1] == 1 and bits[8, places + 2] == 1


def test_the_shipped_weights_are_the_ones_the_readme_lists():
    folder = resources.files("kg").joinpath("resources", "ner")
    for name in ("charcrf.onnx", "charcrf.npz"):
        digest = hashlib.sha256(folder.joinpath(name).read_bytes()).hexdigest()
        assert digest in README.read_text(encoding="utf-8"), name


def test_the_recogniser_is_registered_and_finds_persons_places_and_bodies():
    assert "charcrf" in NER_BACKENDS
    found = {(s, e, kind) for s, e, kind, _ in entities("国家卫健委副主任雷海潮率工作组抵达乌鲁木齐。")}
    assert (8, 11, "Person") in found
    assert (17, 21, "Place") in found


def names(text: str, kinds: tuple[str, ...] = ("Person", "Organization", "GovernmentOrganization", "NewsMedia", "Place",
                                               "Country", "AdministrativeArea")) -> list[str]:
    return [m.norm for m in analyse(Article("corpus sentence", text)).mentions if m.type in kinds]


JUNK = [
    ("呼吁成立一个“国际不平等问题委员会”，其模式将效仿政府间气候变化专门委员会（IPCC）——后者成立于1988年。", "效仿政府"),
    ("除了每天与美国进行磋商外，还通过目前是安理会成员的阿尔及利亚与安理会所有成员和阿拉伯集团进行磋商。", "安理会所"),
    ("自從黨派僵局導致美國政府於10月1日關門以來，許多聯邦工作人員已領不到薪水。", "美国政"),
    ("這座擁有超過1000萬人口的特大城市坐落於艾布士山（ Alborz）南麓。", "特大"),
    ("這篇以「習特會（川習會）貿易戰停火一年背後：中國正在以時間換空間」為題的文章指出。", "习特"),
    ("他的父亲沙基尔·加奈告诉半岛电视台，周二警方通知他们，儿子已被从法里达巴德带到克什米尔接受讯问。", "周二警"),
    ("如今的中国人既没有动力像1985年的日本人那样参与谈判，也没有动力为了维持美元的世界储备货币地位。", "日本人"),
    ("陸委會主委邱垂正今天表示，將依法處理。", "陆委会主委"),
    ("上海這波疫情爆發後，上海自封城以來，民眾的物資供應出現困難。", "封城"),
    ("上海這波疫情爆發後，上海自封城以來，民眾的物資供應出現困難。", "自封城"),
    ("新增1334宗本土確診病例中，上海1015宗、吉林248宗、浙江13宗等。", "248宗"),
]


@pytest.mark.parametrize("text,junk", JUNK, ids=[j for _, j in JUNK])
def test_no_node_for_a_fragment_a_title_a_weekday_or_a_common_noun(text, junk):
    assert junk not in names(text)


def test_transliterated_and_japanese_names_are_whole():
    assert "萝伦·桑切斯" in names("今年稍早，她与亚马逊创办人杰夫·贝佐斯（Jeff Bezos）之妻萝伦·桑切斯（Lauren Sanchez）、"
                                 "哥伦比亚广播公司主播盖尔·金一同搭乘火箭。", ("Person",))
    assert "长岛茂雄" in names("其中登场次数最多的是前职业棒球巨人队的长岛茂雄（6次），其次是受其指导的松井秀喜（5次）。", ("Person",))
    assert names("陸委會主委邱垂正今天表示，將依法處理。邱垂正說，政府會持續關注。", ("Person",)) == ["邱垂正", "邱垂正"]


def test_one_entity_for_names_the_text_links():
    doc = analyse(Article("corpus sentence", "根据总理梅尔茨（又译默茨）的计划，德国国防军的目标是成为欧洲最强大的常规军队。默茨表示，德国将增加军费。"))
    persons = [m for m in doc.mentions if m.type == "Person"]
    assert {m.norm for m in persons} == {"梅尔茨", "默茨"}
    assert {m.ref or m.norm for m in persons} == {"梅尔茨"}
    doc = analyse(Article("corpus sentence", "由於荷蘭安世半導體公司的晶片供應短缺，日產汽車（Nissan）九州廠自下週起減產。日產表示，將密切關注。"))
    bodies = [m for m in doc.mentions if m.norm in ("日产汽车", "日产")]
    assert {m.ref or m.norm for m in bodies} == {"日产汽车"} and len(bodies) == 2


def test_a_given_name_ending_in_jun_and_words_that_only_sound_like_names():
    """From the development bulletins of April 2022."""
    found = names("此外，上海浦东新区北蔡镇党委书记蔡永强、镇长徐建军，以及浦东新区洋泾街道办事处副主任黄伟，因防疫不力，遭免职。",
                  ("Person",))
    assert "徐建军" in found
    assert names("世卫组织表示，奥密克戎变异株的传播速度更快。", ("Person",)) == []
    assert "宗新冠" not in names("內地過去一日新增1787宗新冠病毒本土確診及5442宗無症狀感染個案。", ("Person",))


def test_a_dateline_names_the_agency_not_a_place():
    """路透上海4月9日: the lexicon's 路透 (Reuters) and a model's place 路透 do not agree."""
    found = [(m.norm, m.type) for m in analyse(Article("corpus sentence", "路透上海4月9日 - 上海市新冠疫情仍高位运行。")).mentions]
    assert ("路透", "NewsMedia") in found and ("路透", "Place") not in found


def test_newspapers_a_press_review_names_are_bodies():
    """RFI's press review of April 2022 (development bulletins): 费加罗报 was a person's name."""
    found = [(m.norm, m.type) for m in analyse(Article("corpus sentence", "法国的费加罗报、回声报和十字架报都报道了台湾疫情，财新网也有报道。")).mentions]
    assert [n for n, t in found if t == "NewsMedia"] == ["费加罗报", "回声报", "十字架报", "财新网"]


def test_the_models_places_and_long_transliterations_survive_the_mending():
    """People's Daily 1998 sentences: 巴黎 is two country abbreviations (巴, 黎) but a place
    the gazetteer knows; 内塔尼亚胡 is five sounds of one name; 军区 is no place of its own;
    中美 stays no node."""
    assert "内塔尼亚胡" in names("以色列总理内塔尼亚胡结束对中国的访问，今天下午乘专机离开北京。", ("Person",))
    assert "巴黎" in names("中国全国政协主席李瑞环26日在巴黎会见了法国参议院法中友好小组成员。")
    assert names("中美两国元首举行会晤。") == []
    assert "军区" not in names("他曾任北京军区司令员。")


def test_a_name_written_with_a_hyphen_for_its_dot_is_whole():
    """RFI, 22 April 2022 (eval/offices-dev-2022): RFI writes 鲍里斯-约翰逊 for 鲍里斯·约翰逊."""
    assert "鲍里斯-约翰逊" in names("因疫情多次推迟后，英国首相鲍里斯-约翰逊周四（4月21号）终于抵达印度，开始进行为期两天的访问。", ("Person",))


def test_a_university_is_named_without_the_discipline_after_it():
    """Al Jazeera, April 2022 (eval/bulletins-dev4-2022): 圣安德鲁斯大学|传染病和医学病毒学研究员."""
    assert "圣安德鲁斯大学" in names("英国圣安德鲁斯大学传染病和医学病毒学研究员莫格·萨维克表示，“我们现在处于不同的位置。”",
                               ("Organization",))


def test_a_name_the_dictionary_holds_as_a_place_is_a_person_when_the_tagger_is_sure():
    """RFI, 20 April 2022 (eval/bulletins-dev2-2022): jieba's dictionary holds 钟南山 as a
    place; the tagger, sure of a name, outweighs it. A common noun it is unsure of stays none."""
    text = "另外，中国工程院院士钟南山联同广州专家在本月上旬上架的英文版「国家科学评论」发文指出，动态清零不能长期维持。"
    assert "钟南山" in names(text, ("Person",))
    assert "瓦砾" not in names("加沙的瓦砾估计超过6100万吨。", ("Person",))


def test_a_japanese_name_of_five_characters_is_whole():
    """Kyodo, November 2025 (eval/gold): a family name of three characters and a given
    name of two (小野田纪美) is one name, not 田纪美; so is a name of two and three
    (小泉进次郎), which the mending used to drop. The name dot ‧ (U+2027) joins a name as
    · does (eval/entities-dev-2025-11)."""
    text = "16:00 会见国土交通相金子恭之、外国人共生担当相小野田纪美、助理官房长官阪田涉、首相助理松岛绿。"
    assert "小野田纪美" in names(text, ("Person",))
    assert "田纪美" not in names(text, ("Person",))
    assert "小泉进次郎" in names("日本防卫相小泉进次郎2日在访问地马来西亚与新西兰国防部长柯林斯举行会谈。", ("Person",))
    assert "石川一成" in names("日本知名学者石川一成先生曾撰文说", ("Person",))  # People's Daily 1998: jieba's numeral 一成
    assert "约瑟夫‧埃德洛" in names("美国公民及移民服务局局长约瑟夫‧埃德洛（Joseph Edlow）指出，总统已指示他对“所有来自相关国家的外籍人士的绿卡进行全面而严格的重新审查”。", ("Person",))


def test_a_transliterated_name_keeps_the_characters_names_use_besides_the_sounds():
    """NYT and AP, November 2025 (eval/gold, eval/entities-dev-2025-11): 理 and 赖 are no
    transliteration sounds to the tagger's features, yet 理查德 and 布赖恩 are names; the
    mending cut them to 查德·科雷尔 and 恩·科根."""
    assert "理查德·科雷尔" in names("就在他声称俄罗斯和中国正在进行地下核爆炸的前一天，特朗普提名的美国战略司令部司令、"
                              "海军中将理查德·科雷尔告诉国会，“中国和俄罗斯都没有进行过核爆炸试验。”", ("Person",))
    assert "布赖恩·科根" in names("充当外国政府代理人的指控可能令人联想到间谍活动，但主审法官布赖恩·科根裁定，"
                             "任何涉及间谍的表述都不得在法庭上引用。", ("Person",))


def test_a_known_person_is_cut_out_of_the_word_the_tagger_ran_on_into():
    """BBC, November 2025 (eval/entities-dev-2025-11), and RFI, April 2022
    (eval/bulletins-dev4-2022): 比|特朗普 and 习近平|原有 name 特朗普 and 习近平."""
    assert names("他在韩国的停留时间比特朗普更长，这对中国而言是一次重大的外交机会。", ("Person",)) == ["特朗普"]
    assert names("文章指出，西方面对俄乌战争的强烈反应更坚定了习近平原有的实现中国科技自主、打造反制裁盾牌的决心。", ("Person",)) == ["习近平"]


def test_a_body_keeps_the_first_character_jieba_could_not_place():
    """RTHK and RFI, April 2022 (eval/bulletins-dev4-2022, eval/bulletins-dev3-2022): jieba
    cuts an unknown name into single characters tagged adjective or direction (大|韩|航空,
    洋|泾|街道); the mending took them for words before the name."""
    text = ("當局表示，大韓航空營運於本月2日由南韓首爾飛抵本港的航班KE607，有3名乘客經抵港檢測呈陽性，衞生署引用"
            "《預防及控制疾病（規管跨境交通工具及到港者）規例》（第599H章），禁止大韓航空營運的客機在今日至本月10日期間從首爾着陸香港。")
    assert "大韩航空" in names(text, ("Organization",))
    assert "洋泾街道办事处" in names("上海市纪委周五通报，浦东新区三名处级干部因疫情防控不力被免职，具体为浦东新区北蔡镇党委书记蔡永强、"
                              "镇长徐建军，以及洋泾街道办事处副主任黄伟。", ("Organization",))


def test_a_body_before_its_heads_title_is_whole():
    """Kyodo and NYT, November 2025 (eval/gold): 局长 shares its 局 with the bureau before it
    (国家安全保障局|长), and 司令 opens 司令部 rather than ending the command's name."""
    assert "国家安全保障局" in names("17:15 会见国家安全保障局长市川惠一、内阁情报官原和也。", ("Organization",))
    assert "美国战略司令部" in names("但这一说法遭到了许多核专家以及特朗普自己提名的美国战略司令部司令的反对，"
                               "该司令部负责美国陆基、海基和轰炸机发射的核武器。", ("Organization",))


def test_a_body_named_with_and_inside_is_one_body():
    """NYT, November 2025 (eval/gold, eval/entities-dev-2025-11), and April 2022
    (eval/bulletins-dev-2022): 与 and 及 inside a name
    (军备控制与不扩散中心, 美国公民及移民服务局) join no two bodies when what comes first names
    nothing; 路透社和法新社 and 上海民众与上海疾控中心 still part."""
    text = "“看起来他试图在纠正错误的同时保住总统的面子，”军备控制与不扩散中心执行主任、前马萨诸塞州民主党众议员约翰·蒂尔尼说。"
    assert "军备控制与不扩散中心" in names(text, ("Organization",))
    text = "美国公民及移民服务局局长约瑟夫‧埃德洛（Joseph Edlow）指出，总统已指示他对“所有来自相关国家的外籍人士的绿卡进行全面而严格的重新审查”。"
    assert "美国公民及移民服务局" in names(text, ("Organization",))
    assert "上海疾控中心" in names("近日，网路流传一段上海民众与上海疾控中心领导的对话，两人在对话中批评上海防疫措施荒腔走板，"
                             "直指防疫乱象多、专业意见不受采纳等，引发议论。", ("Organization",))


def test_a_countrys_mission_in_a_city_is_one_body():
    """BBC, November 2025 (eval/gold): 中国驻芝加哥总领事馆 is one body, not 中国 and 芝加哥."""
    text = "中国驻芝加哥总领事馆在回应简云晴的偷带指控时表示，中国要求海外公民“严格遵守当地法律法规，包括出入境相关规定”。"
    assert "中国驻芝加哥总领事馆" in names(text, ("Organization",))
    assert "芝加哥" not in names(text)


def test_a_place_opening_with_another_place_is_split_only_into_places():
    """April 2022 (eval/bulletins-dev3-2022, eval/bulletins-dev4-2022): 济南西站 is one
    place, not 济南 and 西站; 马里乌波尔 is no 马里 (Mali)."""
    assert "济南西站" in names("北京铁路局要求该列车立即中断行程，停靠山东省的济南西站后，对相关人员进行管控。", ("Place",))
    found = names("这大概是和平时期一个城市能够遭遇的最大悲剧，堪比处在二战封锁下的列宁格勒或者今天战火中的马里乌波尔。", ("Place",))
    assert "马里乌波尔" in found and "马里" not in found


def test_a_body_named_after_the_post_it_serves_is_whole():
    """Al Jazeera, April 2022 (eval/bulletins-dev4-2022), and BBC, November 2025
    (eval/gold): a title inside a body's name that goes on to 办公室 (乌克兰总统办公室,
    底特律联邦检察官办公室) is part of the name; 中国国防部长 still ends at the ministry."""
    text = ("乌克兰总统办公室顾问奥列克西·阿里斯托维奇表示，“作为联合国安理会的常任理事国，俄罗斯也是保证国之一，"
            "而今天的保证国包括德国、土耳其、以色列和中国等关键国家。”")
    assert "乌克兰总统办公室" in names(text, ("Organization",))
    assert "底特律联邦检察官办公室" in names("底特律联邦检察官办公室正在处理其他几起类似案件。", ("Organization",))
    text = ("出席“东盟+”国防部长会议的有 20 多位部长，其中包括美国战争部长皮特·黑格塞斯 (Pete Hegseth)、中国国防部长董军、"
            "印度国防部长拉杰纳特·辛格 (Rajnath Singh)、印度尼西亚国防部长杰弗里·沙姆苏丁 (Jeffri Shamsuddin) "
            "和日本国防部长小泉进次郎 (Shinjiro Koizumi)。")
    assert {"中国国防部", "董军", "小泉进次郎"} <= set(names(text))


def test_the_standing_committee_is_not_cut_at_the_title_inside_it():
    """BBC, April 2022 (the April 2022 corpus): 常委 inside 全国人大常委会 is no title."""
    text = "2021年3月，中国全国人大常委会通过《关于完善香港选举制度的决定》，强调“爱国者治港”。"
    assert any(name.endswith("全国人大常委会") for name in names(text, ("Organization",)))


def test_the_taggers_body_keeps_a_first_word_jieba_reads_as_a_verb():
    """CNA, November 2025 (eval/gold): 加中贸易理事会 (the Canada China Business Council)
    opens with 加, a verb to jieba; the tagger's span is kept as it is found."""
    assert "加中贸易理事会" in names("另外，應加中貿易理事會邀請，代表團將訪問加拿大。", ("Organization",))


def test_a_name_jieba_runs_into_the_speech_verb_is_whole():
    """RTHK, April 2022 (eval/bulletins-dev4-2022): jieba reads 陳江|正說; the tagger's
    陳江正 says."""
    text = ("廣州市國資委一級調研員陳江正說，當地國資國企連日以來支援保障疫情防控和城市運行，保障居民生活物資供應，"
            "包括重點確保白雲區、天河區和海珠區等區域各大超級市場和連鎖商店貨源充足。")
    assert "陈江正" in names(text, ("Person",))


def test_the_outlets_own_territory_named_as_home_is_a_reference_not_a_name():
    """RTHK, April 2022 (development bulletin sets): 本港 links Hong Kong as 该国 links its
    country, but names nothing; the case figure still has its place."""
    text = "本港新增3254宗新冠病毒確診個案，包括1658宗經核酸檢測陽性及1596宗經快速抗原測試呈報陽性個案。"
    doc = analyse(Article("corpus sentence", text))
    home = [m for m in doc.mentions if m.norm == "本港"]
    assert [(m.source, bool(m.ref)) for m in home] == [("anaphora", True)]


def test_a_venue_named_after_a_place_is_one_place():
    """BBC, November 2025 (eval/entities-dev-2025-11): 圣保罗大教堂 is one place, not 圣保罗
    and 大教堂."""
    found = names("一位英籍华裔牧师正致力于在圣保罗大教堂正式纪念14万名在第一次世界大战中为盟军做出贡献的华工。")
    assert "圣保罗大教堂" in found and "圣保罗" not in found


def test_a_conjunction_before_a_name_is_no_part_of_it():
    """NYT, November 2025 (eval/entities-dev-2025-11): 而当|切尼的首席助手: 当 opens a clause."""
    text = "而当切尼的首席助手刘易斯·利比因与这次泄密事件相关的伪证和妨碍司法罪被定罪时，切尼向总统施压要求赦免，并怒吼道：“你这是把负伤的好战士遗弃在战场上。"
    found = names(text, ("Person",))
    assert "切尼" in found and "当切尼" not in found


def test_a_transliterated_name_keeps_a_first_sound_the_sound_list_lacks():
    """Al Jazeera, April 2022 (eval/offices-dev-2022): the tagger's 热拉尔德·达尔马宁 is
    whole, not 拉尔德·达尔马宁; a verb before a name (称|安东尼奥) is still no part of it."""
    found = names("这由内政部长热拉尔德·达尔马宁指出，他表示，如果马克龙再次当选，那么会就科西嘉岛的自治进行辩论。", ("Person",))
    assert "热拉尔德·达尔马宁" in found and "拉尔德·达尔马宁" not in found
    assert "安东尼奥·古特雷斯" in names("他称安东尼奥·古特雷斯将访问莫斯科。", ("Person",))


def test_a_span_the_tagger_retypes_keeps_the_gazetteer_s_kind():
    """RFI, April 2022 (eval/bulletins-dev-2022): the tagger reads 湖北 in a list of provinces
    as a body; the span is not alone but retyped, a row of its own in the decision table,
    and the gazetteer's province wins."""
    doc = analyse(Article("corpus sentence", "安徽、湖北、天津等多地纷派医疗队到上海支援。"))
    assert [(m.norm, m.type) for m in doc.mentions if m.norm == "湖北"] == [("湖北", "AdministrativeArea")]


def test_a_name_is_one_kind_of_thing_throughout_the_article():
    """Kyodo, April 2022 (eval/offices-dev-2022): the tagger reads the second 奥斯汀 as a
    body; the person the article names first, more surely, is what the name is."""
    doc = analyse(Article("corpus sentence", "美国国防部长奥斯汀与中国国防部长魏凤和通电话。这是奥斯汀上任一年多以来两人首度通话。"))
    assert [m.type for m in doc.mentions if m.norm == "奥斯汀"] == ["Person", "Person"]


def test_a_seat_of_government_where_one_stands_is_a_place():
    """Chosun, November 2025 (eval/entities-dev-2025-11): 在白宫与…会谈 names the building;
    白宫声明 the body."""
    doc = analyse(Article("corpus sentence", "美国总统唐纳德·特朗普在白宫与叙利亚总统艾哈迈德·沙拉举行了首脑会谈。白宫声明则称，中国还同意。"))
    assert [m.type for m in doc.mentions if m.norm == "白宫"] == ["Place", "GovernmentOrganization"]


def test_a_given_name_of_two_joined_by_a_hyphen_is_whole():
    """Al Jazeera, April 2022 (eval/offices-dev-2022): the tagger's 让-玛丽·勒庞 is whole, not
    玛丽·勒庞 or -玛丽·勒庞 (让 is no verb here)."""
    found = names("“国民阵线”创始人让-玛丽·勒庞表示。", ("Person",))
    assert found == ["让-玛丽·勒庞"]


def test_words_after_a_title_that_no_model_reads_as_a_name_are_no_person():
    """Nov 2025 (eval/entities-dev-2025-11): 德国外长|原本应, 向中国外长|明确表达 and
    众议员|席位后: only the title rule proposes them, and each opens with a word jieba knows
    as no name."""
    for text, junk in (("德国外长原本应作为首位政府代表访华。", "原本应"),
                       ("英国已于11月6日向中国外长明确表达，任何破坏英国民主的行为都不可接受。", "明确"),
                       ("他在2012年赢得美国国会众议员席位后，便加入了科莫政府。", "席位后")):
        assert junk not in names(text, ("Person",))


def test_a_name_does_not_run_into_the_particle_after_it():
    """BBC, November 2025 (eval/entities-dev-2025-11): 起诉孙雯所依据的法律 names 孙雯."""
    assert names("然而，他的司法部对起诉孙雯所依据的法律——《外国代理人登记法》提出质疑。", ("Person",)) == ["孙雯"]
