"""What the seed article and its translation must yield (DESIGN.md), each as SPARQL
over the graph built from the bundled sample corpus."""
from __future__ import annotations

import pytest

LEI = '?lei rdfs:label "雷海潮"@zh-Hans .'
MA = '?ma rdfs:label "马兴瑞"@zh-Hans .'
NHC = '?nhc rdfs:label "国家卫生健康委员会"@zh-Hans .'
XINJIANG = '?xj rdfs:label "新疆维吾尔自治区"@zh-Hans .'
HAINAN = '?hn rdfs:label "海南省"@zh-Hans .'
CHINA = '?cn rdfs:label "中国"@zh-Hans .'
GROUP = '?group a nkg:WorkingGroup ; rdfs:label ?groupLabel . FILTER(CONTAINS(?groupLabel, "工作组"))'
SENDER = '?sender rdfs:label "国务院联防联控机制综合组"@zh-Hans .'


def test_summary_counts_both_articles_and_no_failure(sample_build):
    _, summary, _ = sample_build
    assert summary.articles == 2
    assert summary.failures == []
    assert summary.translations == 1


def test_lei_haichao_leads_the_working_group(ask):
    assert ask(LEI + GROUP + "?lei nkg:leads ?group .")


def test_lei_haichao_holds_deputy_director_of_the_health_commission(ask):
    assert ask(LEI + NHC + """
        ?lei org:holds ?post . ?post org:postIn ?nhc ; org:role ?role ; rdfs:label "国家卫生健康委员会副主任"@zh-Hans .
        ?role skos:prefLabel "副主任"@zh-Hans .""")


def test_health_commission_written_two_ways_is_one_organisation(ask):
    assert ask(NHC + """
        ?nhc a schema:GovernmentOrganization ; skos:altLabel "中国卫生健康委"@zh-Hans , "中国卫健委"@zh-Hans .""")
    assert not ask('?x rdfs:label "中国卫健委"@zh-Hans .')
    assert not ask('?x rdfs:label "中国卫生健康委"@zh-Hans .')


def test_membership_is_attested_with_date_and_evidence(ask):
    assert ask(LEI + NHC + """
        ?m a org:Membership ; org:member ?lei ; org:organization ?nhc ; nkg:attestedOn "2022-08-12"^^xsd:date ;
           prov:wasDerivedFrom ?article ; nkg:evidence ?evidence .
        ?article a schema:NewsArticle ; schema:inLanguage "zh-Hans" .
        FILTER(STRSTARTS(?evidence, "工作组组长、中国卫生健康委副主任雷海潮指出"))""")


def test_comprehensive_group_sends_the_working_group_to_xinjiang_on_12_august(ask):
    assert ask(SENDER + GROUP + XINJIANG + """
        ?sender nkg:sends ?group . ?group nkg:sentTo ?xj .
        ?d a nkg:Dispatch ; nkg:sender ?sender ; nkg:dispatched ?group ; nkg:destination ?xj ;
           schema:startDate "2022-08-12"^^xsd:date .""")


def test_ma_xingrui_holds_party_secretary_of_xinjiang(ask):
    assert ask(MA + XINJIANG + """
        ?ma org:holds ?post . ?post org:postIn ?xj ; org:role ?role .
        ?role skos:prefLabel "党委书记"@zh-Hans .""")


def test_ma_xingrui_leads_the_regional_leading_group(ask):
    assert ask(MA + """
        ?ma nkg:leads ?g . ?g rdfs:label "新疆维吾尔自治区冠病疫情防控工作领导小组"@zh-Hans .""")


@pytest.mark.parametrize(
    "place, category, value",
    [
        (CHINA, "NewInfections", 2005),
        (CHINA, "LocalConfirmed", 646),
        (HAINAN, "LocalConfirmed", 594),
        (XINJIANG, "LocalConfirmed", 2),
        (CHINA, "LocalAsymptomatic", 1359),
        (HAINAN, "LocalAsymptomatic", 832),
        (XINJIANG, "LocalAsymptomatic", 334),
    ],
)
def test_case_reports_of_12_august_reported_by_the_health_commission(ask, place, category, value):
    var = place.split()[0]
    assert ask(place + NHC + f"""
        {var} nkg:reports ?r .
        ?r a nkg:CaseReport ; schema:observationAbout {var} ; nkg:caseCategory nkg:{category} ;
           schema:value {value} ; schema:observationDate "2022-08-12"^^xsd:date ; nkg:reportedBy ?nhc .""")


def test_no_case_report_beyond_the_seven(sample_build):
    _, _, store = sample_build
    rows = list(store.query("SELECT DISTINCT ?r WHERE { ?r a <https://w3id.org/newskg/ontology#CaseReport> }"))
    assert len(rows) == 7


def test_urumqi_is_contained_in_xinjiang(ask):
    assert ask(XINJIANG + '?u rdfs:label "乌鲁木齐市"@zh-Hans ; schema:containedInPlace ?xj .')


def test_working_group_arrived_in_urumqi(ask):
    assert ask(GROUP + """?u rdfs:label "乌鲁木齐市"@zh-Hans . ?group nkg:visits ?u .
        ?v a nkg:Visit ; schema:attendee ?group ; schema:location ?u ; schema:startDate "2022-08-12"^^xsd:date .""")


def test_article_is_based_on_tianshan_net(ask):
    assert ask("""?a a schema:NewsArticle ; schema:inLanguage "zh-Hans" ; schema:isBasedOn ?s .
        ?s rdfs:label "天山网"@zh-Hans .""")


@pytest.mark.parametrize(
    "speaker, beginning",
    [("雷海潮", "要坚决果断、以快制快推动各项工作"), ("雷海潮", "要发挥核酸筛查能力优势"),
     ("马兴瑞", "各地各部门特别是各级党政领导"), ("马兴瑞", "要强化责任落实")],
)
def test_statements_by_lei_haichao_and_ma_xingrui(ask, speaker, beginning):
    assert ask(f"""?p rdfs:label "{speaker}"@zh-Hans .
        ?q a schema:Quotation ; schema:creator ?p ; schema:text ?t ; nkg:evidence ?e .
        FILTER(STRSTARTS(STR(?t), "{beginning}"))""")


def test_article_metadata(ask):
    assert ask("""?a a schema:NewsArticle ; schema:headline "中国国务院联防联控机制派工作组赴新疆指导疫情防控" ;
        schema:datePublished "2022-08-13T03:51:00Z"^^xsd:dateTime ;
        schema:url <https://www.zaobao.com/realtime/china/story20220813-1302557> ;
        schema:publisher ?p . ?p rdfs:label "联合早报"@zh-Hans .""")


@pytest.mark.parametrize(
    "chinese, english",
    [("雷海潮", "Lei Haichao"), ("马兴瑞", "Ma Xingrui"), ("新疆维吾尔自治区", "Xinjiang"),
     ("海南省", "Hainan"), ("乌鲁木齐市", "Urumqi")],
)
def test_translation_names_land_on_the_chinese_entities(sample_build, chinese, english):
    _, _, store = sample_build
    rows = list(store.query(f"""SELECT DISTINCT ?e WHERE {{
        {{ ?e <http://www.w3.org/2000/01/rdf-schema#label> "{chinese}"@zh-Hans }}
        UNION {{ ?e <http://www.w3.org/2000/01/rdf-schema#label> "{english}"@en }}
        UNION {{ ?e <http://www.w3.org/2004/02/skos/core#altLabel> "{english}"@en }} }}"""))
    assert len(rows) == 1


def test_english_article_is_the_translation_of_the_chinese_one(ask):
    assert ask("""?en schema:inLanguage "en" ; schema:translationOfWork ?zh . ?zh schema:inLanguage "zh-Hans" .""")


def test_translated_facts_merge_with_both_articles_as_sources(ask):
    assert ask(HAINAN + """?r schema:observationAbout ?hn ; schema:value 594 ;
        prov:wasDerivedFrom ?zh , ?en . ?zh schema:inLanguage "zh-Hans" . ?en schema:inLanguage "en" .""")
    assert ask(SENDER + """?d a nkg:Dispatch ; nkg:sender ?sender ; prov:wasDerivedFrom ?zh , ?en .
        ?zh schema:inLanguage "zh-Hans" . ?en schema:inLanguage "en" .""")


def test_english_facts_sit_in_the_english_articles_named_graph(sample_build):
    _, _, store = sample_build
    rows = list(store.query("""PREFIX schema: <https://schema.org/> PREFIX org: <http://www.w3.org/ns/org#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?g WHERE { GRAPH ?g { ?g schema:inLanguage "en" . ?m a org:Membership ; org:member ?p .
          ?p rdfs:label "雷海潮"@zh-Hans } }"""))
    assert len(rows) >= 1
