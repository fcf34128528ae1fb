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


def test_the_paper_and_the_spokesperson_speak_for_the_body_named_before():
    from kg.kinds import extract_all

    text = ("進步派媒體《韓民族新聞》的社論指出，正如李在明向習近平所說的，「韓中經濟關係正『從垂直分工結構轉向水平合作結構』。\n"
            "該報還稱，美中兩國在峰會期間相當於「實質結束」自今年2月以來的貿易戰，但這次未觸及台灣議題。")
    doc = analyse(Article("corpus sentences", text))
    speakers = [f.args["speaker"].name for f in extract_all(doc) if f.kind == "statement"]
    assert speakers == ["韩民族新闻", "韩民族新闻"]
    text = ("商務部發言人說，此後，荷政府不顧中方多次在磋商中提出的合理訴求，沒有展示出建設性態度和行動且升級全球供應鏈危機。\n"
            "發言人指出，中方本著對全球半導體產供鏈穩定與安全的負責任態度，於11月1日宣布將對符合條件的出口予以豁免，並努力促進安世（中國）恢復供貨。")
    doc = analyse(Article("corpus sentences", text))
    speakers = {f.args["speaker"].name for f in extract_all(doc) if f.kind == "statement"}
    assert len(speakers) == 1 and "商务部" in speakers.pop()


def test_a_body_name_never_ends_with_a_preposition_and_pronoun():
    found = mentions("一位国会委员会主席指责中国正在开展“针对全美高校的广泛协同行动”，并敦促该研究生所在的密歇根大学对其实验室展开调查。", BODIES)
    assert "密歇根大学" in found and "密歇根大学对其" not in found


def test_a_latin_gloss_in_brackets_is_another_name_of_the_entity_before_it():
    doc = analyse(Article("corpus sentence", "美国智库战略与国际研究中心（CSIS）在5月份表示，在特朗普担任美国总统的第一个任期（2017年至2021年）期间，"
                                             "美中两国政府之间90多个沟通渠道中的大部分都处于停滞状态。"))
    (gloss,) = [m for m in doc.mentions if m.text == "CSIS"]
    (body,) = [m for m in doc.mentions if m.text == "战略与国际研究中心"]
    assert (gloss.type, gloss.ref) == (body.type, body.ref or body.norm)


PLACES = ("Place", "AdministrativeArea", "Country")


def test_a_place_within_a_place_is_two_places_and_pairs_of_countries_are_none():
    assert mentions("随后，他将于11月22日前往南非约翰内斯堡，参加在非洲大陆举行的首次二十国集团峰会。", PLACES)[:2] == ["南非", "约翰内斯堡"]
    assert "美中两国" not in mentions("美国智库战略与国际研究中心（CSIS）在5月份表示，在特朗普担任美国总统的第一个任期（2017年至2021年）期间，"
                                  "美中两国政府之间90多个沟通渠道中的大部分都处于停滞状态。", PLACES)


def test_a_taiwanese_outlets_bare_foreign_ministry_is_taiwans():
    from kg.extract.common import ref_of
    from kg.resolve import Resolver

    text = "外交部今天對此表達不滿，並稱已向斐濟提出嚴正交涉。"
    labels = {}
    for outlet in ("cna", "rthk"):
        doc = analyse(Article("corpus sentence", text, extra={"outlet": outlet}))
        (ministry,) = [m for m in doc.mentions if m.text == "外交部"]
        labels[outlet] = Resolver().resolve(ref_of(doc, ministry)).labels["zh-Hans"]
    assert labels == {"cna": "中华民国外交部", "rthk": "中华人民共和国外交部"}


def test_a_quotation_running_over_two_sentences_is_said_by_one_speaker():
    from kg.kinds import extract_all

    text = ("负责该案的高等法院三位法官之一的李运腾（Alex Lee）表示，检方的指控定义宽泛，但并不模糊，"
            "“基本上，任何试图结束一党专政的行为都被视为违宪。这就是他们的立场。”\n三位法官驳回了邹幸彤申请，并宣布将于1月22日开庭前一天公布裁决理由。")
    doc = analyse(Article("corpus sentences", text))
    said = [(f.args["speaker"].name, f.args["text"]) for f in extract_all(doc) if f.kind == "statement"]
    assert len(said) == 1 and said[0][0] == "李运腾"
    assert said[0][1].endswith("任何试图结束一党专政的行为都被视为违宪。这就是他们的立场")


def test_a_place_the_model_finds_inside_a_longer_word_is_the_gazetteers_place():
    doc = analyse(Article("corpus sentence", "习近平（中）、金正恩（右）与普京共同出席9月在北京天安门广场举行的阅兵式。"))
    (beijing,) = [m for m in doc.mentions if m.text == "北京"]
    assert (beijing.type, beijing.ref) == ("AdministrativeArea", "cn-110000")


def test_a_gloss_after_a_place_the_gazetteer_does_not_hold_builds():
    from kg.pipeline import process
    from kg.resolve import Resolver

    text = "明報今天刊文指出，這些跡象包括中國國家主席習近平日前宣布，深圳明年11月舉辦亞太經濟合作會議（APEC）。"
    article = Article("corpus sentence", text, extra={"outlet": "cna"})
    graph, quads, facts, doc = process(article, Resolver(), None, ner="lac")
    assert quads and any(f.kind == "statement" for f in facts)


def test_a_taiwanese_outlets_ministry_after_a_foreign_country_and_a_chain_of_titles_is_not_taiwans():
    from kg.kinds import extract_all
    from kg.resolve import Resolver

    text = ("瑞士副總統兼經濟部長帕姆蘭（Guy Parmelin）正在華府訪問，期盼能降低美國總統川普所實施的高額關稅；"
            "今年8月初，帕姆蘭與瑞士總統兼財政部長凱勒蘇特（Karin Keller-Sutter）緊急前往華府。")
    doc = analyse(Article("corpus sentence", text, extra={"outlet": "cna"}))
    offices = {(f.args["person"].name, Resolver().resolve(f.args["organization"]).labels["zh-Hans"], f.args["role"])
               for f in extract_all(doc) if f.kind == "office"}
    assert not [o for o in offices if o[1].startswith("中华民国")]
    assert ("帕姆兰", "瑞士", "副总统") in offices


def test_an_agency_that_reports_is_no_party_to_what_it_reports():
    from kg.kinds import extract_all

    doc = analyse(Article("corpus sentence", "法新社報導，帕姆蘭此行，與美國貿易代表葛里爾（Jamieson Greer）會面。"))
    assert not [f for f in extract_all(doc) if f.kind in ("meeting", "statement")]
